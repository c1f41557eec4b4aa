// Size of the production extension bundle (dist/extension.js, minified) against its budget.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

export const title = 'bundle size';

export async function run(ctx) {
  ctx.buildProduction();
  const bytes = fs.readFileSync(path.join(ctx.root, 'dist', 'extension.js'));
  return [
    { name: 'dist/extension.js (minified)', value: bytes.length / 1024, unit: 'KB', budget: 250 },
    { name: 'dist/extension.js (gzip)', value: gzipSync(bytes).length / 1024, unit: 'KB' },
  ];
}
