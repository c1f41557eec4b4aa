// The .incident-lens.yaml model: what one repository tells Incident Lens about its service and where to read.
import type { SloTarget } from '../model/snapshot';

export type Mode = 'observe' | 'advise';
export type DeploySourceKind = 'github-deployments' | 'tags' | 'merges';

export interface MetricConfig {
  id?: string;
  namespace: string;
  name: string;
  stat?: string;
  dimensions?: Record<string, string>;
}

export interface AwsConfig {
  regions?: string[];
  profile?: string;
  alarms?: { names?: string[]; prefixes?: string[] };
  logGroups?: string[];
  logFilter?: string;
  logCap?: number;
  metrics?: MetricConfig[];
}

export interface GithubConfig {
  owner?: string;
  repo?: string;
  apiUrl?: string;
  defaultBranch?: string;
}

export interface DeploysConfig {
  from: DeploySourceKind;
  environment?: string;
  tagPattern?: string;
  branch?: string;
  /** Read tags/merges through the GitHub API or the local git CLI (default: github when a repo is known). */
  source?: 'github' | 'git';
}

export type TicketSourceConfig =
  | { type: 'github'; labels?: string[] }
  | { type: 'jira'; url: string; jql?: string; project?: string }
  | { type: 'servicenow'; url: string; query?: string; table?: string }
  | { type: 'pir'; path?: string };

export interface PathMapping {
  from: string;
  to: string;
}

export interface Endpoints {
  cloudwatch?: string;
  logs?: string;
  github?: string;
  jira?: string;
  servicenow?: string;
}

export interface Config {
  version?: 1;
  service: string;
  mode?: Mode;
  aws?: AwsConfig;
  slos?: SloTarget[];
  github?: GithubConfig;
  deploys?: DeploysConfig;
  tickets?: TicketSourceConfig[];
  pathMappings?: PathMapping[];
  endpoints?: Endpoints;
}

export const CONFIG_FILE = '.incident-lens.yaml';
export const DEFAULT_INCIDENT_LABELS = ['incident'];
