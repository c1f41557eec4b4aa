// Entry point VS Code loads in its extension host (extensionTestsPath): runs the mocha suites in out/test/suite.
// Same module for both runners (code-server and @vscode/test-electron).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

export async function run(): Promise<void> {
  // One formatted string per line: the extension host forwards console lines to the outer process as text.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(util.format(...args));
  console.log(`[suite] VS Code ${vscode.version} (${vscode.env.appName}), Node ${process.version}`);

  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 30_000,
    color: process.env.INCIDENT_LENS_TEST_COLOR === '1',
    reporter: path.join(repoRoot, 'scripts', 'lib', 'spec-summary-reporter.cjs'),
  });
  const files = (fs.readdirSync(__dirname, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  if (files.length === 0) throw new Error(`no *.test.js files under ${__dirname}`);
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const failures = await new Promise<number>((resolve, reject) => {
    try {
      mocha.run(resolve);
    } catch (e) {
      reject(e);
    }
  });
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
