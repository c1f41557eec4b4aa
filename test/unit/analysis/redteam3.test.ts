// Red-team round 3 (test/fixtures/rt3-*.incident.json, made by test/fixtures/generate/redteam/gen-round3.mjs): new
// situations written from the contract alone, the expected conclusion fixed before the analysis ran. They guard a
// canary region, a p99-only dependency slowdown, a scale-in, a docs-and-tests-only deploy before a database failover,
// a config change that runs tasks out of memory, an onset before the alarm, deploys without files, a Go panic, a
// retry storm after a dependency failure, and error words the log reader does not know.
import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import type { Report } from '../../../src/core/model/report';
import type { Snapshot } from '../../../src/core/model/snapshot';
import { loadFixture } from './fixtures';
import { checkInvariants } from './invariants';

interface RedTeam {
  file: string;
  /** Acceptable root-cause categories, the first being the one expected. */
  category: Array<Report['rootCause']['category']>;
  /** Root-cause confidence must not exceed this (nothing to be sure of); otherwise it must reach 0.35. */
  maxConfidence?: number;
  /** First deploy among suspects; null: no deploy scores ≥ 0.5. */
  topSuspect: string | null;
  notSuspects?: string[];
  topCommit?: string;
  localisation?: { dimension: string; value: string };
  recurrence?: boolean;
  immediate?: string[];
  /** Each entry: action kinds of which one must be proposed for later ("a|b"). */
  longTerm?: string[];
  notImmediate?: string[];
  also?: (r: Report, s: Snapshot) => void;
}

const hypothesis = (r: Report, c: string) => r.hypotheses.find((h) => h.category === c)!;
const deploysOf = (r: Report) => r.suspects.filter((s) => !s.commit);

const CASES: RedTeam[] = [
  {
    // The release went to one region first; only that region's 5xx rose and its stack frames sit in the changed file.
    file: 'rt3-canary-region-deploy.incident.json', category: ['code-change'], topSuspect: 'cart-api 5.2.0 (canary us-west-2)', notSuspects: ['cart-api 5.1.4'],
    topCommit: '781714fa0bc5d70ea7489dc91574c6809c31d30e', localisation: { dimension: 'Region', value: 'us-west-2' }, immediate: ['rollback'],
  },
  {
    // Only p99 rose (p50, errors and traffic flat) with slow upstream calls logged: a dependency, not the 3-day-old deploy.
    file: 'rt3-dependency-p99-only.incident.json', category: ['dependency'], topSuspect: null, notSuspects: ['quotes-api 3.3.0'], notImmediate: ['rollback'],
  },
  {
    // ELB 5xx after a scale-in 12 → 3 with CPU saturated: the scale-in (a change) or capacity, and the fix is to scale.
    file: 'rt3-scale-in-unhealthy.incident.json', category: ['capacity', 'config'], topSuspect: null, notSuspects: ['web 8.0.2'], immediate: ['scale'], notImmediate: ['rollback'],
    also: (r) => assert.equal(hypothesis(r, 'capacity').verdict, 'supported'),
  },
  {
    // A deploy of docs and tests 5 min before a recorded database failover: the failover is no config edit, the deploy ships no code.
    file: 'rt3-docs-deploy-db-failover.incident.json', category: ['dependency', 'capacity', 'network'], topSuspect: null, notSuspects: ['ledger 2.8.3'],
    notImmediate: ['rollback', 'config'],
    also: (r) => {
      assert.notEqual(hypothesis(r, 'config').verdict, 'supported');
      assert.ok(r.evidence.some((e) => /ledger 2\.8\.3 changes only documentation and tests/.test(e.summary)), r.evidence.map((e) => e.summary).join('\n'));
      assert.match(hypothesis(r, 'dependency').statement, /failover/);
    },
  },
  {
    // A config change raising the cache size, memory climbing from it, tasks killed for memory; no deploy in days.
    file: 'rt3-config-cache-oom.incident.json', category: ['config'], topSuspect: null, notSuspects: ['catalog 14.2.0'], immediate: ['config'], notImmediate: ['rollback'],
  },
  {
    // The alarm is 40 min late: latency stepped right after 9.0.0; 9.0.1 came after that shift, before the alarm.
    file: 'rt3-onset-before-alarm.incident.json', category: ['code-change'], topSuspect: 'search-api 9.0.0', notSuspects: ['search-api 9.0.1'], immediate: ['rollback'],
    also: (r) => assert.ok(r.evidence.some((e) => /search-api 9\.0\.1 .*after the onset: it cannot have caused it/.test(e.summary)), r.evidence.map((e) => e.summary).join('\n')),
  },
  {
    // Commits without files: the deploy is still suspected by time and new errors, and the gaps say files are missing.
    file: 'rt3-deploy-without-files.incident.json', category: ['code-change'], topSuspect: 'notify 2026.03.30', immediate: ['rollback'],
    also: (r) => assert.ok(r.gaps.some((g) => /deploys carry no changed files/.test(g)), r.gaps.join('\n')),
  },
  {
    // A Go panic: goroutine frames (/build/internal/tiles/index.go:142) map onto the 2nd of 3 commits.
    file: 'rt3-go-panic-commit.incident.json', category: ['code-change'], topSuspect: 'geo v1.19.0', topCommit: '9c73dcdc9e76fec4c363f57f8e8198140d199e1e', immediate: ['rollback'],
    also: (r) => assert.ok(r.evidence.some((e) => /internal\/tiles\/index\.go/.test(e.summary)), r.evidence.map((e) => e.summary).join('\n')),
  },
  {
    // The identity service's 503s start at the onset; two minutes later retries triple the volume: dependency first, traffic second.
    file: 'rt3-retry-storm.incident.json', category: ['dependency'], topSuspect: null, notSuspects: ['gateway 21.4.0'], notImmediate: ['rollback'],
    also: (r) => {
      assert.equal(hypothesis(r, 'traffic').verdict, 'refuted');
      assert.match(hypothesis(r, 'traffic').statement, /after dependency errors began: a consequence \(retries\)/);
    },
  },
  {
    // German and Japanese error words only: nothing is concluded wrongly, and the gaps say the logs' errors went unread.
    file: 'rt3-non-english-logs.incident.json', category: ['dependency', 'unknown'], maxConfidence: 0.5, topSuspect: null, notSuspects: ['versand-api 4.0.1'],
    notImmediate: ['rollback'],
    also: (r) => {
      assert.ok(!r.hypotheses.some((h) => h.verdict === 'supported' && h.category !== 'dependency'), JSON.stringify(r.hypotheses.map((h) => [h.category, h.verdict])));
      assert.ok(r.gaps.some((g) => /^logs: the error metrics rose but no log pattern after the onset reads as an error/.test(g)), r.gaps.join('\n'));
    },
  },
];

describe('red-team round 3 scenarios (test/fixtures/rt3-*.incident.json)', function () {
  this.timeout(30_000);
  for (const e of CASES) {
    describe(e.file, () => {
      const snapshot = loadFixture(e.file);
      const r = analyse(snapshot);
      it(`concludes ${e.category.join(' or ')}`, () => {
        assert.ok(e.category.includes(r.rootCause.category), `${r.rootCause.category}: ${r.rootCause.summary}`);
        if (e.maxConfidence !== undefined) assert.ok(r.rootCause.confidence <= e.maxConfidence, `confidence ${r.rootCause.confidence}`);
        else assert.ok(r.rootCause.confidence >= 0.35, `confidence ${r.rootCause.confidence}`);
        checkInvariants(r, e.file);
      });
      it(e.topSuspect ? `suspects ${e.topSuspect} first` : 'suspects no deploy', () => {
        if (e.topSuspect) assert.equal(deploysOf(r)[0]?.deployId, e.topSuspect);
        else assert.ok(!deploysOf(r).some((s) => s.score >= 0.5), JSON.stringify(deploysOf(r)));
        for (const id of e.notSuspects ?? []) assert.ok(!r.suspects.some((s) => s.deployId === id), `${id} is a suspect`);
        if (e.topCommit) assert.equal(r.suspects.find((s) => s.commit)?.commit, e.topCommit);
      });
      if (e.localisation) {
        it(`localises to ${e.localisation.dimension}=${e.localisation.value}`, () => {
          assert.deepEqual([r.localisation?.dimension, r.localisation?.value], [e.localisation!.dimension, e.localisation!.value]);
        });
      }
      if (e.recurrence) it('finds the recurrence', () => assert.ok(r.recurrence && r.recurrence.ticketIds.length >= 3, JSON.stringify(r.recurrence)));
      it('proposes the expected actions', () => {
        const now = r.actions.filter((a) => a.horizon === 'immediate').map((a) => a.kind);
        const later = r.actions.filter((a) => a.horizon === 'long-term').map((a) => a.kind);
        for (const k of e.immediate ?? []) assert.ok(now.includes(k), `immediate ${k} missing from ${now.join(', ')}`);
        for (const k of e.longTerm ?? []) assert.ok(k.split('|').some((x) => later.includes(x)), `long-term ${k} missing from ${later.join(', ')}`);
        for (const k of e.notImmediate ?? []) assert.ok(!now.includes(k), `immediate ${k} should not be proposed`);
      });
      if (e.also) it('reads the evidence the way the scenario needs', () => e.also!(r, snapshot));
    });
  }
});
