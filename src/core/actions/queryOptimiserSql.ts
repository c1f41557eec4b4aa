// SQL text and schema definitions: the table and filter/sort columns of a query, and the indexes a schema declares.

export interface SqlShape {
  table: string;
  /** WHERE columns compared with =/IN (first), then ranges, then ORDER BY columns; table prefixes removed. */
  equality: string[];
  range: string[];
  orderBy: string[];
  hasLimit: boolean;
  selectStar: boolean;
  aggregateOnly: boolean;
  forUpdate: boolean;
}

const ident = (s: string) => s.replace(/["`[\]]/g, '').split('.').pop()!.toLowerCase();

export function parseSql(sql: string): SqlShape | undefined {
  const s = sql.replace(/\s+/g, ' ');
  const table = /\b(?:FROM|UPDATE|DELETE\s+FROM)\s+([\w."`[\]]+)/i.exec(s)?.[1];
  if (!table) return undefined;
  const where = /\bWHERE\b(.*?)(?:\bGROUP\s+BY\b|\bORDER\s+BY\b|\bLIMIT\b|\bFOR\s+UPDATE\b|\bOFFSET\b|\bFETCH\b|$)/i.exec(s)?.[1] ?? '';
  const equality: string[] = [];
  const range: string[] = [];
  for (const m of where.matchAll(/([\w."`]+)\s*(=|<>|!=|<=|>=|<|>|\bIN\b|\bLIKE\b|\bBETWEEN\b|\bIS\b)/gi)) {
    const col = ident(m[1]);
    if (/^\d|^(and|or|not|null|true|false)$/.test(col) || /^[$:?%]/.test(m[1])) continue;
    const op = m[2].toUpperCase();
    (op === '=' || op === 'IN' || op === 'IS' ? equality : range).push(col);
  }
  const order = /\bORDER\s+BY\s+(.*?)(?:\bLIMIT\b|\bOFFSET\b|\bFETCH\b|\bFOR\b|$)/i.exec(s)?.[1] ?? '';
  const orderBy = order.split(',').map((c) => ident(c.trim().split(/\s+/)[0] ?? '')).filter((c) => /^[a-z_]\w*$/.test(c));
  const cols = /^\s*SELECT\s+(.*?)\s+FROM\b/i.exec(s)?.[1] ?? '';
  return {
    table: ident(table),
    equality: [...new Set(equality)], range: [...new Set(range)].filter((c) => !equality.includes(c)), orderBy,
    hasLimit: /\bLIMIT\b|\bTOP\s*\(?\d|\bFETCH\s+(FIRST|NEXT)\b|\bROWNUM\b/i.test(s),
    selectStar: /^\*$|(^|,)\s*\w+\.\*\s*(,|$)|^\*\s*,/.test(cols.trim()),
    aggregateOnly: !!cols && /^(?:\s*(?:COUNT|SUM|MIN|MAX|AVG|EXISTS)\s*\(.*?\)(?:\s+(?:AS\s+)?\w+)?\s*,?)+$/i.test(cols),
    forUpdate: /\bFOR\s+(?:NO\s+KEY\s+)?UPDATE\b|\bFOR\s+SHARE\b/i.test(s),
  };
}

export interface IndexDef {
  table: string;
  columns: string[];
  source: string;
}

const norm = (t: string) => ident(t).replace(/s$/, '');
export const sameTable = (a: string, b: string) => norm(a) === norm(b);
const list = (s: string) => s.split(',').map((c) => ident(c.trim().replace(/\(.*$/, '').split(/\s+/)[0] ?? '')).filter(Boolean);

/** Index and primary-key definitions in SQL migrations, Knex, Sequelize, Prisma and Django schema text. */
export function indexDefinitions(files: Array<{ path: string; text: string }>): IndexDef[] {
  const out: IndexDef[] = [];
  for (const f of files) {
    const t = f.text;
    const add = (table: string, cols: string[]) => cols.length && out.push({ table: ident(table), columns: cols, source: f.path });
    for (const m of t.matchAll(/CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?:[\w."`]+\s+)?ON\s+(?:ONLY\s+)?([\w."`]+)\s*(?:USING\s+\w+\s*)?\(([^)]*)\)/gi)) add(m[1], list(m[2]));
    for (const m of t.matchAll(/CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([\w."`]+)\s*\(([\s\S]*?)\)\s*;/gi)) {
      const body = m[2];
      const pk = /PRIMARY\s+KEY\s*\(([^)]*)\)/i.exec(body);
      if (pk) add(m[1], list(pk[1]));
      for (const c of body.matchAll(/^\s*([\w"`]+)\s+[^,\n]*\b(?:PRIMARY\s+KEY|UNIQUE)\b/gim)) add(m[1], [ident(c[1])]);
      for (const c of body.matchAll(/\b(?:UNIQUE\s+)?(?:INDEX|KEY)\s+[\w`"]*\s*\(([^)]*)\)/gi)) add(m[1], list(c[1]));
    }
    // Sequelize queryInterface.addIndex('orders', ['a', 'b']) / addIndex('orders', { fields: [...] }).
    for (const m of t.matchAll(/addIndex\(\s*['"`](\w+)['"`]\s*,\s*(?:\{[^}]*?fields\s*:\s*)?\[([^\]]*)\]/g)) add(m[1], list(m[2].replace(/['"`]/g, '')));
    // Knex: createTable('orders', (t) => { ... t.index(['a']) ... }).
    for (const m of t.matchAll(/(?:createTable|alterTable|table)\(\s*['"`](\w+)['"`][\s\S]*?(?=(?:createTable|alterTable)\(|$)/g)) {
      for (const c of m[0].matchAll(/\.(?:index|unique|primary)\(\s*\[?([^\])]*)\]?/g)) add(m[1], list(c[1].replace(/['"`]/g, '')));
      for (const c of m[0].matchAll(/\.\w+\(\s*['"`](\w+)['"`][^)]*\)(?:\.\w+\([^)]*\))*?\.(?:index|unique|primary)\(\)/g)) add(m[1], [c[1].toLowerCase()]);
    }
    // Prisma: model Order { ... @@index([a, b]) ... @@map("orders") }.
    for (const m of t.matchAll(/model\s+(\w+)\s*\{([\s\S]*?)\n\}/g)) {
      const table = /@@map\(\s*"([^"]+)"\s*\)/.exec(m[2])?.[1] ?? m[1];
      for (const c of m[2].matchAll(/@@(?:index|unique|id)\(\s*(?:fields:\s*)?\[([^\]]*)\]/g)) add(table, list(c[1]));
      for (const c of m[2].matchAll(/^\s*(\w+)\s+\S+[^\n]*@(?:id|unique)\b/gm)) add(table, [c[1].toLowerCase()]);
    }
    // Django: class Order(models.Model): ... Index(fields=[...]) / field = ...(db_index=True).
    for (const m of t.matchAll(/class\s+(\w+)\s*\([^)]*Model\)\s*:([\s\S]*?)(?=\nclass\s|$)/g)) {
      const table = /db_table\s*=\s*['"](\w+)['"]/.exec(m[2])?.[1] ?? m[1];
      for (const c of m[2].matchAll(/Index\(\s*fields\s*=\s*\[([^\]]*)\]/g)) add(table, list(c[1].replace(/['"-]/g, '')));
      for (const c of m[2].matchAll(/^\s*(\w+)\s*=\s*models\.\w+\([^\n]*\b(?:db_index|unique|primary_key)\s*=\s*True/gm)) add(table, [c[1].toLowerCase()]);
    }
  }
  return out;
}

/** Columns an index for the query should have: equality columns, then one range column, then the sort. */
export function wantedIndex(q: SqlShape): string[] {
  const cols = [...q.equality, ...q.range.slice(0, 1), ...q.orderBy];
  return [...new Set(cols)].filter((c) => c !== 'id').slice(0, 4);
}

/** True when an index (or primary key) starts with the query's leading column. */
export function hasUsableIndex(defs: IndexDef[], table: string, cols: string[]): boolean {
  return defs.some((d) => sameTable(d.table, table) && d.columns[0] === cols[0]);
}

export function createIndexSql(table: string, cols: string[]): string {
  return `CREATE INDEX idx_${table}_${cols.join('_')} ON ${table} (${cols.join(', ')});`;
}
