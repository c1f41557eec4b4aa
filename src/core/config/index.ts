export * from './config';
export { loadConfig, ConfigError } from './loadConfig';
export { CONFIG_SCHEMA } from './configSchema';
export { parseGitRemote } from './gitRemote';
export { githubApiUrl, DEFAULT_GITHUB_API, type GithubApiSources } from './githubApiUrl';
