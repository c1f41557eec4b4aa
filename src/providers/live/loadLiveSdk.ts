// esbuild.config.mjs rewrites this require to the separate bundle dist/sdk/live.js, so it loads on the first gather.
export type LiveSdk = typeof import('./sdk');
export function loadLiveSdk(): LiveSdk {
  return require('./sdk') as LiveSdk;
}
