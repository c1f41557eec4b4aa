import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRedactor } from '../../../src/core/llm/redact';

const corpus = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../test/fixtures/llm/secrets.json'), 'utf8')) as {
  secrets: Array<{ kind: string; text: string; secret: string }>;
  keep: string[];
};

describe('redaction', () => {
  for (const s of corpus.secrets) {
    it(`removes ${s.kind} and restores it`, () => {
      const r = createRedactor();
      const out = r.redact(s.text);
      assert.ok(!out.includes(s.secret), `leaked in: ${out}`);
      assert.match(out, /\[REDACTED_[A-Z0-9_]+_\d+\]/);
      assert.equal(r.restore(out), s.text);
    });
  }

  it('leaks nothing when every secret is in one document', () => {
    const r = createRedactor();
    const doc = corpus.secrets.map((s) => s.text).join('\n');
    const out = r.redact(doc);
    const leaked = corpus.secrets.filter((s) => out.includes(s.secret)).map((s) => s.kind);
    assert.deepEqual(leaked, []);
    assert.equal(r.restore(out), doc);
  });

  it('keeps evidence ids, commit shas, times, paths and ordinary words', () => {
    const r = createRedactor();
    for (const line of corpus.keep) assert.equal(r.redact(line), line);
  });

  it('gives the same secret the same placeholder, and different secrets different ones', () => {
    const r = createRedactor();
    const a = r.redact('key AKIAIOSFODNN7EXAMPLE then AKIAIOSFODNN7EXAMPLE and AKIAI44QH8DHBEXAMPLE');
    const placeholders = a.match(/\[REDACTED_[A-Z_]+_\d+\]/g) ?? [];
    assert.equal(placeholders.length, 3);
    assert.equal(placeholders[0], placeholders[1]);
    assert.notEqual(placeholders[0], placeholders[2]);
    assert.deepEqual(r.counts(), { AWS_ACCESS_KEY: 2 });
  });

  it('can leave e-mails and IPs when configured, and takes extra patterns', () => {
    const r = createRedactor({ emails: false, ips: false, extraPatterns: ['CUST-\\d{6}'] });
    assert.equal(r.redact('mail a@b.io from 10.0.0.1 for CUST-123456'), 'mail a@b.io from 10.0.0.1 for [REDACTED_CUSTOM_1]');
  });
});
