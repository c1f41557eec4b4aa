// `incident-lens logs patterns`: output shapes, --assign per input line, exit 2 with one clear line on bad input.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';

function capture(): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => (out += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => (err += t.endsWith('\n') ? t : `${t}\n`),
    stdout: () => out,
    stderr: () => err,
  };
}

describe('cli: logs patterns', function () {
  this.timeout(20_000);
  let dir: string;
  let file: string;
  const lines = [
    '2026-01-14 03:15:00 INFO served order 1 in 3 ms',
    '2026-01-14 03:15:01 ERROR payment failed for order 2',
    '    at pay (/srv/pay.js:10:5)',
    '2026-01-14 03:15:02 INFO served order 3 in 9 ms',
    '2026-01-14 03:15:03 INFO served order 4 in 1 ms',
    '2026-01-14 03:15:04 ERROR payment failed for order 5',
    '2026-01-14 03:15:05 INFO served order 6 in 2 ms',
  ];
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'il-logs-'));
    file = path.join(dir, 'app.log');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints templates with counts, most frequent first (json)', async () => {
    const io = capture();
    assert.equal(await main(['logs', 'patterns', file], io), 0);
    const doc = JSON.parse(io.stdout());
    assert.equal(doc.lines, 7);
    assert.deepEqual(doc.templates.map((t: { template: string; count: number }) => [t.template, t.count]), [
      ['served order <*> in <*> ms', 4],
      ['payment failed for order <*>', 3],
    ]);
    assert.equal(doc.templates[1].hasStackTrace, true);
    assert.match(doc.templates[0].id, /^t[0-9a-f]{10}$/);
  });

  it('jsonl: one template per line', async () => {
    const io = capture();
    assert.equal(await main(['logs', 'patterns', file, '--format', 'jsonl'], io), 0);
    const rows = io.stdout().trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, 2);
    assert.deepEqual(Object.keys(rows[0]).sort(), ['count', 'hasStackTrace', 'id', 'template']);
  });

  it('--assign: one {"line", "pattern"} per input line, continuation lines with their event', async () => {
    const io = capture();
    assert.equal(await main(['logs', 'patterns', file, '--assign'], io), 0);
    const rows = io.stdout().trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, lines.length);
    rows.forEach((r, i) => assert.deepEqual(Object.keys(r), ['line', 'pattern']) === undefined && assert.equal(r.line, i + 1));
    const p = rows.map((r) => r.pattern);
    assert.equal(p[0], p[3]);
    assert.equal(p[0], p[4]);
    assert.equal(p[1], p[2], 'the stack frame takes its event pattern');
    assert.equal(p[1], p[5]);
    assert.notEqual(p[0], p[1]);
    // Ids are those of the final templates.
    const io2 = capture();
    await main(['logs', 'patterns', file], io2);
    const ids = JSON.parse(io2.stdout()).templates.map((t: { id: string }) => t.id);
    assert.ok(p.every((x) => ids.includes(x)));
  });

  it('--assign maps early lines to the final template after it generalised', async () => {
    const f = path.join(dir, 'evolve.log');
    writeFileSync(f, 'user alice logged in from web\nuser bob logged in from web\nuser carol logged in from web\n');
    const io = capture();
    await main(['logs', 'patterns', f, '--assign'], io);
    const p = io.stdout().trim().split('\n').map((l) => JSON.parse(l).pattern);
    assert.equal(new Set(p).size, 1);
  });

  it('an empty file gives no templates', async () => {
    const f = path.join(dir, 'empty.log');
    writeFileSync(f, '');
    const io = capture();
    assert.equal(await main(['logs', 'patterns', f], io), 0);
    assert.deepEqual(JSON.parse(io.stdout()).templates, []);
  });

  // Half the bytes are multi-byte characters; the first line's length is chosen so that a 256 KiB boundary (the
  // reader's chunk size) falls inside a character, and line lengths vary so other boundaries fall inside lines.
  const CHUNK = 256 * 1024;
  const N = 9000;
  const build = (pad: number): Buffer => {
    const big: string[] = [];
    for (let i = 0; i < N; i++) big.push(i % 3 === 0 ? `user ${i === 0 ? '7'.repeat(pad) : i} logged in from cafééééé` : `cache miss 😀😀😀😀 for key k${i}${i % 7 === 0 ? '\r' : ''}`);
    return Buffer.from(big.join('\n'));
  };
  const splitsChar = (b: Buffer): boolean => {
    for (let k = CHUNK; k < b.length; k += CHUNK) if ((b[k] & 0xc0) === 0x80) return true;
    return false;
  };
  const chunky = (): Buffer => {
    let pad = 1;
    while (!splitsChar(build(pad))) pad++;
    return build(pad);
  };

  it('reads a file of many read chunks: lines and UTF-8 characters split across chunks, no final line break', async () => {
    const f = path.join(dir, 'big.log');
    writeFileSync(f, chunky());
    const io = capture();
    assert.equal(await main(['logs', 'patterns', f, '--assign'], io), 0);
    const rows = io.stdout().trim().split('\n').map((l) => JSON.parse(l) as { line: number; pattern: string });
    assert.equal(rows.length, N);
    assert.equal(new Set(rows.map((r) => r.pattern)).size, 2);
    for (const r of rows) assert.equal(r.pattern, rows[(r.line - 1) % 3 === 0 ? 0 : 1].pattern, `line ${r.line}`);
    const json = capture();
    assert.equal(await main(['logs', 'patterns', f], json), 0);
    const templates = (JSON.parse(json.stdout()) as { templates: { template: string }[] }).templates.map((t) => t.template).sort();
    assert.deepEqual(templates, ['cache miss 😀😀😀😀 for key <*>', 'user <*> logged in from cafééééé']);
  });

  it('reads standard input (a real pipe) exactly as the same file', async () => {
    const input = chunky();
    const f = path.join(dir, 'same.log');
    writeFileSync(f, input);
    const cli = path.resolve(__dirname, '../../../src/cli/main.js');
    const piped = spawnSync(process.execPath, [cli, 'logs', 'patterns', '-', '--assign'], { input, encoding: 'utf8' });
    assert.equal(piped.status, 0, piped.stderr);
    const io = capture();
    assert.equal(await main(['logs', 'patterns', f, '--assign'], io), 0);
    assert.equal(piped.stdout.trim().split('\n').length, N);
    assert.equal(piped.stdout, io.stdout());
  });

  const bad: [string, string[], RegExp][] = [
    ['a missing file', ['no-such.log'], /no-such\.log: cannot read log file: no such file/],
    ['a directory', ['.'], /: cannot read log file: is a directory/],
    ['no file', [], /missing log file/],
    ['a bad format', ['FILE', '--format', 'xml'], /--format must be one of json, jsonl/],
    ['an unknown option', ['FILE', '--fast', 'yes'], /unknown option --fast/],
  ];
  for (const [what, args, message] of bad) {
    it(`exit 2 with one line for ${what}`, async () => {
      const io = capture();
      const code = await main(['logs', 'patterns', ...args.map((a) => (a === 'FILE' ? file : a === '.' ? dir : a))], io);
      assert.equal(code, 2);
      assert.equal(io.stdout(), '');
      const err = io.stderr();
      assert.equal(err.trim().split('\n').length, 1, err);
      assert.match(err, message);
      assert.doesNotMatch(err, /\n\s+at /);
    });
  }
});
