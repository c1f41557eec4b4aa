// Validation is not skipped on large input: `incident-lens analyze` on the bench-size snapshot (200,000 log events,
// 100 series × 1,440 points) with one bad value deep inside exits 2 with one line naming the file and JSON path.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import type { Snapshot } from '../../../src/core/model/snapshot';
import { largeBenchSnapshot } from '../analysis/perfLarge';

async function analyze(file: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['analyze', file], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('analyze: a deep error in a large snapshot', function () {
  this.timeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'il-large-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  let s: Snapshot;
  before(async () => {
    s = await largeBenchSnapshot();
  });

  // Each case breaks one value and returns what puts it back.
  const cases: Array<{ name: string; breakIt(s: Snapshot): () => void; line: string }> = [
    {
      name: 'last log event, impossible time',
      breakIt: (s) => {
        const e = s.logs![199_999];
        const was = e.at;
        e.at = '2026-01-14T24:10:00Z';
        return () => (e.at = was);
      },
      line: '/logs/199999/at: must be an ISO-8601 time with offset',
    },
    {
      name: 'last datapoint of the last series, a string value',
      breakIt: (s) => {
        const p = s.metrics![99].points[1439] as unknown[];
        const was = p[1];
        p[1] = 'high';
        return () => (p[1] = was);
      },
      line: '/metrics/99/points/1439/1: must be number,null',
    },
    {
      name: 'a changed file of the last deploy, missing status',
      breakIt: (s) => {
        const f = s.deploys![19].commits![49].files![1];
        const was = f.status;
        Reflect.deleteProperty(f, 'status');
        return () => (f.status = was);
      },
      line: '/deploys/19/commits/49/files/1/status: is required but missing',
    },
  ];

  it('the unbroken snapshot is accepted (the cases below fail for their one change)', async () => {
    const file = path.join(dir, 'ok.incident.json');
    writeFileSync(file, JSON.stringify(s));
    const r = await analyze(file);
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).schema, 'incident-lens/report@1');
  });

  for (const c of cases) {
    it(`${c.name}: exit 2, one line with the JSON path`, async () => {
      const undo = c.breakIt(s);
      const file = path.join(dir, 'bad.incident.json');
      try {
        writeFileSync(file, JSON.stringify(s));
      } finally {
        undo();
      }
      const r = await analyze(file);
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.equal(r.err, `incident-lens analyze: ${file}: ${c.line}\n`);
    });
  }
});
