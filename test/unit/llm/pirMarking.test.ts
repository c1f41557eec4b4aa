import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';
import type { LlmSection } from '../../../src/core/llm/llmAnalysis';
import { renderPir } from '../../../src/core/pir';

describe('the PIR marks what came from the model', () => {
  const snapshot = demoSnapshot();
  const report = analyse(snapshot);

  it('has no model section without an LLM pass', () => {
    assert.doesNotMatch(renderPir(snapshot, report), /Narrative from the model/);
  });

  it('adds a marked section whose citations all exist', () => {
    const id = report.evidence[0].id;
    const llm: LlmSection = {
      source: 'llm', model: 'local-model', generatedAt: '2026-01-14T04:00:00Z',
      narrative: [{ text: 'The deploy lines up with the errors.', evidence: [id] }], hypotheses: [], fixes: [],
      dropped: [{ section: 'narrative', reason: 'x' }], truncated: [], redactions: {},
    };
    const md = renderPir(snapshot, { ...report, llm } as typeof report);
    assert.match(md, /## Narrative from the model \(LLM\)/);
    assert.match(md, /Written by the model `local-model`.*not part of the deterministic analysis.*1 uncited claim/);
    assert.ok(md.includes(`- The deploy lines up with the errors. ([${id}](#evidence-${id}))`));
  });
});
