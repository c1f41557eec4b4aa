// The workspace's .incident-lens.yaml (setting incidentLens.configFile), read on demand and cached until it changes.
import * as vscode from 'vscode';
import type { Config, PathMapping } from '../../core/config/config';
import type { ConfigError } from '../../core/config/loadConfig';
import type { LiveSdk } from '../../providers/live/loadLiveSdk';

export type ConfigRead =
  | { kind: 'ok'; uri: vscode.Uri; config: Config }
  | { kind: 'invalid'; uri: vscode.Uri; error: ConfigError }
  | { kind: 'missing'; uri?: vscode.Uri };

export function configFileName(): string {
  return vscode.workspace.getConfiguration('incidentLens').get<string>('configFile')?.trim() || '.incident-lens.yaml';
}

/** The user's GitHub API setting; undefined when empty (then the config file or the origin remote decides). */
export function githubApiSetting(): string | undefined {
  return vscode.workspace.getConfiguration('incidentLens').get<string>('github.apiUrl')?.trim() || undefined;
}

/** Reads and validates one config file; never throws for a bad or absent file. */
export async function readConfigFile(uri: vscode.Uri, live: () => LiveSdk): Promise<ConfigRead> {
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return { kind: 'missing', uri };
  }
  const sdk = live();
  try {
    return { kind: 'ok', uri, config: sdk.loadConfig(text, vscode.workspace.asRelativePath(uri)) };
  } catch (e) {
    if (e instanceof sdk.ConfigError) return { kind: 'invalid', uri, error: e };
    throw e;
  }
}

export class WorkspaceConfig implements vscode.Disposable {
  private cached: Promise<ConfigRead> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subs: vscode.Disposable[] = [this.changed];
  /** The file (or which file) may have changed: what was read from it is stale. */
  readonly onDidChange = this.changed.event;

  /** `live` loads the config parser on first read (it is a lazy bundle: yaml and ajv stay out of activation). */
  constructor(private readonly live: () => LiveSdk) {
    // A watcher is a registration, not I/O: nothing is read until someone asks.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}');
    const forget = () => {
      this.cached = undefined;
      this.changed.fire();
    };
    // Other YAML files in the workspace (CI, Kubernetes) change often: only the config file makes the cache stale.
    const forgetIfConfig = (uri: vscode.Uri) => {
      if (uri.toString() === this.uri()?.toString()) forget();
    };
    this.subs.push(watcher, watcher.onDidChange(forgetIfConfig), watcher.onDidCreate(forgetIfConfig), watcher.onDidDelete(forgetIfConfig),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('incidentLens.configFile') && forget()),
      vscode.workspace.onDidChangeWorkspaceFolders(forget));
  }

  /** The config file at the root of the first workspace folder. */
  uri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, configFileName()) : undefined;
  }

  read(): Promise<ConfigRead> {
    const uri = this.uri();
    if (!uri) return Promise.resolve({ kind: 'missing' });
    this.cached ??= readConfigFile(uri, this.live);
    return this.cached;
  }

  /** pathMappings of a valid config; none when the file is absent or invalid (gather reports that). */
  async pathMappings(): Promise<PathMapping[]> {
    const r = await this.read();
    return r.kind === 'ok' ? r.config.pathMappings ?? [] : [];
  }

  dispose(): void {
    this.subs.forEach((d) => d.dispose());
  }
}
