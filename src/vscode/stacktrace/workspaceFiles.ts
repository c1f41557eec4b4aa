import * as vscode from 'vscode';
import { RepoPathIndex, type PathResolution } from '../../core/stack/pathIndex';
import type { StackFrame } from '../../core/stack/frame';
import type { PathMapping } from '../../core/stack/pathIndex';

/** The workspace's files as a path index for frame resolution; rebuilt when files are created or deleted. */
export class WorkspaceFiles implements vscode.Disposable {
  private index: Promise<{ index: RepoPathIndex; folder: vscode.Uri } | undefined> | undefined;
  private readonly watcher: vscode.FileSystemWatcher;

  /** `mappings`: the config's pathMappings (deployed prefix → repository path), read when a frame is resolved. */
  constructor(private readonly log: vscode.LogOutputChannel, readonly mappings: () => Promise<PathMapping[]> = async () => []) {
    this.watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.watcher.onDidCreate(() => (this.index = undefined));
    this.watcher.onDidDelete(() => (this.index = undefined));
  }

  private load(): Promise<{ index: RepoPathIndex; folder: vscode.Uri } | undefined> {
    this.index ??= (async () => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!folder) return undefined;
      const uris = await vscode.workspace.findFiles('**/*', '{**/node_modules/**,**/.git/**}', 50_000);
      const files = uris.map((u) => vscode.workspace.asRelativePath(u, false).replace(/\\/g, '/'));
      this.log.debug(`stack frames: indexed ${files.length} workspace files`);
      return { index: new RepoPathIndex(files), folder };
    })();
    return this.index;
  }

  /** The workspace file a frame names, or why there is none. */
  async resolve(frame: StackFrame, hints: string[] = []): Promise<{ uri?: vscode.Uri; resolution?: PathResolution }> {
    const loaded = await this.load();
    if (!loaded) return {};
    const resolution = loaded.index.resolve(frame.file, await this.mappings(), hints);
    return { uri: resolution.path ? vscode.Uri.joinPath(loaded.folder, resolution.path) : undefined, resolution };
  }

  dispose(): void {
    this.watcher.dispose();
  }
}
