// Where things live, for the runners (compiled to out/test/runners/, so the repo root is three levels up).
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const cacheDir = path.join(repoRoot, '.vscode-test');
export const resultsDir = path.join(repoRoot, 'test-results');
// Same override as scripts/ensure-test-vscode.sh, e.g. to share one install between clones.
export const codeServerDir = process.env.INCIDENT_LENS_CODE_SERVER_DIR ?? path.join(cacheDir, 'code-server');
export const codeServerBin = path.join(codeServerDir, 'node_modules', '.bin', 'code-server');
export const suiteIndex = path.join(repoRoot, 'out', 'test', 'suite', 'index');
export const chromiumPath = process.env.INCIDENT_LENS_CHROMIUM ?? '/usr/bin/chromium';
