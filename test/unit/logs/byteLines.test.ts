// The CLI's byte line reader (src/cli/byteLines.ts) and the miner's byte path: the same lines, and the same templates,
// as decoding the whole input and splitting it, wherever the read chunks happen to end.
import * as assert from 'node:assert/strict';
import { ByteLineSplitter } from '../../../src/cli/byteLines';
import { LogMiner, type MiningResult } from '../../../src/core/logs';

/** What the reader must produce: lines split at "\n", one "\r" before it dropped, no line after a final "\n". */
function expectedLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Feeds `input` in chunks cut at `cuts`, reusing one chunk buffer as the CLI does; returns the blocks' lines. */
function readInChunks(input: Buffer, cuts: number[]): string[] {
  const out: string[] = [];
  const reused = Buffer.alloc(input.length + 1);
  const splitter = new ByteLineSplitter((buf, from, to) => {
    const block = Buffer.from(buf.subarray(from, to)).toString('utf8');
    // Whole lines only: every "\n" ends one; bytes after the last one are a final line (only at the end).
    const lines = block.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const l of lines) out.push(l.endsWith('\r') ? l.slice(0, -1) : l);
  });
  let s = 0;
  for (const c of [...cuts, input.length]) {
    input.copy(reused, 0, s, c);
    splitter.push(reused.subarray(0, c - s));
    reused.fill(0x0a); // stale bytes must never be read as data
    s = c;
  }
  splitter.end();
  return out;
}

function mineText(lines: readonly string[]): MiningResult {
  const m = new LogMiner({ shapeCache: false });
  for (const l of lines) m.addLine(l);
  return m.finish();
}

function mineInChunks(input: Buffer, cuts: number[]): MiningResult {
  const m = new LogMiner();
  const reused = Buffer.alloc(input.length + 1);
  const splitter = new ByteLineSplitter((buf, from, to) => m.addLinesBytes(buf, from, to));
  let s = 0;
  for (const c of [...cuts, input.length]) {
    input.copy(reused, 0, s, c);
    splitter.push(reused.subarray(0, c - s));
    reused.fill(0x0a);
    s = c;
  }
  splitter.end();
  return m.finish();
}

const SAMPLE = [
  '2026-01-14 03:15:00 INFO served order 1 in 3 ms\r',
  '',
  '2026-01-14 03:15:01 ERROR payment failed for café 2 — 한글 😀\r',
  '    at pay (/srv/pay.js:10:5)',
  '\r',
  '2026-01-14 03:15:02 INFO served order 33 in 9 ms',
  '2026-01-14 03:15:03 ERROR payment failed for café 45 — 한글 😀',
  'Caused by: java.io.IOException: reset',
  'last line without a break 7',
].join('\n');

describe('cli: byte line reader', () => {
  const input = Buffer.from(SAMPLE, 'utf8');
  const want = expectedLines(SAMPLE);

  it('one chunk: CRLF, empty lines, UTF-8 characters, a last line without a line break', () => {
    assert.equal(want.length, 9);
    assert.deepEqual(readInChunks(input, []), want);
  });

  it('a chunk boundary at every byte: inside lines, inside multi-byte characters, between "\\r" and "\\n"', () => {
    let insideChar = 0;
    for (let k = 1; k < input.length; k++) {
      if ((input[k] & 0xc0) === 0x80) insideChar++;
      assert.deepEqual(readInChunks(input, [k]), want, `cut at ${k}`);
    }
    assert.ok(insideChar > 10, 'the sample has multi-byte characters to cut');
  });

  it('one-byte chunks, and lines longer than the carried buffer', () => {
    assert.deepEqual(readInChunks(input, Array.from({ length: input.length - 1 }, (_, i) => i + 1)), want);
    const long = `${'x'.repeat(10_000)} 1\n${'y'.repeat(20_000)}\r\nz`;
    const b = Buffer.from(long);
    assert.deepEqual(readInChunks(b, [3, 9_000, 9_999, 10_003, 25_000]), expectedLines(long));
  });

  it('edge inputs: empty, one line break, no line break, only "\\r\\n"', () => {
    for (const text of ['', '\n', 'abc', '\r\n', '\n\n', 'a\r', 'a\nb\n']) {
      const b = Buffer.from(text);
      assert.deepEqual(readInChunks(b, []), expectedLines(text), JSON.stringify(text));
      if (b.length > 1) assert.deepEqual(readInChunks(b, [1]), expectedLines(text), JSON.stringify(text));
    }
  });

  it('mined from bytes in chunks: the same templates and per-line assignments as mining the decoded lines', () => {
    const ref = mineText(want);
    assert.equal(ref.assignments.length, want.length);
    assert.deepEqual(mineInChunks(input, []), ref);
    for (let k = 1; k < input.length; k++) assert.deepEqual(mineInChunks(input, [k]), ref, `cut at ${k}`);
    // Continuation lines joined their event through the byte path too.
    assert.equal(ref.assignments[3], ref.assignments[2]);
    assert.equal(ref.assignments[7], ref.assignments[6]);
  });
});
