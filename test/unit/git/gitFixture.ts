// Real repositories for tests, made with the git CLI in temp dirs; fixed identity and dates for determinism.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class TestRepo {
  private tick = 0;
  readonly dir: string;

  constructor(dir?: string) {
    this.dir = dir ?? mkdtempSync(path.join(os.tmpdir(), 'il-git-'));
    if (!dir) this.git('init', '-q', '-b', 'main');
  }

  env(): NodeJS.ProcessEnv {
    const date = `2026-01-0${1 + Math.floor(this.tick / 1000)}T00:${String(Math.floor(this.tick / 60) % 60).padStart(2, '0')}:${String(this.tick % 60).padStart(2, '0')}Z`;
    return {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: os.devNull,
      GIT_AUTHOR_NAME: 'Ada Tester',
      GIT_AUTHOR_EMAIL: 'ada@example.invalid',
      GIT_COMMITTER_NAME: 'Ada Tester',
      GIT_COMMITTER_EMAIL: 'ada@example.invalid',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    };
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-C', this.dir, ...args], { env: this.env(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  write(file: string, content: string | Buffer): this {
    const abs = path.join(this.dir, file);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    return this;
  }

  /** Stages everything and commits; returns the new commit id. */
  commit(message: string): string {
    this.tick++;
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** N numbered lines "line 1".."line N", newline-terminated. */
export function numbered(n: number, edit: Record<number, string> = {}): string {
  return Array.from({ length: n }, (_, i) => edit[i + 1] ?? `line ${i + 1}`).join('\n') + '\n';
}
