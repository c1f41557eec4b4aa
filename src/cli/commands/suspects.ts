// incident-lens suspects --repo DIR --range FROM..TO [--stack FILE|-] [--format json|text] [--build-dir DIR]
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SuspectsInputError } from '../../core/stack/errors';
import type { PathMapping } from '../../core/stack/pathIndex';
import { GitRepo } from '../../providers/git/gitRepo';
import { findSuspects, type SuspectsResult } from '../../providers/git/suspectFinder';
import { flag, oneOf, parseArgs } from '../args';
import { InputError } from '../errors';
import { readInput, type CliIo } from '../io';

const HELP = `usage: incident-lens suspects --repo DIR --range FROM..TO [--stack FILE|-] [--format json|text] [--build-dir DIR]

Maps a stack trace onto the commits of a deploy range: the frames' files and lines at TO, and the commits in
FROM..TO that changed those lines or lines next to them, ranked, each with its reason.
  --repo DIR        the git repository (default: .)
  --range FROM..TO  the previously deployed ref and the deployed ref
  --stack FILE|-    the stack trace or log text (default: - , standard input)
  --format          json (default) or text
  --build-dir DIR   a folder of built bundles with source maps, relative to the repo (repeatable by commas)
Path mappings come from pathMappings in .incident-lens.yaml at the repository root ({ from, to } pairs).`;

/** `pathMappings` of .incident-lens.yaml: a list of { from, to }, or a { from: to } object. */
export function readPathMappings(root: string): { mappings: PathMapping[]; buildDirs: string[] } {
  const file = path.join(root, '.incident-lens.yaml');
  if (!existsSync(file)) return { mappings: [], buildDirs: [] };
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    const err = e as Error & { linePos?: Array<{ line: number }> };
    const at = err.linePos?.[0]?.line ? `:${err.linePos[0].line}` : '';
    throw new InputError(`${file}${at}: not valid YAML: ${err.message.split('\n')[0]}`);
  }
  const cfg = (doc ?? {}) as Record<string, unknown>;
  const raw = cfg.pathMappings;
  const mappings: PathMapping[] = [];
  if (Array.isArray(raw)) {
    raw.forEach((m, i) => {
      const e = m as Record<string, unknown>;
      if (!e || typeof e.from !== 'string' || typeof e.to !== 'string') throw new InputError(`${file}: pathMappings[${i}] must have string fields from and to`);
      mappings.push({ from: e.from, to: e.to });
    });
  } else if (raw && typeof raw === 'object') {
    for (const [from, to] of Object.entries(raw)) {
      if (typeof to !== 'string') throw new InputError(`${file}: pathMappings.${from} must be a string`);
      mappings.push({ from, to });
    }
  } else if (raw !== undefined && raw !== null) throw new InputError(`${file}: pathMappings must be a list of { from, to }`);
  const dirs = cfg.sourceMapDirs ?? cfg.buildDirs;
  const buildDirs = Array.isArray(dirs) ? dirs.filter((d): d is string => typeof d === 'string') : [];
  return { mappings, buildDirs };
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  const args = parseArgs(argv);
  const format = oneOf(args, 'format', ['json', 'text'] as const, 'json');
  const repoDir = path.resolve(flag(args, 'repo') ?? '.');
  if (!existsSync(repoDir) || !statSync(repoDir).isDirectory()) throw new InputError(`--repo ${repoDir}: no such directory`);
  const range = flag(args, 'range');
  if (!range) throw new InputError('missing --range FROM..TO (the previously deployed ref and the deployed ref)');
  const stackFile = flag(args, 'stack') ?? args.positional[0] ?? '-';
  const stackText = readInput(stackFile, 'stack trace');
  const config = readPathMappings(repoDir);
  const buildDirs = [...config.buildDirs, ...(flag(args, 'build-dir')?.split(',').filter(Boolean) ?? [])];
  let result: SuspectsResult;
  try {
    result = await findSuspects({ repo: new GitRepo(repoDir), range, stackText, mappings: config.mappings, buildDirs });
  } catch (e) {
    if (e instanceof SuspectsInputError) throw new InputError(e.message.replace(/^no stack frames found/, `${stackFile === '-' ? 'standard input' : stackFile}: no stack frames found`));
    throw e;
  }
  io.out(format === 'json' ? JSON.stringify(result, null, 2) : toText(result));
  return 0;
}

function toText(r: SuspectsResult): string {
  const out: string[] = [r.conclusion, ''];
  if (r.suspects.length) {
    out.push(`Suspects in ${r.range.from}..${r.range.to}:`);
    r.suspects.forEach((s, i) => {
      out.push(`  ${i + 1}. ${s.commit.slice(0, 12)}  score ${s.score.toFixed(2)}  ${s.summary ?? ''}${s.author ? `  (${s.author})` : ''}`);
      out.push(`     ${s.reason}`);
    });
    out.push('');
  }
  out.push('Frames:');
  for (const f of r.frames) {
    const where = f.mapped ? `${f.path}:${f.line}${f.commit ? `  changed by ${f.commit.slice(0, 12)}` : ''}` : `not mapped: ${f.unmappedReason}`;
    out.push(`  #${f.index} ${f.function ?? '<anonymous>'}  ${f.file}${f.generated ? '' : f.line !== undefined ? `:${f.line}` : ''}  [${f.inApp ? 'app' : f.origin}]  → ${where}`);
  }
  if (r.problems.length) out.push('', 'Problems:', ...r.problems.map((p) => `  - ${p}`));
  return out.join('\n');
}
