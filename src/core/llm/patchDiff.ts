// Strict unified-diff parser and writer for patches a model proposes. Strict because the user reviews exactly what is
// parsed here and git applies exactly what `formatPatch` writes: headers, hunk line counts and paths must all agree,
// and every error names the file, the hunk and the line of the diff.
import { unsafePathReason } from './patchPaths';

export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

export type LineOp = ' ' | '-' | '+';

export interface HunkLine {
  op: LineOp;
  /** The line without its op character or '\n' (a CRLF file keeps its '\r'). */
  text: string;
  /** Followed by "\ No newline at end of file". */
  noNewline?: boolean;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Text after the second @@ (often the enclosing function). */
  section: string;
  lines: HunkLine[];
}

export interface FilePatch {
  path: string;
  kind: 'modify' | 'create' | 'delete';
  /** File mode for created files (100644 or 100755). */
  mode?: string;
  hunks: Hunk[];
}

export interface ParsedPatch {
  files: FilePatch[];
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;
const NO_NEWLINE = /^\\ /;
const REGULAR_MODES = new Set(['100644', '100755']);

const show = (line: string) => JSON.stringify(line.length > 80 ? `${line.slice(0, 77)}...` : line);

/** Undoes git's C-style quoting of unusual paths ("a/sp\303\251cial"). */
function unquote(p: string): string {
  if (!p.startsWith('"')) return p;
  if (!p.endsWith('"') || p.length < 2) throw new PatchError(`unterminated quoted path ${show(p)}`);
  const bytes: number[] = [];
  const body = p.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = body[++i];
    if (n !== undefined && /[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else if (n !== undefined && n in simple) bytes.push(simple[n]);
    else throw new PatchError(`bad escape in quoted path ${show(p)}`);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The path of a ---/+++ line: unquoted, without a trailing tab and timestamp; undefined for /dev/null. */
function headerPath(raw: string): string | undefined {
  const noCr = raw.replace(/\r$/, '');
  const p = noCr.startsWith('"') ? unquote(noCr.replace(/\t.*$/, '')) : noCr.replace(/\t.*$/, '').trimEnd();
  return p === '/dev/null' ? undefined : p;
}

/** Parses a unified diff (git or plain `diff -u`); throws PatchError naming where it is malformed. */
export function parsePatch(text: string): ParsedPatch {
  if (!text.trim()) throw new PatchError('the patch is empty');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const files: FilePatch[] = [];
  let i = 0;
  const at = () => `line ${i + 1}`;

  while (i < lines.length) {
    const line = lines[i].replace(/\r$/, '');
    if (line.startsWith('diff --git ') || line.startsWith('--- ')) {
      files.push(parseFile());
      continue;
    }
    if (/^GIT binary patch|^Binary files .* differ/.test(line)) throw new PatchError(`${at()}: binary patches are not applied`);
    if (HUNK.test(line) || line.startsWith('+++ ')) throw new PatchError(`${at()}: ${show(line)} comes before any "--- a/file" header`);
    // Anything before the first file (a commit message, a blank line) is commentary, as git apply treats it.
    if (files.length && lines.slice(i).every((l) => !l.trim())) break;
    if (files.length) throw new PatchError(`${at()}: unexpected ${show(line)} after the last hunk of ${files[files.length - 1].path}`);
    i++;
  }
  if (!files.length) throw new PatchError('no "--- a/file" / "+++ b/file" header: this is not a unified diff');
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw new PatchError(`${f.path} appears twice in the patch`);
    seen.add(f.path);
  }
  return { files };

  function parseFile(): FilePatch {
    let gitPaths: [string, string] | undefined;
    let newMode: string | undefined;
    let deleted = false;
    let created = false;
    const first = lines[i].replace(/\r$/, '');
    if (first.startsWith('diff --git ')) {
      const m = /^diff --git ("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/.exec(first);
      const a = m ? unquote(m[1]) : '';
      const b = m ? unquote(m[2]) : '';
      if (a.startsWith('a/') && b.startsWith('b/')) gitPaths = [a.slice(2), b.slice(2)];
      i++;
      // git's extended header lines, up to the ---/+++ pair.
      while (i < lines.length) {
        const h = lines[i].replace(/\r$/, '');
        if (h.startsWith('--- ') || h.startsWith('diff --git ')) break;
        if (/^GIT binary patch|^Binary files .* differ/.test(h)) throw new PatchError(`${at()}: binary patches are not applied (${gitPaths?.[1] ?? 'unknown file'})`);
        let m2: RegExpExecArray | null;
        if ((m2 = /^new file mode (\d+)$/.exec(h))) {
          created = true;
          newMode = m2[1];
        } else if ((m2 = /^deleted file mode (\d+)$/.exec(h))) {
          deleted = true;
          newMode = m2[1];
        } else if (/^(old|new) mode /.test(h)) throw new PatchError(`${at()}: file mode changes are not applied (${gitPaths?.[1] ?? 'unknown file'})`);
        else if (/^(rename|copy) (from|to) |^(dis)?similarity index /.test(h)) throw new PatchError(`${at()}: renames and copies are not applied; propose them as a delete and a create`);
        else if (!/^index [0-9a-f]+\.\.[0-9a-f]+( \d+)?$/.test(h)) throw new PatchError(`${at()}: unexpected ${show(h)} in the header of ${gitPaths?.[1] ?? 'a file'}`);
        if (newMode && !REGULAR_MODES.has(newMode)) throw new PatchError(`${at()}: mode ${newMode} (symlink or submodule) is not applied`);
        i++;
      }
      if (i >= lines.length || lines[i].startsWith('diff --git ')) {
        throw new PatchError(`${at()}: ${gitPaths?.[1] ?? 'a file'} has a "diff --git" header but no "---"/"+++" lines (mode-only or empty changes are not applied)`);
      }
    }
    const oldLine = i + 1;
    const oldRaw = lines[i].replace(/\r$/, '').slice(4);
    i++;
    if (i >= lines.length || !lines[i].startsWith('+++ ')) throw new PatchError(`line ${oldLine + 1}: expected "+++ b/file" after "--- ${oldRaw}"`);
    const newRaw = lines[i].replace(/\r$/, '').slice(4);
    i++;
    let oldPath = headerPath(oldRaw);
    let newPath = headerPath(newRaw);
    if (oldPath === undefined && newPath === undefined) throw new PatchError(`line ${oldLine}: both sides are /dev/null`);
    // git's -p1: drop the a/ and b/ prefixes when the diff has them (both sides, or the one side that is not /dev/null).
    const prefixed = (oldPath === undefined || oldPath.startsWith('a/')) && (newPath === undefined || newPath.startsWith('b/'));
    if (prefixed) {
      oldPath = oldPath?.slice(2);
      newPath = newPath?.slice(2);
    }
    if (oldPath !== undefined && newPath !== undefined && oldPath !== newPath) {
      throw new PatchError(`line ${oldLine}: "--- ${oldPath}" and "+++ ${newPath}" differ; renames are not applied`);
    }
    const path = (newPath ?? oldPath) as string;
    if (gitPaths && gitPaths[1] !== path && gitPaths[0] !== path) throw new PatchError(`line ${oldLine}: the "diff --git" header names ${gitPaths[1]} but the ---/+++ lines name ${path}`);
    const unsafe = unsafePathReason(path);
    if (unsafe) throw new PatchError(`line ${oldLine}: ${unsafe}`);
    const kind: FilePatch['kind'] = oldPath === undefined ? 'create' : newPath === undefined ? 'delete' : 'modify';
    if (created && kind !== 'create') throw new PatchError(`line ${oldLine}: "new file mode" but "--- " is not /dev/null (${path})`);
    if (deleted && kind !== 'delete') throw new PatchError(`line ${oldLine}: "deleted file mode" but "+++ " is not /dev/null (${path})`);

    const hunks: Hunk[] = [];
    while (i < lines.length && HUNK.test(lines[i].replace(/\r$/, ''))) hunks.push(parseHunk(path, hunks.length + 1));
    if (!hunks.length) throw new PatchError(`line ${i + 1}: ${path} has no hunk ("@@ -l,n +l,n @@" expected${i < lines.length ? `, found ${show(lines[i])}` : ''})`);
    checkHunks(path, kind, hunks);
    return { path, kind, ...(kind === 'create' ? { mode: newMode ?? '100644' } : {}), hunks };
  }

  function parseHunk(path: string, n: number): Hunk {
    const headerLine = i + 1;
    const header = lines[i].replace(/\r$/, '');
    const m = HUNK.exec(header)!;
    const hunk: Hunk = {
      oldStart: Number(m[1]),
      oldLines: m[2] === undefined ? 1 : Number(m[2]),
      newStart: Number(m[3]),
      newLines: m[4] === undefined ? 1 : Number(m[4]),
      section: m[5] ?? '',
      lines: [],
    };
    const where = `hunk ${n} of ${path} (${header.replace(/ @@.*$/, ' @@')}, line ${headerLine})`;
    i++;
    let oldSeen = 0;
    let newSeen = 0;
    while (oldSeen < hunk.oldLines || newSeen < hunk.newLines) {
      if (i >= lines.length) {
        throw new PatchError(`${where} ends early: the header counts ${hunk.oldLines} old and ${hunk.newLines} new lines, the hunk has ${oldSeen} and ${newSeen}`);
      }
      const raw = lines[i];
      const op = raw[0];
      if (NO_NEWLINE.test(raw)) {
        const prev = hunk.lines[hunk.lines.length - 1];
        if (!prev) throw new PatchError(`line ${i + 1}: "\\ No newline at end of file" with no line before it in ${where}`);
        prev.noNewline = true;
        i++;
        continue;
      }
      // An empty line is an empty context line whose leading space was stripped (git apply accepts it too).
      const line: HunkLine | undefined =
        raw === '' || raw === '\r' ? { op: ' ', text: raw } : op === ' ' || op === '-' || op === '+' ? { op, text: raw.slice(1) } : undefined;
      if (!line) {
        throw new PatchError(`line ${i + 1}: ${show(raw)} in ${where} is not a context (' '), removed ('-') or added ('+') line; the header counts ${hunk.oldLines} old and ${hunk.newLines} new lines, found ${oldSeen} and ${newSeen} so far`);
      }
      if (line.op !== '+') oldSeen++;
      if (line.op !== '-') newSeen++;
      if (oldSeen > hunk.oldLines || newSeen > hunk.newLines) {
        throw new PatchError(`line ${i + 1}: ${where} has more ${oldSeen > hunk.oldLines ? 'old' : 'new'} lines than its header counts (${hunk.oldLines} old, ${hunk.newLines} new)`);
      }
      hunk.lines.push(line);
      i++;
    }
    if (i < lines.length && NO_NEWLINE.test(lines[i])) {
      hunk.lines[hunk.lines.length - 1].noNewline = true;
      i++;
    }
    // A hunk that is complete but followed by more hunk-looking lines: its header undercounts.
    if (i < lines.length && /^[ +-]/.test(lines[i]) && !lines[i].startsWith('--- ') && !HUNK.test(lines[i])) {
      throw new PatchError(`line ${i + 1}: ${where} has more lines than its header counts (${hunk.oldLines} old, ${hunk.newLines} new)`);
    }
    if (i < lines.length && lines[i].startsWith('--- ') && !lines[i + 1]?.startsWith('+++ ')) {
      throw new PatchError(`line ${i + 1}: ${where} has more lines than its header counts (${hunk.oldLines} old, ${hunk.newLines} new)`);
    }
    if (!hunk.lines.some((l) => l.op !== ' ')) throw new PatchError(`${where} changes nothing (context lines only)`);
    return hunk;
  }
}

function checkHunks(path: string, kind: FilePatch['kind'], hunks: Hunk[]): void {
  let oldEnd = 0;
  hunks.forEach((h, k) => {
    const where = `hunk ${k + 1} of ${path} (@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@)`;
    if (h.oldLines > 0 && h.oldStart < 1) throw new PatchError(`${where}: old start line must be at least 1`);
    if (h.oldStart < oldEnd) throw new PatchError(`${where} overlaps or precedes hunk ${k} (hunks must be in file order)`);
    oldEnd = h.oldStart + h.oldLines;
  });
  if (kind === 'create' && (hunks.length !== 1 || hunks[0].oldLines !== 0 || hunks[0].oldStart !== 0)) {
    throw new PatchError(`${path} is created, so its one hunk must start "@@ -0,0 +1,n @@"`);
  }
  if (kind === 'delete' && hunks.some((h) => h.newLines !== 0)) throw new PatchError(`${path} is deleted, so its hunks may not add lines`);
}

const hunkRange = (start: number, count: number) => `${start},${count}`;

/** Writes the patch back as a git diff with a/ b/ prefixes: what the user reviews and what git applies. */
export function formatPatch(patch: ParsedPatch): string {
  const out: string[] = [];
  for (const f of patch.files) {
    const q = (prefix: string) => quotePath(`${prefix}${f.path}`);
    out.push(`diff --git ${q('a/')} ${q('b/')}`);
    if (f.kind === 'create') out.push(`new file mode ${f.mode ?? '100644'}`);
    if (f.kind === 'delete') out.push('deleted file mode 100644');
    out.push(`--- ${f.kind === 'create' ? '/dev/null' : q('a/')}`, `+++ ${f.kind === 'delete' ? '/dev/null' : q('b/')}`);
    for (const h of f.hunks) {
      out.push(`@@ -${hunkRange(h.oldStart, h.oldLines)} +${hunkRange(h.newStart, h.newLines)} @@${h.section ? ` ${h.section}` : ''}`);
      for (const l of h.lines) {
        out.push(`${l.op}${l.text}`);
        if (l.noNewline) out.push('\\ No newline at end of file');
      }
    }
  }
  return `${out.join('\n')}\n`;
}

/** git's quoting for paths with unusual characters. */
function quotePath(p: string): string {
  if (!/["\\\t\n\r]|[^\x20-\x7e]/.test(p)) return p;
  let s = '"';
  for (const b of Buffer.from(p, 'utf8')) {
    const c = String.fromCharCode(b);
    if (c === '"' || c === '\\') s += `\\${c}`;
    else if (b === 9) s += '\\t';
    else if (b === 10) s += '\\n';
    else if (b === 13) s += '\\r';
    else if (b < 0x20 || b > 0x7e) s += `\\${b.toString(8).padStart(3, '0')}`;
    else s += c;
  }
  return `${s}"`;
}
