import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../../helpers/openAiCompatibleServer';

const fixture = path.resolve(__dirname, '../../../../test/fixtures/latency-after-deploy.incident.json');

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += `${t}\n`), err: (t: string) => void (io.stderr += `${t}\n`) };
  return io;
}

const STORE = ['import { client } from "./client";', 'const DB_URL = "postgres://orders:Hunter2-Sekret@10.0.4.17:5432/orders";', 'export const PAGE_SIZE = 500;', 'export async function listOrders(customerId) {', '  return loadOrders(customerId);', '}', ''].join('\n');

describe('incident-lens analyze --llm --repo --patches-dir', function () {
  this.timeout(30_000);
  let server: OpenAiCompatibleServer | undefined;
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lens-cli-patches-'));
  });
  afterEach(async () => {
    await server?.close();
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the suspect file’s current code redacted and writes the cited patch, restored, as a .patch git accepts', async () => {
    const repo = path.join(dir, 'repo');
    mkdirSync(path.join(repo, 'src', 'data'), { recursive: true });
    writeFileSync(path.join(repo, 'src', 'data', 'orderStore.js'), STORE);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q');

    // The model sees the DB line redacted and repeats the placeholder in its context line.
    const reply = (sent: string) => {
      const dbLine = /const DB_URL = "postgres:\/\/orders:\[REDACTED_URL_PASSWORD_\d+\]@\[REDACTED_IP_\d+\]:5432\/orders";/.exec(sent)?.[0];
      assert.ok(dbLine, 'the code context reached the model, redacted');
      const diff = ['--- a/src/data/orderStore.js', '+++ b/src/data/orderStore.js', '@@ -2,3 +2,3 @@', ` ${dbLine}`, '-export const PAGE_SIZE = 500;', '+export const PAGE_SIZE = 50;', ' export async function listOrders(customerId) {', ''].join('\n');
      return JSON.stringify({
        narrative: [],
        hypotheses: [],
        fixes: [],
        patches: [
          { file: 'src/data/orderStore.js', diff, rationale: 'Smaller pages --- fewer queries per request', evidence: ['e1'] },
          { file: 'src/data/orderStore.js', diff, rationale: 'uncited', evidence: [] },
        ],
      });
    };
    // First a dry call to learn what is sent, then the real one answering with a patch against it.
    server = await startOpenAiCompatibleServer([{ content: '{}' }]);
    process.env.OPENAI_BASE_URL = server.baseURL;
    process.env.OPENAI_API_KEY = 'sk-local-test-0000000000000000';
    assert.equal(await main(['analyze', fixture, '--llm', '--model', 'm', '--repo', repo], capture()), 0);
    const sent = (JSON.parse(server.requests[0].body) as { messages: Array<{ content: string }> }).messages[1].content;
    assert.ok(!sent.includes('Hunter2-Sekret') && !sent.includes('10.0.4.17'), 'no secret in the request');
    server.replies.splice(0, 1, { content: reply(sent) });

    const patches = path.join(dir, 'out');
    const io = capture();
    assert.equal(await main(['analyze', fixture, '--llm', '--model', 'm', '--repo', repo, '--patches-dir', patches], io), 0);
    assert.ok(!server.requests[1].body.includes('Hunter2-Sekret'));
    assert.match(io.stderr, /dropped 1 model claim/);
    assert.match(io.stderr, /1 proposed patch\(es\) written to .* \(not applied\): 01-src-data-orderStore\.js\.patch/);
    assert.deepEqual(readdirSync(patches), ['01-src-data-orderStore.js.patch']);
    const file = path.join(patches, '01-src-data-orderStore.js.patch');
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^# Proposed by the model m on .*; NOT applied\./);
    assert.match(text, /^# Rationale: Smaller pages --- fewer queries per request$/m);
    assert.match(text, /^# Evidence: e1$/m);
    assert.ok(text.includes(' const DB_URL = "postgres://orders:Hunter2-Sekret@10.0.4.17:5432/orders";'), 'secrets restored locally');
    // Not applied, but applicable: git accepts the file as written.
    assert.equal(readFileSync(path.join(repo, 'src', 'data', 'orderStore.js'), 'utf8'), STORE);
    git('apply', '--check', file);
    const report = JSON.parse(io.stdout) as { llm: { patches: Array<{ file: string }> } };
    assert.deepEqual(report.llm.patches.map((p) => p.file), ['src/data/orderStore.js']);
  });

  it('names a --repo that does not exist', async () => {
    server = await startOpenAiCompatibleServer([{ content: '{}' }]);
    process.env.OPENAI_BASE_URL = server.baseURL;
    const io = capture();
    assert.equal(await main(['analyze', fixture, '--llm', '--model', 'm', '--repo', path.join(dir, 'nope')], io), 2);
    assert.match(io.stderr, /--repo .*nope: no such directory/);
    assert.equal(server.requests.length, 0);
  });
});
