// Parses and validates .incident-lens.yaml; every problem is reported with the line it is on.
import Ajv, { type ErrorObject } from 'ajv';
import { LineCounter, isMap, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { Config } from './config';
import { CONFIG_SCHEMA } from './configSchema';

export class ConfigError extends Error {
  constructor(readonly file: string, readonly line: number, readonly detail: string) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'ConfigError';
  }
}

let compiled: ReturnType<Ajv['compile']> | undefined;
function validator() {
  compiled ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(CONFIG_SCHEMA);
  return compiled;
}

/** Deepest node that exists along a JSON pointer, so a missing property points at its parent object. */
function nodeAt(doc: Document, pointer: string, extraKey?: string): Node | undefined {
  const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extraKey !== undefined) keys.push(extraKey);
  let node: unknown = doc.contents;
  for (const [i, k] of keys.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === k);
      if (!pair) break;
      // An unknown key is reported on the key itself.
      node = extraKey !== undefined && i === keys.length - 1 ? pair.key : pair.value ?? pair.key;
    } else if (isSeq(node)) {
      const next = node.items[Number(k)];
      if (next === undefined) break;
      node = next;
    } else break;
  }
  return node as Node | undefined;
}

/** Of ajv's errors for one place, the one a person can act on (the if/then wrappers say nothing useful). */
function describe(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'the top level';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${where}: unknown key '${String(p.additionalProperty)}'`;
    case 'required':
      return `${where}: missing required key '${String(p.missingProperty)}'`;
    case 'enum':
      return `${where}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return `${where}: '${String(e.data)}' does not match the expected form ${String(p.pattern)}`;
    default:
      return `${where}: ${e.message ?? e.keyword}`;
  }
}

/** Parses the YAML text of `file`. Throws ConfigError naming the line of the first problem. */
export function loadConfig(text: string, file = '.incident-lens.yaml'): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError(file, lineOf(e.pos[0]), `invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) throw new ConfigError(file, 1, 'the file is empty; it needs at least `service: <name>`');
  const validate = validator();
  if (!validate(value)) {
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'allOf');
    // Report the error at the deepest path first: it is the most specific one.
    errors.sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length);
    const first = errors[0];
    const extra = first.keyword === 'additionalProperties' ? String((first.params as { additionalProperty?: string }).additionalProperty) : undefined;
    const node = nodeAt(doc, first.instancePath, extra);
    throw new ConfigError(file, lineOf(node?.range?.[0]), describe(first));
  }
  return value as Config;
}
