// Validates a parsed snapshot against the JSON Schema, turning the first error into one readable line.
// The schema is compiled ahead of time (snapshotValidator.generated.ts, ajv standalone): compiling it at run time
// cost more than validating a large snapshot, and ajv itself need not be loaded.
import type { ErrorObject } from 'ajv';
import type { Snapshot } from '../model/snapshot';
import { validateSnapshotSchema } from './snapshotValidator.generated';

export interface SnapshotProblem {
  /** JSON pointer of the offending value, '' for the root. */
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; snapshot: Snapshot } | { ok: false; problems: SnapshotProblem[] };

interface SchemaValidator {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const validate = validateSnapshotSchema as SchemaValidator;

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
  if (validate(value)) return { ok: true, snapshot: value as Snapshot };
  return { ok: false, problems: (validate.errors ?? []).map(describe) };
}

export function formatProblem(p: SnapshotProblem): string {
  return `${p.path || '/'}: ${p.message}`;
}
