// A subset of the CloudWatch Logs Insights query language, enough for the queries Incident Lens runs:
// fields/display, filter (like /re/, =~, =, !=, <, >, and/or/not, ispresent), stats count/sum/avg/min/max
// [by bin(5m), field], pattern @field, sort, limit. Anything else is a MalformedQueryException naming it.
import { clusterMessages } from './logPatterns';
import { SimServiceError } from './wire';

export interface LogRecord {
  timestamp: number;
  message: string;
  logStream: string;
  logGroup: string;
  ingestionTime: number;
}

export type Row = Record<string, string>;

type Tok = { t: 'id' | 'num' | 'str' | 're' | 'op'; v: string; flags?: string };

function malformed(msg: string): never {
  throw new SimServiceError('MalformedQueryException', msg);
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const prevAllowsRegex = (): boolean => {
    const p = out[out.length - 1];
    return !!p && ((p.t === 'id' && p.v.toLowerCase() === 'like') || (p.t === 'op' && p.v === '=~'));
  };
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && prevAllowsRegex()) {
      let j = i + 1;
      let body = '';
      while (j < src.length && src[j] !== '/') {
        if (src[j] === '\\' && j + 1 < src.length) {
          body += src[j + 1] === '/' ? '/' : src[j] + src[j + 1];
          j += 2;
        } else body += src[j++];
      }
      if (j >= src.length) malformed(`unterminated regular expression at character ${i + 1}`);
      j++;
      let flags = '';
      while (j < src.length && /[a-z]/i.test(src[j])) flags += src[j++];
      out.push({ t: 're', v: body, flags });
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let body = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) {
          body += src[j + 1];
          j += 2;
        } else body += src[j++];
      }
      if (j >= src.length) malformed(`unterminated string at character ${i + 1}`);
      out.push({ t: 'str', v: body });
      i = j + 1;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['!=', '<=', '>=', '=~'].includes(two)) {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if ('|,()*=<>'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
      continue;
    }
    const m = /^(-?\d+(?:\.\d+)?[a-z]*|[@A-Za-z_$][\w.$@-]*|`[^`]+`)/.exec(src.slice(i));
    if (!m) malformed(`unexpected character '${c}' at character ${i + 1}`);
    const v = m[1].startsWith('`') ? m[1].slice(1, -1) : m[1];
    out.push({ t: /^-?\d/.test(v) ? 'num' : 'id', v });
    i += m[1].length;
  }
  return out;
}

type Expr =
  | { k: 'or' | 'and'; a: Expr; b: Expr }
  | { k: 'not'; a: Expr }
  | { k: 'match'; field: string; re: RegExp; negate: boolean }
  | { k: 'cmp'; field: string; op: string; value: string | number }
  | { k: 'present'; field: string };

interface Agg {
  fn: 'count' | 'sum' | 'avg' | 'min' | 'max';
  field: string | '*';
  as: string;
}

interface GroupKey {
  binMs?: number;
  field?: string;
  as: string;
}

type Command =
  | { k: 'fields'; list: Array<{ field: string; as: string }> }
  | { k: 'filter'; expr: Expr }
  | { k: 'stats'; aggs: Agg[]; by: GroupKey[] }
  | { k: 'pattern'; field: string }
  | { k: 'sort'; keys: Array<{ field: string; desc: boolean }> }
  | { k: 'limit'; n: number };

const DURATION: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, hr: 3_600_000, d: 86_400_000 };

export function parseDuration(v: string): number {
  const m = /^(\d+)([a-z]+)$/i.exec(v);
  const unit = m ? DURATION[m[2].toLowerCase()] : undefined;
  if (!m || !unit || Number(m[1]) <= 0) malformed(`invalid bin duration '${v}'`);
  return Number(m[1]) * unit;
}

/** Compiles an Insights regex: a leading (?i) becomes the i flag (JavaScript has no inline flags). */
function compileRegex(body: string, flags = ''): RegExp {
  let f = flags.replace(/[^imsu]/g, '');
  let b = body;
  if (b.startsWith('(?i)')) {
    b = b.slice(4);
    if (!f.includes('i')) f += 'i';
  }
  try {
    return new RegExp(b, f);
  } catch {
    return malformed(`invalid regular expression /${body}/`);
  }
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }
  private next(): Tok {
    const t = this.toks[this.i++];
    if (!t) malformed('unexpected end of query');
    return t;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return !!t && t.t === 'op' && t.v === v;
  }
  private isWord(v: string): boolean {
    const t = this.peek();
    return !!t && t.t === 'id' && t.v.toLowerCase() === v;
  }
  private expectOp(v: string): void {
    const t = this.next();
    if (t.t !== 'op' || t.v !== v) malformed(`expected '${v}' but found '${t.v}'`);
  }
  private field(): string {
    const t = this.next();
    if (t.t !== 'id') malformed(`expected a field name but found '${t.v}'`);
    return t.v;
  }
  private alias(fallback: string): string {
    if (this.isWord('as')) {
      this.i++;
      return this.field();
    }
    return fallback;
  }

  parse(): Command[] {
    const cmds: Command[] = [];
    while (this.peek()) {
      cmds.push(this.command());
      if (this.peek()) this.expectOp('|');
    }
    if (cmds.length === 0) malformed('empty query');
    return cmds;
  }

  private command(): Command {
    const head = this.next();
    const name = head.v.toLowerCase();
    switch (head.t === 'id' ? name : '') {
      case 'fields':
      case 'display': {
        const list: Array<{ field: string; as: string }> = [];
        do {
          if (list.length) this.i++;
          const f = this.field();
          list.push({ field: f, as: this.alias(f) });
        } while (this.isOp(','));
        return { k: 'fields', list };
      }
      case 'filter':
        return { k: 'filter', expr: this.orExpr() };
      case 'stats':
        return this.stats();
      case 'pattern':
        return { k: 'pattern', field: this.field() };
      case 'sort': {
        const keys: Array<{ field: string; desc: boolean }> = [];
        do {
          if (keys.length) this.i++;
          const field = this.field();
          let desc = false;
          if (this.isWord('desc')) {
            desc = true;
            this.i++;
          } else if (this.isWord('asc')) this.i++;
          keys.push({ field, desc });
        } while (this.isOp(','));
        return { k: 'sort', keys };
      }
      case 'limit': {
        const t = this.next();
        const n = Number(t.v);
        if (t.t !== 'num' || !Number.isInteger(n) || n < 1 || n > 10_000) malformed(`limit must be an integer from 1 to 10000, got '${t.v}'`);
        return { k: 'limit', n };
      }
      default:
        return malformed(`unsupported command '${head.v}' (the simulator understands fields, display, filter, stats, pattern, sort, limit)`);
    }
  }

  private stats(): Command {
    const aggs: Agg[] = [];
    do {
      if (aggs.length) this.i++;
      const fnTok = this.next();
      const fn = fnTok.v.toLowerCase();
      if (!['count', 'sum', 'avg', 'min', 'max'].includes(fn)) malformed(`unsupported stats function '${fnTok.v}'`);
      this.expectOp('(');
      let field: string;
      if (this.isOp('*')) {
        this.i++;
        field = '*';
      } else field = this.field();
      this.expectOp(')');
      aggs.push({ fn: fn as Agg['fn'], field, as: this.alias(`${fn}(${field})`) });
    } while (this.isOp(','));
    const by: GroupKey[] = [];
    if (this.isWord('by')) {
      this.i++;
      do {
        if (by.length) this.i++;
        if (this.isWord('bin')) {
          this.i++;
          this.expectOp('(');
          const d = this.next();
          this.expectOp(')');
          by.push({ binMs: parseDuration(d.v), as: this.alias(`bin(${d.v})`) });
        } else {
          const f = this.field();
          by.push({ field: f, as: this.alias(f) });
        }
      } while (this.isOp(','));
    }
    return { k: 'stats', aggs, by };
  }

  private orExpr(): Expr {
    let a = this.andExpr();
    while (this.isWord('or')) {
      this.i++;
      a = { k: 'or', a, b: this.andExpr() };
    }
    return a;
  }
  private andExpr(): Expr {
    let a = this.notExpr();
    while (this.isWord('and')) {
      this.i++;
      a = { k: 'and', a, b: this.notExpr() };
    }
    return a;
  }
  private notExpr(): Expr {
    if (this.isWord('not')) {
      this.i++;
      return { k: 'not', a: this.notExpr() };
    }
    if (this.isOp('(')) {
      this.i++;
      const e = this.orExpr();
      this.expectOp(')');
      return e;
    }
    if (this.isWord('ispresent')) {
      this.i++;
      this.expectOp('(');
      const field = this.field();
      this.expectOp(')');
      return { k: 'present', field };
    }
    const field = this.field();
    let negate = false;
    if (this.isWord('not')) {
      this.i++;
      negate = true;
      if (!this.isWord('like')) malformed(`expected 'like' after 'not' in filter on ${field}`);
    }
    const op = this.next();
    if ((op.t === 'id' && op.v.toLowerCase() === 'like') || (op.t === 'op' && op.v === '=~')) {
      const pat = this.next();
      if (pat.t === 're') return { k: 'match', field, re: compileRegex(pat.v, pat.flags), negate };
      if (pat.t === 'str') return { k: 'match', field, re: new RegExp(pat.v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), negate };
      return malformed(`expected a /regex/ or "string" after like on ${field}`);
    }
    if (op.t === 'op' && ['=', '!=', '<', '>', '<=', '>='].includes(op.v)) {
      const v = this.next();
      if (v.t !== 'str' && v.t !== 'num') malformed(`expected a value after ${op.v} on ${field}`);
      return { k: 'cmp', field, op: op.v, value: v.t === 'num' ? Number(v.v) : v.v };
    }
    return malformed(`unsupported filter operator '${op.v}' on ${field}`);
  }
}

export function parseInsightsQuery(query: string): Command[] {
  return new Parser(tokenize(query)).parse();
}

export function formatInsightsTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

type Rec = Record<string, string | number | undefined>;

function toRec(r: LogRecord): Rec {
  return { '@timestamp': r.timestamp, '@message': r.message, '@logStream': r.logStream, '@log': r.logGroup, '@ingestionTime': r.ingestionTime };
}

function evalExpr(e: Expr, r: Rec): boolean {
  switch (e.k) {
    case 'or':
      return evalExpr(e.a, r) || evalExpr(e.b, r);
    case 'and':
      return evalExpr(e.a, r) && evalExpr(e.b, r);
    case 'not':
      return !evalExpr(e.a, r);
    case 'present':
      return r[e.field] !== undefined;
    case 'match': {
      const v = r[e.field];
      const hit = v !== undefined && e.re.test(String(v));
      return e.negate ? !hit : hit;
    }
    case 'cmp': {
      const v = r[e.field];
      if (v === undefined) return false;
      const [a, b] = typeof e.value === 'number' ? [Number(v), e.value] : [String(v), e.value];
      switch (e.op) {
        case '=': return a === b;
        case '!=': return a !== b;
        case '<': return a < b;
        case '>': return a > b;
        case '<=': return a <= b;
        default: return a >= b;
      }
    }
  }
}

function fmt(field: string, v: string | number | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (field === '@timestamp' || field === '@ingestionTime') return formatInsightsTime(Number(v));
  return String(v);
}

function compareValues(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  const na = Number(a);
  const nb = Number(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return String(a).localeCompare(String(b));
}

export interface QueryOutcome {
  rows: Row[];
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
}

/** Runs a parsed query over records (already limited to the query's groups and time range). */
export function runInsightsQuery(cmds: Command[], records: LogRecord[], defaultLimit = 1000): QueryOutcome {
  let recs: Rec[] = records.map(toRec);
  const scanned = recs.length;
  const bytes = records.reduce((n, r) => n + Buffer.byteLength(r.message), 0);
  let aggregated = false;
  let projection: string[] | undefined;
  let limit: number | undefined;
  let matched = recs.length;
  for (const c of cmds) {
    switch (c.k) {
      case 'filter':
        recs = recs.filter((r) => evalExpr(c.expr, r));
        if (!aggregated) matched = recs.length;
        break;
      case 'fields':
        recs = recs.map((r) => {
          const o: Rec = { ...r };
          for (const f of c.list) o[f.as] = r[f.field];
          return o;
        });
        projection = [...(projection ?? []), ...c.list.map((f) => f.as)];
        break;
      case 'stats': {
        const groups = new Map<string, { key: Rec; rs: Rec[] }>();
        for (const r of recs) {
          const key: Rec = {};
          for (const g of c.by) {
            key[g.as] = g.binMs ? formatInsightsTime(Math.floor(Number(r['@timestamp']) / g.binMs) * g.binMs) : r[g.field!];
          }
          const k = JSON.stringify(c.by.map((g) => key[g.as] ?? null));
          const grp = groups.get(k);
          if (grp) grp.rs.push(r);
          else groups.set(k, { key, rs: [r] });
        }
        recs = [...groups.values()].map(({ key, rs }) => {
          const o: Rec = { ...key };
          for (const a of c.aggs) {
            const vals = a.field === '*' ? rs.map(() => 1) : rs.map((r) => r[a.field]).filter((v) => v !== undefined).map(Number);
            if (a.fn === 'count') o[a.as] = vals.length;
            else if (vals.length === 0) o[a.as] = undefined;
            else if (a.fn === 'sum') o[a.as] = vals.reduce((x, y) => x + y, 0);
            else if (a.fn === 'avg') o[a.as] = vals.reduce((x, y) => x + y, 0) / vals.length;
            else if (a.fn === 'min') o[a.as] = Math.min(...vals);
            else o[a.as] = Math.max(...vals);
          }
          return o;
        });
        recs.sort((x, y) => compareValues(x[c.by[0]?.as ?? ''], y[c.by[0]?.as ?? '']));
        projection = [...c.by.map((g) => g.as), ...c.aggs.map((a) => a.as)];
        aggregated = true;
        break;
      }
      case 'pattern': {
        const msgs = recs.map((r) => String(r[c.field] ?? ''));
        const total = msgs.length || 1;
        recs = clusterMessages(msgs).map((p) => ({
          '@pattern': p.pattern,
          '@sampleCount': p.count,
          '@ratio': Math.round((p.count / total) * 1e6) / 1e6,
          '@severityLabel': /\b(ERROR|FATAL|CRITICAL)\b/i.test(p.sample) ? 'ERROR' : /\bWARN(ING)?\b/i.test(p.sample) ? 'WARN' : 'INFO',
        }));
        projection = ['@pattern', '@ratio', '@sampleCount', '@severityLabel'];
        aggregated = true;
        break;
      }
      case 'sort':
        recs = [...recs].sort((x, y) => {
          for (const k of c.keys) {
            const d = compareValues(x[k.field], y[k.field]);
            if (d !== 0) return k.desc ? -d : d;
          }
          return 0;
        });
        break;
      case 'limit':
        limit = c.n;
        recs = recs.slice(0, c.n);
        break;
    }
  }
  if (limit === undefined) recs = recs.slice(0, aggregated ? 10_000 : defaultLimit);
  const fields = projection ?? ['@timestamp', '@message', '@logStream', '@log'];
  const rows = recs.map((r) => {
    const row: Row = {};
    for (const f of fields) {
      const v = fmt(f, r[f]);
      if (v !== undefined) row[f] = v;
    }
    return row;
  });
  return { rows, recordsMatched: matched, recordsScanned: scanned, bytesScanned: bytes };
}
