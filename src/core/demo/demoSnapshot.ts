// The built-in demo incident: checkout-api v2.4.0 → v2.4.1 added a per-item DynamoDB query inside a loop.
// Deterministic (seeded), consistent across alarms, metrics, logs, deploys and tickets, so the demo needs no account.
import type { Commit, LogEvent, Metric, MetricPoint, Snapshot } from '../model/snapshot';
import { SNAPSHOT_SCHEMA } from '../model/snapshot';
import { seededRandom } from '../util/random';

export interface DemoOptions {
  /** Onset of the incident; the window starts two hours before it. */
  onset?: string;
  /** Shas of the two deployed commits when a real demo repository exists. */
  refs?: { v240?: string; v241?: string; commits?: Array<{ sha: string; message: string }> };
}

const MIN = 60_000;

export const DEMO_ORDERS_PATCH = `@@ -18,12 +18,21 @@ export async function getOrderSummary(orderId) {
   const order = await getOrder(orderId);
-  const items = order.items;
+  const items = [];
+  // Enrich every line item with its latest inventory record.
+  for (const item of order.items) {
+    const res = await ddb.send(new QueryCommand({
+      TableName: process.env.INVENTORY_TABLE,
+      KeyConditionExpression: 'sku = :sku',
+      ExpressionAttributeValues: { ':sku': { S: item.sku } },
+    }));
+    items.push({ ...item, stock: res.Items?.[0] });
+  }
   return { order, items, total: sum(items) };
 }
`;

export function demoSnapshot(opts: DemoOptions = {}): Snapshot {
  const rnd = seededRandom(2041);
  const onset = Date.parse(opts.onset ?? '2026-01-14T03:15:00Z');
  const start = onset - 120 * MIN;
  const end = onset + 45 * MIN;
  const deployAt = onset - 12 * MIN;
  const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

  const series = (base: number, after: number, noise: number, shiftAt: number): MetricPoint[] => {
    const pts: MetricPoint[] = [];
    for (let t = start; t <= end; t += MIN) {
      const v = t < shiftAt ? base : after;
      pts.push([iso(t), Math.round((v + (rnd() - 0.5) * 2 * noise) * 10) / 10]);
    }
    return pts;
  };
  const shift = deployAt + 8 * MIN;

  const metrics: Metric[] = [
    { id: 'm-api-latency', namespace: 'AWS/ApiGateway', name: 'Latency', stat: 'p99', unit: 'Milliseconds',
      dimensions: { ApiName: 'checkout', Region: 'us-east-1' }, points: series(850, 1200, 40, shift) },
    { id: 'm-api-5xx', namespace: 'AWS/ApiGateway', name: '5XXError', stat: 'Average', unit: 'Percent',
      dimensions: { ApiName: 'checkout', Region: 'us-east-1' }, points: series(0.3, 12, 0.2, shift) },
    { id: 'm-lambda-duration', namespace: 'AWS/Lambda', name: 'Duration', stat: 'Average', unit: 'Milliseconds',
      dimensions: { FunctionName: 'checkout-api' }, points: series(850, 1200, 35, shift) },
    { id: 'm-ddb-latency', namespace: 'AWS/DynamoDB', name: 'SuccessfulRequestLatency', stat: 'Average', unit: 'Milliseconds',
      dimensions: { TableName: 'inventory', Operation: 'Query' }, points: series(50, 350, 8, shift) },
    { id: 'm-ddb-throttle', namespace: 'AWS/DynamoDB', name: 'ReadThrottleEvents', stat: 'Sum', unit: 'Count',
      dimensions: { TableName: 'inventory' }, points: series(0, 140, 0, shift) },
    { id: 'm-api-count', namespace: 'AWS/ApiGateway', name: 'Count', stat: 'Sum', unit: 'Count',
      dimensions: { ApiName: 'checkout', Region: 'us-east-1' }, points: series(4200, 4250, 150, shift) },
  ];

  const v240 = opts.refs?.v240 ?? '3f1c9a0e4b7d2c615a8e9f0b1c2d3e4f5a6b7c8d';
  const v241 = opts.refs?.v241 ?? '9b2e7d41c0a35f8e6d1b2c3a4f5e6d7c8b9a0f1e';
  const demoCommits = opts.refs?.commits ?? [
    { sha: '5d0e3c2b1a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d', message: 'orders: enrich summary with inventory stock' },
    { sha: v241, message: 'chore: bump version to 2.4.1' },
  ];
  const commits: Commit[] = demoCommits.map((c, i) => ({
    sha: c.sha,
    author: i === 0 ? 'Dana Kim <dana@example.com>' : 'release-bot <release@example.com>',
    message: c.message,
    at: iso(deployAt - (demoCommits.length - i) * 40 * MIN),
    files: i === 0
      ? [{ path: 'src/orders.js', status: 'modified', patch: DEMO_ORDERS_PATCH }]
      : [{ path: 'package.json', status: 'modified', patch: '@@ -1,4 +1,4 @@\n {\n   "name": "checkout-api",\n-  "version": "2.4.0",\n+  "version": "2.4.1",\n' }],
  }));

  const logs: LogEvent[] = [];
  const group = '/aws/lambda/checkout-api';
  for (let t = start; t <= end; t += 20_000) {
    const req = Math.floor(rnd() * 1e8).toString(16);
    logs.push({ at: iso(t), group, message: `INFO request ${req} GET /orders/${Math.floor(rnd() * 9000) + 1000}/summary 200 in ${Math.round(80 + rnd() * 60)} ms` });
    if (t >= shift && rnd() < 0.6) {
      logs.push({ at: iso(t + 5000), group, stream: '2026/01/14/[$LATEST]a1b2c3',
        message: `ERROR ProvisionedThroughputExceededException: The level of configured provisioned throughput for the table was exceeded. (RequestId: ${req}AB12)\n` +
          '    at throttle (/var/task/node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js:2211:19)\n' +
          '    at async getOrderSummary (/var/task/src/orders.js:22:17)\n' +
          '    at async handler (/var/task/src/handler.js:14:20)' });
    }
    if (rnd() < 0.05) logs.push({ at: iso(t + 9000), group, message: `WARN slow request ${req} took ${Math.round(900 + rnd() * 400)} ms` });
  }

  return {
    schema: SNAPSHOT_SCHEMA,
    incident: {
      id: 'INC-2041', title: 'checkout API latency > 1000 ms', service: 'checkout-api',
      startedAt: iso(onset), detectedAt: iso(onset + 2 * MIN), severity: 'critical',
    },
    alarms: [
      { id: 'a-latency', name: 'api-latency-critical', state: 'ALARM', at: iso(onset), metricId: 'm-api-latency',
        threshold: 1000, comparison: 'GreaterThanThreshold', region: 'us-east-1',
        reason: 'Threshold Crossed: 3 datapoints were greater than the threshold (1000.0).' },
      { id: 'a-5xx', name: 'api-5xx-rate-high', state: 'ALARM', at: iso(onset + MIN), metricId: 'm-api-5xx',
        threshold: 5, comparison: 'GreaterThanThreshold', region: 'us-east-1',
        reason: 'Threshold Crossed: 2 datapoints were greater than the threshold (5.0).' },
    ],
    metrics,
    logs,
    deploys: [
      { id: 'v2.4.0', at: iso(onset - 6 * 24 * 60 * MIN), ref: v240, environment: 'production', service: 'checkout-api', region: 'us-east-1', commits: [] },
      { id: 'v2.4.1', at: iso(deployAt), ref: v241, previousRef: v240, environment: 'production', service: 'checkout-api', region: 'us-east-1', commits },
    ],
    tickets: [
      { id: 'SN-1873', source: 'servicenow', title: 'checkout latency spike, DynamoDB throttling', service: 'checkout-api',
        body: 'ProvisionedThroughputExceededException on inventory table during peak; p99 latency above 1s.',
        openedAt: iso(onset - 13 * 24 * 60 * MIN), resolvedAt: iso(onset - 13 * 24 * 60 * MIN + 90 * MIN),
        resolution: 'Raised inventory table RCU from 400 to 1200.', labels: ['checkout', 'dynamodb'] },
      { id: 'SN-1902', source: 'servicenow', title: 'checkout API 5XX after release, DynamoDB read throttles', service: 'checkout-api',
        body: 'Read throttles on inventory after a release added lookups; 5XX rate 8%.',
        openedAt: iso(onset - 5 * 24 * 60 * MIN), resolvedAt: iso(onset - 5 * 24 * 60 * MIN + 150 * MIN),
        resolution: 'Optimised queries: replaced per-item Query with BatchGetItem.', labels: ['checkout', 'dynamodb'] },
    ],
    changes: [],
    slos: [{ name: 'checkout availability', objective: 0.999, windowDays: 30, ratioMetricId: 'm-api-5xx' }],
  };
}
