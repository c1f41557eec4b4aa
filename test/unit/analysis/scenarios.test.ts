// Every committed scenario snapshot: the analysis reaches the conclusion a strong on-call engineer would.
import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import { expectations, fixtureFiles, loadFixture } from './fixtures';

describe('analysis scenarios (test/fixtures/*.incident.json)', function () {
  this.timeout(30_000);
  const exp = expectations();
  const files = fixtureFiles().filter((f) => exp[f]);

  it('has the scenario set it claims to have', () => {
    assert.ok(files.length >= 9, `only ${files.length} scenarios with expectations`);
  });

  for (const file of files) {
    const e = exp[file];
    describe(file, () => {
      const report = analyse(loadFixture(file));
      it(`root cause is ${e.category}`, () => {
        assert.equal(report.rootCause.category, e.category, report.rootCause.summary);
        if (e.category !== 'unknown') assert.ok(report.rootCause.confidence >= 0.35, `confidence ${report.rootCause.confidence}`);
      });
      if (e.topSuspect !== undefined) {
        it(e.topSuspect ? `top suspect is ${e.topSuspect}` : 'no deploy is a suspect', () => {
          const deploys = report.suspects.filter((s) => !s.commit);
          if (e.topSuspect) assert.equal(deploys[0]?.deployId, e.topSuspect);
          else assert.ok(!deploys.some((s) => s.score >= 0.5), JSON.stringify(deploys));
        });
      }
      if (e.notSuspects) {
        it(`does not suspect ${e.notSuspects.join(', ')}`, () => {
          for (const id of e.notSuspects!) assert.ok(!report.suspects.some((s) => s.deployId === id), `${id} is a suspect`);
        });
      }
      if (e.topCommit) {
        it('ranks the commit the evidence points at first', () => {
          assert.equal(report.suspects.find((s) => s.commit)?.commit, e.topCommit);
        });
      }
      if (e.localisation) {
        it(`localises to ${e.localisation.dimension}=${e.localisation.value}`, () => {
          assert.equal(report.localisation?.dimension, e.localisation!.dimension);
          assert.equal(report.localisation?.value, e.localisation!.value);
        });
      }
      if (e.recurrence) {
        it('detects the recurrence', () => {
          assert.ok(report.recurrence, 'no recurrence');
          assert.ok(report.recurrence!.ticketIds.length >= 2);
        });
      }
      it('proposes the expected actions now and later', () => {
        const now = report.actions.filter((a) => a.horizon === 'immediate').map((a) => a.kind);
        const later = report.actions.filter((a) => a.horizon === 'long-term').map((a) => a.kind);
        for (const k of e.immediate ?? []) assert.ok(now.includes(k), `immediate ${k} missing from ${now.join(', ')}`);
        for (const k of e.longTerm ?? []) assert.ok(later.includes(k), `long-term ${k} missing from ${later.join(', ')}`);
      });
    });
  }

  it('scenario 1: rollback targets the previous ref and similar tickets become evidence with their fix', () => {
    const s = loadFixture('latency-after-deploy.incident.json');
    const r = analyse(s);
    const rollback = r.actions.find((a) => a.kind === 'rollback')!;
    const prev = s.deploys!.find((d) => d.id === 'v2.4.1')!.previousRef!;
    assert.ok(rollback.title.includes(prev), rollback.title);
    const tickets = r.evidence.filter((e) => e.kind === 'ticket');
    assert.ok(tickets.length >= 2, 'both similar tickets should be evidence');
    assert.ok(tickets.every((t) => /fixed by/.test(t.summary)));
    assert.ok(r.impact && typeof r.impact.errorBudgetUsed === 'number' && r.impact.errorBudgetUsed > 0);
  });

  it('the empty snapshot says what could not be checked', () => {
    const r = analyse(loadFixture('empty.incident.json'));
    assert.equal(r.rootCause.category, 'unknown');
    assert.equal(r.rootCause.confidence, 0);
    for (const what of [/no metrics/, /no logs/, /no deploy history/, /no ticket history/]) assert.ok(r.gaps.some((g) => what.test(g)), `gap ${what}`);
  });

  it('is deterministic', () => {
    const s = loadFixture('regional-release-capacity.incident.json');
    assert.deepEqual(analyse(s), analyse(s));
  });
});
