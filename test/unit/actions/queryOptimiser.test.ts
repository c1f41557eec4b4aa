// The query optimiser on fixture files with each kind of problem, on clean code, and on diffs (only changed code counts).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { optimiseFile, optimiseQueries, renderFindings, type QueryFinding } from '../../../src/core/actions/queryOptimiser';
import { indexDefinitions, parseSql } from '../../../src/core/actions/queryOptimiserSql';

const dir = path.resolve(__dirname, '../../../../test/fixtures/actions/queries');
const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
const file = (f: string) => ({ path: f, text: read(f) });
const schema = [{ path: 'migrations/001.sql', text: read('schema.sql') }];
const kinds = (fs: QueryFinding[]) => fs.map((f) => `${f.kind}@${f.line}`);

/** A patch adding every line of `text` (a new file). */
const newFilePatch = (text: string) => { const l = text.split('\n'); return `@@ -0,0 +1,${l.length} @@\n${l.map((x) => `+${x}`).join('\n')}`; };

describe('query optimiser', () => {
  it('finds N+1 queries in for-loops and .map callbacks, with batch rewrites', () => {
    const f = optimiseFile(file('nPlusOne.js'), schema);
    const n1 = f.filter((x) => x.kind === 'n-plus-one');
    assert.deepEqual(n1.map((x) => [x.line, x.relatedLine]), [[6, 5], [14, 13]]);
    assert.match(n1[0].rewrite!, /BatchGetCommand/);
    assert.match(n1[1].rewrite!, /WHERE id IN \(…\)/);
  });

  it('finds N+1 in Python (indentation) and an unbounded Django filter', () => {
    const f = optimiseFile(file('views.py'));
    assert.deepEqual(kinds(f), ['n-plus-one@7', 'no-limit@13']);
    assert.match(f[0].suggestion, /pk__in/);
  });

  it('finds a DynamoDB Scan (naming the filtered attribute) without pagination', () => {
    const f = optimiseFile(file('scan.js'));
    assert.deepEqual(kinds(f), ['scan@4', 'no-limit@4']);
    assert.match(f[0].suggestion, /global secondary index with status/);
  });

  it('finds SELECT *, a missing LIMIT and a missing index with its CREATE INDEX, checking the migrations', () => {
    const f = optimiseFile(file('report.js'), [{ path: 'migrations/001.sql', text: 'CREATE TABLE orders (id uuid PRIMARY KEY, status text);' }]);
    assert.deepEqual(f.map((x) => x.kind).sort(), ['missing-index', 'no-limit', 'select-star']);
    const idx = f.find((x) => x.kind === 'missing-index')!;
    assert.equal(idx.createIndex, 'CREATE INDEX idx_orders_customer_id_status_created_at ON orders (customer_id, status, created_at);');
    assert.match(idx.message, /migrations\/001\.sql/);
    // With an index led by customer_id in the schema, no missing-index finding.
    assert.ok(!optimiseFile(file('report.js'), schema).some((x) => x.kind === 'missing-index'));
  });

  it('finds a transaction held open across an external call while holding row locks', () => {
    const f = optimiseFile(file('transaction.js'), schema);
    const tx = f.filter((x) => x.kind === 'long-transaction');
    assert.deepEqual(tx.map((x) => [x.line, x.relatedLine]), [[4, 2]]);
    assert.match(tx[0].message, /FOR UPDATE on line 3/);
  });

  it('reports nothing on clean code (batched, paginated, limited, indexed)', () => {
    assert.deepEqual(optimiseFile(file('clean.js'), schema), []);
    assert.match(renderFindings([]), /No data-access problems/);
  });

  it('on a diff: only added code counts, a loop added around an old query counts, and schema files in the diff are used', () => {
    const before = 'async function f(db, ids) {\n  return db.query("SELECT id FROM t WHERE id = ?", [ids[0]]);\n}\n';
    const after = 'async function f(db, ids) {\n  for (const id of ids) {\n    await db.query("SELECT id FROM t WHERE id = ?", [id]);\n  }\n}\n';
    const patch = '@@ -1,3 +1,5 @@\n async function f(db, ids) {\n-  return db.query("SELECT id FROM t WHERE id = ?", [ids[0]]);\n+  for (const id of ids) {\n+    await db.query("SELECT id FROM t WHERE id = ?", [id]);\n+  }\n }\n';
    assert.deepEqual(kinds(optimiseFile({ path: 'a.js', patch, text: after })), ['n-plus-one@3']);
    // Unchanged problem code is not reported.
    const untouched = read('report.js');
    const tail = `${untouched}\n// comment\n`;
    assert.deepEqual(optimiseFile({ path: 'report.js', patch: `@@ -8,0 +9,2 @@\n+\n+// comment`, text: tail }), []);
    // Patch only (no full text): rebuilt from hunks; the migration in the same diff supplies the index.
    const diff = optimiseQueries([
      { path: 'src/report.js', patch: newFilePatch(read('report.js')) },
      { path: 'db/migrations/002_index.sql', patch: newFilePatch('CREATE INDEX idx ON orders (customer_id);') },
    ]);
    assert.deepEqual(diff.map((x) => x.kind).sort(), ['no-limit', 'select-star']);
    void before;
  });

  it('does not take an import of a command class for a query', () => {
    const text = [
      "import { GetItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';",
      "const { QueryCommand: Q } = require('@aws-sdk/client-dynamodb');",
      'from boto3.dynamodb.conditions import Key',
      'import software.amazon.awssdk.services.dynamodb.model.QueryRequest;',
      'export async function one(ddb, sku) {',
      "  return ddb.send(new QueryCommand({ TableName: 'inventory', KeyConditionExpression: 'sku = :s', Limit: 1 }));",
      '}',
      '',
    ].join('\n');
    const f = optimiseFile({ path: 'src/inventory.js', text });
    assert.deepEqual(kinds(f).filter((k) => /@[1-4]$/.test(k)), [], 'no finding on an import line');
    assert.ok(kinds(f).every((k) => k.endsWith('@6')), kinds(f).join(', '));
  });

  it('parses SQL shapes and index definitions of several ORMs', () => {
    const q = parseSql('SELECT o.* FROM public.orders o WHERE o.customer_id = $1 AND o.created_at > $2 ORDER BY o.created_at LIMIT 10')!;
    assert.deepEqual([q.table, q.equality, q.range, q.orderBy, q.hasLimit, q.selectStar], ['orders', ['customer_id'], ['created_at'], ['created_at'], true, true]);
    const defs = indexDefinitions([
      { path: 'm.js', text: "await queryInterface.addIndex('orders', ['customer_id', 'created_at']);" },
      { path: 'schema.prisma', text: 'model Order {\n  id Int @id\n  email String @unique\n  @@index([status, createdAt])\n  @@map("orders")\n}' },
      { path: 'models.py', text: "class Order(models.Model):\n    ref = models.CharField(max_length=9, db_index=True)\n    class Meta:\n        indexes = [models.Index(fields=['status'])]\n" },
      { path: 'k.js', text: "knex.schema.createTable('orders', (t) => {\n  t.string('sku').index();\n  t.index(['region', 'day']);\n});" },
    ]);
    const cols = defs.map((d) => `${d.table}:${d.columns.join('+')}`).sort();
    assert.deepEqual(cols, ['order:ref', 'order:status', 'orders:customer_id+created_at', 'orders:email', 'orders:id', 'orders:region+day', 'orders:sku', 'orders:status+createdat']);
  });
});
