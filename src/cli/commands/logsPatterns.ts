// `incident-lens logs patterns FILE|- [--assign] [--format json|jsonl]`: mines log templates from one message per line,
// streaming, so memory follows the number of templates (plus 4 bytes a line with --assign), not the input size.
import { createReadStream, statSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { LogMiner, type Template } from '../../core/logs';
import { oneOf, parseArgs } from '../args';
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
  const input = openInput(file);

  const miner = new LogMiner({ recordAssignments: assign });
  await readLines(input, file, (text, s, e) => miner.addLine(text, s, e));
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

function openInput(file: string): NodeJS.ReadableStream {
  if (file === '-') return process.stdin;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(`${file}: cannot read log file: is a directory`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EACCES' ? 'permission denied' : err.message;
    throw new InputError(`${file}: cannot read log file: ${why}`);
  }
  // 64 KiB chunks: V8 turns them into strings far faster than megabyte ones.
  return createReadStream(file, { highWaterMark: 64 * 1024 });
}

/** Calls `onLine` with every line's bounds (without its line break; a final line without one counts too). */
async function readLines(input: NodeJS.ReadableStream, file: string, onLine: (text: string, from: number, to: number) => void): Promise<void> {
  const decoder = new StringDecoder('utf8');
  // ASCII chunks (most logs) decode as latin1, much cheaper than UTF-8; the decoder takes any other chunk, and the one
  // after a chunk that may have ended inside a multi-byte character.
  let decoderPending = false;
  const decode = (chunk: Buffer): string => {
    if (!decoderPending && isAscii(chunk)) return chunk.toString('latin1');
    decoderPending = chunk.length > 0 && chunk[chunk.length - 1] >= 0x80;
    return decoder.write(chunk);
  };
  let carry = '';
  try {
    for await (const chunk of input as AsyncIterable<Buffer | string>) {
      const text = carry + (typeof chunk === 'string' ? chunk : decode(chunk));
      let s = 0;
      for (let nl = text.indexOf('\n', s); nl >= 0; nl = text.indexOf('\n', s)) {
        onLine(text, s, nl > s && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
        s = nl + 1;
      }
      carry = text.slice(s);
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${file === '-' ? 'standard input' : file}: cannot read log file: ${err.code ?? err.message}`);
  }
  carry += decoder.end();
  if (carry.length > 0) onLine(carry, 0, carry.endsWith('\r') ? carry.length - 1 : carry.length);
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
