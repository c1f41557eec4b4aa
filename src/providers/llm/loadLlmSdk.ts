// esbuild.config.mjs rewrites this require to the separate bundle dist/sdk/llm.js, so the SDK loads on the first call.
export type LlmSdk = typeof import('./sdk');
export function loadLlmSdk(): LlmSdk {
  return require('./sdk') as LlmSdk;
}
