// incident-lens simulate SNAPSHOT [--port N] [--faults SPEC] [--repo DIR]: serves a snapshot on 127.0.0.1 over the
// CloudWatch, CloudWatch Logs, GitHub REST, Jira and ServiceNow wire protocols until killed.
import { existsSync, readFileSync } from 'node:fs';
import type { FaultPlan, FaultRule } from '../../providers/sim/faults';
import { startSimServer } from '../../providers/sim/server';
import { flag, parseArgs } from '../args';
import { InputError } from '../errors';
import type { CliIo } from '../io';
import { loadSnapshot } from './analyze';

const HELP = `usage: incident-lens simulate SNAPSHOT [--port N] [--faults SPEC] [--repo DIR] [--token TOKEN]

Serves SNAPSHOT on 127.0.0.1 over the CloudWatch, CloudWatch Logs, GitHub REST, Jira and ServiceNow APIs and prints
the endpoints as JSON: {"cloudwatch","logs","github","jira","servicenow"}. Runs until interrupted (Ctrl-C).
  --port N        port to listen on (default: a free one)
  --faults SPEC   fault plan: JSON {"rules":[{"operation":"repos.listDeployments","throttleFirst":2}]}, or a file
                  holding it, or short rules "OP:throttle=N,OP:error=N,OP:delay=MS,OP:deny" (OP may be *)
  --repo DIR      serve file contents (e.g. the PR template) from this working tree
  --token TOKEN   require this GitHub token (401 otherwise)
GET /__sim/requests lists the GitHub write requests received (refs, pull requests, labels).`;

/** Short form: "repos.listDeployments:throttle=2,*:delay=50,logs:FilterLogEvents... " */
export function parseFaults(spec: string): FaultPlan {
  let text = spec.trim();
  if (!text.startsWith('{') && existsSync(text)) text = readFileSync(text, 'utf8').trim();
  if (text.startsWith('{')) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw new InputError(`--faults: not valid JSON: ${(e as Error).message}`);
    }
    const rules = (v as { rules?: unknown }).rules;
    if (!Array.isArray(rules) || rules.some((r) => typeof r !== 'object' || r === null || typeof (r as FaultRule).operation !== 'string')) {
      throw new InputError('--faults: expected {"rules":[{"operation":"...", ...}]}');
    }
    return { rules: rules as FaultRule[] };
  }
  const rules: FaultRule[] = [];
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(.+):(throttle|error|delay|deny|throttle-always)(?:=(\d+))?$/.exec(part);
    if (!m) throw new InputError(`--faults: cannot read '${part}' (expected OP:throttle=N, OP:error=N, OP:delay=MS, OP:deny or OP:throttle-always)`);
    const [, operation, kind, n] = m;
    const num = Number(n ?? 1);
    if (kind === 'throttle') rules.push({ operation, throttleFirst: num });
    else if (kind === 'throttle-always') rules.push({ operation, throttleAlways: true });
    else if (kind === 'error') rules.push({ operation, serverErrorFirst: num, serverErrorStatus: 503 });
    else if (kind === 'delay') rules.push({ operation, delayMs: num });
    else rules.push({ operation, deny: true });
  }
  return { rules };
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  const args = parseArgs(argv);
  if (args.positional.length !== 1) throw new InputError('expected one snapshot file (see --help)');
  const snapshot = loadSnapshot(args.positional[0]);
  const portText = flag(args, 'port');
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port must be a port number (got '${portText}')`);
  const faults = flag(args, 'faults') !== undefined ? parseFaults(flag(args, 'faults')!) : undefined;
  const repoDir = flag(args, 'repo');
  if (repoDir !== undefined && !existsSync(repoDir)) throw new InputError(`--repo ${repoDir}: no such directory`);
  let server;
  try {
    server = await startSimServer(snapshot, { port, faults, repoDir, token: flag(args, 'token') });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new InputError(`--port ${port}: already in use`);
    throw e;
  }
  io.out(JSON.stringify(server.endpoints));
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
