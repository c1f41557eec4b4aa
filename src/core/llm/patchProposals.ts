// The model's proposed patches: validated strictly, secrets put back, and listed for review. Nothing here applies
// anything; src/providers/git/patchApply.ts does that, only after the user has seen the diff and confirmed.
import type { LlmFix, LlmPatch } from './outputSchema';
import { formatPatch, parsePatch, PatchError, type ParsedPatch } from './patchDiff';
import { restorePatch } from './patchText';

const normalise = (file: string) => file.trim().replace(/^\.\//, '');

/** Parses `diff` and checks that it changes `file`; throws PatchError otherwise. */
export function checkedPatch(file: string, diff: string): ParsedPatch {
  const parsed = parsePatch(diff);
  const paths = parsed.files.map((f) => f.path);
  const want = normalise(file);
  if (!paths.includes(want) && !paths.includes(want.replace(/^[ab]\//, ''))) {
    throw new PatchError(`it says it changes ${want} but the diff changes ${paths.join(', ')}`);
  }
  return parsed;
}

/** Builds the kept patch from validated parts; the diff is rewritten in git's exact form. */
export function keptPatch(file: string, parsed: ParsedPatch, rationale: string, evidence: string[]): LlmPatch {
  const files = parsed.files.map((f) => f.path);
  const want = normalise(file);
  return { file: files.includes(want) ? want : want.replace(/^[ab]\//, ''), diff: formatPatch(parsed), rationale, evidence, files };
}

/**
 * Puts the redacted secrets back into a grounded patch (a context line that held a secret must match the real file).
 * Re-validated afterwards; a PatchError means the restored patch is not applicable as such.
 */
export function restoreLlmPatch(p: LlmPatch, restore: (text: string) => string): LlmPatch {
  const restored = restorePatch(parsePatch(p.diff), restore);
  const diff = formatPatch(restored);
  const again = parsePatch(diff);
  return { ...p, diff, rationale: restore(p.rationale), files: again.files.map((f) => f.path) };
}

export interface PatchChoice {
  /** Short label for the picker. */
  label: string;
  rationale: string;
  evidence: string[];
  patch?: ParsedPatch;
  /** The validated diff git applies. */
  diff?: string;
  /** Why it cannot be reviewed (a fix whose patch is not a valid diff). */
  problem?: string;
}

/** Every patch the model proposed: the `patches` section, then any patch attached to a fix. */
export function patchChoices(llm: { patches?: LlmPatch[]; fixes?: LlmFix[] }): PatchChoice[] {
  const out: PatchChoice[] = [];
  for (const p of llm.patches ?? []) {
    try {
      const patch = parsePatch(p.diff);
      out.push({ label: p.files.join(', '), rationale: p.rationale, evidence: p.evidence, patch, diff: formatPatch(patch) });
    } catch (e) {
      out.push({ label: p.file, rationale: p.rationale, evidence: p.evidence, problem: (e as Error).message });
    }
  }
  for (const f of llm.fixes ?? []) {
    if (!f.patch) continue;
    const label = f.title;
    try {
      const patch = parsePatch(f.patch);
      const diff = formatPatch(patch);
      if (out.some((c) => c.diff === diff)) continue;
      out.push({ label: `${label} (${patch.files.map((x) => x.path).join(', ')})`, rationale: f.detail, evidence: f.evidence, patch, diff });
    } catch (e) {
      out.push({ label, rationale: f.detail, evidence: f.evidence, problem: (e as Error).message });
    }
  }
  return out;
}
