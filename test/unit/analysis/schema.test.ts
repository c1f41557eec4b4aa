// Snapshot validation: valid fixtures pass, unknown fields are kept, each kind of bad input is one line naming the
// JSON path; the shipped schemas/snapshot.schema.json is the schema the code validates with.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, isIsoTimeWithOffset, parseJson, snapshotJsonSchema, validateSnapshot } from '../../../src/core/schema';
import { fixtureFiles, fixturesDir, loadFixture } from './fixtures';

const first = (v: unknown) => {
  const r = validateSnapshot(v);
  assert.equal(r.ok, false, 'expected invalid');
  return formatProblem((r as { problems: Array<{ path: string; message: string }> }).problems[0]);
};
const base = () => ({ schema: 'incident-lens/snapshot@1', incident: { id: 'I', title: 't', startedAt: '2026-01-01T00:00:00Z' } });

describe('snapshot schema', () => {
  it('accepts every fixture', () => {
    for (const f of fixtureFiles()) {
      const r = validateSnapshot(loadFixture(f));
      assert.ok(r.ok, `${f}: ${r.ok ? '' : formatProblem(r.problems[0])}`);
    }
  });

  it('accepts and keeps unknown fields', () => {
    const s = { ...base(), futureField: { a: 1 }, deploys: [{ id: 'd', at: '2026-01-01T00:00:00+09:00', pipeline: 'x' }] };
    const r = validateSnapshot(s);
    assert.ok(r.ok);
    assert.equal((r.snapshot.deploys![0] as Record<string, unknown>).pipeline, 'x');
    assert.deepEqual(r.snapshot.futureField, { a: 1 });
  });

  it('names the path of a time without offset', () => {
    const s = { ...base(), deploys: [{ id: 'd', at: '2026-01-01T00:00:00' }] };
    assert.equal(first(s), '/deploys/0/at: must be an ISO-8601 time with offset');
  });

  it('names a missing required field, a wrong type and a bad enum', () => {
    assert.equal(first({ schema: 'incident-lens/snapshot@1', incident: { id: 'I', title: 't' } }), '/incident/startedAt: is required but missing');
    assert.match(first({ ...base(), metrics: [{ id: 'm', namespace: 'n', name: 'x', points: [['2026-01-01T00:00:00Z', 'high']] }] }), /^\/metrics\/0\/points\/0\/1: must be number,null/);
    assert.match(first({ ...base(), alarms: [{ id: 'a', name: 'n', state: 'FIRING', at: '2026-01-01T00:00:00Z' }] }), /^\/alarms\/0\/state: must be one of "ALARM"/);
    assert.equal(first({ ...base(), schema: 'other@2' }), "/schema: must be 'incident-lens/snapshot@1'");
    assert.match(first([]), /^\/: must be object/);
  });

  it('checks times for real calendar values', () => {
    assert.ok(isIsoTimeWithOffset('2026-01-14T03:15:00Z'));
    assert.ok(isIsoTimeWithOffset('2026-01-14T03:15:00.123+05:30'));
    assert.ok(!isIsoTimeWithOffset('2026-13-14T03:15:00Z'));
    assert.ok(!isIsoTimeWithOffset('2026-01-14 03:15'));
    assert.ok(!isIsoTimeWithOffset('yesterday'));
  });

  it('reports invalid JSON with line and column', () => {
    assert.throws(() => parseJson('{\n  "a": 1,\n  "b": }\n'), /line 3:8/);
    assert.throws(() => parseJson(''), /invalid JSON at line 1:1/);
  });

  it('ships schemas/snapshot.schema.json equal to the schema in code', () => {
    const shipped = JSON.parse(readFileSync(path.join(fixturesDir, '..', '..', 'schemas', 'snapshot.schema.json'), 'utf8'));
    assert.deepEqual(shipped, JSON.parse(JSON.stringify(snapshotJsonSchema)), 'regenerate: node out/test/fixtures/generate/writeSchema.js');
  });
});
