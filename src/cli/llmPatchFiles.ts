// `analyze --llm --patches-dir DIR`: each patch the model proposed becomes DIR/NN-<file>.patch, ready for
// `git apply --check` and review. Nothing is applied here. `--repo DIR` sends the current code of the suspect files.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LlmSection } from '../core/llm/llmAnalysis';
import { codeContextPaths, codeFile, type CodeFile } from '../core/llm/request';
import type { Report } from '../core/model/report';
import type { Snapshot } from '../core/model/snapshot';
import { InputError } from './errors';

/** Comment lines git apply skips (text before the first "diff --git"); '# ' keeps any '---' in them harmless. */
const comment = (text: string) => text.split('\n').map((l) => `# ${l}`.trimEnd()).join('\n');

export function writePatchFiles(llm: LlmSection, dir: string): string[] {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(`--patches-dir ${dir}: cannot create it: ${(e as Error).message}`);
  }
  return (llm.patches ?? []).map((p, i) => {
    const slug = p.file.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'patch';
    const file = path.join(dir, `${String(i + 1).padStart(2, '0')}-${slug}.patch`);
    const head = [
      `Proposed by the model ${llm.model} on ${llm.generatedAt}; NOT applied. Review it, then: git apply --check ${path.basename(file)} && git apply ${path.basename(file)}`,
      p.rationale && `Rationale: ${p.rationale}`,
      `Evidence: ${p.evidence.join(', ')}`,
    ].filter(Boolean).join('\n');
    writeFileSync(file, `${comment(head)}\n\n${p.diff}`);
    return file;
  });
}

/** The current text of the files the suspect deploys changed, from the repository at `repo`. */
export function readCodeContext(snapshot: Snapshot, report: Report, repo: string): CodeFile[] {
  try {
    if (!statSync(repo).isDirectory()) throw new Error('not a directory');
  } catch (e) {
    throw new InputError(`--repo ${repo}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (e as Error).message}`);
  }
  const out: CodeFile[] = [];
  for (const p of codeContextPaths(snapshot, report)) {
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(path.join(repo, p));
    } catch {
      // not in this checkout: the model sees the diff only
    }
    const file = codeFile(p, bytes);
    if (file) out.push(file);
  }
  return out;
}
