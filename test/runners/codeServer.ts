// Runs the extension-host mocha suite (out/test/suite/index) inside code-server, driven by headless Chromium.
// Usage: node out/test/runners/codeServer.js   (scripts/test.mjs calls it; exit code = suite result)
import * as fs from 'node:fs';
import { launchBrowser, openWorkbench, Workbench } from './browser';
import { startCodeServer, CodeServer } from './codeServerProcess';
import { repoRoot, suiteIndex } from './paths';
import { withTimeout } from './processes';
import { prepareWorkspace } from './workspace';

const SUITE_TIMEOUT_MS = Number(process.env.INCIDENT_LENS_SUITE_TIMEOUT_MS ?? 10 * 60_000);

/**
 * The extension host's console reaches us as plain workbench log lines ("[info] ..."). Print everything from the
 * suite's first line on (mocha's report, the extension's own logging); keep earlier workbench noise for failures.
 */
let suiteStarted = false;
let unresponsive = 0;
function printSuiteOutput(line: string): void {
  if (!suiteStarted && line.includes('[suite] VS Code')) suiteStarted = true;
  // The workbench's watchdog chatter would split mocha's report; count it instead.
  if (/Extension host \(Remote\) is unresponsive/.test(line)) unresponsive++;
  if (/Extension host \(Remote\) is (un)?responsive/.test(line)) return;
  if (suiteStarted) console.log(line.replace(/^\[info\] ?/, ''));
}

function suiteReportedFailures(): boolean {
  const file = process.env.INCIDENT_LENS_RESULTS_FILE;
  if (!file || !fs.existsSync(file)) return false;
  return JSON.parse(fs.readFileSync(file, 'utf8')).failed > 0;
}

async function main(): Promise<number> {
  const extensionPath = process.env.INCIDENT_LENS_EXTENSION_PATH ?? repoRoot;
  const workspace = prepareWorkspace();
  let server: CodeServer | undefined;
  let wb: Workbench | undefined;
  const browser = await launchBrowser();
  let code = 1;
  try {
    server = await startCodeServer({ label: 'suite' });
    console.log(`[runner] code-server pid ${server.pid} on ${server.baseUrl}, workspace ${workspace}`);
    wb = await openWorkbench(browser, server, {
      folder: workspace,
      payload: [
        ['extensionDevelopmentPath', server.remoteUri(extensionPath)],
        ['extensionTestsPath', server.remoteUri(suiteIndex)],
      ],
      onLog: printSuiteOutput,
    });
    code = await withTimeout('the extension-host suite to finish', SUITE_TIMEOUT_MS, wb.exit);
  } catch (e) {
    console.error(`[runner] ${e instanceof Error ? e.message : String(e)}`);
    code = 1;
  }
  if (unresponsive) console.log(`[runner] the workbench found the extension host unresponsive ${unresponsive} time(s): machine under load?`);
  if (code !== 0 && !suiteReportedFailures()) {
    // The suite did not get to report (start-up failure, crash, time-out): show what VS Code said.
    if (server) console.error(`[runner] code-server log tail (${server.runDir}):\n${server.logTail()}`);
    if (wb) console.error(`[runner] workbench log lines:\n${wb.logs.slice(-80).join('\n')}`);
  }
  await browser.close().catch(() => undefined);
  await server?.stop({ keepRunDir: code !== 0 });
  fs.rmSync(workspace, { recursive: true, force: true });
  return code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
