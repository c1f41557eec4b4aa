// `incident-lens logs patterns FILE|- [--assign] [--format json|jsonl]`: mines log templates from one message per line,
// streaming, so memory follows the number of templates (plus 4 bytes a line with --assign), not the input size.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { LogMiner, type Template } from '../../core/logs';
import { oneOf, parseArgs } from '../args';
import { ByteLineSplitter, type LineBlockHandler } from '../byteLines';
import { InputError } from '../errors';
import { processIo, type CliIo } from '../io';

const USAGE = 'usage: incident-lens logs patterns FILE|- [--assign] [--format json|jsonl]';

export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(`${USAGE}\n  Mines log templates (one message per line; indented stack frames join their event).\n  --assign        one JSON line per input line: {"line": N, "pattern": "<template id>"}\n  --format        json (default): {"templates": [...]}; jsonl: one template per line`);
    return 0;
  }
  const args = parseArgs(argv, ['assign']);
  for (const name of args.flags.keys()) {
    if (name !== 'assign' && name !== 'format') throw new InputError(`unknown option --${name}. ${USAGE}`);
  }
  const format = oneOf(args, 'format', ['json', 'jsonl'] as const, 'json');
  const assign = args.flags.get('assign') === true;
  if (args.positional.length !== 1) throw new InputError(args.positional.length === 0 ? `missing log file (a path, or - for standard input). ${USAGE}` : `expected one log file, got ${args.positional.length}. ${USAGE}`);
  const file = args.positional[0];
  checkInput(file);

  const miner = new LogMiner({ recordAssignments: assign });
  await readLines(file, (buf, s, e) => miner.addLinesBytes(buf, s, e));
  const { templates, assignments } = miner.finish();

  const out = writer(io);
  if (assign) {
    let buf = '';
    for (let i = 0; i < assignments.length; i++) {
      buf += `{"line":${i + 1},"pattern":"${templates[assignments[i]].id}"}\n`;
      if (buf.length > 1 << 20) {
        await out(buf);
        buf = '';
      }
    }
    if (buf) await out(buf);
    return 0;
  }
  if (format === 'jsonl') {
    let buf = '';
    for (const t of templates) buf += `${JSON.stringify(view(t))}\n`;
    if (buf) await out(buf);
  } else {
    await out(`${JSON.stringify({ lines: miner.size, templates: templates.map(view) }, null, 2)}\n`);
  }
  return 0;
}

function view(t: Template): { id: string; template: string; count: number; hasStackTrace: boolean } {
  return { id: t.id, template: t.template, count: t.count, hasStackTrace: t.hasStackTrace };
}

function checkInput(file: string): void {
  if (file === '-') return;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(`${file}: cannot read log file: is a directory`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: cannot read log file: ${why(e)}`);
  }
}

function why(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code === 'ENOENT' ? 'no such file' : err.code === 'EACCES' ? 'permission denied' : err.code ?? err.message;
}

// Big reads keep the per-read cost small; the line splitter copies only each chunk's unfinished last line.
const CHUNK = 256 * 1024;

/** Passes every line of the file (or standard input) to `onLines` as bytes, in blocks of whole lines. */
async function readLines(file: string, onLines: LineBlockHandler): Promise<void> {
  const lines = new ByteLineSplitter(onLines);
  const stdin = file === '-';
  const name = stdin ? 'standard input' : file;
  let fd = 0;
  if (!stdin) {
    try {
      fd = openSync(file, 'r');
    } catch (e) {
      throw new InputError(`${file}: cannot read log file: ${why(e)}`);
    }
  }
  // Read synchronously into one reused buffer: no stream machinery or buffer allocation per chunk. Standard input
  // that is non-blocking (EAGAIN) continues through the stream.
  let more = true;
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, CHUNK, null);
      } catch (e) {
        if (stdin && (e as NodeJS.ErrnoException).code === 'EAGAIN') break;
        if (stdin && (e as NodeJS.ErrnoException).code === 'EOF') n = 0; // Windows pipes
        else throw new InputError(`${name}: cannot read log file: ${why(e)}`);
      }
      if (n === 0) {
        more = false;
        break;
      }
      lines.push(buf.subarray(0, n));
    }
  } finally {
    if (!stdin) closeSync(fd);
  }
  if (more) {
    try {
      for await (const chunk of process.stdin as AsyncIterable<Buffer | string>) lines.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    } catch (e) {
      throw new InputError(`${name}: cannot read log file: ${why(e)}`);
    }
  }
  lines.end();
}

/**
 * Writes through io; on the real stdout, waits for it to drain so big outputs do not pile up in memory, and stops
 * quietly when the reader goes away (`| head`).
 */
function writer(io: CliIo): (text: string) => Promise<void> {
  if (io !== processIo) return async (text) => io.out(text);
  let closed = false;
  let wake: (() => void) | undefined;
  // EPIPE (or any write failure): nobody is reading any more; stop writing.
  process.stdout.on('error', () => {
    closed = true;
    wake?.();
  });
  return (text) =>
    new Promise<void>((resolve) => {
      if (closed) return resolve();
      if (process.stdout.write(text)) return resolve();
      wake = resolve;
      process.stdout.once('drain', resolve);
    });
}
