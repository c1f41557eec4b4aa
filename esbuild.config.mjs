// Builds every bundle: the extension (vscode external), the CLI, one lazily loaded bundle per heavy SDK, and the webviews.
// `--production` minifies; source maps are always written. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_PATH, validatorSource } from './scripts/lib/snapshotValidator.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// src/providers/<name>/sdk.ts re-exports one heavy SDK. Everything else imports it as '../<name>/sdk' (or './sdk'):
// in the bundles that import is rewritten to the separate file dist/sdk/<name>.js, so the SDK loads only on first use.
const sdkEntries = readdirSync('src/providers', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`src/providers/${d.name}/sdk.ts`))
  .map((d) => d.name);

/** @type {(dir: string) => esbuild.Plugin} `dir`: where dist/sdk is, seen from the bundle being built. */
const lazySdkFrom = (dir) => ({
  name: 'lazy-sdk',
  setup(build) {
    build.onResolve({ filter: /(^|\/)sdk$/ }, (args) => {
      const resolved = path.resolve(args.resolveDir, args.path);
      const m = /src[\\/]providers[\\/]([^\\/]+)[\\/]sdk$/.exec(resolved);
      if (!m || args.kind === 'entry-point') return undefined;
      return { path: `${dir}${m[1]}.js`, external: true };
    });
  },
});
const lazySdk = lazySdkFrom('./sdk/');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.INCIDENT_LENS_BUNDLED': '"1"' },
};

// The snapshot schema's validator is compiled ahead of time (ajv standalone) into a source file the bundles and
// tsc both see; rewritten only when the schema's code changed.
async function generateSnapshotValidator() {
  const { outputFiles } = await esbuild.build({ entryPoints: ['src/core/schema/snapshotSchema.ts'], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'warning' });
  const { snapshotJsonSchema } = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
  const text = validatorSource(snapshotJsonSchema);
  if (!existsSync(GENERATED_PATH) || readFileSync(GENERATED_PATH, 'utf8') !== text) writeFileSync(GENERATED_PATH, text);
}
await generateSnapshotValidator();

const builds = [
  { ...common, entryPoints: { extension: 'src/vscode/extension.ts' }, outdir: 'dist', external: ['vscode'], plugins: [lazySdk] },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    plugins: [lazySdk],
    banner: { js: '#!/usr/bin/env node' },
  },
  ...sdkEntries.map((name) => ({
    ...common,
    entryPoints: { [name]: `src/providers/${name}/sdk.ts` },
    outdir: 'dist/sdk',
    plugins: [lazySdkFrom('./')],
    mainFields: ['module', 'main'],
  })),
];

// Each webview-ui/<view>/main.ts becomes dist/webview/<view>.js (browser, iife).
if (existsSync('webview-ui')) {
  for (const d of readdirSync('webview-ui', { withFileTypes: true })) {
    if (d.isDirectory() && existsSync(`webview-ui/${d.name}/main.ts`)) {
      builds.push({
        bundle: true,
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
        sourcemap: true,
        minify: production,
        logLevel: 'warning',
        entryPoints: { [d.name]: `webview-ui/${d.name}/main.ts` },
        outdir: 'dist/webview',
        loader: { '.css': 'css' },
      });
    }
  }
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
