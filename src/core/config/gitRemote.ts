/** owner/repo (and the API URL for GitHub Enterprise hosts) from a git remote URL; undefined when not a GitHub-like URL. */
export function parseGitRemote(url: string): { owner: string; repo: string; host: string } | undefined {
  const m = /^(?:https?:\/\/(?:[^@/]+@)?|ssh:\/\/(?:[^@/]+@)?|git@)([^/:]+)(?::\d+)?[:/]([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url.trim());
  return m ? { host: m[1], owner: m[2], repo: m[3] } : undefined;
}
