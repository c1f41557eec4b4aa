import * as path from 'node:path';
import * as vscode from 'vscode';
import { configTemplate } from './configTemplate';

/** The walkthrough's steps: an AWS profile, a GitHub session, and the team configuration file. */
export class SetupCommands {
  constructor(private readonly log: vscode.LogOutputChannel, private readonly readAwsProfiles: () => Promise<string[]>) {}

  async chooseAwsProfile(): Promise<void> {
    const profiles = await this.readAwsProfiles();
    const pick = profiles.length
      ? await vscode.window.showQuickPick(profiles, { title: vscode.l10n.t('AWS profile for Incident Lens'), placeHolder: vscode.l10n.t('Profiles from your AWS shared config') })
      : await vscode.window.showInputBox({ title: vscode.l10n.t('AWS profile for Incident Lens'), prompt: vscode.l10n.t('No profile found in ~/.aws/config; type one (empty: the default credential chain).') });
    if (pick === undefined) return;
    await vscode.workspace.getConfiguration('incidentLens').update('aws.profile', pick, vscode.ConfigurationTarget.Workspace);
    void vscode.window.showInformationMessage(vscode.l10n.t('Incident Lens will use the AWS profile "{0}".', pick || 'default'));
  }

  async signInGitHub(): Promise<void> {
    try {
      const session = await vscode.authentication.getSession('github', ['repo'], { createIfNone: true });
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to GitHub as {0}.', session.account.label));
    } catch (e) {
      this.log.warn(`GitHub sign-in: ${(e as Error).message}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('GitHub sign-in did not complete: {0}', (e as Error).message));
    }
  }

  /** Writes a commented .incident-lens.yaml at the workspace root (never over an existing one) and opens it. */
  async createConfig(): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open the service repository folder first: the configuration file lives at its root.'));
      return undefined;
    }
    const name = vscode.workspace.getConfiguration('incidentLens').get<string>('configFile') || '.incident-lens.yaml';
    const uri = vscode.Uri.joinPath(folder.uri, name);
    try {
      await vscode.workspace.fs.stat(uri);
      await vscode.window.showTextDocument(uri);
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} already exists; opened it.', name));
      return uri;
    } catch {
      // absent: write the template
    }
    const profile = vscode.workspace.getConfiguration('incidentLens').get<string>('aws.profile') || undefined;
    const text = configTemplate({ service: path.basename(folder.uri.fsPath), awsProfile: profile });
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await vscode.window.showTextDocument(uri);
    return uri;
  }
}
