// Test helper: a real HTTP server on 127.0.0.1 around createAwsSimHandler, and SDK clients pointed at it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Snapshot } from '../../../src/core/model/snapshot';
import { createAwsClients, type AwsClients } from '../../../src/providers/aws/awsClients';
import type { CallPolicy } from '../../../src/providers/aws/awsCall';
import { createAwsSimHandler, type AwsSimHandler, type AwsSimOptions } from '../../../src/providers/sim/aws';
import type { FaultPlan } from '../../../src/providers/sim/faults';

export interface RunningSim {
  endpoint: string;
  handler: AwsSimHandler;
  clients(region?: string, credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): AwsClients;
  close(): Promise<void>;
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const FAST_POLICY: CallPolicy = { retries: 4, baseMs: 5, maxMs: 40, timeoutMs: 5_000 };

export async function startSim(snapshot: Snapshot, faults: FaultPlan = { rules: [] }, opts: AwsSimOptions = {}): Promise<RunningSim> {
  const handler = createAwsSimHandler(snapshot, faults, opts);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handler(req, Buffer.concat(chunks)).then(
        (r) => {
          if (res.destroyed) return;
          if (!r) {
            res.writeHead(404).end();
            return;
          }
          res.writeHead(r.status, r.headers).end(r.body);
        },
        (e) => {
          if (!res.destroyed) res.writeHead(500).end(String(e));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const made: AwsClients[] = [];
  return {
    endpoint,
    handler,
    clients(region = 'us-east-1', credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' }) {
      const c = createAwsClients({ region, endpoint, credentials });
      made.push(c);
      return c;
    },
    async close() {
      for (const c of made) {
        c.cloudwatch.destroy();
        c.logs.destroy();
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
