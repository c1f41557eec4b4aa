// One runner for the red-team rounds (redteam*.test.ts): each case names the fixture, the conclusion written down
// before the analysis ran, and the suspects, localisation, recurrence and actions it expects.
import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import type { Report } from '../../../src/core/model/report';
import type { Snapshot } from '../../../src/core/model/snapshot';
import { loadFixture } from './fixtures';
import { checkInvariants } from './invariants';

type Category = Report['rootCause']['category'];

export interface RedTeam {
  file: string;
  /** The expected root-cause category, or the acceptable ones (the first being the one expected). */
  category: Category | Category[];
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
  /** Action kinds that must not be proposed now. */
  notImmediate?: string[];
  also?: (r: Report, s: Snapshot) => void;
}

export const hypothesis = (r: Report, c: string) => r.hypotheses.find((h) => h.category === c)!;
export const deploysOf = (r: Report) => r.suspects.filter((s) => !s.commit);

export function runRedTeam(title: string, cases: readonly RedTeam[]): void {
  describe(title, function () {
    this.timeout(30_000);
    for (const e of cases) {
      describe(e.file, () => {
        const snapshot = loadFixture(e.file);
        const r = analyse(snapshot);
        const categories = Array.isArray(e.category) ? e.category : [e.category];
        it(`concludes ${categories.join(' or ')}`, () => {
          assert.ok(categories.includes(r.rootCause.category), `${r.rootCause.category}: ${r.rootCause.summary}`);
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
}
