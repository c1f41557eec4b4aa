// The write mode for every write command (actions, model patches): the workspace config file wins over the
// incidentLens.mode setting; advise by default. Read afresh for each write: a write must see the mode as it is now.
import * as vscode from 'vscode';
import type { Mode } from '../../core/actions/writePlan';
import type { Config } from '../../core/config';
import type { AuditEntry } from '../../providers/audit/auditLog';
import type { LiveSdk } from '../../providers/live/loadLiveSdk';
import { readConfigFile, type WorkspaceConfig } from '../gather/workspaceConfig';

export class WriteMode {
  constructor(private readonly workspace: WorkspaceConfig, private readonly live: () => LiveSdk) {}

  /** Fires when the mode may have changed: the config file or the incidentLens.mode setting. */
  onDidChange(listener: () => void): vscode.Disposable {
    return vscode.Disposable.from(
      this.workspace.onDidChange(listener),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('incidentLens.mode')) listener(); }),
    );
  }

  /** The config file as it is on disk now; undefined when absent; throws its ConfigError when invalid. */
  async config(): Promise<Config | undefined> {
    const uri = this.workspace.uri();
    const r = uri ? await readConfigFile(uri, this.live) : undefined;
    if (r?.kind === 'invalid') throw r.error;
    return r?.kind === 'ok' ? r.config : undefined;
  }

  async current(): Promise<Mode> {
    // An invalid file is reported by the commands that load it; the setting decides here.
    const fromFile = (await this.config().catch(() => undefined))?.mode;
    return fromFile ?? vscode.workspace.getConfiguration('incidentLens').get<Mode>('mode', 'advise');
  }

  /** In observe mode: warns, audits the refusal and returns what the user was told; otherwise undefined. */
  async refusal(what: string, auditAction: string, audit: (e: AuditEntry) => void): Promise<string | undefined> {
    if ((await this.current()) !== 'observe') return undefined;
    const why = vscode.l10n.t('{0} is disabled: Incident Lens is in observe mode (read-only). Set mode: advise in .incident-lens.yaml or incidentLens.mode in the settings to allow writes.', what);
    audit({ kind: 'write', action: auditAction, outcome: 'refused: observe mode' });
    void vscode.window.showWarningMessage(why);
    return why;
  }
}
