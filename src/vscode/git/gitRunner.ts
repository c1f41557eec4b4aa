import { execFile } from 'node:child_process';
import * as vscode from 'vscode';

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Runs the real git CLI in the workspace repository; never throws, so callers can fall back to the snapshot. */
export class GitRunner {
  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** The workspace folder that holds `relPath` (or the first one). */
  root(uri?: vscode.Uri): string | undefined {
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    return (folder ?? vscode.workspace.workspaceFolders?.[0])?.uri.fsPath;
  }

  run(cwd: string, args: string[], token?: vscode.CancellationToken): Promise<GitResult> {
    return new Promise((resolve) => {
      const child = execFile('git', args, { cwd, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
        sub?.dispose();
        if (err) this.log.debug(`git ${args.join(' ')} in ${cwd}: ${(stderr || err.message).trim()}`);
        resolve({ ok: !err, stdout: stdout ?? '', stderr: stderr ?? '' });
      });
      const sub = token?.onCancellationRequested(() => child.kill());
    });
  }

  /** Whether `ref` names a commit in the repository. */
  async hasCommit(cwd: string, ref: string): Promise<boolean> {
    return (await this.run(cwd, ['cat-file', '-e', `${ref}^{commit}`])).ok;
  }
}
