// Query-optimisation findings in the data-access code of a suspect diff: N+1 queries, DynamoDB Scans, missing
// limits/pagination, SELECT *, missing indexes (with the CREATE INDEX) and long transactions. Pure: patch text and
// full file text in, findings out; only lines the diff added (or loops/transactions it added around queries) count.
import type { Report } from '../model/report';
import { parseHunks } from '../diff/hunks';
import type { Deploy, Snapshot } from '../model/snapshot';
import { accessOn, SQL_STATEMENT, type Access } from './queryOptimiserAccess';
import { createIndexSql, hasUsableIndex, indexDefinitions, parseSql, wantedIndex } from './queryOptimiserSql';
import { scanLines, type ScannedLine } from './queryOptimiserScan';

export type FindingKind = 'n-plus-one' | 'scan' | 'no-limit' | 'select-star' | 'missing-index' | 'long-transaction';

export interface QueryFinding {
  path: string;
  /** 1-based line in the new file. */
  line: number;
  kind: FindingKind;
  message: string;
  suggestion: string;
  /** A rewrite to show (N+1 batch, Scan → Query). */
  rewrite?: string;
  /** The statement to copy (missing index). */
  createIndex?: string;
  /** Related line, e.g. the loop header of an N+1. */
  relatedLine?: number;
}

export interface SourceFile {
  path: string;
  /** Unified diff of the file (hunks); without it every line counts as changed. */
  patch?: string;
  /** Full text of the new file; without it the new side is rebuilt from the patch. */
  text?: string;
}

/**
 * The files a deploy changed, as the optimiser takes them: deleted files skipped, each file's current text read where
 * `read` finds it; a file with neither a diff nor a text is left out.
 */
export async function deploySourceFiles(deploy: Deploy, read: (path: string) => PromiseLike<string | undefined>): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  for (const c of deploy.commits ?? []) {
    for (const f of c.files ?? []) {
      if (f.status === 'deleted') continue;
      const text = await read(f.path);
      if (f.patch !== undefined || text !== undefined) files.push({ path: f.path, patch: f.patch, text });
    }
  }
  return files;
}

const SCHEMA_PATH = /migrat|schema|\.sql$|\.prisma$|models?\.py$|entities?\//i;

/** New-side line numbers the patch added, and the new-side lines it shows (context + added). */
export function patchLines(patch: string): { added: Set<number>; lines: Array<{ n: number; text: string }> } {
  const added = new Set<number>();
  const lines: Array<{ n: number; text: string }> = [];
  for (const h of parseHunks(patch)) {
    let n = h.newStart;
    for (const l of h.lines) {
      if (l[0] === '-') continue;
      if (l[0] === '+') added.add(n);
      lines.push({ n: n++, text: l.slice(1) });
    }
  }
  return { added, lines };
}

const EXTERNAL_CALL = /\b(fetch|axios(?:\.\w+)?|got|request|superagent)\s*\(|\bhttps?\.(request|get)\s*\(|\brequests\.(get|post|put|delete|patch)\s*\(|\burlopen\s*\(|\b(HttpClient|RestTemplate|WebClient)\b|\.invoke\s*\(|\b(?:time\.)?sleep\s*\(|Thread\.sleep\s*\(|\bsetTimeout\s*\(|\bsend(?:Email|Mail|Message)\s*\(|\.publish\s*\(/;

function batchAdvice(a: Access, path: string, line: ScannedLine): { suggestion: string; rewrite: string } {
  const py = /\.py$/.test(path);
  const sql = line.strings.find((s) => SQL_STATEMENT.test(s));
  const key = sql ? /WHERE\s+([\w.]+)\s*=\s*(\?|\$\d+|:\w+|%s|@\w+)/i.exec(sql) : null;
  switch (a.family) {
    case 'dynamodb':
      return {
        suggestion: 'Collect the keys first and read them with BatchGetItem (up to 100 keys a request), retrying UnprocessedKeys with backoff.',
        rewrite: py
          ? "for i in range(0, len(keys), 100):\n    res = dynamodb.batch_get_item(RequestItems={TABLE: {'Keys': keys[i:i + 100]}})\n    items += res['Responses'][TABLE]\n    # retry res['UnprocessedKeys'] with backoff"
          : 'for (let i = 0; i < keys.length; i += 100) {\n  const res = await client.send(new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: keys.slice(i, i + 100) } } }));\n  items.push(...(res.Responses?.[TABLE] ?? []));\n  // retry res.UnprocessedKeys with backoff\n}',
      };
    case 'prisma': return { suggestion: 'One findMany with an `in` filter instead of a query per item.', rewrite: 'const rows = await prisma.MODEL.findMany({ where: { id: { in: ids } } });' };
    case 'sequelize': return { suggestion: 'One findAll over all keys (Sequelize turns an array into IN), or eager-load with include.', rewrite: 'const rows = await Model.findAll({ where: { id: ids } });' };
    case 'typeorm': return { suggestion: 'One findBy with In(...) (or a join / relations) instead of a query per item.', rewrite: 'const rows = await repository.findBy({ id: In(ids) });' };
    case 'knex': return { suggestion: 'One query with whereIn instead of a query per item.', rewrite: "const rows = await knex('TABLE').whereIn('id', ids);" };
    case 'django': return { suggestion: 'One filter(pk__in=...) — or select_related / prefetch_related for relations — instead of a query per item.', rewrite: 'rows = Model.objects.filter(pk__in=ids)' };
    case 'sqlalchemy': return { suggestion: 'One query with .in_() (or selectinload for relations) instead of a query per item.', rewrite: 'rows = session.query(Model).filter(Model.id.in_(ids)).all()' };
    default: {
      const col = key?.[1] ?? 'id';
      const rewritten = sql && key ? sql.replace(key[0], `WHERE ${col} IN (…)`).trim() : `SELECT … FROM … WHERE ${col} IN (…)`;
      return { suggestion: `Run one query for all keys (\`${col} IN (…)\`, or \`= ANY(?)\` with an array parameter) instead of one per item.`, rewrite: rewritten };
    }
  }
}

function windowText(lines: ScannedLine[], i: number, max = 10): string {
  let depth = 0;
  const parts: string[] = [];
  for (let k = i; k < Math.min(lines.length, i + max); k++) {
    parts.push(lines[k].raw);
    for (const ch of lines[k].code) depth += ch === '(' || ch === '{' ? 1 : ch === ')' || ch === '}' ? -1 : 0;
    if (depth <= 0 && k > i - 1) break;
  }
  return parts.join('\n');
}

/** Findings for one file. `schemas` are migration/schema files (from the diff or the repository) to look for indexes in. */
export function optimiseFile(file: SourceFile, schemas: Array<{ path: string; text: string }> = []): QueryFinding[] {
  const fromPatch = file.patch ? patchLines(file.patch) : undefined;
  const input = file.text !== undefined ? file.text.replace(/\r\n/g, '\n').split('\n').map((text, i) => ({ n: i + 1, text })) : fromPatch?.lines ?? [];
  const changed = (n: number) => !fromPatch || fromPatch.added.has(n);
  const lines = scanLines(input);
  const fileText = input.map((l) => l.text).join('\n');
  const defs = indexDefinitions(schemas);
  const out: QueryFinding[] = [];
  const seen = new Set<string>();
  const push = (f: QueryFinding) => {
    const k = `${f.kind}:${f.line}`;
    if (!seen.has(k)) { seen.add(k); out.push({ ...f, path: file.path }); }
  };
  const paginated = /LastEvaluatedKey|ExclusiveStartKey|paginate(Query|Scan)|get_paginator|\.pages\(/.test(fileText);

  lines.forEach((line, i) => {
    const a = accessOn(line);
    if (!a) return;
    // N+1: a query inside a loop (the query or the loop is new).
    const loop = line.loops.find((h) => changed(h) || changed(line.n));
    if (loop !== undefined && a.op !== 'batch' && a.op !== 'write') {
      const adv = batchAdvice(a, file.path, line);
      push({ path: file.path, line: line.n, relatedLine: loop, kind: 'n-plus-one', message: `${a.call} runs once per iteration of the loop on line ${loop} (N+1 queries)`, ...adv });
    }
    if (!changed(line.n)) return;
    const win = windowText(lines, i);
    if (a.family === 'dynamodb' && a.op === 'scan') {
      const attr = /FilterExpression\s*[:=]\s*['"`]\s*#?(\w+)/.exec(win)?.[1];
      push({ path: file.path, line: line.n, kind: 'scan', message: `DynamoDB Scan reads (and is billed for) every item in the table${attr ? `, then filters on ${attr}` : ''}`,
        suggestion: `Query on the partition key${attr ? `, or add a global secondary index with ${attr} as its partition key and Query that` : ' (add a GSI if the access pattern has no key)'}.`,
        rewrite: `new QueryCommand({ TableName: TABLE, ${attr ? `IndexName: '${attr}-index', ` : ''}KeyConditionExpression: '#k = :v', ExpressionAttributeNames: { '#k': '${attr ?? 'pk'}' }, ExpressionAttributeValues: { ':v': value }, Limit: 100 })` });
    }
    if (a.family === 'dynamodb' && (a.op === 'scan' || a.op === 'query') && !paginated) {
      push({ path: file.path, line: line.n, kind: 'no-limit', message: `DynamoDB ${a.op === 'scan' ? 'Scan' : 'Query'} without pagination reads only the first 1 MB page${/\bLimit\s*:/.test(win) ? '' : ' and sets no Limit'}`,
        suggestion: 'Set Limit and follow LastEvaluatedKey (paginateQuery / get_paginator) so large results are neither cut off nor read at once.' });
    }
    if ((a.op === 'list') && a.family !== 'sql' && a.family !== 'jdbc' && !/\b(limit|take|first|top|paginate|page|per_page|pageSize|slice|\[\s*:?\s*\d+\s*:|\.one\(|\.scalar\(|\.get\()/i.test(win)) {
      push({ path: file.path, line: line.n, kind: 'no-limit', message: `${a.call} returns every matching row: no limit or pagination`, suggestion: 'Bound the result: limit/take/[:n] with keyset (cursor) pagination for lists shown to users.' });
    }
    for (const sql of line.strings.filter((s) => SQL_STATEMENT.test(s))) {
      const q = parseSql(sql);
      if (!q) continue;
      if (q.selectStar) push({ path: file.path, line: line.n, kind: 'select-star', message: `SELECT * from ${q.table} reads every column`, suggestion: 'Name the columns the code uses: less I/O, and a covering index becomes possible.' });
      const pointLookup = q.equality.includes('id');
      if (/^\s*SELECT/i.test(sql) && !q.hasLimit && !q.aggregateOnly && !pointLookup) {
        push({ path: file.path, line: line.n, kind: 'no-limit', message: `SELECT from ${q.table} has no LIMIT: the result grows with the table`, suggestion: 'Add LIMIT with keyset pagination (WHERE sort_key > last_seen ORDER BY sort_key LIMIT n).' });
      }
      const cols = wantedIndex(q);
      if (cols.length && !hasUsableIndex(defs, q.table, cols)) {
        const create = createIndexSql(q.table, cols);
        push({ path: file.path, line: line.n, kind: 'missing-index', createIndex: create,
          message: `no index on ${q.table}(${cols.join(', ')}) for this ${q.range.length || q.orderBy.length ? 'filter and sort' : 'filter'}${defs.length ? ` in ${[...new Set(defs.map((d) => d.source))].join(', ')}` : ' (no schema or migration files were available to check; verify against the live schema)'}`,
          suggestion: `Add the index (equality columns first, then the range/sort columns): ${create}` });
      }
    }
  });

  // Long transactions: an external call, a sleep, or a loop of queries while locks are held.
  const txHeaders = new Set(lines.flatMap((l) => l.transactions));
  for (const h of txHeaders) {
    const body = lines.filter((l) => l.transactions.includes(h));
    if (!body.some((l) => changed(l.n))) continue;
    const external = body.find((l) => l.n !== h && EXTERNAL_CALL.test(l.code));
    const loopQuery = body.find((l) => l.loops.length && accessOn(l));
    const lock = body.find((l) => l.strings.some((s) => /\bFOR\s+UPDATE\b/i.test(s)));
    const culprit = external ?? loopQuery;
    if (!culprit) continue;
    push({ path: file.path, line: culprit.n, relatedLine: h, kind: 'long-transaction',
      message: `the transaction opened on line ${h} ${external ? 'waits on an external call / sleep' : 'runs a query per loop iteration'}${lock ? ` while holding row locks (SELECT … FOR UPDATE on line ${lock.n})` : ' while holding its locks'}`,
      suggestion: 'Keep transactions short: do remote calls and per-item work before or after it, batch the writes, and take row locks as late as possible.' });
  }
  return out.sort((x, y) => x.line - y.line);
}

/** Findings over the files of a diff; schema/migration files in the diff (and `repoSchemas`) are searched for indexes. */
export function optimiseQueries(files: SourceFile[], repoSchemas: Array<{ path: string; text: string }> = []): QueryFinding[] {
  const schemas = [...repoSchemas, ...files.filter((f) => SCHEMA_PATH.test(f.path)).map((f) => ({ path: f.path, text: f.text ?? patchLines(f.patch ?? '').lines.map((l) => l.text).join('\n') }))];
  return files.flatMap((f) => optimiseFile(f, schemas));
}

const DB_SIGNAL = /time(?:d)?\s*out|timeout|ProvisionedThroughputExceeded|throughput exceeded|ThrottlingException|pool (?:is )?exhausted|connection pool|too many connections|slow[ _-]?query|lock wait|deadlock|lock contention|could not obtain lock|statement timeout|max_connections/i;
const DB_WORD = /\b(db|database|sql|postgres|mysql|aurora|rds|dynamo\w*|query|queries|table|connection|pool|lock|sequelize|prisma|typeorm|knex|jdbc|hikari)\b/i;

/** Evidence ids that implicate a database (timeouts, throughput, pool exhaustion, slow queries, locks). */
export function databaseEvidence(snapshot: Snapshot, report: Report): string[] {
  const ids = report.evidence.filter((e) => DB_SIGNAL.test(e.summary) && (DB_WORD.test(e.summary) || /Throughput|Throttling|deadlock|lock/i.test(e.summary))).map((e) => e.id);
  const fromActions = report.actions.filter((a) => a.kind === 'query-optimisation' || a.kind === 'index').flatMap((a) => a.evidence);
  const logs = (snapshot.logs ?? []).some((l) => DB_SIGNAL.test(l.message) && DB_WORD.test(l.message));
  return [...new Set([...ids, ...fromActions, ...(logs && !ids.length ? report.evidence.filter((e) => e.kind === 'log-pattern').map((e) => e.id).slice(0, 1) : [])])];
}

const TITLES: Record<FindingKind, string> = {
  'n-plus-one': 'Query inside a loop (N+1)', scan: 'DynamoDB Scan', 'no-limit': 'No limit or pagination', 'select-star': 'SELECT *',
  'missing-index': 'Missing index', 'long-transaction': 'Long transaction',
};

export function findingTitle(k: FindingKind): string {
  return TITLES[k];
}

/** The markdown report of the findings. */
export function renderFindings(findings: QueryFinding[], context = ''): string {
  const out = ['# Query optimisation suggestions', ''];
  if (context) out.push(context, '');
  if (!findings.length) out.push('No data-access problems found in the changed code.');
  for (const f of findings) {
    out.push(`## ${TITLES[f.kind]} — \`${f.path}:${f.line}\``, '', f.message + '.', '', `**Suggestion:** ${f.suggestion}`);
    if (f.rewrite) out.push('', '```', f.rewrite, '```');
    if (f.createIndex) out.push('', '```sql', f.createIndex, '```');
    out.push('');
  }
  return out.join('\n');
}
