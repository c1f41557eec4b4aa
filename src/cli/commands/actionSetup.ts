// What the write commands (hotfix, rollback) and optimise share: the snapshot and its analysis, the repository, the
// mode, and the GitHub client (GITHUB_TOKEN or GH_TOKEN; GITHUB_API_URL, else the config's endpoint or apiUrl).
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { RefusedWrite } from '../../core/actions/branchGuard';
import { githubWebUrl } from '../../core/actions/consoleLinks';
import { modeRefusal, renderPlan, type Mode, type WritePlan } from '../../core/actions/writePlan';
import { analyse } from '../../core/analysis/analyse';
import type { Config } from '../../core/config/config';
import { originRepo } from '../../providers/git/gitDeploys';
import { ConfigError, loadConfig } from '../../core/config/loadConfig';
import type { Report } from '../../core/model/report';
import type { Snapshot } from '../../core/model/snapshot';
import { gitRunner, type GitRunner } from '../../providers/git/gitCli';
import { GitWriter } from '../../providers/git/gitWriter';
import { githubApiUrl } from '../../core/config/githubApiUrl';
import { LoggingOctokit } from '../../providers/github/loggingOctokit';
import { PullRequests } from '../../providers/github/pullRequests';
import { isLoopbackUrl } from '../../providers/localEndpoints';
import { flag, oneOf, type ParsedArgs } from '../args';
import { InputError } from '../errors';
import type { CliIo } from '../io';
import { loadSnapshot } from './analyze';

export const COMMON_OPTIONS = `  --repo DIR        the git repository (default: the current directory)
  --config FILE     default: DIR/.incident-lens.yaml when it exists (mode, github.owner/repo, endpoints.github)
  --deploy ID       the deploy to act on (default: the analysis' top suspect)
  --mode M          observe (refuse every write) or advise (default, or the config's mode)`;

export interface ActionSetup {
  snapshot: Snapshot;
  report: Report;
  repoDir: string;
  git: GitWriter;
  run: GitRunner;
  config?: Config;
  mode: Mode;
  deployId?: string;
}

/** Fails with one line naming the first option that is not in `allowed`. */
export function checkFlags(args: ParsedArgs, allowed: readonly string[], command: string): void {
  for (const name of args.flags.keys()) if (!allowed.includes(name)) throw new InputError(`unknown option --${name} (see incident-lens ${command} --help)`);
}

function readConfig(file: string, explicit: boolean): Config | undefined {
  if (!existsSync(file)) {
    if (explicit) throw new InputError(`${file}: cannot read the configuration: no such file`);
    return undefined;
  }
  try {
    return loadConfig(readFileSync(file, 'utf8'), file);
  } catch (e) {
    if (e instanceof ConfigError) throw new InputError(e.message);
    throw new InputError(`${file}: cannot read the configuration: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export async function setup(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env): Promise<ActionSetup> {
  if (args.positional.length !== 1) throw new InputError(args.positional.length ? `expected one snapshot, got ${args.positional.length}: ${args.positional.join(' ')}` : 'missing snapshot (a file path, or - for standard input)');
  const repoDir = path.resolve(flag(args, 'repo') ?? '.');
  if (!existsSync(repoDir) || !statSync(repoDir).isDirectory()) throw new InputError(`--repo ${repoDir}: no such directory`);
  const run = gitRunner(repoDir, env);
  const top = await run(['rev-parse', '--show-toplevel']).then((b) => b.toString('utf8').trim(), () => '');
  if (!top) throw new InputError(`${repoDir}: not a git repository (pass --repo DIR)`);
  const cfgFlag = flag(args, 'config');
  const config = readConfig(path.resolve(cfgFlag ?? path.join(top, '.incident-lens.yaml')), cfgFlag !== undefined);
  const mode = oneOf(args, 'mode', ['observe', 'advise'] as const, config?.mode ?? 'advise');
  const snapshot = loadSnapshot(args.positional[0]);
  return { snapshot, report: analyse(snapshot), repoDir: top, git: new GitWriter(run), run, config, mode, deployId: flag(args, 'deploy') };
}

/** Throws when observe mode forbids the write; the message says why and how to allow it. */
export function refuseInObserve(s: ActionSetup, what: string): void {
  const why = modeRefusal(s.mode, what);
  if (why) throw new ObserveRefusal(why);
}

export class ObserveRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ObserveRefusal';
  }
}

/** A planning refusal (no suspect deploy, unknown deploy...) is bad input: exit 2 with its reason. */
export async function planned<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof RefusedWrite) throw new InputError(e.message);
    throw e;
  }
}

export async function github(s: ActionSetup, env: NodeJS.ProcessEnv, io: CliIo, verbose: boolean): Promise<{ prs: PullRequests; repo: { owner: string; repo: string; webUrl: string } }> {
  let owner = s.config?.github?.owner;
  let repo = s.config?.github?.repo;
  const remote = await originRepo(s.repoDir);
  owner ??= remote?.owner;
  repo ??= remote?.repo;
  if (!owner || !repo) throw new InputError(`cannot tell the GitHub repository of ${s.repoDir}: set github.owner and github.repo in .incident-lens.yaml, or an origin remote on GitHub`);
  const baseUrl = githubApiUrl({ override: env.GITHUB_API_URL, config: s.config, originHost: remote?.host });
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) throw new InputError(`GitHub API URL '${baseUrl}' is not an http(s) URL (GITHUB_API_URL or the config)`);
  const token = env.GITHUB_TOKEN || env.GH_TOKEN || undefined;
  // A local simulator takes any token.
  if (!token && !isLoopbackUrl(baseUrl)) throw new InputError(`GITHUB_TOKEN is not set: a token with the 'repo' scope (or Contents and Pull requests: write) is needed for ${baseUrl}`);
  const gh = new LoggingOctokit({ token, baseUrl, log: verbose ? (l) => io.err(l) : undefined });
  return { prs: new PullRequests(gh, { owner, repo }), repo: { owner, repo, webUrl: githubWebUrl(baseUrl) } };
}

/** advise without --yes: the plan, and how to perform it. */
export function printPlan(io: CliIo, plan: WritePlan, again: string): void {
  io.out(renderPlan(plan));
  io.err(`Nothing was changed. To do this, run again with --yes: ${again} --yes`);
}
