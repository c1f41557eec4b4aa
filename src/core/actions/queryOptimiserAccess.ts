// Recognises data-access calls on a scanned line: SQL strings, ORM calls (Sequelize, TypeORM, Prisma, Knex,
// SQLAlchemy, Django, JDBC) and DynamoDB Query/Scan/GetItem.
import type { ScannedLine } from './queryOptimiserScan';

export type AccessFamily = 'sql' | 'sequelize' | 'typeorm' | 'prisma' | 'knex' | 'sqlalchemy' | 'django' | 'jdbc' | 'dynamodb';
export type AccessOp = 'get' | 'list' | 'query' | 'scan' | 'write' | 'batch';

export interface Access {
  family: AccessFamily;
  op: AccessOp;
  /** The matched call or statement, for messages. */
  call: string;
}

const DB_RECEIVER = '(?:db|conn|connection|pool|client|cursor|session|pg|mysql|sequelize|knex|trx|tx|manager|em|entityManager|dataSource|repository|repo|\\w+Repository|\\w+Repo|database|sql)';

interface Rule { re: RegExp; family: AccessFamily; op: AccessOp; on: 'code' | 'raw' }

const RULES: Rule[] = [
  // DynamoDB (SDK v3 commands, v2 DocumentClient, boto3).
  { re: /\bBatch(?:Get|Write)(?:Item)?Command\b|\.batch(?:Get|Write)(?:Item)?\s*\(|\.batch_(?:get|write)_item\s*\(/, family: 'dynamodb', op: 'batch', on: 'code' },
  { re: /\bScan(?:Command)?\s*\(|\bpaginateScan\b|\b(?:table|dynamo\w*|ddb\w*|docClient|documentClient|client)\.scan\s*\(/i, family: 'dynamodb', op: 'scan', on: 'code' },
  { re: /\bQueryCommand\b|\bpaginateQuery\b|\b(?:table|dynamo\w*|ddb\w*|docClient|documentClient)\.query\s*\(/i, family: 'dynamodb', op: 'query', on: 'code' },
  { re: /\bGet(?:Item)?Command\b|\.getItem\s*\(|\.get_item\s*\(|\b(?:docClient|documentClient|ddb\w*|dynamo\w*)\.get\s*\(/i, family: 'dynamodb', op: 'get', on: 'code' },
  // Prisma.
  { re: /\bprisma\.\w+\.(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow)\s*\(/, family: 'prisma', op: 'get', on: 'code' },
  { re: /\bprisma\.\w+\.(findMany|count|aggregate|groupBy)\s*\(/, family: 'prisma', op: 'list', on: 'code' },
  { re: /\bprisma\.\w+\.(create|update|upsert|delete|createMany|updateMany|deleteMany)\s*\(/, family: 'prisma', op: 'write', on: 'code' },
  // Django.
  { re: /\.objects\.(get|get_or_create|first|last)\s*\(/, family: 'django', op: 'get', on: 'code' },
  { re: /\.objects\.(filter|all|exclude|values|values_list)\s*\(/, family: 'django', op: 'list', on: 'code' },
  { re: /\.objects\.(create|update|bulk_create|bulk_update)\s*\(/, family: 'django', op: 'write', on: 'code' },
  // SQLAlchemy.
  { re: /\bsession\.(query|scalars|scalar|get)\s*\(|\bselect\s*\(\s*[A-Z]\w*/, family: 'sqlalchemy', op: 'list', on: 'code' },
  // Sequelize.
  { re: /\b[A-Z]\w*\.(findByPk|findOne)\s*\(/, family: 'sequelize', op: 'get', on: 'code' },
  { re: /\b[A-Z]\w*\.(findAll|findAndCountAll|count)\s*\(/, family: 'sequelize', op: 'list', on: 'code' },
  // TypeORM.
  { re: new RegExp(`\\b${DB_RECEIVER}\\.(findOne|findOneBy|findOneOrFail|findOneByOrFail)\\s*\\(`), family: 'typeorm', op: 'get', on: 'code' },
  { re: new RegExp(`\\b${DB_RECEIVER}\\.(find|findBy|findAndCount|createQueryBuilder)\\s*\\(`), family: 'typeorm', op: 'list', on: 'code' },
  // Knex.
  { re: /\b(?:knex|trx|db)\s*\(\s*['"`]\w+['"`]\s*\)|\bknex\.(?:select|from|raw)\s*\(/, family: 'knex', op: 'list', on: 'raw' },
  // JDBC / Spring.
  { re: /\b(executeQuery|prepareStatement|createStatement|prepareCall)\s*\(|\bjdbcTemplate\.(query\w*)\s*\(/, family: 'jdbc', op: 'query', on: 'code' },
  { re: /\b(executeUpdate|executeBatch)\s*\(|\bjdbcTemplate\.(update|batchUpdate)\s*\(/, family: 'jdbc', op: 'write', on: 'code' },
  // Raw SQL through a driver.
  { re: new RegExp(`\\b${DB_RECEIVER}\\.(query|execute|raw|run|all|get|one|oneOrNone|many|any|manyOrNone)\\s*\\(`), family: 'sql', op: 'query', on: 'code' },
];

export const SQL_STATEMENT = /^\s*(?:SELECT|INSERT\s+INTO|UPDATE\s+[\w."]+\s+SET|DELETE\s+FROM|WITH\s+\w+\s+AS)\b/i;

// Naming a command class in an import is not a call: `import { QueryCommand } from ...`, require, Python/Java imports.
const IMPORT_LINE = /^\s*(?:import\b|from\s+[\w.]+\s+import\b|(?:const|let|var)\s+(?:\{[^}]*\}|\w+)\s*=\s*require\s*\(|export\s+(?:\*|\{[^}]*\})\s+from\b)/;

/** The data access on a line, if any; the first matching rule wins (batch before single-item). */
export function accessOn(line: ScannedLine): Access | undefined {
  if (IMPORT_LINE.test(line.raw)) return undefined;
  for (const r of RULES) {
    const m = r.re.exec(r.on === 'code' ? line.code : line.raw);
    if (m) return { family: r.family, op: r.op, call: m[0].replace(/\s+/g, ' ').trim() };
  }
  const sql = line.strings.find((s) => SQL_STATEMENT.test(s));
  if (sql) return { family: 'sql', op: /^\s*SELECT|^\s*WITH/i.test(sql) ? 'query' : 'write', call: sql.trim().split(/\s+/).slice(0, 4).join(' ') };
  return undefined;
}
