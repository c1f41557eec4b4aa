// `incident-lens analyze` end to end through the CLI entry point: output formats, and exit 2 with one clear line
// for every kind of bad input.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { fixturesDir } from './fixtures';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['analyze', ...argv], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('incident-lens analyze', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'il-analyze-'));
  const write = (name: string, text: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  const fixture = path.join(fixturesDir, 'latency-after-deploy.incident.json');

  it('prints the JSON report', async () => {
    const r = await run(fixture);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out);
    assert.equal(report.schema, 'incident-lens/report@1');
    assert.equal(report.rootCause.category, 'code-change');
  });

  it('prints a readable markdown summary', async () => {
    const r = await run(fixture, '--format', 'markdown');
    assert.equal(r.code, 0, r.err);
    for (const h of ['## Root cause', '## Suspects', '## Hypotheses', '## Actions now', '## Actions later', '## Gaps']) assert.ok(r.out.includes(h), h);
    assert.match(r.out, /confidence \d+%/);
  });

  it('bad time: exit 2, one line naming file and JSON path', async () => {
    const f = write('bad.json', JSON.stringify({ schema: 'incident-lens/snapshot@1', incident: { id: 'I', title: 't', startedAt: '2026-01-01T00:00:00Z' }, deploys: [{ id: 'd', at: '2026-01-01 10:00' }] }));
    const r = await run(f);
    assert.equal(r.code, 2);
    assert.equal(r.err, `incident-lens analyze: ${f}: /deploys/0/at: must be an ISO-8601 time with offset\n`);
    assert.equal(r.out, '');
  });

  it('invalid JSON: exit 2 with line:column', async () => {
    const f = write('broken.json', '{\n  "schema": "incident-lens/snapshot@1",\n  "incident": {,\n}');
    const r = await run(f);
    assert.equal(r.code, 2);
    assert.match(r.err, /^incident-lens analyze: .*broken\.json: invalid JSON at line 3:16: /);
    assert.equal(r.err.trim().split('\n').length, 1);
  });

  it('unreadable file, missing argument, unknown format: exit 2, no stack trace', async () => {
    for (const argv of [[path.join(dir, 'nope.json')], [], [fixture, '--format', 'xml'], [dir]]) {
      const r = await run(...argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.doesNotMatch(r.err, /\n\s+at /);
    }
  });
});
