// The ahead-of-time snapshot validator (ajv standalone, src/core/schema/snapshotValidator.generated.ts): it is
// current with the schema, it answers exactly as ajv compiling the schema at run time does (verdict and first
// error, on every fixture and on thousands of broken variants of them), and the character-code time check equals
// the regular expression it replaced.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';
import Ajv, { type ErrorObject } from 'ajv';
import fc from 'fast-check';
import { isIsoTimeWithOffset, snapshotJsonSchema, validateSnapshot } from '../../../src/core/schema';
import { validateSnapshotSchema } from '../../../src/core/schema/snapshotValidator.generated';
import { fixtureFiles, loadFixture } from '../analysis/fixtures';

const root = path.resolve(__dirname, '../../../..');

interface Generator {
  GENERATED_PATH: string;
  AJV_OPTIONS: Record<string, unknown>;
  validatorSource(schema: unknown): string;
}
const generator = async () => (await import(pathToFileURL(path.join(root, 'scripts/lib/snapshotValidator.mjs')).href)) as Generator;

type Validate = ((v: unknown) => boolean) & { errors?: ErrorObject[] | null };
const precompiled = validateSnapshotSchema as unknown as Validate;

/** The time check as a regular expression plus calendar, offset and leap-second limits: the reference for the scanner. */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|([+-])(\d{2}):?(\d{2}))$/;
function referenceIsoTime(s: string): boolean {
  const m = ISO_WITH_OFFSET.exec(s);
  if (!m) return false;
  const [mo, d, h, mi, se] = [m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return false;
  const [oh, om] = [Number(m[8] ?? 0), Number(m[9] ?? 0)];
  if (oh > 23 || om > 59) return false;
  // A leap second falls at 23:59 UTC.
  if (se === 60 && new Date(Date.UTC(2000, 0, 1, h, mi) - (m[7] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000).toISOString().slice(11, 16) !== '23:59') return false;
  const y = Number(m[1]);
  const dim = mo === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
  return d <= dim;
}

/** Every JSON path in v (arrays sampled at their ends so large series stay cheap). */
function paths(v: unknown, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(at);
  if (Array.isArray(v)) {
    const idx = v.length <= 4 ? v.map((_, i) => i) : [0, 1, v.length - 1];
    for (const i of idx) paths(v[i], [...at, i], out);
  } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

const DELETE = Symbol('delete');
const REPLACEMENTS: unknown[] = [42, -1, 'x', '', null, true, [], {}, ['2026-01-01T00:00:00Z'], ['2026-01-01T00:00:00Z', 1, 2], '2026-02-30T00:00:00Z', '2026-01-01T00:00:00', 'FIRING', DELETE];

/** Runs fn on doc with the value at `at` replaced (or removed), then puts it back. */
function withMutation<T>(doc: unknown, at: Array<string | number>, to: unknown, fn: (v: unknown) => T): T {
  if (!at.length) return fn(to === DELETE ? undefined : to);
  let parent = doc as Record<string | number, unknown>;
  for (const k of at.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = at[at.length - 1];
  const had = Object.prototype.hasOwnProperty.call(parent, last);
  const old = parent[last];
  if (to === DELETE) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = to;
  try {
    return fn(doc);
  } finally {
    if (to === DELETE && Array.isArray(parent)) parent.splice(last as number, 0, old);
    else if (had) parent[last] = old;
    else delete parent[last];
  }
}

describe('ahead-of-time snapshot validator', () => {
  it('is current with src/core/schema/snapshotSchema.ts', async () => {
    const g = await generator();
    const shipped = readFileSync(path.join(root, g.GENERATED_PATH), 'utf8');
    assert.ok(shipped === g.validatorSource(snapshotJsonSchema), `${g.GENERATED_PATH} is stale: run npm run build`);
  });

  it('answers as ajv compiling the schema at run time: verdict and first error on fixtures and broken variants', async function () {
    this.timeout(120_000);
    const g = await generator();
    const ajv = new Ajv(g.AJV_OPTIONS);
    ajv.addFormat('date-time', { type: 'string', validate: isIsoTimeWithOffset });
    const runtime = ajv.compile(snapshotJsonSchema) as Validate;
    let cases = 0;
    let invalid = 0;
    const keywords = new Set<string>();
    // Each place in the schema once (array indices folded), from whichever fixture has it first.
    const seen = new Set<string>();
    for (const f of fixtureFiles()) {
      const doc = loadFixture(f);
      const before = JSON.stringify(doc);
      for (const at of paths(doc)) {
        const shape = at.map((k) => (typeof k === 'number' ? '#' : k)).join('/');
        if (seen.has(shape)) continue;
        seen.add(shape);
        for (const to of REPLACEMENTS) {
          withMutation(doc, at, to, (v) => {
            const a = precompiled(v);
            const b = runtime(v);
            cases++;
            assert.equal(a, b, `${f} ${at.join('/')} := ${String(to)}`);
            if (!a) {
              invalid++;
              keywords.add(precompiled.errors![0].keyword);
              assert.deepEqual(precompiled.errors, runtime.errors, `${f} ${at.join('/')} := ${String(to)}`);
            }
          });
        }
      }
      assert.ok(isDeepStrictEqual(doc, JSON.parse(before)), `${f}: every variant was undone`);
    }
    // Not vacuous: many variants are rejected, for every kind of rule the schema uses.
    assert.ok(invalid > 500 && invalid < cases, `${invalid} of ${cases} variants invalid`);
    for (const k of ['type', 'required', 'format', 'enum', 'pattern', 'minLength', 'minItems', 'maxItems']) assert.ok(keywords.has(k), `no variant broke ${k}`);
  });

  it('validateSnapshot names the deepest path of a broken variant, one line', () => {
    const doc = loadFixture('latency-after-deploy.incident.json');
    const r = withMutation(doc, ['deploys', 0, 'commits', 0, 'files', 0, 'status'], 'changed', validateSnapshot);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : `${r.problems[0].path}: ${r.problems[0].message}`, /^\/deploys\/0\/commits\/0\/files\/0\/status: must be one of "added", "modified", "deleted", "renamed"$/);
  });

  it('time check by character codes equals the regular expression', function () {
    this.timeout(60_000);
    const d = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
    const sep = fc.constantFrom('T', 't', ' ', 'x', '');
    const offset = fc.oneof(fc.constantFrom('Z', 'z', '', 'UTC', '+', '+0', '+09:0'), fc.tuple(fc.constantFrom('+', '-'), d(2), fc.constantFrom(':', ''), d(2)).map((p) => p.join('')));
    const secs = fc.oneof(fc.constant(''), d(2).map((s) => `:${s}`), fc.tuple(d(2), fc.stringMatching(/^[0-9]{0,12}$/)).map(([s, f]) => `:${s}.${f}`));
    // Near-valid times: right shape, random digits (calendar limits), optional parts and wrong separators.
    const shaped = fc.tuple(fc.oneof(d(4), d(3), d(5)), d(2), d(2), sep, d(2), d(2), secs, offset)
      .map(([y, mo, dd, t, h, mi, s, o]) => `${y}-${mo}-${dd}${t}${h}:${mi}${s}${o}`);
    // Valid times from real dates, then one character replaced, inserted or removed.
    const real = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((x) => x.toISOString());
    const edited = fc.tuple(real, fc.nat(), fc.constantFrom(...'0123456789-:.Tt Zz+x'), fc.constantFrom('replace', 'insert', 'remove'))
      .map(([s, i, c, op]) => {
        const k = i % (s.length + 1);
        return op === 'insert' ? s.slice(0, k) + c + s.slice(k) : op === 'replace' ? s.slice(0, k) + c + s.slice(k + 1) : s.slice(0, k) + s.slice(k + 1);
      });
    const noise = fc.stringMatching(/^[0-9:T+Z.-]{0,30}$/);
    fc.assert(fc.property(fc.oneof(shaped, real, edited, noise), (s) => isIsoTimeWithOffset(s) === referenceIsoTime(s)), { numRuns: 50_000 });
    for (const s of ['2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-12-31T23:59:60+14:00', '2026-01-01T24:00Z', '2026-01-01T00:00:00.Z', '2026-01-01T00:00+0900', '2026-01-01T00:00:00Z\n']) {
      assert.equal(isIsoTimeWithOffset(s), referenceIsoTime(s), s);
    }
  });
});
