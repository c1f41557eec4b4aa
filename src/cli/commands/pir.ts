// incident-lens pir SNAPSHOT [--out FILE]: validates and analyses the snapshot, then writes the post-incident review.
// With --out and an existing FILE, only the generated sections are replaced; what people wrote is kept.
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyse } from '../../core/analysis/analyse';
import { mergePir, renderPir } from '../../core/pir';
import { flag, parseArgs } from '../args';
import { InputError } from '../errors';
import type { CliIo } from '../io';
import { loadSnapshot } from './analyze';

const HELP = `usage: incident-lens pir SNAPSHOT [--out FILE]

Writes a blameless post-incident review (markdown) for an incident snapshot (*.incident.json, or - for standard
input): summary, impact, detection, timeline, root cause with evidence, resolution, what went well / wrong /
lucky, action items, lessons, evidence appendix. Prints it, or writes FILE; when FILE exists, only the generated
sections (between incident-lens markers) are replaced and everything else in it is kept.`;

function existingText(file: string): string | undefined {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`${file}: cannot read the existing review: ${(e as Error).message}`);
  }
  if (st.isDirectory()) throw new InputError(`${file}: --out is a directory; give a file name such as ${path.join(file, 'pir.md')}`);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read the existing review: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Writes through a temporary file and a rename, so a failed write never leaves a half-written review. */
function writeAtomically(file: string, text: string): void {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Nothing was written.
    }
    throw new InputError(`${file}: cannot write the review: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  const args = parseArgs(argv);
  for (const name of args.flags.keys()) if (name !== 'out') throw new InputError(`unknown option --${name} (see incident-lens pir --help)`);
  if (args.positional.length > 1) throw new InputError(`expected one snapshot, got ${args.positional.length}: ${args.positional.join(' ')}`);
  const out = flag(args, 'out');
  const snapshot = loadSnapshot(args.positional[0]);
  const fresh = renderPir(snapshot, analyse(snapshot), { now: new Date().toISOString() });
  if (!out) {
    io.out(fresh);
    return 0;
  }
  const existing = existingText(out);
  writeAtomically(out, existing === undefined ? fresh : mergePir(existing, fresh));
  io.err(existing === undefined ? `wrote ${out}` : `updated ${out}: generated sections refreshed, your edits kept`);
  return 0;
}
