import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PatchError } from '../../../src/core/llm/patchDiff';
import { gitRunner } from '../../../src/providers/git/gitCli';
import { PatchApplier, PatchConflictError } from '../../../src/providers/git/patchApply';

const ORDERS = ['function total(order) {', '  let sum = 0;', '  for (const item of order.items) {', '    sum += item.price;', '  }', '  return sum;', '}', ''].join('\n');
const CONFIG = ['module.exports = {', '  timeoutMs: 1000,', '  retries: 3,', '};', ''].join('\n');

/** Changes orders.js (hunk 1) and config.js (hunk 1). */
const PATCH = [
  '--- a/src/orders.js',
  '+++ b/src/orders.js',
  '@@ -3,3 +3,3 @@ function total(order) {',
  '   for (const item of order.items) {',
  '-    sum += item.price;',
  '+    sum += item.price * item.quantity;',
  '   }',
  '--- a/src/config.js',
  '+++ b/src/config.js',
  '@@ -2,2 +2,2 @@ module.exports = {',
  '-  timeoutMs: 1000,',
  '+  timeoutMs: 250,',
  '   retries: 3,',
  '',
].join('\n');

describe('LLM patches: applying with the real git CLI', function () {
  this.timeout(20_000);
  let repo: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } }).trim();
  const read = (p: string) => readFileSync(path.join(repo, p), 'utf8');
  const write = (p: string, text: string) => writeFileSync(path.join(repo, p), text);
  const applier = () => new PatchApplier(gitRunner(repo), repo);
  /** Every file's bytes and git's view of the tree, to prove "unchanged". */
  const state = () => ({ orders: read('src/orders.js'), config: read('src/config.js'), status: git('status', '--porcelain=v1', '--untracked-files=all'), index: git('ls-files', '-s') });

  beforeEach(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'lens-patch-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 'Test');
    mkdirSync(path.join(repo, 'src'));
    write('src/orders.js', ORDERS);
    write('src/config.js', CONFIG);
    git('add', '.');
    git('commit', '-qm', 'init');
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('checks, then applies a clean patch to the working tree (not the index)', async () => {
    assert.deepEqual(await applier().check(PATCH), []);
    const res = await applier().apply(PATCH);
    assert.deepEqual(res, { files: ['src/orders.js', 'src/config.js'], threeWay: false });
    assert.match(read('src/orders.js'), /sum \+= item\.price \* item\.quantity;/);
    assert.match(read('src/config.js'), /timeoutMs: 250,/);
    assert.equal(git('status', '--porcelain=v1'), 'M src/config.js\n M src/orders.js'.trim());
  });

  it('reports a conflict by file and hunk and leaves every file unchanged, including the one that would apply', async () => {
    write('src/config.js', CONFIG.replace('timeoutMs: 1000', 'timeoutMs: 5000'));
    git('commit', '-qam', 'someone else changed the timeout');
    const before = state();
    const conflicts = await applier().check(PATCH);
    assert.deepEqual(conflicts, [{ file: 'src/config.js', hunk: 1, message: 'does not match the current file at line 2' }]);
    await assert.rejects(applier().apply(PATCH), (e: unknown) => e instanceof PatchConflictError && /src\/config\.js hunk 1: does not match the current file at line 2.*Nothing was changed/.test(e.message));
    assert.deepEqual(state(), before);
  });

  it('leaves a file with uncommitted changes untouched when the patch does not apply on top of them', async () => {
    write('src/orders.js', ORDERS.replace('sum += item.price;', 'sum += item.price + item.tax; // local work'));
    const before = state();
    await assert.rejects(applier().apply(PATCH), (e: unknown) => e instanceof PatchConflictError && e.conflicts[0].file === 'src/orders.js' && e.conflicts[0].hunk === 1);
    assert.deepEqual(state(), before);
    assert.match(read('src/orders.js'), /local work/);
  });

  it('applies on top of uncommitted changes elsewhere in the file, keeping them', async () => {
    write('src/orders.js', `// local note\n${ORDERS}`);
    await applier().apply(PATCH);
    assert.equal(read('src/orders.js'), `// local note\n${ORDERS.replace('sum += item.price;', 'sum += item.price * item.quantity;')}`);
  });

  it('creates and deletes files; refuses to create one that exists', async () => {
    const create = '--- /dev/null\n+++ b/src/cache.js\n@@ -0,0 +1 @@\n+module.exports = new Map();\n';
    await applier().apply(create);
    assert.equal(read('src/cache.js'), 'module.exports = new Map();\n');
    await assert.rejects(applier().apply(create), (e: unknown) => e instanceof PatchConflictError && e.conflicts[0].file === 'src/cache.js' && /already exists/.test(e.conflicts[0].message));
    const del = `--- a/src/config.js\n+++ /dev/null\n@@ -1,4 +0,0 @@\n${CONFIG.trimEnd().split('\n').map((l) => `-${l}`).join('\n')}\n`;
    await applier().apply(del);
    assert.equal(existsSync(path.join(repo, 'src/config.js')), false);
  });

  it('refuses an invalid or unsafe patch before running git', async () => {
    await assert.rejects(applier().apply('--- a/../outside.txt\n+++ b/../outside.txt\n@@ -1 +1 @@\n-a\n+b\n'), (e: unknown) => e instanceof PatchError && /leaves the repository/.test(e.message));
    await assert.rejects(applier().check('--- a/.git/config\n+++ b/.git/config\n@@ -1 +1 @@\n-a\n+b\n'), (e: unknown) => e instanceof PatchError && /inside \.git/.test(e.message));
  });

  it('refuses to run from a subdirectory, where git apply would skip paths', async () => {
    await assert.rejects(new PatchApplier(gitRunner(path.join(repo, 'src')), path.join(repo, 'src')).apply(PATCH), /apply from the repository root, not from src\//);
    assert.equal(git('status', '--porcelain=v1'), '');
  });

  it('merges against the committed version only when asked (3-way), and puts files back when the merge conflicts', async () => {
    // Staged local work changes a context line (not next to the change): a plain apply fails, a 3-way merge succeeds.
    const lines = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    write('src/letters.txt', `${lines.join('\n')}\n`);
    git('add', 'src/letters.txt');
    git('commit', '-qm', 'letters');
    const letters = '--- a/src/letters.txt\n+++ b/src/letters.txt\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n';
    write('src/letters.txt', `${lines.join('\n').replace('e', 'E (local)')}\n`);
    git('add', 'src/letters.txt');
    const plain = await applier().check(letters);
    assert.deepEqual(plain, [{ file: 'src/letters.txt', hunk: 1, message: 'does not match the current file at line 1' }]);
    const res = await applier().apply(letters, { threeWay: true });
    assert.deepEqual(res, { files: ['src/letters.txt'], threeWay: true });
    assert.equal(read('src/letters.txt'), 'a\nB\nc\nd\nE (local)\nf\ng\nh\n');

    // Staged local work on the very line the patch changes: the merge conflicts, nothing is left behind.
    git('reset', '-q', '--hard');
    write('src/config.js', CONFIG.replace('timeoutMs: 1000', 'timeoutMs: 9000'));
    git('add', 'src/config.js');
    const before = state();
    await assert.rejects(applier().apply(PATCH, { threeWay: true }), (e: unknown) => e instanceof PatchConflictError && e.conflicts.some((c) => c.file === 'src/config.js'));
    assert.deepEqual(state(), before);
    assert.doesNotMatch(read('src/config.js'), /<<<<<<<|>>>>>>>/);
  });

  it('agrees with the in-memory preview on git\'s rule that a hunk without trailing context belongs at the end', async () => {
    const noTrailing = '--- a/src/orders.js\n+++ b/src/orders.js\n@@ -3,2 +3,2 @@\n   for (const item of order.items) {\n-    sum += item.price;\n+    sum += item.price * item.quantity;\n';
    const conflicts = await applier().check(noTrailing);
    assert.deepEqual(conflicts, [{ file: 'src/orders.js', hunk: 1, message: 'does not match the current file at line 3' }]);
  });

  it('applies a CRLF patch to a CRLF file byte for byte', async () => {
    write('src/win.txt', 'one\r\ntwo\r\nthree\r\n');
    git('add', 'src/win.txt');
    git('commit', '-qm', 'crlf');
    await applier().apply('--- a/src/win.txt\r\n+++ b/src/win.txt\r\n@@ -1,3 +1,3 @@\r\n one\r\n-two\r\n+TWO\r\n three\r\n');
    assert.equal(read('src/win.txt'), 'one\r\nTWO\r\nthree\r\n');
  });
});
