// Runs the same extension-host suite in desktop VS Code via @vscode/test-electron, for machines that can download
// VS Code (it fetches it from Microsoft's update servers, which these machines cannot reach).
// Usage: INCIDENT_LENS_VSCODE_RUNNER=electron npm test   (on Linux without a display, run under xvfb-run)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { cacheDir, repoRoot, suiteIndex } from './paths';
import { prepareWorkspace } from './workspace';

async function main(): Promise<number> {
  const workspace = prepareWorkspace();
  const runDir = fs.mkdtempSync(path.join(cacheDir, 'runs', 'electron-'));
  fs.mkdirSync(path.join(runDir, 'user-data', 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(runDir, 'user-data', 'User', 'settings.json'),
    JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none' }),
  );
  try {
    return await runTests({
      version: process.env.INCIDENT_LENS_VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: process.env.INCIDENT_LENS_EXTENSION_PATH ?? repoRoot,
      extensionTestsPath: suiteIndex,
      extensionTestsEnv: { ...process.env } as Record<string, string>,
      launchArgs: [
        workspace,
        '--user-data-dir', path.join(runDir, 'user-data'),
        '--extensions-dir', path.join(runDir, 'extensions'),
        '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
      ],
    });
  } catch (e) {
    console.error(`[runner] @vscode/test-electron failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
