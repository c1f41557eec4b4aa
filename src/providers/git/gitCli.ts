// Runs the real git CLI in one repository directory: execFile/spawn, never a shell.
import { spawn } from 'node:child_process';

export class GitError extends Error {
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface GitRunOptions {
  /** Written to git's standard input. */
  input?: string;
  signal?: AbortSignal;
}

export type GitRunner = (args: readonly string[], opts?: GitRunOptions) => Promise<Buffer>;

/** A runner bound to `dir`; output is returned as bytes (blobs may be binary). */
export function gitRunner(dir: string, env: NodeJS.ProcessEnv = process.env): GitRunner {
  const childEnv = { ...env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', LANGUAGE: 'C' };
  return (args, opts = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn('git', ['-C', dir, ...args], { env: childEnv, stdio: ['pipe', 'pipe', 'pipe'], signal: opts.signal });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', (e: NodeJS.ErrnoException) => {
        const why = e.code === 'ENOENT' ? 'git is not installed or not on PATH' : e.message;
        reject(new GitError(why, args, '', null));
      });
      child.on('close', (code) => {
        const stderr = Buffer.concat(err).toString('utf8').trim();
        if (code === 0) resolve(Buffer.concat(out));
        else reject(new GitError(firstLine(stderr) || `git ${args[0]} exited with ${code}`, args, stderr, code));
      });
      child.stdin.on('error', () => undefined); // git may exit before reading all input; the exit code tells
      child.stdin.end(opts.input ?? '');
    });
}

function firstLine(s: string): string {
  const fatal = s.split('\n').find((l) => /^(fatal|error):/.test(l));
  return (fatal ?? s.split('\n')[0] ?? '').replace(/^(fatal|error):\s*/, '');
}
