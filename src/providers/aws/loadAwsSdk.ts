// esbuild.config.mjs rewrites this require to the separate bundle dist/sdk/aws.js, so the SDK loads on the first call.
export type AwsSdk = typeof import('./sdk');
export function loadAwsSdk(): AwsSdk {
  return require('./sdk') as AwsSdk;
}
