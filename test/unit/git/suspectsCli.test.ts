import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { TestRepo, numbered } from './gitFixture';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['suspects', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

describe('incident-lens suspects', function () {
  this.timeout(30_000);
  let repo: TestRepo;
  let tmp: string;
  let from: string;
  let to: string;
  let stack: string;

  before(() => {
    repo = new TestRepo();
    repo.write('handlers/orders.py', numbered(40)).write('assets/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 10, 10, 10, 10]));
    from = repo.commit('base');
    repo.write('handlers/orders.py', numbered(40, { 21: '    return rows[0]' }));
    to = repo.commit('orders: first row');
    tmp = mkdtempSync(path.join(os.tmpdir(), 'il-cli-'));
    stack = path.join(tmp, 'trace.txt');
    writeFileSync(stack, ['Traceback (most recent call last):', '  File "/srv/app/handlers/orders.py", line 21, in get', '    return rows[0]', 'IndexError: list index out of range', ''].join('\n'));
  });
  after(() => {
    repo.remove();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('prints the documented JSON: frames with file, line, path, commit and ranked suspects with frames and reason', async () => {
    const r = await cli('--repo', repo.dir, '--range', `${from}..${to}`, '--stack', stack);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.deepEqual(
      { file: json.frames[0].file, line: json.frames[0].line, path: json.frames[0].path, commit: json.frames[0].commit },
      { file: '/srv/app/handlers/orders.py', line: 21, path: 'handlers/orders.py', commit: to },
    );
    assert.deepEqual(Object.keys(json.suspects[0]).filter((k) => ['commit', 'score', 'frames', 'reason'].includes(k)).sort(), ['commit', 'frames', 'reason', 'score']);
    assert.equal(json.suspects[0].commit, to);
    assert.deepEqual(json.suspects[0].frames, [0]);
  });

  it('prints a readable text summary', async () => {
    const r = await cli('--repo', repo.dir, '--range', `${from}..${to}`, '--stack', stack, '--format', 'text');
    assert.equal(r.code, 0);
    assert.match(r.out, /most likely suspect/);
    assert.match(r.out, /changed line 21 of handlers\/orders\.py \(frame #0, get\) — direct hit/);
  });

  it('reads pathMappings from .incident-lens.yaml, and names a broken config file and line', async () => {
    const r0 = await cli('--repo', repo.dir, '--range', `${from}..${to}`, '--stack', stack);
    assert.equal(JSON.parse(r0.out).frames[0].match, 'suffix');
    repo.write('.incident-lens.yaml', 'pathMappings:\n  - from: /srv/app/\n    to: ""\n');
    try {
      const r = await cli('--repo', repo.dir, '--range', `${from}..${to}`, '--stack', stack);
      assert.equal(JSON.parse(r.out).frames[0].match, 'mapping');
      repo.write('.incident-lens.yaml', 'pathMappings:\n  - from: [unclosed\n');
      const bad = await cli('--repo', repo.dir, '--range', `${from}..${to}`, '--stack', stack);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /\.incident-lens\.yaml:\d+: not valid YAML/);
    } finally {
      rmSync(path.join(repo.dir, '.incident-lens.yaml'));
    }
  });

  it('exits 2 with one clear line for each kind of bad input', async () => {
    const empty = path.join(tmp, 'empty.txt');
    writeFileSync(empty, '');
    const cases: Array<[string[], RegExp]> = [
      [['--repo', tmp, '--range', 'a..b', '--stack', stack], /not a git repository/],
      [['--repo', repo.dir, '--range', `${from}..v9.9.9`, '--stack', stack], /unknown revision 'v9\.9\.9'/],
      [['--repo', repo.dir, '--range', to, '--stack', stack], /--range must be FROM\.\.TO/],
      [['--repo', repo.dir, '--stack', stack], /missing --range/],
      [['--repo', repo.dir, '--range', `${from}..${to}`, '--stack', empty], /empty\.txt: no stack frames found/],
      [['--repo', repo.dir, '--range', `${from}..${to}`, '--stack', path.join(tmp, 'nope.txt')], /nope\.txt: cannot read stack trace: no such file/],
      [['--repo', path.join(tmp, 'missing-dir'), '--range', 'a..b'], /no such directory/],
      [['--repo', repo.dir, '--range', `${from}..${to}`, '--stack', stack, '--format', 'xml'], /--format must be one of json, text/],
    ];
    for (const [argv, want] of cases) {
      const r = await cli(...argv);
      assert.equal(r.code, 2, `${argv.join(' ')} → ${r.err}`);
      assert.match(r.err, want);
      assert.equal(r.err.trim().split('\n').length, 1, 'one line');
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
    }
  });

  it('answers partially, naming the binary file a frame points into', async () => {
    const bin = path.join(tmp, 'bin.txt');
    writeFileSync(bin, 'Error: x\n    at a (/app/assets/logo.png:2:1)\n    at b (/app/handlers/orders.py:21:1)\n');
    const r = await cli('--repo', repo.dir, '--range', `${from}..${to}`, '--stack', bin);
    assert.equal(r.code, 0);
    const json = JSON.parse(r.out);
    assert.equal(json.frames[0].mapped, false);
    assert.match(json.frames[0].unmappedReason, /binary/);
    assert.ok(json.problems.some((p: string) => /assets\/logo\.png is a binary file/.test(p)));
    assert.equal(json.suspects[0].commit, to);
  });
});
