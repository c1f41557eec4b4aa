// The write mode for every write command (actions, model patches): .incident-lens.yaml wins over the
// incidentLens.mode setting; advise by default.
import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Mode } from '../../core/actions/writePlan';
import { loadLiveSdk } from '../../providers/live/loadLiveSdk';

export async function readWriteMode(): Promise<Mode> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder) {
    const file = path.join(folder.uri.fsPath, '.incident-lens.yaml');
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      try {
        const mode = loadLiveSdk().loadConfig(text, file).mode;
        if (mode) return mode;
      } catch {
        // An invalid file is reported by the commands that load it; the setting decides here, as for the actions.
      }
    }
  }
  return vscode.workspace.getConfiguration('incidentLens').get<Mode>('mode', 'advise');
}
