// incident-lens gather [--config FILE] [--since T] [--until T] [--out FILE] [--endpoint-url URL]: reads the live
// sources named in .incident-lens.yaml into a snapshot. Unreadable sources become `gaps`; the snapshot is still written.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../core/config/loadConfig';
import { gather, GatherCancelledError } from '../../core/gather/gather';
import { TimeSpecError } from '../../core/gather/timeWindow';
import { createPorts, credentialsFromEnv } from '../../providers/createPorts';
import { simulatorAwsCredentials } from '../../providers/localEndpoints';
import { flag, parseArgs } from '../args';
import { InputError } from '../errors';
import type { CliIo } from '../io';

const HELP = `usage: incident-lens gather [--config FILE] [--since T] [--until T] [--out FILE] [--endpoint-url URL] [--verbose]

Reads alarms, metrics, logs (CloudWatch), deploys and commits (GitHub or git) and tickets (GitHub Issues, Jira,
ServiceNow, docs/incidents/*.md) into an incident snapshot, as configured in .incident-lens.yaml.
  --config FILE        default: ./.incident-lens.yaml
  --since T, --until T ISO time with offset, a date, 'now', or a duration back from now (90m, 2h, 3d); default: last 3 h
  --out FILE           write the snapshot there (default: standard output)
  --endpoint-url URL   send every API call to URL (the simulator: incident-lens simulate)
Credentials: AWS default chain (AWS_PROFILE...), GITHUB_TOKEN, JIRA_EMAIL + JIRA_API_TOKEN, SERVICENOW_USER + SERVICENOW_PASSWORD.`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  const args = parseArgs(argv, ['verbose']);
  if (args.positional.length) throw new InputError(`unexpected argument '${args.positional[0]}' (see --help)`);
  const file = path.resolve(flag(args, 'config') ?? '.incident-lens.yaml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: cannot read the configuration: ${code === 'ENOENT' ? 'no such file (create .incident-lens.yaml, or pass --config)' : code}`);
  }
  let config;
  try {
    config = loadConfig(text, file);
  } catch (e) {
    if (e instanceof ConfigError) throw new InputError(e.message);
    throw e;
  }
  const url = flag(args, 'endpoint-url');
  if (url !== undefined && !/^https?:\/\/[^/]+/.test(url)) throw new InputError(`--endpoint-url must be an http(s) URL (got '${url}')`);
  // GITHUB_API_URL is this run's GitHub API, as for the write actions; --endpoint-url (a simulator) wins over it.
  const githubEnv = process.env.GITHUB_API_URL?.trim() || undefined;
  if (githubEnv && !/^https?:\/\/[^/]+/.test(githubEnv)) throw new InputError(`GITHUB_API_URL must be an http(s) URL (got '${githubEnv}')`);
  const endpoints = url ? { cloudwatch: url, logs: url, github: url, jira: url, servicenow: url } : githubEnv ? { github: githubEnv } : undefined;
  const credentials = credentialsFromEnv(process.env);
  // The simulator accepts any signature: spare the user from inventing AWS keys for it.
  const simAws = simulatorAwsCredentials(config, endpoints, { accessKeyId: process.env.AWS_ACCESS_KEY_ID, profile: process.env.AWS_PROFILE });
  if (simAws) credentials.aws = simAws;
  const verbose = args.flags.has('verbose');
  const built = await createPorts(config, { workspace: path.dirname(file), credentials, endpoints, log: verbose ? (l) => io.err(l) : undefined });
  const controller = new AbortController();
  const onInt = () => controller.abort();
  process.once('SIGINT', onInt);
  let snapshot;
  try {
    snapshot = await gather(config, built.ports, {
      since: flag(args, 'since'), until: flag(args, 'until'), signal: controller.signal,
      onProgress: verbose ? (p) => io.err(`gather: ${p.source} ${p.state}${p.count !== undefined ? ` (${p.count})` : ''}${p.message ? `: ${p.message}` : ''}`) : undefined,
    });
  } catch (e) {
    if (e instanceof TimeSpecError) throw new InputError(e.message);
    if (e instanceof GatherCancelledError) throw new Error('cancelled: nothing was written');
    throw e;
  } finally {
    process.off('SIGINT', onInt);
    built.dispose();
  }
  snapshot.gaps = [...built.notes, ...(snapshot.gaps ?? [])];
  const json = `${JSON.stringify(snapshot, null, 2)}\n`;
  const out = flag(args, 'out');
  if (out) {
    try {
      writeFileSync(out, json);
    } catch (e) {
      throw new InputError(`${out}: cannot write the snapshot: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    io.err(`gather: wrote ${out}: ${snapshot.alarms?.length ?? 0} alarms, ${snapshot.metrics?.length ?? 0} metrics, ${snapshot.logs?.length ?? 0} log events, ${snapshot.deploys?.length ?? 0} deploys, ${snapshot.tickets?.length ?? 0} tickets`);
  } else io.out(json);
  for (const g of snapshot.gaps ?? []) io.err(`gather: gap: ${g}`);
  return 0;
}
