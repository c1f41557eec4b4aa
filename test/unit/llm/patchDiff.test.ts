import * as assert from 'node:assert/strict';
import { formatPatch, parsePatch, PatchError } from '../../../src/core/llm/patchDiff';
import { unsafePathReason } from '../../../src/core/llm/patchPaths';
import { applyToText, restorePatch } from '../../../src/core/llm/patchText';

const ORDERS = ['function total(order) {', '  let sum = 0;', '  for (const item of order.items) {', '    sum += item.price;', '  }', '  return sum;', '}'].join('\n') + '\n';

const MODIFY = [
  '--- a/src/orders.js',
  '+++ b/src/orders.js',
  '@@ -2,4 +2,4 @@ function total(order) {',
  '   let sum = 0;',
  '   for (const item of order.items) {',
  '-    sum += item.price;',
  '+    sum += item.price * item.quantity;',
  '   }',
].join('\n') + '\n';

const throwsPatch = (fn: () => unknown, re: RegExp) => assert.throws(fn, (e: unknown) => e instanceof PatchError && re.test(e.message), `expected a PatchError matching ${re}`);

describe('LLM patches: unified diff parser', () => {
  it('parses a plain -u diff, strips a/ b/, and applies it in memory', () => {
    const p = parsePatch(MODIFY);
    assert.equal(p.files.length, 1);
    assert.equal(p.files[0].path, 'src/orders.js');
    assert.equal(p.files[0].kind, 'modify');
    assert.deepEqual({ ...p.files[0].hunks[0], lines: undefined }, { oldStart: 2, oldLines: 4, newStart: 2, newLines: 4, section: 'function total(order) {', lines: undefined });
    assert.equal(applyToText(ORDERS, p.files[0]), ORDERS.replace('sum += item.price;', 'sum += item.price * item.quantity;'));
  });

  it('writes back git form that parses to the same patch', () => {
    const p = parsePatch(MODIFY);
    const text = formatPatch(p);
    assert.match(text, /^diff --git a\/src\/orders\.js b\/src\/orders\.js\n--- a\/src\/orders\.js\n\+\+\+ b\/src\/orders\.js\n@@ -2,4 \+2,4 @@ function total/);
    assert.deepEqual(parsePatch(text), p);
  });

  it('finds a hunk whose line numbers are off, as git does, but never one whose context differs', () => {
    const shifted = MODIFY.replace('@@ -2,4 +2,4 @@', '@@ -5,4 +5,4 @@');
    assert.equal(applyToText(ORDERS, parsePatch(shifted).files[0]), ORDERS.replace('item.price;', 'item.price * item.quantity;'));
    const wrong = MODIFY.replace('   let sum = 0;', '   let total = 0;');
    throwsPatch(() => applyToText(ORDERS, parsePatch(wrong).files[0]), /hunk 1 of src\/orders\.js \(@@ -2,4 \+2,4 @@\) does not match the current file: line 2 is "  let sum = 0;", the patch expects "  let total = 0;"/);
  });

  it('follows git: a hunk without trailing context applies only at the end, one starting at line 1 only at the beginning', () => {
    const noTrailing = '--- a/src/orders.js\n+++ b/src/orders.js\n@@ -3,2 +3,2 @@\n   for (const item of order.items) {\n-    sum += item.price;\n+    sum += item.price * item.quantity;\n';
    throwsPatch(() => applyToText(ORDERS, parsePatch(noTrailing).files[0]), /hunk 1 of src\/orders\.js \(@@ -3,2 \+3,2 @@\) has no context lines after its change, so git applies it only at the end of the file/);
    const atEnd = '--- a/src/orders.js\n+++ b/src/orders.js\n@@ -6,2 +6,2 @@\n   return sum;\n-}\n+} // end\n';
    assert.match(applyToText(ORDERS, parsePatch(atEnd).files[0])!, /} \/\/ end\n$/);
    const fromOne = '--- a/src/orders.js\n+++ b/src/orders.js\n@@ -1,2 +1,2 @@\n-  let sum = 0;\n+  let sum = 0n;\n   for (const item of order.items) {\n';
    throwsPatch(() => applyToText(ORDERS, parsePatch(fromOne).files[0]), /starts at line 1, so git applies it only at the beginning of the file, where it does not match/);
  });

  it('names the hunk and line when the header counts are wrong', () => {
    throwsPatch(() => parsePatch(MODIFY.replace('@@ -2,4 +2,4 @@', '@@ -2,2 +2,4 @@')), /line 6: hunk 1 of src\/orders\.js \(@@ -2,2 \+2,4 @@, line 3\) has more old lines than its header counts \(2 old, 4 new\)/);
    // Header says 3 old lines, the hunk has 4 (a model miscounting).
    throwsPatch(() => parsePatch(MODIFY.replace('@@ -2,4 +2,4 @@', '@@ -2,3 +2,3 @@')), /line 8: hunk 1 of src\/orders\.js \(@@ -2,3 \+2,3 @@, line 3\) has more lines than its header counts \(3 old, 3 new\)/);
    // Header says 6, the diff ends after 4.
    throwsPatch(() => parsePatch(MODIFY.replace('@@ -2,4 +2,4 @@', '@@ -2,6 +2,6 @@')), /hunk 1 of src\/orders\.js \(@@ -2,6 \+2,6 @@, line 3\) ends early: the header counts 6 old and 6 new lines, the hunk has 4 and 4/);
    // A line that is neither context, removal nor addition inside a hunk.
    throwsPatch(() => parsePatch(MODIFY.replace('   }\n', '*  }\n')), /line 8: "\*  }" in hunk 1 of src\/orders\.js .* is not a context/);
    throwsPatch(() => parsePatch(MODIFY.replace('@@ -2,4 +2,4 @@', '@@ -2,x +2,4 @@')), /line 3: src\/orders\.js has no hunk/);
  });

  it('rejects hunks out of order, hunks changing nothing, and hunks before any header', () => {
    const two = `${MODIFY}@@ -1,1 +1,1 @@\n-function total(order) {\n+function total(order, opts) {\n`;
    throwsPatch(() => parsePatch(two), /hunk 2 of src\/orders\.js \(@@ -1,1 \+1,1 @@\) overlaps or precedes hunk 1/);
    throwsPatch(() => parsePatch('--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n b\n'), /changes nothing/);
    throwsPatch(() => parsePatch('@@ -1 +1 @@\n-a\n+b\n'), /line 1: "@@ -1 \+1 @@" comes before any "--- a\/file" header/);
    throwsPatch(() => parsePatch('just some prose'), /not a unified diff/);
    throwsPatch(() => parsePatch('--- a/x\n-a\n'), /line 2: expected "\+\+\+ b\/file"/);
    throwsPatch(() => parsePatch(`${MODIFY}garbage after\n`), /line 9: unexpected "garbage after" after the last hunk of src\/orders\.js/);
  });

  it('refuses paths outside the repository, absolute paths and .git', () => {
    for (const [p, re] of [
      ['../etc/passwd', /leaves the repository/],
      ['src/../../x', /leaves the repository/],
      ['/etc/passwd', /not relative/],
      ['C:/Windows/x', /not relative/],
      ['src\\x.js', /not relative/],
      ['~/.ssh/authorized_keys', /not relative/],
      ['.git/hooks/pre-commit', /inside \.git/],
      ['sub/.GIT/config', /inside \.git/],
      ['.git./config', /inside \.git/],
      ['src//x.js', /not normalised/],
    ] as const) {
      assert.match(unsafePathReason(p) ?? 'accepted', re, p);
      const diff = `--- a/${p}\n+++ b/${p}\n@@ -1 +1 @@\n-a\n+b\n`;
      throwsPatch(() => parsePatch(diff), re);
    }
    // Without prefixes, an absolute path stays absolute.
    throwsPatch(() => parsePatch('--- /etc/passwd\n+++ /etc/passwd\n@@ -1 +1 @@\n-a\n+b\n'), /not relative/);
    assert.equal(unsafePathReason('src/.github/workflows/x.yml'), undefined);
    assert.equal(unsafePathReason('.gitignore'), undefined);
  });

  it('refuses binary patches, renames, mode changes and symlinks', () => {
    throwsPatch(() => parsePatch('diff --git a/logo.png b/logo.png\nindex 1111111..2222222 100644\nGIT binary patch\nliteral 5\nabc\n'), /line 3: binary patches are not applied \(logo\.png\)/);
    throwsPatch(() => parsePatch('diff --git a/logo.png b/logo.png\nindex 1111111..2222222 100644\nBinary files a/logo.png and b/logo.png differ\n'), /binary patches are not applied/);
    throwsPatch(() => parsePatch('Binary files a/x and b/x differ\n'), /binary patches/);
    throwsPatch(() => parsePatch('diff --git a/a.js b/b.js\nsimilarity index 90%\nrename from a.js\nrename to b.js\n'), /renames and copies are not applied/);
    throwsPatch(() => parsePatch('diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n'), /mode changes are not applied/);
    throwsPatch(() => parsePatch('diff --git a/l b/l\nnew file mode 120000\n--- /dev/null\n+++ b/l\n@@ -0,0 +1 @@\n+/etc/passwd\n\\ No newline at end of file\n'), /mode 120000 \(symlink or submodule\)/);
    throwsPatch(() => parsePatch('--- a/a.js\n+++ b/b.js\n@@ -1 +1 @@\n-a\n+b\n'), /renames are not applied/);
  });

  it('handles new and deleted files', () => {
    const create = 'diff --git a/src/cache.js b/src/cache.js\nnew file mode 100644\nindex 0000000..1234567\n--- /dev/null\n+++ b/src/cache.js\n@@ -0,0 +1,2 @@\n+const cache = new Map();\n+module.exports = cache;\n';
    const c = parsePatch(create).files[0];
    assert.equal(c.kind, 'create');
    assert.equal(c.mode, '100644');
    assert.equal(applyToText(undefined, c), 'const cache = new Map();\nmodule.exports = cache;\n');
    throwsPatch(() => applyToText('exists\n', c), /src\/cache\.js already exists/);
    assert.match(formatPatch(parsePatch(create)), /^diff --git a\/src\/cache\.js b\/src\/cache\.js\nnew file mode 100644\n--- \/dev\/null\n\+\+\+ b\/src\/cache\.js\n@@ -0,0 \+1,2 @@/);
    throwsPatch(() => parsePatch('--- /dev/null\n+++ b/x\n@@ -1,0 +1,1 @@\n+a\n'), /x is created, so its one hunk must start "@@ -0,0 \+1,n @@"/);

    const del = '--- a/old.js\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a\n-b\n';
    const d = parsePatch(del).files[0];
    assert.equal(d.kind, 'delete');
    assert.equal(applyToText('a\nb\n', d), undefined);
    throwsPatch(() => applyToText('a\nb\nc\n', d), /deletes old\.js but leaves 1 of its lines/);
    throwsPatch(() => applyToText(undefined, d), /old\.js does not exist in the working tree/);
    assert.match(formatPatch(parsePatch(del)), /deleted file mode 100644\n--- a\/old\.js\n\+\+\+ \/dev\/null/);
  });

  it('honours "\\ No newline at end of file" on either side', () => {
    const addNewline = '--- a/v.txt\n+++ b/v.txt\n@@ -1 +1 @@\n-1.0\n\\ No newline at end of file\n+1.1\n';
    const f = parsePatch(addNewline).files[0];
    assert.deepEqual(f.hunks[0].lines, [{ op: '-', text: '1.0', noNewline: true }, { op: '+', text: '1.1' }]);
    assert.equal(applyToText('1.0', f), '1.1\n');
    throwsPatch(() => applyToText('1.0\n', f), /expects the file to lack a newline at its end/);
    const dropNewline = '--- a/v.txt\n+++ b/v.txt\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n\\ No newline at end of file\n';
    assert.equal(applyToText('a\nb\n', parsePatch(dropNewline).files[0]), 'a\nc');
    assert.equal(formatPatch(parsePatch(dropNewline)).endsWith('+c\n\\ No newline at end of file\n'), true);
    throwsPatch(() => parsePatch('--- a/v\n+++ b/v\n@@ -1 +1 @@\n\\ No newline at end of file\n-a\n+b\n'), /No newline at end of file" with no line before it/);
  });

  it('keeps CRLF line content and accepts CRLF headers', () => {
    const crlfFile = 'one\r\ntwo\r\nthree\r\n';
    const crlfDiff = '--- a/w.txt\r\n+++ b/w.txt\r\n@@ -1,3 +1,3 @@\r\n one\r\n-two\r\n+TWO\r\n three\r\n';
    const f = parsePatch(crlfDiff).files[0];
    assert.equal(f.path, 'w.txt');
    assert.deepEqual(f.hunks[0].lines.map((l) => l.text), ['one\r', 'two\r', 'TWO\r', 'three\r']);
    assert.equal(applyToText(crlfFile, f), 'one\r\nTWO\r\nthree\r\n');
    // An LF diff does not silently match a CRLF file.
    throwsPatch(() => applyToText(crlfFile, parsePatch(crlfDiff.replace(/\r/g, '')).files[0]), /line 1 is "one\\r", the patch expects "one"/);
  });

  it('takes an empty line inside a hunk as an empty context line, and ignores trailing blank lines', () => {
    const diff = '--- a/e.txt\n+++ b/e.txt\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n\n\n';
    const f = parsePatch(diff).files[0];
    assert.equal(applyToText('a\n\nb\n', f), 'a\n\nc\n');
  });

  it('parses several files, quoted paths and timestamps, and refuses the same file twice', () => {
    const diff = `${MODIFY}--- "a/docs/caf\\303\\251.md"\t2026-01-14 03:00:00\n+++ "b/docs/caf\\303\\251.md"\t2026-01-14 03:10:00\n@@ -1 +1 @@\n-x\n+y\n`;
    const p = parsePatch(diff);
    assert.deepEqual(p.files.map((f) => f.path), ['src/orders.js', 'docs/café.md']);
    assert.match(formatPatch(p), /diff --git "a\/docs\/caf\\303\\251\.md" "b\/docs\/caf\\303\\251\.md"/);
    assert.deepEqual(parsePatch(formatPatch(p)), p);
    throwsPatch(() => parsePatch(MODIFY + MODIFY), /src\/orders\.js appears twice/);
  });

  it('puts a multi-line secret back with the prefix on every line and recounts the hunk', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nMIIBVgIBADANBg\n-----END PRIVATE KEY-----';
    const redacted = '--- a/k.pem.js\n+++ b/k.pem.js\n@@ -1,2 +1,2 @@\n-const key = `[REDACTED_PRIVATE_KEY_1]`;\n+const key = process.env.KEY;\n x\n@@ -9,1 +9,1 @@\n-y\n+z\n';
    const restored = restorePatch(parsePatch(redacted), (t) => t.replace('[REDACTED_PRIVATE_KEY_1]', key));
    const h = restored.files[0].hunks;
    assert.deepEqual([h[0].oldLines, h[0].newLines, h[1].oldStart, h[1].newStart], [4, 2, 11, 9]);
    assert.deepEqual(h[0].lines.map((l) => l.op + l.text), ['-const key = `-----BEGIN PRIVATE KEY-----', '-MIIBVgIBADANBg', '------END PRIVATE KEY-----`;', '+const key = process.env.KEY;', ' x']);
    const file = `const key = \`${key}\`;\nx\n${'.\n'.repeat(6)}y\n`;
    assert.equal(applyToText(file, parsePatch(formatPatch(restored)).files[0]), `const key = process.env.KEY;\nx\n${'.\n'.repeat(6)}z\n`);
  });
});
