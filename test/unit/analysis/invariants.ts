// The report's contract, checked by the invariant, robustness and CLI tests.
import * as assert from 'node:assert/strict';
import type { Report } from '../../../src/core/model/report';

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
