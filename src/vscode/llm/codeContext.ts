// The current code of the files the suspect deploys changed, read from the workspace repository, so a patch the
// model proposes is written against what is on disk (it is redacted with the rest of the request).
import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CodeFile } from '../../core/llm/request';
import type { Report } from '../../core/model/report';
import type { Snapshot } from '../../core/model/snapshot';
import { gitRunner } from '../../providers/git/gitCli';
import { loadLlmSdk } from '../../providers/llm/loadLlmSdk';

export async function readCodeContext(snapshot: Snapshot, report: Report): Promise<CodeFile[]> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) return [];
  const root = (await gitRunner(folder)(['rev-parse', '--show-toplevel']).then((b) => b.toString('utf8').trim(), () => '')) || folder;
  const sdk = loadLlmSdk();
  const out: CodeFile[] = [];
  for (const p of sdk.codeContextPaths(snapshot, report)) {
    const file = sdk.codeFile(p, await readFile(path.join(root, p)).catch(() => undefined));
    if (file) out.push(file);
  }
  return out;
}
