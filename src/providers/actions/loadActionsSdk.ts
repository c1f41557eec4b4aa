// esbuild.config.mjs rewrites this require to the separate bundle dist/sdk/actions.js, so it loads on the first action.
export type ActionsSdk = typeof import('./sdk');
export function loadActionsSdk(): ActionsSdk {
  return require('./sdk') as ActionsSdk;
}
