// `incident-lens demo`: a real git repository whose history, line numbers and patches agree with its snapshot.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { makeDemoWorkspace } from '../../../src/cli/commands/demo';
import { loadConfig } from '../../../src/core/config/loadConfig';
import { validateSnapshot } from '../../../src/core/schema';
import { GitDeploys } from '../../../src/providers/git/gitDeploys';

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();

describe('demo workspace', function () {
  this.timeout(20_000);
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'demo-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('builds a repository whose tags, shas, patches and stack-trace lines match the snapshot', async () => {
    const dir = path.join(tmp, 'ws');
    const snap = await makeDemoWorkspace(dir, { onset: '2026-01-14T03:15:00Z' });
    assert.ok(validateSnapshot(JSON.parse(readFileSync(path.join(dir, 'demo.incident.json'), 'utf8'))).ok);
    const [v240, v241] = snap.deploys!;
    assert.equal(git(dir, 'rev-parse', 'v2.4.0^{commit}'), v240.ref);
    assert.equal(git(dir, 'rev-parse', 'v2.4.1^{commit}'), v241.ref);
    assert.equal(v241.previousRef, v240.ref);
    assert.deepEqual(v241.commits!.map((c) => c.sha), git(dir, 'rev-list', '--reverse', 'v2.4.0..v2.4.1').split('\n'));
    const patch = git(dir, 'show', '--format=', v241.commits![0].sha, '--', 'src/orders.js');
    assert.equal(v241.commits![0].files![0].path, 'src/orders.js');
    assert.ok(patch.endsWith(v241.commits![0].files![0].patch!.trim()), 'snapshot patch is the repository patch');
    assert.equal(git(dir, 'status', '--porcelain'), '?? demo.incident.json');
    // Every frame of the snapshot's stack traces in our sources points at an `await` call on that line and column.
    const frames = new Set<string>();
    for (const l of snap.logs!) for (const m of l.message.matchAll(/\/var\/task\/(src\/[\w.]+):(\d+):(\d+)/g)) frames.add(`${m[1]}:${m[2]}:${m[3]}`);
    assert.ok(frames.size >= 2);
    for (const f of frames) {
      const [file, line, col] = f.split(':');
      const text = git(dir, 'show', `v2.4.1:${file}`).split('\n')[Number(line) - 1];
      assert.match(text.slice(Number(col) - 1), /^await \w+/, `${f}: ${text}`);
    }
    assert.equal(loadConfig(readFileSync(path.join(dir, '.incident-lens.yaml'), 'utf8')).service, 'checkout-api');

    // Without GitHub, the local git tags give the same deploys, commits and patches.
    const window = { start: '2026-01-14T01:15:00Z', end: '2026-01-14T04:00:00Z' };
    const fromTags = await new GitDeploys(dir, { from: 'tags', tagPattern: 'v2.*' }).listDeploys(window);
    assert.deepEqual(fromTags.gaps, []);
    assert.deepEqual(fromTags.items.map((d) => [d.id, d.at, d.ref, d.previousRef]), snap.deploys!.map((d) => [d.id, d.at, d.ref, d.previousRef]));
    assert.deepEqual(fromTags.items[1].commits, v241.commits);
    const fromMerges = await new GitDeploys(dir, { from: 'merges', branch: 'main' }).listDeploys(window);
    assert.deepEqual(fromMerges.items.map((d) => d.ref), [v240.ref, ...v241.commits!.map((c) => c.sha)]);
    const broken = await new GitDeploys(path.join(tmp, 'nowhere'), { from: 'tags' }).listDeploys(window);
    assert.match(broken.gaps[0], /^deploys: local git tags not read: /);
  });

  it('replaces its own previous workspace but refuses a non-empty other directory', async () => {
    const dir = path.join(tmp, 'again');
    const out: string[] = [];
    const errs: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => errs.push(t) };
    assert.equal(await main(['demo', dir, '--onset', '2026-01-14T03:15:00Z'], io), 0);
    assert.equal(await main(['demo', dir, '--onset', '2026-01-14T03:15:00Z'], io), 0);
    assert.match(out[1], /Demo workspace: .*again\n[\s\S]*Next:/);
    const other = path.join(tmp, 'project');
    mkdirSync(other);
    writeFileSync(path.join(other, 'notes.txt'), 'mine');
    assert.equal(await main(['demo', other], io), 2);
    assert.match(errs[0], /^incident-lens demo: .*project: directory is not empty and is not a demo workspace/);
    assert.equal(readFileSync(path.join(other, 'notes.txt'), 'utf8'), 'mine');
  });
});
