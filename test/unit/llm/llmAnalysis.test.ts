import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';
import { runLlmAnalysis } from '../../../src/core/llm/llmAnalysis';
import { buildLlmRequest } from '../../../src/core/llm/request';
import type { Report } from '../../../src/core/model/report';
import type { Snapshot } from '../../../src/core/model/snapshot';
import { createOpenAiChat, LlmError } from '../../../src/providers/llm/openAiChat';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../../helpers/openAiCompatibleServer';

const corpus = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../test/fixtures/llm/secrets.json'), 'utf8')) as {
  secrets: Array<{ kind: string; text: string; secret: string }>;
};

/** The demo incident with every secret of the corpus planted where real incidents leak them. */
function leakySnapshot(): Snapshot {
  const s = demoSnapshot();
  const texts = corpus.secrets.map((x) => x.text);
  s.logs = [
    ...(s.logs ?? []),
    ...texts.map((t, i) => ({ at: '2026-01-14T03:16:00Z', group: '/aws/lambda/checkout-api', message: `ERROR ${t}\n    at handler (/var/task/src/handler.js:${10 + i}:5)` })),
  ];
  const commit = s.deploys![1].commits![0];
  commit.files![0].patch += texts.map((t) => `+// ${t.replace(/\n/g, '\n+')}`).join('\n');
  s.incident.title += ` (${texts[0]})`;
  return s;
}

function report(): Report {
  return {
    schema: 'incident-lens/report@1',
    rootCause: { category: 'code-change', summary: 'v2.4.1 added per-item DynamoDB queries; reads throttle', confidence: 0.8, evidence: ['e1', 'e2'] },
    suspects: [{ deployId: 'v2.4.1', score: 0.9, evidence: ['e1'] }],
    hypotheses: [{ category: 'capacity', statement: 'table RCU too low', verdict: 'inconclusive', confidence: 0.4, evidence: ['e2'] }],
    actions: [{ kind: 'rollback', horizon: 'immediate', title: 'Roll back to v2.4.0', evidence: ['e1'] }],
    evidence: [
      { id: 'e1', kind: 'deploy', summary: 'v2.4.1 deployed 12 min before the onset, changed src/orders.js' },
      { id: 'e2', kind: 'log-pattern', summary: 'ProvisionedThroughputExceededException: 0 → 412 after 03:11' },
      { id: 'e3', kind: 'alarm', summary: 'api-latency-critical ALARM 03:15' },
    ],
    timeline: [],
    gaps: [],
  };
}

const goodAnswer = {
  narrative: [
    { text: 'Deploy v2.4.1 added a DynamoDB query per order item, which exhausted read capacity.', evidence: ['e1', 'e2'] },
    { text: 'An unsupported sentence.', evidence: [] },
    { text: 'A sentence citing nothing real.', evidence: ['e99'] },
  ],
  hypotheses: [{ category: 'code-change', statement: 'N+1 queries from v2.4.1', verdict: 'supported', confidence: 0.85, evidence: ['e1', 'e2'] }],
  fixes: [{ title: 'Batch the lookups', detail: 'Use BatchGetItem for all SKUs of an order.', patch: '--- a/src/orders.js\n+++ b/src/orders.js\n@@ -20,3 +20,3 @@\n-a\n+b\n', evidence: ['e2'] }],
};

describe('LLM analysis through an OpenAI-compatible endpoint', function () {
  this.timeout(20_000);
  let server: OpenAiCompatibleServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const chat = (timeoutMs = 5_000) => createOpenAiChat({ baseURL: server!.baseURL, apiKey: 'sk-test-key-not-secret-000000', model: 'test-model', timeoutMs, maxRetries: 1 });

  it('sends no secret from the corpus, cites only known evidence, and drops the rest', async () => {
    server = await startOpenAiCompatibleServer([{ content: JSON.stringify(goodAnswer) }]);
    const snap = leakySnapshot();
    const out = await runLlmAnalysis(snap, report(), (r, o) => chat().complete(r, o), { model: 'test-model', contextTokens: 128_000 });
    assert.equal(server.requests.length, 1);
    const sent = server.requests[0].body;
    const leaked = corpus.secrets.filter((s) => sent.includes(s.secret) || sent.includes(JSON.stringify(s.secret).slice(1, -1))).map((s) => s.kind);
    assert.deepEqual(leaked, []);
    const body = JSON.parse(sent) as { stream: boolean; response_format: { type: string }; model: string };
    assert.equal(body.stream, true);
    assert.equal(body.response_format.type, 'json_schema');
    assert.equal(out.llm.source, 'llm');
    assert.equal(out.llm.narrative.length, 1);
    assert.equal(out.llm.hypotheses.length, 1);
    assert.equal(out.llm.fixes.length, 1);
    assert.equal(out.llm.dropped.length, 2);
    assert.ok(out.llm.narrative.every((c) => c.evidence.every((id) => out.evidence.some((e) => e.id === id))));
    assert.ok(Object.keys(out.llm.redactions).length >= 8);
    // The deterministic report is untouched.
    assert.deepEqual(out.rootCause, report().rootCause);
  });

  it('restores placeholders the model repeats, locally', async () => {
    const snap = leakySnapshot();
    const preview = buildLlmRequest(snap, report(), { contextTokens: 128_000 });
    const placeholder = /\[REDACTED_AWS_ACCESS_KEY_\d+\]/.exec(preview.messages[1].content)![0];
    server = await startOpenAiCompatibleServer([{ content: JSON.stringify({ narrative: [{ text: `Key ${placeholder} appears in the logs.`, evidence: ['e2'] }], hypotheses: [], fixes: [] }) }]);
    const out = await runLlmAnalysis(snap, report(), (r, o) => chat().complete(r, o), { model: 'm', contextTokens: 128_000 });
    assert.equal(out.llm.narrative[0].text, 'Key AKIAIOSFODNN7EXAMPLE appears in the logs.');
  });

  it('survives malformed, empty and partial answers', async () => {
    for (const content of ['not json at all', '', '{"narrative": [{"text": "x", "evidence": ["e1"]}], "hypotheses": "oops"', '```json\n{"narrative":[{"text":"fenced","evidence":["e3"]}],"hypotheses":[],"fixes":[]}\n```']) {
      server = await startOpenAiCompatibleServer([{ content }]);
      const out = await runLlmAnalysis(demoSnapshot(), report(), (r, o) => chat().complete(r, o), { model: 'm', contextTokens: 32_000 });
      assert.equal(out.rootCause.category, 'code-change');
      if (content.startsWith('```')) assert.equal(out.llm.narrative[0].text, 'fenced');
      else assert.ok(out.llm.dropped.length >= 1, content);
      await server.close();
      server = undefined;
    }
  });

  it('falls back to json_object when the server does not know json_schema', async () => {
    server = await startOpenAiCompatibleServer([
      { status: 400, error: { message: "Invalid value for 'response_format': json_schema is not supported" } },
      { content: JSON.stringify(goodAnswer) },
    ]);
    const out = await runLlmAnalysis(demoSnapshot(), report(), (r, o) => chat().complete(r, o), { model: 'm', contextTokens: 32_000 });
    assert.equal(out.llm.narrative.length, 1);
    assert.equal((JSON.parse(server.requests[1].body) as { response_format: { type: string } }).response_format.type, 'json_object');
  });

  it('says clearly when the model is unknown, the server fails, is slow, or is not there', async () => {
    const cases: Array<[ConstructorParameters<typeof Object>[0], RegExp]> = [
      [{ status: 404, error: { message: 'model not found' } }, /model 'test-model' is unknown/],
      [{ status: 401, error: { message: 'bad key' } }, /rejected the API key/],
      [{ status: 500, error: { message: 'boom' } }, /failed: 500/],
      [{ delayMs: 1_500, content: '{}' }, /did not answer in time/],
    ];
    for (const [reply, re] of cases) {
      server = await startOpenAiCompatibleServer([reply as never]);
      await assert.rejects(runLlmAnalysis(demoSnapshot(), report(), (r, o) => chat(400).complete(r, o), { model: 'test-model', contextTokens: 32_000 }), (e: Error) => e instanceof LlmError && re.test(e.message));
      await server.close();
      server = undefined;
    }
    const gone = createOpenAiChat({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'x', model: 'm', maxRetries: 0, timeoutMs: 2_000 });
    await assert.rejects(runLlmAnalysis(demoSnapshot(), report(), (r, o) => gone.complete(r, o), { model: 'm', contextTokens: 32_000 }), /cannot reach the LLM endpoint/);
  });

  it('can be cancelled', async () => {
    server = await startOpenAiCompatibleServer([{ delayMs: 3_000, content: '{}' }]);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    await assert.rejects(runLlmAnalysis(demoSnapshot(), report(), (r, o) => chat().complete(r, o), { model: 'm', contextTokens: 32_000, signal: ac.signal }), /cancelled/);
  });

  it('keeps the request inside a small context, most informative sections first', () => {
    const full = buildLlmRequest(leakySnapshot(), report(), { contextTokens: 128_000 });
    const ctx = Math.floor(full.promptTokens * 0.7) + 300;
    const req = buildLlmRequest(leakySnapshot(), report(), { contextTokens: ctx, maxAnswerTokens: 300 });
    assert.ok(req.promptTokens <= ctx - 300, `prompt ${req.promptTokens} of ${ctx}`);
    assert.deepEqual(full.truncated, []);
    assert.ok(req.truncated.length > 0);
    assert.match(req.messages[1].content, /## Analysis report/);
    assert.throws(() => buildLlmRequest(demoSnapshot(), report(), { contextTokens: 500 }), /too small/);
  });
});
