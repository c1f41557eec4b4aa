// Server-side log clustering for the simulated `pattern @message`: variable tokens (numbers, ids, hex, quoted and
// key=value values) become <*>, then templates of equal length differing in few positions are merged.

export interface PatternCluster {
  pattern: string;
  count: number;
  sample: string;
}

const VARIABLE = [
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^\d+(\.\d+)*[a-z%]{0,3}$/i, // 42, 1.5, 200ms, 3.2.1, 95%
  /^(0x)?[0-9a-f]*\d[0-9a-f]*$/i, // hex ids that contain a digit
  /^\d{1,3}(\.\d{1,3}){3}(:\d+)?$/,
  /^[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*$/, // mixed ids like req-12ab, i-0abc123
  /^\/\S*\d\S*$/, // paths with numbers, /orders/1234/summary
];

function normaliseToken(tok: string): string {
  if (tok === '') return tok;
  const eq = tok.indexOf('=');
  if (eq > 0 && eq < tok.length - 1) return `${tok.slice(0, eq + 1)}<*>`;
  const core = tok.replace(/^[([{"'<]+|[)\]}"'>,;:.]+$/g, '');
  if (core !== '' && VARIABLE.some((re) => re.test(core))) return tok.replace(core, '<*>');
  return tok;
}

export function templateOf(message: string): string[] {
  const firstLine = message.split('\n', 1)[0];
  return firstLine.split(/\s+/).filter(Boolean).map(normaliseToken);
}

export function clusterMessages(messages: string[], similarity = 0.7): PatternCluster[] {
  const exact = new Map<string, { tokens: string[]; count: number; sample: string }>();
  for (const m of messages) {
    const tokens = templateOf(m);
    const key = tokens.join(' ');
    const c = exact.get(key);
    if (c) c.count++;
    else exact.set(key, { tokens, count: 1, sample: m });
  }
  // Merge: largest groups first absorb same-length groups that agree on at least `similarity` of positions.
  const groups = [...exact.values()].sort((a, b) => b.count - a.count);
  const merged: Array<{ tokens: string[]; count: number; sample: string }> = [];
  for (const g of groups) {
    const target = merged.find(
      (t) => t.tokens.length === g.tokens.length && t.tokens[0] === g.tokens[0] && agreement(t.tokens, g.tokens) >= similarity,
    );
    if (!target) {
      merged.push({ tokens: [...g.tokens], count: g.count, sample: g.sample });
      continue;
    }
    target.tokens = target.tokens.map((tok, i) => (tok === g.tokens[i] ? tok : '<*>'));
    target.count += g.count;
  }
  return merged
    .map((g) => ({ pattern: g.tokens.join(' '), count: g.count, sample: g.sample }))
    .sort((a, b) => b.count - a.count || a.pattern.localeCompare(b.pattern));
}

function agreement(a: string[], b: string[]): number {
  if (a.length === 0) return 1;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
