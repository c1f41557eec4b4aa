// Source files of the demo service (checkout-api) at v2.4.0 and v2.4.1. Line numbers matter: the demo snapshot's
// stack traces point at src/orders.js:22:17 and src/handler.js:14:20 of v2.4.1.

const ORDERS_HEAD = `// Orders: reads an order and builds the summary the checkout page shows.
import { GetItemCommand%IMPORT% } from '@aws-sdk/client-dynamodb';
import { ddb } from './db.js';

const ORDERS_TABLE = process.env.ORDERS_TABLE;

export async function getOrder(orderId) {
  const res = await ddb.send(new GetItemCommand({
    TableName: ORDERS_TABLE,
    Key: { id: { S: orderId } },
  }));
  if (!res.Item) throw new Error(\`order \${orderId} not found\`);
  return JSON.parse(res.Item.doc.S);
}

const sum = (items) => items.reduce((total, i) => total + i.price * i.qty, 0);
export async function getOrderSummary(orderId) {
  const order = await getOrder(orderId);
`;

export const ORDERS_V240 = `${ORDERS_HEAD.replace('%IMPORT%', '')}  const items = order.items;
  return { order, items, total: sum(items) };
}
`;

export const ORDERS_V241 = `${ORDERS_HEAD.replace('%IMPORT%', ', QueryCommand')}  const items = [];
  // Enrich every line item with its latest inventory record.
  for (const item of order.items) {
    const res = await ddb.send(new QueryCommand({
      TableName: process.env.INVENTORY_TABLE,
      KeyConditionExpression: 'sku = :sku',
      ExpressionAttributeValues: { ':sku': { S: item.sku } },
    }));
    items.push({ ...item, stock: res.Items?.[0] });
  }
  return { order, items, total: sum(items) };
}
`;

export const HANDLER_JS = `// Lambda entry point behind API Gateway: GET /orders/{id}/summary.
import { getOrderSummary } from './orders.js';

const json = (statusCode, body) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export async function handler(event) {
  const id = event.pathParameters?.id;
  if (!id) return json(400, { error: 'missing order id' });
  try {
    const result = await getOrderSummary(id);
    return json(200, result);
  } catch (err) {
    console.error('ERROR', err);
    return json(500, { error: 'internal error' });
  }
}
`;

export const DB_JS = `// One DynamoDB client per Lambda container, reused across invocations.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const ddb = new DynamoDBClient({ region: process.env.AWS_REGION ?? 'us-east-1' });
`;

export const ORDERS_TEST_JS = `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ddb } from '../src/db.js';
import { getOrderSummary } from '../src/orders.js';

test('summary totals the line items', async (t) => {
  const order = { id: 'o1', items: [{ sku: 'a', price: 2, qty: 3 }, { sku: 'b', price: 5, qty: 1 }] };
  t.mock.method(ddb, 'send', async (cmd) =>
    cmd.constructor.name === 'GetItemCommand' ? { Item: { doc: { S: JSON.stringify(order) } } } : { Items: [{ sku: 'a', stock: 10 }] });
  const summary = await getOrderSummary('o1');
  assert.equal(summary.total, 11);
});
`;

export function packageJson(version: string): string {
  return `${JSON.stringify({
    name: 'checkout-api', version, private: true, type: 'module',
    description: 'Checkout API: order summaries for the checkout page (AWS Lambda + DynamoDB).',
    scripts: { test: 'node --test test/' },
    dependencies: { '@aws-sdk/client-dynamodb': '^3.600.0' },
  }, null, 2)}\n`;
}

export const README_MD = `# checkout-api

Order summaries for the checkout page: API Gateway → Lambda (\`src/handler.js\`) → DynamoDB tables \`orders\` and \`inventory\`.

Deploys: GitHub Deployments to \`production\`, one per release tag (v2.4.0, v2.4.1, ...).
`;

export const PR_TEMPLATE_MD = `## What

<!-- What does this change do? -->

## Why

<!-- Link the incident or ticket. -->

## Risk and rollback

- [ ] Can be rolled back by redeploying the previous tag
- [ ] Load tested if it changes the number of DynamoDB calls per request

## Checklist

- [ ] Tests added or updated
- [ ] Dashboards and alarms still cover the change
`;

export const PIR_MD = `---
title: checkout latency spike, DynamoDB throttling
started: 2026-01-01T03:00:00Z
resolved: 2026-01-01T04:30:00Z
service: checkout-api
labels: [checkout, dynamodb]
---
# checkout latency spike, DynamoDB throttling

## Summary
p99 latency above 1 s during peak; ProvisionedThroughputExceededException on the inventory table.

## Resolution
Raised inventory table RCU from 400 to 1200.
`;

/** Files of the first commit (v2.4.0), path → text. */
export function demoFilesV240(incidentLensYaml: string): Record<string, string> {
  return {
    'package.json': packageJson('2.4.0'),
    'README.md': README_MD,
    'src/handler.js': HANDLER_JS,
    'src/orders.js': ORDERS_V240,
    'src/db.js': DB_JS,
    'test/orders.test.js': ORDERS_TEST_JS,
    '.github/pull_request_template.md': PR_TEMPLATE_MD,
    '.incident-lens.yaml': incidentLensYaml,
    '.gitignore': 'node_modules/\n',
  };
}
