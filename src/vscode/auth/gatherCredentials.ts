// The credentials one gather runs with: the AWS profile setting, the GitHub session VS Code already holds, and the
// ticket tokens from SecretStorage. Sources served by a local simulator get placeholders and no sign-in.
import * as vscode from 'vscode';
import type { Config } from '../../core/config/config';
import type { PortCredentials } from '../../providers/createPorts';
import { isLoopbackUrl, localSources, simulatorAwsCredentials } from '../../providers/localEndpoints';
import type { TicketTokens } from './ticketTokens';

export interface GatherAuth {
  credentials: PortCredentials;
  /** The config with the AWS profile setting applied (the setting wins over the file). */
  config: Config;
  /** Why a source will probably be read without credentials, for the log and the gaps. */
  notes: string[];
}

export class GatherCredentials {
  constructor(private readonly tickets: TicketTokens, private readonly log: vscode.LogOutputChannel) {}

  async forConfig(config: Config): Promise<GatherAuth> {
    const notes: string[] = [];
    const profile = vscode.workspace.getConfiguration('incidentLens').get<string>('aws.profile')?.trim();
    const effective: Config = profile && config.aws ? { ...config, aws: { ...config.aws, profile } } : config;
    const local = localSources(effective);
    const credentials: PortCredentials = {};
    const aws = simulatorAwsCredentials(effective, undefined, { profile: profile || undefined });
    if (aws) credentials.aws = aws;

    const needsGithub = !!effective.github || effective.deploys?.from === 'github-deployments' || effective.tickets?.some((t) => t.type === 'github');
    if (needsGithub && !local.github) {
      try {
        const session = await vscode.authentication.getSession('github', ['repo'], { createIfNone: false });
        if (session) credentials.githubToken = session.accessToken;
        else notes.push('github: not signed in (run "Incident Lens: Sign in to GitHub"); reading anonymously');
      } catch (e) {
        notes.push(`github: no session: ${(e as Error).message}`);
      }
    }
    for (const t of effective.tickets ?? []) {
      if (t.type !== 'jira' && t.type !== 'servicenow') continue;
      const auth = await this.tickets.authorization(t.type);
      if (t.type === 'jira') credentials.jiraAuthorization = auth;
      else credentials.serviceNowAuthorization = auth;
      const url = effective.endpoints?.[t.type] ?? t.url;
      if (!auth && !isLoopbackUrl(url)) notes.push(`tickets (${t.type}): no token stored (run "Incident Lens: Set Ticket System Token")`);
    }
    for (const n of notes) this.log.info(n);
    return { credentials, config: effective, notes };
  }
}
