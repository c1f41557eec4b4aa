// incidentLens.autoGather: gather once when the editor opens on a configured workspace (the demo sets it). Runs after
// activate() has returned, so activation stays register-only.
import * as vscode from 'vscode';
import type { IncidentStore } from '../incidentStore';
import type { GatherCommand } from './gatherCommand';

export function scheduleAutoGather(command: GatherCommand, store: IncidentStore, log: vscode.LogOutputChannel): vscode.Disposable {
  const timer = setTimeout(() => {
    if (!vscode.workspace.getConfiguration('incidentLens').get<boolean>('autoGather', false)) return;
    // Someone opened an incident first: theirs wins.
    if (store.active) return;
    log.info('autoGather: gathering from the workspace configuration');
    command.run({ quiet: true }).catch((e: unknown) => log.error(`autoGather: ${(e as Error).message}`));
  }, 0);
  return { dispose: () => clearTimeout(timer) };
}
