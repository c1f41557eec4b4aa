// Red-team round 2 (test/fixtures/rt2-*.incident.json, made by test/fixtures/generate/redteam/gen-round2.mjs): new
// situations written from the contract alone, the expected conclusion fixed before the analysis ran. They guard a
// lowered pool limit found in a diff, a release that slowed its own service before any alarm, growth over days with
// no step, a feature flag after an unrelated deploy, an alarm that only flaps, and times with mixed offsets.
import * as assert from 'node:assert/strict';
import { detectDrift } from '../../../src/core/analysis/metricFindings';
import { pointTimes } from '../../../src/core/analysis/changePoint';
import type { MetricPoint, Snapshot } from '../../../src/core/model/snapshot';
import { deploysOf, hypothesis, runRedTeam, type RedTeam } from './redteamCases';

const CASES: RedTeam[] = [
  {
    // The diff lowers the pool's max from 40 to 5; the stack frames sit in untouched files, so only the diff says which commit.
    file: 'rt2-pool-shrunk-by-deploy.incident.json', category: ['code-change'], topSuspect: 'orders-api v7.3.0', notSuspects: ['orders-api v7.2.9'],
    topCommit: 'b9b9022535ed60d4106c8fa7d064daaf3d622ea8', immediate: ['rollback'],
    also: (r) => {
      const c = r.suspects.find((s) => s.commit)!;
      assert.ok(c.reasons!.some((x) => /lowers a limit \(max 40 → 5 in src\/db\/pool\.ts\)/.test(x)), c.reasons!.join('; '));
      assert.match(hypothesis(r, 'capacity').statement, /connection pool exhausted.*as a consequence of deploy orders-api v7\.3\.0/);
    },
  },
  {
    file: 'rt2-lambda-throttle-surge.incident.json', category: ['traffic', 'capacity'], topSuspect: null, notSuspects: ['render-thumbnail-118'], immediate: ['scale'],
  },
  {
    // No errors at all: the consumer's own duration stepped 17× the minute it deployed and the backlog grew from there.
    file: 'rt2-sqs-backlog-slow-consumer.incident.json', category: ['code-change'], topSuspect: 'consumer-2026-06-03.2',
    topCommit: 'b7fecef65600718d41710ebaffe1b7f298cfb3a7', immediate: ['rollback'],
    also: (r) => assert.ok(deploysOf(r)[0].reasons!.some((x) => /Duration of order-events-consumer itself shifted/.test(x)), deploysOf(r)[0].reasons!.join('; ')),
  },
  {
    file: 'rt2-ddb-hot-partition.incident.json', category: ['capacity'], topSuspect: null, notSuspects: ['session-api 3.9.1'], immediate: ['scale'],
    // A nine-day-old deploy linked to nothing is no rollout to pause.
    notImmediate: ['rollout', 'rollback'],
  },
  {
    // The guilty release is the 2nd of 5 commits (docs, CI and release commits around it); an earlier deploy changed other files.
    file: 'rt2-two-deploys-stack-commit.incident.json', category: ['code-change'], topSuspect: 'billing-2026.03.09-2',
    topCommit: 'afc7fd909693cd1601d7ea73fffe4b30997e26d0', immediate: ['rollback'],
    also: (r) => {
      const early = r.suspects.find((s) => s.deployId === 'billing-2026.03.09-1');
      assert.ok(!early || early.score < 0.5 * deploysOf(r)[0].score, JSON.stringify(r.suspects));
      assert.equal(r.suspects.filter((s) => s.commit).length, 1, JSON.stringify(r.suspects));
    },
  },
  {
    // Two weeks of steady climb with level traffic; two deploys during the climb did not start it.
    file: 'rt2-data-growth-creep.incident.json', category: ['capacity'], topSuspect: null, notSuspects: ['reports-api 2.14.0', 'reports-api 2.14.1'],
    longTerm: ['query-optimisation|index|capacity-planning'], notImmediate: ['rollback', 'rollout'],
    also: (r) => {
      assert.equal(hypothesis(r, 'capacity').verdict, 'supported');
      assert.match(hypothesis(r, 'capacity').statement, /climbed steadily for 14 days with no step/);
      assert.ok(r.evidence.some((e) => /ReadLatency.*rose steadily/.test(e.summary)), r.evidence.map((e) => e.summary).join('\n'));
    },
  },
  {
    // The same climb with a deploy touching the slow query 20 min before the alarm: the climb began two weeks earlier.
    file: 'rt2-data-growth-late-deploy.incident.json', category: ['capacity'], topSuspect: null,
    longTerm: ['query-optimisation|index|capacity-planning'], notImmediate: ['rollback', 'rollout'],
    also: (r) => assert.notEqual(hypothesis(r, 'code-change').verdict, 'supported'),
  },
  {
    // One ref to three regions; only eu-west-1 fails, and its errors name that region's identity service.
    file: 'rt2-all-regions-deploy-one-dependency.incident.json', category: ['dependency'], topSuspect: null, immediate: ['failover'],
    localisation: { dimension: 'Region', value: 'eu-west-1' }, notImmediate: ['rollback', 'rollout'],
    also: (r) => assert.match(hypothesis(r, 'code-change').statement, /the same ref runs in us-east-1, ap-southeast-2/),
  },
  {
    file: 'rt2-flapping-noise.incident.json', category: ['unknown'], maxConfidence: 0.5, topSuspect: null, notImmediate: ['rollback', 'scale'],
    also: (r) => assert.ok(!r.hypotheses.some((h) => h.verdict === 'supported'), JSON.stringify(r.hypotheses.map((h) => [h.category, h.verdict]))),
  },
  {
    file: 'rt2-flag-after-deploy.incident.json', category: ['config'], topSuspect: null, notSuspects: ['pricing-api 12.0.4'],
    immediate: ['feature-flag'], notImmediate: ['rollback'],
  },
  {
    // Alarms and tickets only: the weekly pattern alone carries the conclusion, with the missing sources named.
    file: 'rt2-weekly-alarms-tickets-only.incident.json', category: ['schedule'], topSuspect: null, recurrence: true,
    immediate: ['reschedule-job'], longTerm: ['separate-workloads'],
    also: (r) => {
      assert.match(r.recurrence!.pattern, /^weekly, Monday, about 09:00 UTC/);
      assert.ok(r.gaps.some((g) => /^no metrics/.test(g)) && r.gaps.some((g) => /^no logs/.test(g)), r.gaps.join('\n'));
    },
  },
  {
    // +09:00 and -07:00 deploys, +09:00 metrics, Z alarms and logs: read as wall-clock times, 6.1.1 would look 3 min before the onset.
    file: 'rt2-mixed-time-zones.incident.json', category: ['code-change'], topSuspect: 'search-api 6.1.0', notSuspects: ['search-api 6.1.1'],
    topCommit: '0c3c404a6d96c20706ba6a4ade2e04c7e7d8d69d', immediate: ['rollback'],
    also: (r) => assert.ok(r.evidence.some((e) => /search-api 6\.1\.1 finished 2026-08-20T12:57:00Z, 6 h 57 min after the onset/.test(e.summary)), r.evidence.map((e) => e.summary).join('\n')),
  },
];

runRedTeam('red-team round 2 scenarios (test/fixtures/rt2-*.incident.json)', CASES);

describe('gradual drift (detectDrift)', () => {
  const H = 3_600_000;
  const t0 = Date.parse('2026-07-01T00:00:00Z');
  const series = (f: (h: number) => number, hours = 14 * 24): MetricPoint[] =>
    Array.from({ length: hours }, (_, h) => [new Date(t0 + h * H).toISOString(), f(h)] as MetricPoint);
  const noise = (h: number) => 1 + 0.05 * Math.sin(h * 12.9898);
  const drift = (pts: MetricPoint[]) => detectDrift(pts, pointTimes(pts));

  it('finds a steady climb over two weeks', () => {
    const d = drift(series((h) => (300 + 5 * h) * noise(h)));
    assert.equal(d?.direction, 'up');
    assert.ok(d!.after / d!.before > 3, JSON.stringify(d));
  });
  it('does not take a step for a drift', () => {
    assert.equal(drift(series((h) => (h < 200 ? 300 : 1500) * noise(h))), undefined);
  });
  it('does not take a daily cycle for a drift', () => {
    assert.equal(drift(series((h) => 300 + 250 * Math.sin((h / 24) * 2 * Math.PI))), undefined);
  });
  it('needs days of data: a climb over hours is a fault with a start, not growth', () => {
    assert.equal(drift(series((h) => 300 + 5 * h, 36)), undefined);
  });
});
