import { readFileSync } from 'node:fs';
import { InputError } from './errors';

/** Reads a file, or stdin for '-', turning I/O errors into one clear line. */
export function readInput(file: string | undefined, what: string): string {
  if (!file) throw new InputError(`missing ${what} (a file path, or - for standard input)`);
  try {
    // Read as bytes, then decode: Node 20's readFileSync(…, 'utf8') path is markedly slower on large files.
    return readFileSync(file === '-' ? 0 : file).toString('utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
    throw new InputError(`${file}: cannot read ${what}: ${why}`);
  }
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};
