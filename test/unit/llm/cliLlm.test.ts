import * as assert from 'node:assert/strict';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../../helpers/openAiCompatibleServer';

const fixture = path.resolve(__dirname, '../../../../test/fixtures/latency-after-deploy.incident.json');

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += `${t}\n`), err: (t: string) => void (io.stderr += `${t}\n`) };
  return io;
}

describe('incident-lens analyze --llm', function () {
  this.timeout(30_000);
  let server: OpenAiCompatibleServer | undefined;
  const saved = { ...process.env };
  afterEach(async () => {
    await server?.close();
    process.env = { ...saved };
  });

  it('adds report.llm from the endpoint in OPENAI_BASE_URL, with only evidence-backed claims', async () => {
    const first = capture();
    assert.equal(await main(['analyze', fixture], first), 0);
    const plain = JSON.parse(first.stdout) as { evidence: Array<{ id: string }>; rootCause: unknown };
    const id = plain.evidence[0].id;
    server = await startOpenAiCompatibleServer([{ content: JSON.stringify({ narrative: [{ text: 'Backed.', evidence: [id] }, { text: 'Unbacked.', evidence: ['nope'] }], hypotheses: [], fixes: [] }) }]);
    process.env.OPENAI_BASE_URL = server.baseURL;
    process.env.OPENAI_API_KEY = 'sk-local-test-0000000000000000';
    const io = capture();
    assert.equal(await main(['analyze', fixture, '--llm', '--model', 'local-model'], io), 0);
    const report = JSON.parse(io.stdout) as { llm: { narrative: Array<{ text: string }>; dropped: unknown[]; model: string }; rootCause: unknown };
    assert.deepEqual(report.rootCause, plain.rootCause);
    assert.equal(report.llm.model, 'local-model');
    assert.deepEqual(report.llm.narrative.map((c) => c.text), ['Backed.']);
    assert.equal(report.llm.dropped.length, 1);
    assert.match(io.stderr, /dropped 1 model claim/);
    assert.equal((JSON.parse(server.requests[0].body) as { model: string }).model, 'local-model');
    assert.equal(server.requests[0].headers.authorization, 'Bearer sk-local-test-0000000000000000');

    const md = capture();
    assert.equal(await main(['analyze', fixture, '--llm', '--model', 'local-model', '--format', 'markdown'], md), 0);
    assert.match(md.stdout, /Narrative from the model \(local-model\) — not part of the deterministic analysis/);
  });

  it('keeps the deterministic report and names the problem when the endpoint is down', async () => {
    process.env.OPENAI_BASE_URL = 'http://127.0.0.1:9/v1';
    const io = capture();
    assert.equal(await main(['analyze', fixture, '--llm', '--model', 'm', '--llm-timeout', '3'], io), 0);
    const report = JSON.parse(io.stdout) as { llm?: unknown; gaps: string[] };
    assert.equal(report.llm, undefined);
    assert.ok(report.gaps.some((g) => /LLM narrative not available: cannot reach/.test(g)));
  });

  it('exits 2 with one line when --llm has no model', async () => {
    delete process.env.OPENAI_MODEL;
    const io = capture();
    assert.equal(await main(['analyze', fixture, '--llm'], io), 2);
    assert.equal(io.stderr.trim().split('\n').length, 1);
    assert.match(io.stderr, /--llm needs a model/);
  });
});
