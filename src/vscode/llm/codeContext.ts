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

const MAX_FILE_BYTES = 64 * 1024;

export async function readCodeContext(snapshot: Snapshot, report: Report): Promise<CodeFile[]> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) return [];
  const root = (await gitRunner(folder)(['rev-parse', '--show-toplevel']).then((b) => b.toString('utf8').trim(), () => '')) || folder;
  const out: CodeFile[] = [];
  for (const p of loadLlmSdk().codeContextPaths(snapshot, report)) {
    const bytes = await readFile(path.join(root, p)).catch(() => undefined);
    // Missing, large or binary files are left out: the model cannot patch what it does not see.
    if (!bytes || bytes.length > MAX_FILE_BYTES || bytes.includes(0)) continue;
    out.push({ path: p, text: bytes.toString('utf8') });
  }
  return out;
}
