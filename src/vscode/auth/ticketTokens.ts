// Jira and ServiceNow credentials live in VS Code's SecretStorage (the OS keychain), never in settings or logs.
import * as vscode from 'vscode';
import type { LiveSdk } from '../../providers/live/loadLiveSdk';

export type TicketSystem = 'jira' | 'servicenow';
const KEY: Record<TicketSystem, string> = { jira: 'incidentLens.tickets.jira.authorization', servicenow: 'incidentLens.tickets.servicenow.authorization' };

export class TicketTokens {
  constructor(private readonly secrets: vscode.SecretStorage, private readonly live: () => LiveSdk, private readonly log: vscode.LogOutputChannel) {}

  /** The Authorization header value stored for a system, if any. */
  async authorization(system: TicketSystem): Promise<string | undefined> {
    return (await this.secrets.get(KEY[system])) || undefined;
  }

  /** "Set Ticket System Token": which system, then the user (optional: empty sends a bearer token) and the secret. */
  async setToken(): Promise<void> {
    const pick = await vscode.window.showQuickPick([
      { label: 'Jira', system: 'jira' as const, detail: vscode.l10n.t('E-mail and API token (Jira Cloud), or a personal access token') },
      { label: 'ServiceNow', system: 'servicenow' as const, detail: vscode.l10n.t('User and password, or an OAuth bearer token') },
    ], { title: vscode.l10n.t('Set Ticket System Token'), placeHolder: vscode.l10n.t('Which ticket system?') });
    if (!pick) return;
    const user = await vscode.window.showInputBox({
      title: vscode.l10n.t('{0}: user', pick.label),
      prompt: vscode.l10n.t('User name or e-mail; leave empty to send the token as a bearer token.'),
    });
    if (user === undefined) return;
    const secret = await vscode.window.showInputBox({
      title: vscode.l10n.t('{0}: token', pick.label), password: true, ignoreFocusOut: true,
      prompt: vscode.l10n.t('Stored in the system keychain (VS Code SecretStorage); empty removes the stored token.'),
    });
    if (secret === undefined) return;
    if (!secret) {
      await this.secrets.delete(KEY[pick.system]);
      this.log.info(`tickets: removed the ${pick.system} token`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Removed the {0} token.', pick.label));
      return;
    }
    await this.secrets.store(KEY[pick.system], this.live().authHeader(user.trim() || undefined, secret)!);
    this.log.info(`tickets: stored a ${pick.system} token${user.trim() ? ' with a user' : ' (bearer)'}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Stored the {0} token in the system keychain.', pick.label));
  }
}
