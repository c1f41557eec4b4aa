// The unstructured subset of the CloudWatch Logs filter-pattern syntax used by FilterLogEvents:
// `ERROR timeout` (all terms), `"exact phrase"`, `?ERROR ?WARN` (any), `-DEBUG` (exclude), `%regex%`.
// JSON (`{ $.x = 1 }`) and space-delimited (`[a, b]`) patterns are rejected with a clear error.
import { SimServiceError } from './wire';

export type MessagePredicate = (message: string) => boolean;

interface Term {
  kind: 'all' | 'any' | 'not';
  test: MessagePredicate;
}

function termTest(raw: string): MessagePredicate {
  if (raw.length >= 2 && raw.startsWith('%') && raw.endsWith('%')) {
    let re: RegExp;
    try {
      re = new RegExp(raw.slice(1, -1));
    } catch {
      throw new SimServiceError('InvalidParameterException', `Invalid filter pattern: bad regular expression ${raw}`);
    }
    return (m) => re.test(m);
  }
  return (m) => m.includes(raw);
}

export function compileFilterPattern(pattern: string | undefined): MessagePredicate {
  const src = (pattern ?? '').trim();
  if (src === '') return () => true;
  if (src.startsWith('{') || src.startsWith('[')) {
    throw new SimServiceError('InvalidParameterException', `Invalid filter pattern: JSON and space-delimited patterns are not supported by the simulator: ${src}`);
  }
  const terms: Term[] = [];
  const re = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(%[^%]+%)|(\S+))/g;
  for (const m of src.matchAll(re)) {
    const text = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? m[4]);
    const kind = m[1] === '?' ? 'any' : m[1] === '-' ? 'not' : 'all';
    terms.push({ kind, test: termTest(text) });
  }
  const all = terms.filter((t) => t.kind === 'all');
  const any = terms.filter((t) => t.kind === 'any');
  const not = terms.filter((t) => t.kind === 'not');
  return (msg) => all.every((t) => t.test(msg)) && (any.length === 0 || any.some((t) => t.test(msg))) && !not.some((t) => t.test(msg));
}
