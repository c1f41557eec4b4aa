import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';
import { groundAnswer } from '../../../src/core/llm/grounding';
import { runLlmAnalysis } from '../../../src/core/llm/llmAnalysis';
import { parsePatch } from '../../../src/core/llm/patchDiff';
import { patchChoices } from '../../../src/core/llm/patchProposals';
import { applyToText } from '../../../src/core/llm/patchText';
import { buildLlmRequest, codeContextPaths } from '../../../src/core/llm/request';
import type { Report } from '../../../src/core/model/report';
import { createOpenAiChat } from '../../../src/providers/llm/openAiChat';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../../helpers/openAiCompatibleServer';

const corpus = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../test/fixtures/llm/secrets.json'), 'utf8')) as {
  secrets: Array<{ kind: string; text: string; secret: string }>;
};

function report(): Report {
  return {
    schema: 'incident-lens/report@1',
    rootCause: { category: 'code-change', summary: 'v2.4.1 lowered nothing; timeouts too long', confidence: 0.7, evidence: ['e1'] },
    suspects: [{ deployId: 'v2.4.1', score: 0.9, evidence: ['e1'] }],
    hypotheses: [],
    actions: [],
    evidence: [
      { id: 'e1', kind: 'deploy', summary: 'v2.4.1 changed src/orders.js' },
      { id: 'e2', kind: 'log-pattern', summary: 'timeouts after 03:11' },
    ],
    timeline: [],
    gaps: [],
  };
}

const DIFF = '--- a/src/orders.js\n+++ b/src/orders.js\n@@ -1,2 +1,2 @@\n-const a = 1;\n+const a = 2;\n const b = 3;\n';

describe('LLM patches: grounding, redaction and review list', function () {
  this.timeout(20_000);
  let server: OpenAiCompatibleServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('keeps a cited, valid patch in git form and drops uncited, unknown-id and malformed ones with a reason', () => {
    const reply = JSON.stringify({
      narrative: [],
      hypotheses: [],
      fixes: [],
      patches: [
        { file: 'src/orders.js', diff: DIFF, rationale: 'smaller batches', evidence: ['e1', 'e2', 'e1'] },
        { file: 'src/orders.js', diff: DIFF, rationale: 'cites nothing', evidence: [] },
        { file: 'src/orders.js', diff: DIFF, rationale: 'cites nothing real', evidence: ['e404'] },
        { file: 'src/orders.js', diff: DIFF.replace('@@ -1,2 +1,2 @@', '@@ -1,5 +1,5 @@'), rationale: 'miscounted', evidence: ['e1'] },
        { file: 'src/other.js', diff: DIFF, rationale: 'wrong file', evidence: ['e1'] },
        { file: 'x.png', diff: 'diff --git a/x.png b/x.png\nGIT binary patch\nliteral 1\n', rationale: 'binary', evidence: ['e1'] },
        { file: 'src/orders.js', diff: DIFF.replace(/src\/orders/g, '../orders'), rationale: 'escape', evidence: ['e1'] },
        { file: 'src/orders.js', rationale: 'no diff', evidence: ['e1'] },
      ],
    });
    const g = groundAnswer(reply, report());
    assert.equal(g.patches.length, 1);
    assert.deepEqual(g.patches[0], {
      file: 'src/orders.js',
      diff: `diff --git a/src/orders.js b/src/orders.js\n${DIFF}`,
      rationale: 'smaller batches',
      evidence: ['e1', 'e2'],
      files: ['src/orders.js'],
    });
    const reasons = g.dropped.filter((d) => d.section === 'patches').map((d) => d.reason);
    assert.equal(reasons.length, 7);
    assert.match(reasons[0], /"patch for src\/orders\.js" cites no evidence/);
    assert.match(reasons[1], /cites unknown evidence e404/);
    assert.match(reasons[2], /the patch for src\/orders\.js is not applicable: .*hunk 1 of src\/orders\.js \(@@ -1,5 \+1,5 @@, line 3\) ends early/);
    assert.match(reasons[3], /it says it changes src\/other\.js but the diff changes src\/orders\.js/);
    assert.match(reasons[4], /binary patches are not applied/);
    assert.match(reasons[5], /leaves the repository/);
    assert.match(reasons[6], /a patch has no file or no diff/);
  });

  it('an answer without a patches section, or with a non-list, never breaks', () => {
    assert.deepEqual(groundAnswer('{"narrative":[],"hypotheses":[],"fixes":[]}', report()).patches, []);
    const g = groundAnswer('{"narrative":[],"hypotheses":[],"fixes":[],"patches":"oops"}', report());
    assert.deepEqual(g.patches, []);
    assert.deepEqual(g.dropped, [{ section: 'patches', reason: 'patches is not a list' }]);
  });

  it('sends the code context redacted, and restores the secrets in the proposed patch so it applies to the real file', async () => {
    const key = corpus.secrets.find((s) => s.kind === 'private key')!.text;
    const singles = corpus.secrets.filter((s) => !s.text.includes('\n')).map((s) => `// ${s.text}`);
    const code = [...singles, `const key = \`${key}\`;`, 'const timeoutMs = 1000;', 'module.exports = { key, timeoutMs };', ''].join('\n');
    const keyLine = singles.length + 1;
    const snapshot = demoSnapshot();
    const codeContext = [{ path: 'src/config.js', text: code }];
    const preview = buildLlmRequest(snapshot, report(), { contextTokens: 128_000, codeContext });
    const redactedKeyLine = /^const key = `\[REDACTED_PRIVATE_KEY_\d+\]`;$/m.exec(preview.messages[1].content)?.[0];
    assert.ok(redactedKeyLine, 'the key is one placeholder in the request');
    const diff = [`--- a/src/config.js`, `+++ b/src/config.js`, `@@ -${keyLine},3 +${keyLine},3 @@`, ` ${redactedKeyLine}`, '-const timeoutMs = 1000;', '+const timeoutMs = 250;', ' module.exports = { key, timeoutMs };', ''].join('\n');
    server = await startOpenAiCompatibleServer([{ content: JSON.stringify({ narrative: [], hypotheses: [], fixes: [], patches: [{ file: 'src/config.js', diff, rationale: 'fail fast', evidence: ['e2'] }] }) }]);
    const chat = createOpenAiChat({ baseURL: server.baseURL, apiKey: 'x', model: 'm', timeoutMs: 5_000, maxRetries: 0 });
    const out = await runLlmAnalysis(snapshot, report(), (r, o) => chat.complete(r, o), { model: 'm', contextTokens: 128_000, codeContext });

    const sent = server.requests[0].body;
    assert.ok(sent.includes('const timeoutMs = 1000;'), 'the code context was sent');
    const leaked = corpus.secrets.filter((s) => sent.includes(s.secret) || sent.includes(JSON.stringify(s.secret).slice(1, -1))).map((s) => s.kind);
    assert.deepEqual(leaked, []);

    assert.deepEqual(out.llm.dropped, []);
    const p = out.llm.patches![0];
    assert.ok(p.diff.includes(key.split('\n')[1]), 'the restored diff carries the real key');
    assert.doesNotMatch(p.diff, /REDACTED/);
    const patched = applyToText(code, parsePatch(p.diff).files[0]);
    assert.equal(patched, code.replace('timeoutMs = 1000', 'timeoutMs = 250'));
  });

  it('lists the patches section and any fix patch for review, marking ones that cannot be reviewed', () => {
    const choices = patchChoices({
      patches: [{ file: 'src/orders.js', diff: `diff --git a/src/orders.js b/src/orders.js\n${DIFF}`, rationale: 'r', evidence: ['e1'], files: ['src/orders.js'] }],
      fixes: [
        { title: 'Same patch as a fix', detail: '', patch: DIFF, evidence: ['e1'] },
        { title: 'Broken', detail: '', patch: '--- a/x\n+++ b/x\n@@ -1,9 +1,9 @@\n-a\n+b\n', evidence: ['e1'] },
        { title: 'No patch', detail: '', evidence: ['e1'] },
      ],
    });
    assert.deepEqual(choices.map((c) => [c.label, !!c.diff, !!c.problem]), [['src/orders.js', true, false], ['Broken', false, true]]);
    assert.match(choices[1].problem!, /hunk 1 of x .* ends early/);
  });

  it('picks the suspect deploys’ changed files as code context, never unsafe paths', () => {
    const s = demoSnapshot();
    const paths = codeContextPaths(s, { ...report(), suspects: [{ deployId: s.deploys![1].id, score: 1, evidence: ['e1'] }] });
    const expected = [...new Set(s.deploys![1].commits!.flatMap((c) => (c.files ?? []).filter((f) => f.status !== 'deleted').map((f) => f.path)))].slice(0, 5);
    assert.ok(paths.length > 0);
    assert.deepEqual(paths, expected);
    s.deploys![1].commits![0].files!.unshift({ path: '../escape.js', status: 'modified' });
    assert.ok(!codeContextPaths(s, { ...report(), suspects: [{ deployId: s.deploys![1].id, score: 1, evidence: ['e1'] }] }).includes('../escape.js'));
  });
});
