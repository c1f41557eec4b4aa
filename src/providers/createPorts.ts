// Builds the gather ports from a Config plus credentials and endpoints. Used by the CLI and the extension's composition
// root; nothing here is a singleton: every call builds fresh clients, and dispose() closes them.
import path from 'node:path';
import type { Config } from '../core/config/config';
import { DEFAULT_GITHUB_API, githubApiUrl } from '../core/config/githubApiUrl';
import type { GatherPorts } from '../core/gather/gather';
import type { DeploysPort } from '../ports';
import { createAwsProviders, type AwsProviders } from './aws';
import type { AwsCredentials } from './aws/awsClients';
import type { LogsInsightsOptions } from './aws/logsInsights';
import { GitDeploys, originRepo } from './git/gitDeploys';
import { GithubDeploys, type RepoRef } from './github/githubDeploys';
import { GithubIssueTickets } from './github/githubIssueTickets';
import { LoggingOctokit, type GithubClientOptions } from './github/loggingOctokit';
import { JiraTickets } from './tickets/jiraTickets';
import { PirTickets } from './tickets/pirTickets';
import { ServiceNowTickets } from './tickets/serviceNowTickets';

export interface PortCredentials {
  /** GitHub token (CLI: GITHUB_TOKEN; extension: vscode.authentication). */
  githubToken?: string;
  /** Full Authorization header values for the ticket systems. */
  jiraAuthorization?: string;
  serviceNowAuthorization?: string;
  /** AWS credentials; default: the provider chain (profile from the config). */
  aws?: AwsCredentials;
}

export interface CreatePortsOptions {
  /** Workspace root: local git, PIR files, and owner/repo from the origin remote. */
  workspace?: string;
  credentials?: PortCredentials;
  /** Override endpoints (win over config.endpoints), e.g. the simulator's. */
  endpoints?: Config['endpoints'];
  /** The user's own GitHub API setting (editor): below the config file, above Enterprise inference. */
  githubApiSetting?: string;
  log?: (line: string) => void;
  /** Clock for the CloudWatch retention rules. */
  now?: () => number;
  github?: Pick<GithubClientOptions, 'retry' | 'timeoutMs' | 'sleep' | 'random'>;
  /** Logs Insights polling and time-out (default: poll from 250 ms, stop a query after 120 s). */
  insights?: Pick<LogsInsightsOptions, 'queryTimeoutMs' | 'pollBaseMs' | 'pollMaxMs'>;
}

export interface BuiltPorts {
  ports: GatherPorts;
  /** Owner/repo the GitHub ports read (for the actions: PR creation). */
  githubRepo?: RepoRef;
  github?: LoggingOctokit;
  /** Problems found while wiring (no repo known...): add them to the snapshot's gaps. */
  notes: string[];
  dispose(): void;
}

/** "Basic base64(user:secret)" from an env pair, or "Bearer token". */
export function authHeader(user: string | undefined, secret: string | undefined): string | undefined {
  if (!secret) return undefined;
  return user ? `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}` : `Bearer ${secret}`;
}

/** Credentials from the environment, for the CLI. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): PortCredentials {
  return {
    githubToken: env.GITHUB_TOKEN || env.GH_TOKEN || undefined,
    jiraAuthorization: authHeader(env.JIRA_EMAIL, env.JIRA_API_TOKEN),
    serviceNowAuthorization: authHeader(env.SERVICENOW_USER, env.SERVICENOW_PASSWORD ?? env.SERVICENOW_TOKEN),
  };
}

export async function createPorts(config: Config, opts: CreatePortsOptions = {}): Promise<BuiltPorts> {
  const endpoints = { ...config.endpoints, ...opts.endpoints };
  const creds = opts.credentials ?? {};
  const notes: string[] = [];
  const ports: GatherPorts = {};
  const aws: AwsProviders[] = [];

  if (config.aws) {
    const regions = config.aws.regions?.length ? config.aws.regions : ['us-east-1'];
    for (const region of regions) {
      const p = createAwsProviders({
        region, endpoint: endpoints.cloudwatch, logsEndpoint: endpoints.logs, profile: config.aws.profile, credentials: creds.aws,
        alarmNames: config.aws.alarms?.names, alarmPrefixes: config.aws.alarms?.prefixes, now: opts.now, insights: opts.insights,
      });
      aws.push(p);
      (ports.alarms ??= []).push(p.alarms);
      (ports.metrics ??= []).push(p.metrics);
      (ports.logs ??= []).push(p.logs);
      (ports.insights ??= []).push({ region, port: p.insights });
    }
  }

  let repo: RepoRef | undefined = config.github?.owner && config.github.repo ? { owner: config.github.owner, repo: config.github.repo } : undefined;
  const sources = { override: opts.endpoints?.github, config, setting: opts.githubApiSetting };
  // The origin remote is read (a git process) only when it can decide something: the repository or an Enterprise API.
  const origin = opts.workspace && (!repo || githubApiUrl(sources) === DEFAULT_GITHUB_API) ? await originRepo(opts.workspace) : undefined;
  if (!repo && origin) repo = { owner: origin.owner, repo: origin.repo };
  const apiUrl = githubApiUrl({ ...sources, originHost: origin?.host });
  const wantsGithub = config.deploys?.from === 'github-deployments' || (config.deploys && config.deploys.source !== 'git') || config.tickets?.some((t) => t.type === 'github');
  let github: LoggingOctokit | undefined;
  if (repo && wantsGithub) {
    github = new LoggingOctokit({ token: creds.githubToken, baseUrl: apiUrl, log: opts.log, ...opts.github });
  } else if (wantsGithub) {
    notes.push('github: no repository known (set github.owner/repo in .incident-lens.yaml or add a GitHub origin remote)');
  }

  if (config.deploys) {
    let deploys: DeploysPort | undefined;
    if (config.deploys.from !== 'github-deployments' && (config.deploys.source === 'git' || !github)) {
      if (opts.workspace) deploys = new GitDeploys(opts.workspace, config.deploys, { service: config.service });
    } else if (github && repo) {
      deploys = new GithubDeploys(github, repo, config.deploys, { service: config.service });
    }
    if (deploys) ports.deploys = deploys;
  }

  for (const t of config.tickets ?? []) {
    if (t.type === 'github') {
      if (github && repo) (ports.tickets ??= []).push({ name: 'github', port: new GithubIssueTickets(github, repo, { labels: t.labels }) });
    } else if (t.type === 'jira') {
      (ports.tickets ??= []).push({ name: 'jira', port: new JiraTickets({ baseUrl: endpoints.jira ?? t.url, authorization: creds.jiraAuthorization, jql: t.jql, project: t.project, http: { log: opts.log } }) });
    } else if (t.type === 'servicenow') {
      (ports.tickets ??= []).push({ name: 'servicenow', port: new ServiceNowTickets({ baseUrl: endpoints.servicenow ?? t.url, authorization: creds.serviceNowAuthorization, query: t.query, table: t.table, http: { log: opts.log } }) });
    } else if (t.type === 'pir') {
      if (opts.workspace) (ports.tickets ??= []).push({ name: 'pir', port: new PirTickets(path.resolve(opts.workspace, t.path ?? 'docs/incidents'), config.service) });
    }
  }

  return {
    ports, githubRepo: repo, github, notes,
    dispose: () => aws.forEach((p) => p.close()),
  };
}
