// Arbitrary valid snapshots (random shapes, sizes, gaps, odd text and times) never crash the analysis and keep
// the report's invariants; the built-in demo incident is analysed as the code change it is.
import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';
import type { Snapshot } from '../../../src/core/model/snapshot';
import { validateSnapshot } from '../../../src/core/schema';
import { seededRandom } from '../../../src/core/util/random';
import { checkInvariants } from './invariants';

const WORDS = ['ERROR', 'timeout', 'deadlock', 'pool', 'upstream 503', 'ECONNRESET', 'batch job', 'feature flag', 'Throttling', 'ok', 'SELECT * FROM t', '路径', ''];
const NS = ['AWS/RDS', 'AWS/Lambda', 'Custom/App', 'AWS/DynamoDB', 'AWS/ApiGateway', ''];
const NAMES = ['Latency', 'CPUUtilization', 'Errors', 'Count', 'DatabaseConnections', 'ReadThrottleEvents', 'Weird'];

function randomSnapshot(seed: number): Snapshot {
  const r = seededRandom(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const onset = Date.parse('2026-03-01T12:00:00Z') + Math.floor(r() * 1e9);
  const iso = (t: number) => new Date(t).toISOString();
  const span = (r() < 0.2 ? 30 : 240) * 60_000;
  const s: Snapshot = { schema: 'incident-lens/snapshot@1', incident: { id: `R${seed}`, title: pick(WORDS), startedAt: iso(onset) } };
  if (r() < 0.8) {
    s.metrics = Array.from({ length: Math.floor(r() * 6) }, (_, m) => {
      const n = Math.floor(r() * 200);
      const shiftAt = onset + (r() - 0.5) * span;
      const base = r() * 1000;
      const pts = Array.from({ length: n }, (_, i) => {
        const t = onset - span + i * 60_000 * (r() < 0.1 ? 3 : 1);
        const v = r() < 0.05 ? null : (t > shiftAt ? base * (r() * 5) : base) * (1 + (r() - 0.5) * r());
        return [iso(t), v] as [string, number];
      });
      return { id: `m${m}`, namespace: pick(NS), name: pick(NAMES), unit: pick(['Milliseconds', 'Percent', 'Count', undefined as unknown as string]),
        dimensions: (r() < 0.5 ? { Region: pick(['a', 'b', 'c']) } : {}) as Record<string, string>, points: pts };
    });
  }
  if (r() < 0.8) {
    s.logs = Array.from({ length: Math.floor(r() * 300) }, () => ({
      at: iso(onset + (r() - 0.6) * span), group: pick(['/g1', '/g2']),
      message: `${pick(WORDS)} ${pick(WORDS)} ${Math.floor(r() * 1e6)}${r() < 0.1 ? '\n    at f (/app/src/x.js:1:2)' : ''}`,
    }));
  }
  if (r() < 0.7) {
    s.deploys = Array.from({ length: Math.floor(r() * 4) }, (_, d) => ({
      id: `d${d}`, at: iso(onset + (r() - 0.7) * span), ...(r() < 0.5 ? { region: pick(['a', 'b']) } : {}),
      commits: r() < 0.8 ? [{ sha: `${d}abc${seed}`, message: pick(WORDS), files: r() < 0.7 ? [{ path: pick(['src/x.js', 'db/query.sql', 'README.md']), status: 'modified' as const, patch: r() < 0.5 ? `+${pick(WORDS)}` : undefined }] : undefined }] : undefined,
    }));
  }
  if (r() < 0.5) s.changes = [{ id: 'c1', at: iso(onset - r() * span), kind: pick(['config', 'feature-flag', 'batch-job', 'infra']), description: pick(WORDS) }];
  if (r() < 0.5) s.tickets = Array.from({ length: Math.floor(r() * 5) }, (_, i) => ({ id: `T${i}`, title: pick(WORDS), openedAt: iso(onset - (i + 1) * 30 * 86_400_000), resolution: pick(WORDS) }));
  return JSON.parse(JSON.stringify(s)) as Snapshot;
}

describe('analysis robustness', function () {
  this.timeout(60_000);
  it('300 random valid snapshots: no crash, invariants hold, deterministic', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const snap = randomSnapshot(seed);
      const v = validateSnapshot(snap);
      assert.ok(v.ok, `seed ${seed} generated an invalid snapshot`);
      const report = analyse(snap);
      checkInvariants(report, `seed ${seed}`);
      if (seed % 50 === 0) assert.deepEqual(analyse(snap), report);
    }
  });

  it('the demo incident is a code change in v2.4.1 with a rollback', () => {
    const r = analyse(demoSnapshot());
    assert.equal(r.rootCause.category, 'code-change');
    assert.equal(r.suspects[0].deployId, 'v2.4.1');
    assert.ok(r.actions.some((a) => a.kind === 'rollback'));
    checkInvariants(r, 'demo');
  });
});
