// esbuild.config.mjs rewrites this require to the separate bundle dist/sdk/github.js, so the SDK loads on the first call.
export type GithubSdk = typeof import('./sdk');
export function loadGithubSdk(): GithubSdk {
  return require('./sdk') as GithubSdk;
}
