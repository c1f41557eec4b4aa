import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../../helpers/openAiCompatibleServer';

const fixture = path.resolve(__dirname, '../../../../test/fixtures/latency-after-deploy.incident.json');
const corpus = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../test/fixtures/llm/secrets.json'), 'utf8')) as {
  secrets: Array<{ kind: string; text: string; secret: string }>;
};

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += `${t}\n`), err: (t: string) => void (io.stderr += `${t}\n`) };
  return io;
}

const leaks = (text: string) => corpus.secrets.filter((s) => text.includes(s.secret) || text.includes(JSON.stringify(s.secret).slice(1, -1))).map((s) => s.kind);

describe('incident-lens llm preview --repo', function () {
  this.timeout(30_000);
  let dir: string;
  let repo: string;
  let server: OpenAiCompatibleServer | undefined;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lens-preview-repo-'));
    repo = path.join(dir, 'repo');
    mkdirSync(path.join(repo, 'src', 'data'), { recursive: true });
    // The suspect deploy's data-access file, with every secret format of the corpus in it.
    const code = ['export const PAGE_SIZE = 500;', ...corpus.secrets.map((s) => `// ${s.text.replace(/\n/g, '\n// ')}`), 'export async function listOrders() {}', ''].join('\n');
    writeFileSync(path.join(repo, 'src', 'data', 'orderStore.js'), code);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the suspect file’s current code, redacted: no secret from the corpus in the output', async () => {
    const io = capture();
    assert.equal(await main(['llm', 'preview', fixture, '--repo', repo], io), 0);
    assert.match(io.stdout, /## Current code of the files involved\n--- src\/data\/orderStore\.js\nexport const PAGE_SIZE = 500;/);
    assert.match(io.stdout, /export async function listOrders\(\) \{\}\n--- end of src\/data\/orderStore\.js/);
    assert.match(io.stdout, /\/\/ using key \[REDACTED_AWS_ACCESS_KEY_\d+\] for us-east-1/);
    assert.deepEqual(leaks(io.stdout), []);

    const plain = capture();
    assert.equal(await main(['llm', 'preview', fixture], plain), 0);
    assert.doesNotMatch(plain.stdout, /Current code of the files involved/, 'only with --repo');
  });

  it('previews exactly the messages analyze --llm --repo sends', async () => {
    const preview = capture();
    assert.equal(await main(['llm', 'preview', fixture, '--repo', repo, '--model', 'm', '--format', 'json'], preview), 0);
    assert.deepEqual(leaks(preview.stdout), []);
    const shown = JSON.parse(preview.stdout) as { messages: Array<{ role: string; content: string }> };

    server = await startOpenAiCompatibleServer([{ content: '{}' }]);
    process.env.OPENAI_BASE_URL = server.baseURL;
    process.env.OPENAI_API_KEY = 'sk-local-test-0000000000000000';
    assert.equal(await main(['analyze', fixture, '--llm', '--model', 'm', '--repo', repo], capture()), 0);
    const sent = JSON.parse(server.requests[0].body) as { messages: Array<{ role: string; content: string }> };
    assert.deepEqual(sent.messages, shown.messages);
  });

  it('names a --repo that does not exist, in one line', async () => {
    const io = capture();
    assert.equal(await main(['llm', 'preview', fixture, '--repo', path.join(dir, 'nope')], io), 2);
    assert.equal(io.stderr.trim().split('\n').length, 1);
    assert.match(io.stderr, /--repo .*nope: no such directory/);
  });
});
