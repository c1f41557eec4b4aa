import * as vscode from 'vscode';
import { demoSnapshot } from '../../core/demo/demoSnapshot';
import { parseJson } from '../../core/schema/parseJson';
import { asSnapshot, checkSnapshot } from './snapshotCheck';
import type { IncidentStore } from '../incidentStore';

/** Loading an incident into the store: the demo, a snapshot file, or a refresh of the current one. */
/** The live gather, as Refresh sees it: whether it produced the active incident, and how to gather again. */
export interface LiveRefresh {
  ownsActive(): boolean;
  refresh(): Promise<unknown>;
}

export class IncidentCommands {
  constructor(private readonly store: IncidentStore, private readonly log: vscode.LogOutputChannel, private readonly live?: LiveRefresh) {}

  /** The demo workspace's own snapshot (real commit shas) when this folder is one, else the built-in demo. */
  async openDemo(): Promise<void> {
    const [file] = vscode.workspace.workspaceFolders?.length
      ? await vscode.workspace.findFiles('demo.incident.json', undefined, 1)
      : [];
    if (file && (await this.openSnapshot(file))) return;
    this.store.set({ snapshot: demoSnapshot(), origin: vscode.l10n.t('built-in demo') });
  }

  /** Reads, validates and activates a snapshot; a bad file gets one message naming the file, line or JSON path. */
  async openSnapshot(uri?: vscode.Uri): Promise<boolean> {
    const target = uri ?? (await vscode.window.showOpenDialog({
      canSelectMany: false,
      filters: { [vscode.l10n.t('Incident snapshot')]: ['json'] },
      openLabel: vscode.l10n.t('Open Incident Snapshot'),
    }))?.[0];
    if (!target) return false;
    const name = vscode.workspace.asRelativePath(target);
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    } catch (e) {
      return this.fail(vscode.l10n.t('Cannot read {0}: {1}', name, (e as Error).message));
    }
    let value: unknown;
    try {
      value = parseJson(text);
    } catch (e) {
      return this.fail(vscode.l10n.t('{0} is not valid JSON: {1}', name, (e as Error).message));
    }
    const problem = checkSnapshot(value);
    if (problem) return this.fail(vscode.l10n.t('{0} is not a valid incident snapshot: {1}', name, problem));
    this.store.set({ snapshot: asSnapshot(value), origin: name, uri: target });
    return true;
  }

  private fail(message: string): false {
    this.log.error(message);
    void vscode.window.showErrorMessage(message);
    return false;
  }

  async refresh(): Promise<void> {
    const active = this.store.active;
    if (active && this.live?.ownsActive()) {
      await this.live.refresh();
      return;
    }
    if (active?.uri) {
      await this.openSnapshot(active.uri);
      return;
    }
    this.store.set(active ? { snapshot: active.snapshot, origin: active.origin } : undefined);
  }
}
