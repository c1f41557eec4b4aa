// The simulator: one HTTP server on 127.0.0.1 serving a snapshot over the CloudWatch, CloudWatch Logs, GitHub REST,
// Jira and ServiceNow wire protocols. Each request goes to the AWS handler first, then GitHub, then the ticket systems.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Snapshot } from '../../core/model/snapshot';
import { createAwsSimHandler } from './aws';
import type { FaultPlan } from './faults';
import { createGithubSimHandler, type GithubSimOptions, type GithubWrite } from './github/githubSim';
import { createTicketsSimHandler } from './tickets/ticketsSim';
import type { SimResponse } from './types';

export interface SimEndpoints {
  cloudwatch: string;
  logs: string;
  github: string;
  jira: string;
  servicenow: string;
}

export interface SimServer {
  endpoints: SimEndpoints;
  port: number;
  /** GitHub write requests received (refs, pull requests, labels), oldest first. */
  githubWrites(): GithubWrite[];
  /** Calls seen for an operation: "logs:FilterLogEvents", "repos.listDeployments", "jira.searchJql"... */
  calls(operation: string): number;
  close(): Promise<void>;
}

export interface SimServerOptions extends GithubSimOptions {
  port?: number;
  faults?: FaultPlan;
}

type Handler = (req: IncomingMessage, body: Buffer) => Promise<SimResponse | undefined>;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startSimServer(snapshot: Snapshot, opts: SimServerOptions = {}): Promise<SimServer> {
  const faults = opts.faults ?? { rules: [] };
  const aws = createAwsSimHandler(snapshot, faults);
  const github = createGithubSimHandler(snapshot, faults, opts);
  const tickets = createTicketsSimHandler(snapshot, faults);
  const handlers: Handler[] = [aws, github, tickets];

  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await readBody(req);
        let out: SimResponse | undefined;
        for (const h of handlers) {
          out = await h(req, body);
          if (out) break;
        }
        out ??= { status: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: `simulator: no route for ${req.method} ${req.url}` }) };
        res.writeHead(out.status, out.headers);
        res.end(out.body);
      } catch (e) {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `simulator error: ${(e as Error).message}` }));
      }
    })();
  });
  // Clients keep connections alive; close them with the server so close() returns promptly.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    port,
    endpoints: { cloudwatch: base, logs: base, github: base, jira: base, servicenow: base },
    githubWrites: () => github.writes(),
    calls: (op) => (op.includes(':') ? aws.calls(op) : op.startsWith('jira.') || op.startsWith('servicenow.') ? tickets.calls(op) : github.calls(op)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
