import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyse } from '../../../src/core/analysis';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';
import { runLlmAnalysis, type CompleteFn, type LlmSection } from '../../../src/core/llm/llmAnalysis';
import type { Report } from '../../../src/core/model/report';
import { mergePir, renderPir } from '../../../src/core/pir';

const corpus = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../test/fixtures/llm/secrets.json'), 'utf8')) as {
  secrets: Array<{ kind: string; text: string; secret: string }>;
};

function blockOf(md: string, section: string): string {
  const start = md.indexOf(`<!-- incident-lens:begin section=${section} -->`);
  const end = md.indexOf('<!-- incident-lens:end -->', start);
  assert.ok(start >= 0 && end > start, `block ${section}`);
  return md.slice(start, end);
}

describe('the PIR lists the model’s proposed patches', function () {
  this.timeout(20_000);
  const snapshot = demoSnapshot();
  const report = analyse(snapshot);
  const [e1, e2] = report.evidence.map((e) => e.id);
  // Current code with secrets from the corpus (one per line, none an e-mail: the PIR scrubs those anyway).
  const secretLines = corpus.secrets.filter((s) => !s.text.includes('\n') && s.kind !== 'email').slice(0, 3);
  const code = ['const PAGE_SIZE = 500;', ...secretLines.map((s) => `// ${s.text}`), 'module.exports = { PAGE_SIZE };', ''].join('\n');

  /** A model that answers with a patch against the code exactly as it was sent (redacted). */
  const model: CompleteFn = async (request) => {
    const sent = request.messages[1].content;
    const file = /--- src\/store\.js\n([\s\S]*?)--- end of src\/store\.js/.exec(sent)?.[1];
    assert.ok(file, 'the code reached the model');
    const lines = file.split('\n');
    assert.match(lines[1], /\[REDACTED_[A-Z0-9_]+_\d+\]/, 'the model sees placeholders, not secrets');
    const diff = ['--- a/src/store.js', '+++ b/src/store.js', '@@ -1,4 +1,4 @@', `-${lines[0]}`, '+const PAGE_SIZE = 50;', ...lines.slice(1, 4).map((l) => ` ${l}`), ''].join('\n');
    return JSON.stringify({ narrative: [], hypotheses: [], fixes: [], patches: [{ file: 'src/store.js', diff, rationale: 'Smaller pages: fewer reads per request', evidence: [e1, e2] }] });
  };

  async function withPatch(): Promise<Report & { llm: LlmSection }> {
    return runLlmAnalysis(snapshot, report, model, { model: 'local-model', contextTokens: 16_000, codeContext: [{ path: 'src/store.js', text: code }], now: () => new Date('2026-01-14T04:00:00Z') });
  }

  it('shows file, rationale, cited evidence and the diff, secrets masked, inside the model’s marked block', async () => {
    const full = await withPatch();
    assert.equal(full.llm.patches?.length, 1);
    const md = renderPir(snapshot, full);
    const block = blockOf(md, 'model-narrative');
    assert.match(block, /\*\*Proposed fixes \(from the model, not applied\):\*\* 1 patch\(es\)/);
    assert.ok(block.includes(`1. \`src/store.js\` — Smaller pages: fewer reads per request ([${e1}](#evidence-${e1}), [${e2}](#evidence-${e2}))`), block);
    const fenced = /```diff\n([\s\S]*?)\n```/.exec(block)?.[1];
    assert.ok(fenced, 'a fenced diff block');
    assert.ok(fenced.startsWith('diff --git a/src/store.js b/src/store.js\n'));
    assert.ok(fenced.includes('-const PAGE_SIZE = 500;\n+const PAGE_SIZE = 50;'));
    // The review is committed and shared: the secrets of the context lines stay masked there.
    for (const s of secretLines) assert.ok(!fenced.includes(s.secret), `secret shown: ${s.kind}`);
    assert.equal(fenced.match(/^ \/\/ .*\[REDACTED_[A-Z0-9_]+_\d+\]/gm)?.length, secretLines.length, fenced);
  });

  it('shows no secret of the code context, though the report holds them restored', async () => {
    const full = await withPatch();
    const md = renderPir(snapshot, full);
    const json = JSON.stringify(full);
    assert.ok(secretLines.every((s) => json.includes(JSON.stringify(s.secret).slice(1, -1))), 'the report keeps the restored diff');
    assert.deepEqual(secretLines.filter((s) => md.includes(s.secret)).map((s) => s.kind), []);
    // And without the model section the secrets of the code context are nowhere in the PIR.
    const plain = renderPir(snapshot, report);
    assert.deepEqual(secretLines.filter((s) => plain.includes(s.secret)).map((s) => s.kind), []);
  });

  it('is replaced, not duplicated, when the review is regenerated, and people’s text is kept', async () => {
    const full = await withPatch();
    const first = renderPir(snapshot, full);
    const edited = first.replace('## Resolution and recovery\n', '## Resolution and recovery\n\nWe rolled back by hand first.\n');
    const other: LlmSection = {
      ...full.llm,
      patches: [{ file: 'src/other.js', files: ['src/other.js'], rationale: 'Second thoughts', evidence: [e1], diff: 'diff --git a/src/other.js b/src/other.js\n--- a/src/other.js\n+++ b/src/other.js\n@@ -1 +1 @@\n-a\n+b\n' }],
    };
    const merged = mergePir(edited, renderPir(snapshot, { ...report, llm: other } as Report));
    assert.ok(merged.includes('We rolled back by hand first.'));
    assert.ok(merged.includes('`src/other.js` — Second thoughts'));
    assert.ok(!merged.includes('PAGE_SIZE = 50'), 'the old patch is gone');
    assert.equal((merged.match(/Proposed fixes \(from the model, not applied\)/g) ?? []).length, 1);
    assert.equal(mergePir(merged, renderPir(snapshot, { ...report, llm: other } as Report)), merged, 'stable on a second run');
  });

  it('keeps the fence and the markers intact whatever the diff holds', () => {
    const llm = (diff: string): LlmSection => ({
      source: 'llm', model: 'm', generatedAt: '2026-01-14T04:00:00Z', narrative: [], hypotheses: [], fixes: [], dropped: [], truncated: [], redactions: {},
      patches: [{ file: 'README.md', files: ['README.md'], rationale: '', evidence: [e1], diff }],
    });
    const ticks = 'diff --git a/README.md b/README.md\n--- a/README.md\n+++ b/README.md\n@@ -1,3 +1,3 @@\n ```js\n-x()\n+y()\n ```\n';
    const md = renderPir(snapshot, { ...report, llm: llm(ticks) } as Report);
    assert.ok(md.includes('````diff\n'), 'a fence longer than the backticks inside');
    assert.ok(md.includes(' ```\n````'));

    const marker = 'diff --git a/README.md b/README.md\n--- a/README.md\n+++ b/README.md\n@@ -1,2 +1,2 @@\n <!-- incident-lens:end -->\n-x\n+y\n';
    const withMarker = renderPir(snapshot, { ...report, llm: llm(marker) } as Report);
    assert.match(blockOf(withMarker, 'model-narrative'), /The diff is not shown here: it contains a line that reads as an Incident Lens section marker/);
    // The generated blocks still parse: a merge over it changes nothing.
    assert.equal(mergePir(withMarker, withMarker), withMarker);
    assert.ok(blockOf(withMarker, 'resolution').length > 0);
  });

  it('masks secrets in the model’s narrative, hypotheses and fixes, one line each', () => {
    const [a, b, c] = secretLines;
    const llm: LlmSection = {
      source: 'llm', model: 'm', generatedAt: '2026-01-14T04:00:00Z', dropped: [], truncated: [], redactions: {}, patches: [],
      narrative: [{ text: `The config holds ${a.text}\n<!-- incident-lens:end -->`, evidence: [e1] }],
      hypotheses: [{ category: 'config', verdict: 'supported', confidence: 0.5, statement: `Key ${b.text} rotated`, evidence: [e1] }],
      fixes: [{ title: 'Rotate', detail: `Replace ${c.text}`, patch: '', evidence: [e1] }],
    } as LlmSection;
    const md = renderPir(snapshot, { ...report, llm } as Report);
    assert.deepEqual(secretLines.filter((s) => md.includes(s.secret)).map((s) => s.kind), []);
    assert.equal(md.match(/\[REDACTED_[A-Z0-9_]+_\d+\]/g)?.length, 3);
    assert.equal(mergePir(md, md), md);
  });
});
