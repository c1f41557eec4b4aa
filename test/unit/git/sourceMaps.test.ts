// A real bundle (esbuild) that really throws (node): its trace is mapped through the source map to the TS line.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { GitRepo } from '../../../src/providers/git/gitRepo';
import { findSuspects } from '../../../src/providers/git/suspectFinder';
import { TestRepo } from './gitFixture';

const orders = (guard: boolean) => [
  'export interface Order { items?: Array<{ total: number }> }',
  '',
  'export function summary(order: Order): number {',
  '  let sum = 0;',
  guard ? '  for (const item of order.items ?? []) sum += item.total;' : '  for (const item of order.items!) sum += item.total;',
  '  return sum;',
  '}',
  '',
].join('\n');

const main = "import { summary } from './orders';\nconsole.log(summary({}));\n";

function bundle(repo: TestRepo, outfile: string, sourcemap: 'external' | 'inline'): string {
  buildSync({ entryPoints: [path.join(repo.dir, 'src/main.ts')], bundle: true, platform: 'node', outfile: path.join(repo.dir, outfile), sourcemap, logLevel: 'silent' });
  const run = spawnSync(process.execPath, [path.join(repo.dir, outfile)], { encoding: 'utf8' });
  assert.notEqual(run.status, 0, 'the bundle throws');
  return run.stderr;
}

describe('findSuspects through source maps', function () {
  this.timeout(30_000);
  let repo: TestRepo;
  let from: string;
  let bug: string;

  before(() => {
    repo = new TestRepo();
    repo.write('.gitignore', 'dist/\n').write('src/main.ts', main).write('src/orders.ts', orders(true));
    from = repo.commit('base');
    repo.write('src/orders.ts', orders(false));
    bug = repo.commit('orders: items are always there');
  });
  after(() => repo.remove());

  it('maps a frame of an uncommitted bundle in a build folder to the original TypeScript line', async () => {
    const stderr = bundle(repo, 'dist/app.js', 'external');
    assert.match(stderr, /dist\/app\.js:\d+:\d+/);
    const r = await findSuspects({ repo: new GitRepo(repo.dir), range: `${from}..${bug}`, stackText: stderr, buildDirs: ['dist'] });
    const top = r.frames[0];
    assert.equal(top.path, 'src/orders.ts');
    assert.equal(top.line, 5);
    assert.equal(top.match, 'sourcemap');
    assert.match(top.generated!.file, /dist\/app\.js$/);
    assert.equal(r.suspects[0].commit, bug);
    assert.match(r.suspects[0].reason, /changed line 5 of src\/orders\.ts \(frame #0, summary\) — direct hit/);
  });

  it('without the build folder, says how to map the bundle instead of guessing', async () => {
    const stderr = bundle(repo, 'dist/app.js', 'external');
    const r = await findSuspects({ repo: new GitRepo(repo.dir), range: `${from}..${bug}`, stackText: stderr });
    assert.equal(r.frames[0].mapped, false);
    assert.match(r.frames[0].unmappedReason!, /--build-dir/);
    assert.deepEqual(r.suspects, []);
  });

  it('reads an inline source map of a bundle committed at TO', async () => {
    const c = new TestRepo();
    try {
      c.write('src/main.ts', main).write('src/orders.ts', orders(true));
      const base = c.commit('base');
      c.write('src/orders.ts', orders(false));
      const stderr = bundle(c, 'build/app.js', 'inline');
      const to = c.commit('orders change, bundle committed');
      const r = await findSuspects({ repo: new GitRepo(c.dir), range: `${base}..${to}`, stackText: stderr });
      assert.equal(r.frames[0].path, 'src/orders.ts');
      assert.equal(r.frames[0].line, 5);
      assert.equal(r.suspects[0].commit, to);
    } finally {
      c.remove();
    }
  });
});
