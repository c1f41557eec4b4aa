// esbuild.config.mjs rewrites this require to the separate bundle dist/sdk/engine.js, so it loads when an incident opens.
export type Engine = typeof import('./sdk');
export function loadEngine(): Engine {
  return require('./sdk') as Engine;
}
