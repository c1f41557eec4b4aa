// Validates a parsed snapshot against the JSON Schema, turning the first error into one readable line.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Snapshot } from '../model/snapshot';
import { isIsoTimeWithOffset } from './isoTime';
import { snapshotJsonSchema } from './snapshotSchema';

export interface SnapshotProblem {
  /** JSON pointer of the offending value, '' for the root. */
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; snapshot: Snapshot } | { ok: false; problems: SnapshotProblem[] };

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // Compiled on first use and reused: compiling costs more than validating a large snapshot.
  if (!compiled) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    ajv.addFormat('date-time', { type: 'string', validate: isIsoTimeWithOffset });
    compiled = ajv.compile(snapshotJsonSchema);
  }
  return compiled;
}

function describe(e: ErrorObject): SnapshotProblem {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'format':
      return { path: e.instancePath, message: 'must be an ISO-8601 time with offset' };
    case 'required':
      return { path: `${e.instancePath}/${String(p.missingProperty)}`, message: 'is required but missing' };
    case 'enum':
      return { path: e.instancePath, message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'pattern':
      return { path: e.instancePath, message: e.instancePath === '/schema' ? "must be 'incident-lens/snapshot@1'" : `must match ${String(p.pattern)}` };
    default:
      return { path: e.instancePath, message: e.message ?? 'is invalid' };
  }
}

export function validateSnapshot(value: unknown): ValidationResult {
  const validate = validator();
  if (validate(value)) return { ok: true, snapshot: value as Snapshot };
  return { ok: false, problems: (validate.errors ?? []).map(describe) };
}

export function formatProblem(p: SnapshotProblem): string {
  return `${p.path || '/'}: ${p.message}`;
}
