// The shape cache (shape.ts) is a shortcut only: with it the miner must give exactly the clusters it gives without it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DrainMiner, LogMiner, mineMessages, type MiningResult } from '../../../src/core/logs';
import { ShapeCache } from '../../../src/core/logs/shape';
import { loghubDir, LOGHUB_SYSTEMS, readSystem } from './loghub';

function shapeOf(text: string): string {
  const c = new ShapeCache();
  c.shapeText(text, 0, text.length);
  return `${c.hi}:${c.lo}`;
}

function shapeOfBytes(text: string): string {
  const c = new ShapeCache();
  const b = Buffer.from(`xx${text}yy`, 'utf8');
  c.shapeBytes(b, 2, b.length - 2);
  return `${c.hi}:${c.lo}`;
}

function mineLines(lines: readonly string[], shapeCache: boolean): MiningResult {
  const m = new LogMiner({ shapeCache });
  for (const l of lines) m.addLine(l);
  return m.finish();
}

/** A seeded stream that keeps changing the tree: templates that generalise, new words, stack traces, long lists. */
function* synthetic(n: number, seed = 1): Generator<string> {
  let x = seed >>> 0 || 1;
  const rnd = (k: number): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % k;
  };
  const users = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace'];
  const verbs = ['opened', 'closed', 'deleted', 'renamed', 'shared'];
  for (let i = 0; i < n; i++) {
    const ts = `2026-01-${String(1 + rnd(28)).padStart(2, '0')}T${rnd(24)}:${rnd(60)}:${rnd(60)}.${rnd(1000)}Z`;
    switch (rnd(9)) {
      case 0:
        yield `${ts} INFO user ${users[rnd(users.length)]} ${verbs[rnd(verbs.length)]} file /data/${rnd(50)}/f${rnd(9)}.txt in ${rnd(900)} ms`;
        break;
      case 1:
        yield `${ts} WARN cache miss for key ${rnd(16) < 8 ? `k${rnd(99999)}` : `0x${rnd(1 << 30).toString(16)}`}`;
        break;
      case 2:
        yield `${ts} ERROR payment ${rnd(100000)} failed: ${['timeout', 'declined', 'fraud check'][rnd(3)]}`;
        if (rnd(2) === 0) yield `    at pay (/srv/pay.js:${rnd(99)}:${rnd(40)})`;
        if (rnd(3) === 0) yield `Caused by: java.io.IOException: reset ${rnd(5)}`;
        break;
      case 3:
        yield `${ts} INFO batch ${Array.from({ length: 1 + rnd(6) }, () => rnd(1000)).join(' ')} done   in  ${rnd(9)}s`;
        break;
      case 4:
        yield `${users[rnd(users.length)]} ${verbs[rnd(verbs.length)]} ${rnd(7)} items from ${rnd(255)}.${rnd(255)}.0.${rnd(255)}:${rnd(65535)}`;
        break;
      case 5:
        yield `${ts} DEBUG node-${rnd(40)} state ${['UP', 'DOWN', 'DRAINING'][rnd(3)]} after ${rnd(100)} checks`;
        break;
      case 6:
        yield `${ts} INFO request ${rnd(3) === 0 ? '"GET /a"' : `id=${rnd(99)}`} from user=${rnd(2) === 0 ? '"bob"' : users[rnd(users.length)]} -${rnd(9)}`;
        break;
      case 7:
        yield rnd(4) === 0 ? '' : `${ts} INFO tick ${rnd(10)} ${'é'.repeat(rnd(3))}${rnd(100)} 한글 ${rnd(2) === 0 ? 'ok' : 'okay'}`;
        break;
      default:
        yield `${rnd(1e6)} ${rnd(1e6)} ${rnd(99)} INFO dfs.DataNode$PacketResponder: PacketResponder ${rnd(3)} for block blk_${rnd(2) ? '-' : ''}${rnd(1e9)} terminating`;
    }
  }
}

describe('logs: shape cache', function () {
  this.timeout(60_000);

  it('shapes ignore digit values, digit-run lengths and space-run lengths, and nothing else', () => {
    assert.equal(shapeOf('081109 203615 148 INFO blk_-1608 size 67108864'), shapeOf('1 2 3 INFO blk_-9 size 0'));
    assert.equal(shapeOf('took 12ms   on  node7'), shapeOf('took 123456ms on node0'));
    assert.notEqual(shapeOf('took 12ms'), shapeOf('took 12s'));
    assert.notEqual(shapeOf('blk_-12'), shapeOf('blk_12'));
    assert.notEqual(shapeOf('user alice'), shapeOf('user alicf'));
    assert.notEqual(shapeOf('a 1'), shapeOf('a 1 '));
    assert.notEqual(shapeOf('a 1'), shapeOf('a1'));
    assert.notEqual(shapeOf('a1b'), shapeOf('a1 b'));
    assert.notEqual(shapeOf('x\t1'), shapeOf('x 1'));
    assert.notEqual(shapeOf('0x7f'), shapeOf('0x7e'), 'hex letters are letters');
    assert.notEqual(shapeOf('café'), shapeOf('cafe'));
    assert.notEqual(shapeOf(''), shapeOf(' '));
    // Around non-ASCII text too, wherever it falls.
    assert.equal(shapeOf('é 12 x 3'), shapeOf('é 3 x 45678'));
    assert.equal(shapeOf('ab é 1  2'), shapeOf('ab é 999 3'));
    assert.notEqual(shapeOf('ab é 1'), shapeOf('ab è 1'));
  });

  it('ASCII bytes shape as their text; non-ASCII text never shares a shape with different bytes', () => {
    for (const s of ['081109 203615 148 INFO blk_-1608', '', 'a', 'ab', 'a 1', 'a  b\tc', '[WARN] x=1', '12  34 ']) assert.equal(shapeOfBytes(s), shapeOf(s));
    const c = new ShapeCache();
    c.shapeBytes(Uint8Array.of(0xe9), 0, 1); // invalid UTF-8: decodes to U+FFFD
    const raw = `${c.hi}:${c.lo}`;
    assert.notEqual(raw, shapeOf('é'));
    assert.notEqual(raw, shapeOf('\ufffd'));
  });

  it('stays bounded: a full table starts again empty, and lookups never return another shape\'s entry', () => {
    const c = new ShapeCache(4);
    for (let i = 0; i < 50; i++) {
      const t = `shape ${'x'.repeat(i)}`;
      c.shapeText(t, 0, t.length);
      assert.equal(c.find(), -1, `fresh shape ${i}`);
      c.set(i, i * 10);
      const slot = c.find();
      assert.ok(slot >= 0);
      assert.equal(c.clusterAt(slot), i);
      assert.equal(c.versionAt(slot), i * 10);
    }
    // At most 4 of the 50 are still held.
    let held = 0;
    for (let i = 0; i < 50; i++) {
      const t = `shape ${'x'.repeat(i)}`;
      c.shapeText(t, 0, t.length);
      const slot = c.find();
      if (slot >= 0) {
        held++;
        assert.equal(c.clusterAt(slot), i);
      }
    }
    assert.ok(held >= 1 && held <= 4, `held ${held}`);
  });

  it('grows from a small table up to its capacity, keeping every entry on the way', () => {
    const c = new ShapeCache(2000);
    // Letters only: digits would collapse into one shape.
    const word = (i: number): string => i.toString(26).replace(/./g, (d) => String.fromCharCode(97 + parseInt(d, 26)));
    const put = (i: number): void => {
      const t = `line ${word(i)} x`;
      c.shapeText(t, 0, t.length);
      c.set(i, 7 * i);
    };
    const held = (i: number): boolean => {
      const t = `line ${word(i)} x`;
      c.shapeText(t, 0, t.length);
      const slot = c.find();
      if (slot >= 0) assert.deepEqual([c.clusterAt(slot), c.versionAt(slot)], [i, 7 * i]);
      return slot >= 0;
    };
    for (let i = 0; i < 1500; i++) put(i);
    for (let i = 0; i < 1500; i++) assert.ok(held(i), `entry ${i} kept through growth`);
    for (let i = 1500; i < 6000; i++) put(i);
    let n = 0;
    for (let i = 0; i < 6000; i++) if (held(i)) n++;
    assert.ok(n >= 1 && n <= 2000, `held ${n}`);
  });

  it('a leaf that changed since is not reused', () => {
    const d = new DrainMiner();
    const a = d.add('user alice logged in');
    const v = d.versionOf(a);
    assert.equal(d.reuse(a, v), true);
    assert.equal(d.clusters[a].size, 2);
    d.add('user bob logged in'); // generalises the template: the leaf changes
    assert.equal(d.reuse(a, v), false);
    assert.equal(d.clusters[a].size, 3);
    const v2 = d.versionOf(a);
    assert.equal(d.reuse(a, v2), true);
    d.add('user carol logged out'); // same leaf (same length and first word), too different: a new cluster there
    assert.equal(d.clusters.length, 2);
    assert.equal(d.reuse(a, v2), false);
    d.add('disk full'); // another leaf
    assert.equal(d.reuse(a, d.versionOf(a)), true);
  });

  for (const system of LOGHUB_SYSTEMS) {
    it(`${system}: identical clusters with and without the cache (messages, raw lines, raw bytes)`, () => {
      const { contents, raw } = readSystem(system);
      assert.deepEqual(mineMessages(contents), mineMessages(contents, { shapeCache: false }));
      const plain = mineLines(raw, false);
      assert.deepEqual(mineLines(raw, true), plain);
      const bytes = readFileSync(path.join(loghubDir(), system, `${system}_2k.log`));
      const m = new LogMiner();
      m.addLinesBytes(bytes);
      const fromBytes = m.finish();
      // The raw file may hold empty lines that the reference list dropped; compare on the same lines.
      const lines = bytes.toString('utf8').split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      assert.deepEqual(fromBytes, mineLines(lines.map((l) => l.replace(/\r$/, '')), false));
    });
  }

  it('a synthetic stream that keeps changing the tree: identical clusters, from text and from bytes', () => {
    const lines = [...synthetic(60_000, 42)];
    const cached = mineLines(lines, true);
    assert.deepEqual(cached, mineLines(lines, false));
    assert.ok(cached.templates.length >= 8, `${cached.templates.length} templates`);
    // Through bytes too, in one block.
    const m = new LogMiner();
    m.addLinesBytes(Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
    assert.deepEqual(m.finish(), cached);
  });

  it('streams where shapes rarely repeat (the cache fills, starts over, rests) and then repeat again: identical clusters', () => {
    // Every hex key makes its own shape: the table fills and starts over, and the miner stops using the cache for a
    // while; then repeating shapes bring it back, and the stale entries from before must not be trusted blindly.
    const lines: string[] = [];
    const hex = (from: number, n: number): void => {
      for (let i = from; i < from + n; i++) lines.push(`cache miss for key 0x${((i * 2654435761) >>> 0).toString(16)} in ${i % 97} ms`);
    };
    hex(0, 150_000);
    for (let i = 0; i < 100_000; i++) lines.push(i % 3 ? `cache miss for key k${i} in ${i % 7} ms` : `user u${i % 5} logged in from 10.0.0.${i % 250}`);
    hex(150_000, 20_000);
    for (let i = 0; i < 20_000; i++) lines.push(`cache miss for key 0x1f in ${i} ms`);
    const plain = mineLines(lines, false);
    assert.deepEqual(mineLines(lines, true), plain);
    const m = new LogMiner();
    m.addLinesBytes(Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
    assert.deepEqual(m.finish(), plain);
  });
});
