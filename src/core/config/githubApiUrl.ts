// Which GitHub REST API a command talks to. Gather, the CLI's write actions and the editor's all decide it here, so a
// repository on GitHub Enterprise reaches the same server whichever way it is used.
import type { Config } from './config';

export const DEFAULT_GITHUB_API = 'https://api.github.com';

export interface GithubApiSources {
  /** This run's explicit choice (CLI: GITHUB_API_URL or --endpoint-url): wins over everything. */
  override?: string;
  config?: Pick<Config, 'endpoints' | 'github'>;
  /** A user's own setting (editor: incidentLens.github.apiUrl when set): below the repository's config file. */
  setting?: string;
  /** Host of the origin remote: any host but github.com is GitHub Enterprise Server, whose API is /api/v3. */
  originHost?: string;
}

/** The API root, first found: override, config endpoints.github, config github.apiUrl, setting, Enterprise origin, api.github.com. */
export function githubApiUrl(s: GithubApiSources): string {
  const pick = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
  return pick(s.override) ?? pick(s.config?.endpoints?.github) ?? pick(s.config?.github?.apiUrl) ?? pick(s.setting)
    ?? (s.originHost && s.originHost.toLowerCase() !== 'github.com' ? `https://${s.originHost}/api/v3` : DEFAULT_GITHUB_API);
}
