// The audit log (JSON lines, redacted, in order, with an opt-in copy) and the PIR file path + merge on rerun.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pirPath, updatedPir } from '../../../src/core/actions/pirFile';
import { analyse } from '../../../src/core/analysis';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';
import { renderPir } from '../../../src/core/pir';
import { AuditLog } from '../../../src/providers/audit/auditLog';

describe('audit log', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'il-audit-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends one redacted JSON line per entry, in order, to the log and the opt-in copy', async () => {
    const main = path.join(dir, 'storage', 'audit.jsonl');
    const copy = path.join(dir, 'ws', '.incident-lens', 'audit.jsonl');
    const log = new AuditLog([main, copy], () => new Date('2026-01-14T03:20:00Z'));
    const secrets = ['ghp_abcdefghijklmnopqrstuvwxyz0123456789AB', 'AKIAABCDEFGHIJKLMNOP', 'sk-proj-abcdefghijklmnopqrstuvwx', 'hunter2secret'];
    await Promise.all([
      log.append({ kind: 'read', action: 'github GET /repos/acme/shop/deployments', outcome: '200', headers: { authorization: `token ${secrets[0]}` } }),
      log.append({ kind: 'llm-call', action: 'llm analyse', outcome: 'ok', request: { apiKey: secrets[2], text: `aws key ${secrets[1]} password=${secrets[3]}` } }),
      log.append({ kind: 'write', action: 'hotfix-pr', outcome: 'failed', error: new Error('refused') }),
    ]);
    for (const f of [main, copy]) {
      const text = readFileSync(f, 'utf8');
      for (const s of secrets) assert.ok(!text.includes(s), `${s} leaked into ${f}`);
      const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.deepEqual(lines.map((l) => l.kind), ['read', 'llm-call', 'write']);
      assert.equal(lines[0].at, '2026-01-14T03:20:00.000Z');
      assert.equal(lines[2].error, 'refused');
      assert.match(JSON.stringify(lines[1]), /REDACTED_/);
    }
  });

  it('keeps writing after a failed destination', async () => {
    const errors: string[] = [];
    const blocked = path.join(dir, 'file');
    const good = path.join(dir, 'ok.jsonl');
    await new AuditLog([good]).append({ kind: 'read' });
    const log = new AuditLog([path.join(good, 'nested', 'x.jsonl'), blocked]);
    await log.append({ kind: 'write', action: 'a' }, (e) => errors.push(e.message));
    assert.equal(errors.length, 1);
    assert.equal(readFileSync(blocked, 'utf8').trim().split('\n').length, 1);
  });
});

describe('PIR file', () => {
  const snap = demoSnapshot();
  it('is named docs/incidents/YYYY-MM-DD-<slug>.md by default and follows a configured pattern inside the workspace', () => {
    const day = snap.incident.startedAt.slice(0, 10);
    assert.match(pirPath(snap), new RegExp(`^docs/incidents/${day}-[a-z0-9-]+\\.md$`));
    assert.equal(pirPath(snap, 'pir/{id}.md'), `pir/${snap.incident.id.replace(/[^A-Za-z0-9._-]+/g, '-')}.md`);
    assert.throws(() => pirPath(snap, '../outside/{slug}.md'), /inside the workspace/);
  });

  it('a rerun updates the generated parts and keeps what people wrote', () => {
    const report = analyse(snap);
    const first = updatedPir(undefined, renderPir(snap, report));
    assert.equal(first.merged, false);
    const edited = `${first.text}\n\nNOTE FROM THE ON-CALL: the cache warmed slowly.\n`;
    const again = updatedPir(edited, renderPir(snap, report));
    assert.equal(again.merged, true);
    assert.ok(again.text.includes('NOTE FROM THE ON-CALL'), 'human text kept');
    assert.ok(again.text.includes(snap.incident.id));
  });
});
