// The report's contract over every fixture and every perturbed variant: every claim points at evidence ids that
// exist, ids are unique, a refuted or supported verdict has evidence, confidences are probabilities.
import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import type { Report } from '../../../src/core/model/report';
import { fixtureFiles, loadFixture } from './fixtures';
import { variants } from './perturb';

export function checkInvariants(r: Report, label: string): void {
  const ids = r.evidence.map((e) => e.id);
  assert.equal(new Set(ids).size, ids.length, `${label}: duplicate evidence ids`);
  const known = new Set(ids);
  const cite = (where: string, list: readonly string[] | undefined) => {
    assert.ok(Array.isArray(list), `${label}: ${where} has no evidence list`);
    for (const id of list) assert.ok(known.has(id), `${label}: ${where} cites unknown evidence ${id}`);
  };
  cite('rootCause', r.rootCause.evidence);
  if (r.rootCause.category !== 'unknown') assert.ok(r.rootCause.evidence.length > 0, `${label}: root cause without evidence`);
  assert.ok(r.rootCause.confidence >= 0 && r.rootCause.confidence <= 1);
  r.suspects.forEach((s, i) => {
    cite(`suspects[${i}]`, s.evidence);
    assert.ok(s.evidence.length > 0, `${label}: suspect ${s.deployId} without evidence`);
  });
  r.hypotheses.forEach((h, i) => {
    cite(`hypotheses[${i}]`, h.evidence);
    if (h.verdict !== 'inconclusive') assert.ok(h.evidence.length > 0, `${label}: ${h.category} ${h.verdict} without evidence`);
    assert.ok(h.confidence >= 0 && h.confidence <= 1);
  });
  r.actions.forEach((a, i) => {
    cite(`actions[${i}]`, a.evidence);
    assert.ok(a.evidence.length > 0, `${label}: action ${a.title} without evidence`);
  });
  if (r.localisation) cite('localisation', r.localisation.evidence);
  if (r.impact) cite('impact', r.impact.evidence);
  for (const t of r.timeline) if (t.evidence) assert.ok(known.has(t.evidence), `${label}: timeline cites ${t.evidence}`);
  assert.ok(Array.isArray(r.gaps));
}

describe('report invariants', () => {
  const files = fixtureFiles();
  it('runs over at least the scenario set', () => assert.ok(files.length >= 9));
  files.forEach((file, i) => {
    it(`${file} and its perturbed variants`, () => {
      for (const v of variants(loadFixture(file), i + 1)) checkInvariants(analyse(v.snapshot), `${file}/${v.name}`);
    });
  });

  it('the checker catches a dangling evidence id', () => {
    const r = analyse(loadFixture(files.find((f) => f.startsWith('latency'))!));
    const broken = { ...r, actions: [{ ...r.actions[0], evidence: ['e9999'] }] };
    assert.throws(() => checkInvariants(broken, 'broken'), /unknown evidence e9999/);
  });
});
