// What a metric or a log line is about, inferred generically from names, namespaces, units and text — never
// from a particular service, table or fixture. These vocabularies are the on-call engineer's reading habits.
import type { Metric } from '../model/snapshot';

export type MetricKind =
  | 'latency' | 'errors' | 'traffic' | 'throttle' | 'cpu' | 'memory' | 'connections' | 'locks' | 'saturation' | 'other';
export type Resource = 'database' | 'compute' | 'edge' | 'queue' | 'cache' | 'network' | 'other';

const DB_NAMESPACE = /rds|dynamo|aurora|docdb|documentdb|neptune|redshift|keyspaces|cassandra|postgres|mysql|mariadb|mongo|sql|database|\bdb\b/i;
const CACHE_NAMESPACE = /elasticache|redis|memcache|cache/i;
const QUEUE_NAMESPACE = /sqs|sns|kinesis|kafka|msk|mq|queue|eventbridge|events/i;
const EDGE_NAMESPACE = /apigateway|elb|applicationelb|networkelb|cloudfront|gateway|ingress|nginx|envoy/i;
const COMPUTE_NAMESPACE = /lambda|ec2|ecs|eks|container|fargate|compute|kubernetes|k8s/i;
const NETWORK_NAMESPACE = /natgateway|transitgateway|vpn|directconnect|route53|networkfirewall|vpc/i;
const DB_DIMENSION = /^(DBInstanceIdentifier|DBClusterIdentifier|TableName|DatabaseClass|DBName|CacheClusterId|GlobalSecondaryIndexName)$/i;

export function metricResource(m: Metric): Resource {
  const ns = m.namespace ?? '';
  const dims = Object.keys(m.dimensions ?? {});
  if (CACHE_NAMESPACE.test(ns)) return 'cache';
  if (DB_NAMESPACE.test(ns) || dims.some((d) => DB_DIMENSION.test(d)) || /\b(db|database|sql|query)/i.test(m.name)) return 'database';
  if (QUEUE_NAMESPACE.test(ns)) return 'queue';
  if (NETWORK_NAMESPACE.test(ns) || /packet|network(in|out)|dns/i.test(m.name)) return 'network';
  if (EDGE_NAMESPACE.test(ns)) return 'edge';
  if (COMPUTE_NAMESPACE.test(ns)) return 'compute';
  return 'other';
}

export function metricKind(m: Metric): MetricKind {
  const name = m.name ?? '';
  const unit = m.unit ?? '';
  if (/throttl|throughputexceeded|ratelimit|rejected/i.test(name)) return 'throttle';
  if (/deadlock|lock(s|wait)?\b|blocked/i.test(name)) return 'locks';
  if (/cpu/i.test(name)) return 'cpu';
  if (/memory|freeable|swap|heap/i.test(name)) return 'memory';
  // Disk and storage headroom: a full disk is a saturated resource (checked before latency: "Storage" holds "age").
  if (STORAGE_NAME.test(name)) return 'saturation';
  if (/connection|pool|sessions?\b|threads?running/i.test(name)) return 'connections';
  if (/latency|duration|response ?time|elapsed|\bp\d\d\b|waittime/i.test(name) || /Age(?=[A-Z]|$)|\bage\b/.test(name) || /^(milli|micro)?seconds$/i.test(unit)) return 'latency';
  if (/5xx|4xx|error|fault|fail|exception|timeout/i.test(name)) return 'errors';
  if (/concurren|consumed|iops|queuedepth|diskqueue|utili[sz]ation|saturation|burstbalance|credit/i.test(name)) return 'saturation';
  if (/success|healthy|availability|apdex/i.test(name)) return 'other';
  if (/^count$|request|invocation|throughput|rps|qps|tps|traffic|messages(sent|received)|incoming|hits|sessions|calls/i.test(name)) return 'traffic';
  return 'other';
}

/** Metric names about disk or storage headroom. */
export const STORAGE_NAME = /(free|used|available|remaining)[a-z ]*(storage|disk|space)|(storage|disk)[a-z ]*(space|used|utili[sz]ation|free)|filesystem|inodes?/i;
/** Log text saying a disk or volume is full. */
export const STORAGE_TEXT = /no space left|disk (is )?full|out of disk|insufficient (disk|storage)|could not (extend|write to) file/i;
/** Log text about a database (queries, tables, transactions, engine error codes). */
export const DB_TEXT = /throughput ?exceeded|dynamo|\bsql|sqlstate|postgres|mysql|mariadb|aurora|\bjdbc|\bORA-\d+|mongo|\bquery\b|queries|\btable\b|transaction|deadlock|lock wait|row lock|\bdatabase\b|\bdb\b|read capacity|write capacity|capacity units|\brds\b/i;
/** The resource is exhausted: throttling, pools, limits, CPU or memory. */
export const CAPACITY_TEXT = /throttl|throughput ?exceeded|rate exceeded|too many (requests|connections)|capacity|limit exceeded|out ?of ?memory|\boom(kill(ed)?)?\b|heap space|memory limit|exit code 137|no space left|disk (is )?full|cpu|pool (is )?(exhausted|timeout|empty)|connection pool (is )?(exhausted|empty|full)|acquire (a )?connection|max_?connections|no (free|available) connection|queue full|saturat/i;
// "pool" alone also names thread pools ([pool-3-thread-1]) and HTTP clients (HTTPSConnectionPool): exhaustion only.
export const POOL_TEXT = /pool (is )?(exhausted|empty|full)|pool timeout|(timed out|timeout) (while )?(waiting for|acquiring) (a )?(free )?connection|too many connections|max_?connections|acquire (a )?connection|connection limit|no (free|available) connection|connection is not available/i;
export const LOCK_TEXT = /deadlock|lock wait|lock timeout|could not obtain lock|row lock|serialization failure|lock contention/i;
/** A service we call is failing (not our own resource). */
export const DEPENDENCY_TEXT = /upstream|downstream|dependency|third[- ]party|bad gateway|\b50[234]\b.*\b(from|calling|upstream)|(from|calling|upstream)\b.*\b50[234]\b|service unavailable|econnrefused|connection refused|circuit ?breaker|remote (service|host|api)|provider (error|unavailable|outage)|external (api|service)|status code 50[234]|certificate (has )?expired|certificate verify failed|certificate_verify_failed|x509: certificate|unable to verify the first certificate|PKIX path (building|validation) failed|self[- ]signed certificate/i;
export const NETWORK_TEXT = /econnreset|etimedout|ehostunreach|enetunreach|socket hang up|packet loss|getaddrinfo|enotfound|dns (resolution|lookup)|servfail|nxdomain|eai_again|unknownhostexception|temporary failure in name resolution|no such host|resolver (timeout|timed out|error|failure)|tls handshake|handshake (failed|timeout)|network (is )?unreachable|connection reset|no route to host/i;
export const CONFIG_TEXT = /\bconfig(uration)?\b.*\b(invalid|missing|error|not found|unknown)|(invalid|missing|unknown)\b.*\b(config|setting|parameter|env(ironment)? var)|feature ?flag|flag .* (enabled|disabled)|accessdenied|permission denied|not authori[sz]ed/i;
export const SCHEDULE_TEXT = /\bbatch\b|\bcron\b|scheduled (job|task)|\bjob\b|nightly|settlement|reconcil|backfill|\betl\b|export job|report generation|end[- ]of[- ](day|month)/i;

/** Code in a diff that reaches a database. */
export const DB_CODE = /\b(select|insert|update|delete)\b[\s\S]{0,80}\b(from|into|set|where)\b|query|QueryCommand|GetItem|PutItem|BatchGet|\bscan\b|ScanCommand|dynamo|\bddb\b|\.find(One|All|Many|ById)?\(|\.where\(|\.aggregate\(|knex|prisma|sequelize|typeorm|hibernate|jdbc|\bsql\b|\bdb\.|\.execute\(|cursor|repository|\bdao\b|\borm\b|transaction/i;
export const DEPENDENCY_CODE = /\bfetch\(|axios|https?\.(request|get)|\bgot\(|\brequest\(|HttpClient|RestTemplate|WebClient|grpc|\bclient\.(get|post|put|call)|https?:\/\/|endpoint|base_?url/i;
export const LOOP_CODE = /\bfor\s*\(|\bfor\s+\w+\s+in\b|\.forEach\(|\.map\(|\bwhile\s*\(|\beach\b/;
export const CONFIG_PATH = /(^|\/)(config|conf|settings)(\/|\.|$)|\.(ya?ml|toml|ini|env|properties|tfvars)$|flags?\.(json|ya?ml)$/i;
