import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('incident-lens pir', function () {
  this.timeout(20_000);
  let dir: string;
  let snap: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'il-pir-'));
    snap = path.join(dir, 'demo.incident.json');
    writeFileSync(snap, JSON.stringify(demoSnapshot(), null, 2));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the review', async () => {
    const c = capture();
    assert.equal(await main(['pir', snap], c.io), 0);
    assert.match(c.out.join(''), /^# Post-incident review: checkout API latency > 1000 ms$/m);
    assert.match(c.out.join(''), /<!-- incident-lens:begin section=appendix -->/);
  });

  it('writes --out, then merges into it keeping human text', async () => {
    const file = path.join(dir, 'review.md');
    assert.equal(await main(['pir', snap, '--out', file], capture().io), 0);
    const first = readFileSync(file, 'utf8');
    writeFileSync(file, first.replace('## Detection\n', '## Detection\n\nCustomer support noticed first.\n'));
    const c = capture();
    assert.equal(await main(['pir', snap, '--out', file], c.io), 0);
    const merged = readFileSync(file, 'utf8');
    assert.ok(merged.includes('Customer support noticed first.'));
    assert.match(c.err.join(''), /your edits kept/);
    assert.equal(merged.match(/section=timeline/g)?.length, 1);
  });

  it('exits 2 with one line naming the file and place for bad input', async () => {
    const bad = path.join(dir, 'bad.incident.json');
    writeFileSync(bad, '{\n  "schema": "incident-lens/snapshot@1",\n  "incident": {\n');
    const cases: Array<[string[], RegExp]> = [
      [['pir', bad], /bad\.incident\.json: invalid JSON at line \d+:\d+/],
      [['pir', path.join(dir, 'missing.json')], /missing\.json: cannot read snapshot: no such file/],
      [['pir', snap, '--out', dir], /--out is a directory/],
      [['pir', snap, '--format', 'json'], /unknown option --format/],
      [['pir'], /missing snapshot/],
    ];
    const invalid = path.join(dir, 'invalid.incident.json');
    writeFileSync(invalid, JSON.stringify({ schema: 'incident-lens/snapshot@1', incident: { id: 'x', startedAt: '2026-01-01T00:00:00Z' } }));
    cases.push([['pir', invalid], /invalid\.incident\.json: .*incident.*title/]);
    for (const [argv, want] of cases) {
      const c = capture();
      assert.equal(await main(argv, c.io), 2, argv.join(' '));
      assert.equal(c.err.length, 1, argv.join(' '));
      assert.match(c.err[0], want);
      assert.doesNotMatch(c.err[0], /\n\s+at /);
    }
  });

  it('does not touch an existing review when the snapshot is bad', async () => {
    const file = path.join(dir, 'keep.md');
    writeFileSync(file, 'my notes\n');
    assert.equal(await main(['pir', path.join(dir, 'nope.json'), '--out', file], capture().io), 2);
    assert.equal(readFileSync(file, 'utf8'), 'my notes\n');
  });
});
