// Runs the optional model pass over a finished report. The deterministic report stays the source of truth: the model's
// grounded answer is attached as `report.llm`, marked as coming from the model, and never replaces a field.
import type { Report } from '../model/report';
import type { Snapshot } from '../model/snapshot';
import { groundAnswer, type Dropped } from './grounding';
import type { LlmClaim, LlmFix, LlmHypothesis, LlmPatch } from './outputSchema';
import { PatchError } from './patchDiff';
import { restoreLlmPatch } from './patchProposals';
import { createRedactor } from './redact';
import { buildLlmRequest, type LlmRequest, type RequestOptions } from './request';

export interface CompleteOptions {
  signal?: AbortSignal;
  /** Streamed text as it arrives (already restored is not possible mid-stream: this is the raw, redacted text). */
  onDelta?: (text: string) => void;
}

/** Sends a request to a model and returns its whole reply text. Providers implement it (src/providers/llm). */
export type CompleteFn = (request: LlmRequest, opts: CompleteOptions) => Promise<string>;

export interface LlmSection {
  source: 'llm';
  model: string;
  generatedAt: string;
  narrative: LlmClaim[];
  hypotheses: LlmHypothesis[];
  fixes: LlmFix[];
  /** Proposed diffs, secrets restored; applied only after the user reviews and confirms (absent in older reports). */
  patches?: LlmPatch[];
  /** Claims the model made that were dropped, and why (no or unknown evidence, malformed). */
  dropped: Dropped[];
  truncated: string[];
  redactions: Record<string, number>;
}

export interface LlmRunOptions extends RequestOptions, CompleteOptions {
  model: string;
  now?: () => Date;
}

export async function runLlmAnalysis(snapshot: Snapshot, report: Report, complete: CompleteFn, opts: LlmRunOptions): Promise<Report & { llm: LlmSection }> {
  const redactor = createRedactor(opts.redact);
  const request = buildLlmRequest(snapshot, report, opts, redactor);
  const reply = await complete(request, { signal: opts.signal, onDelta: opts.onDelta });
  // Ground on the redacted reply (ids are never redacted), then put the secrets back for local display only.
  const grounded = groundAnswer(reply, report);
  const restore = <T extends { evidence: string[] }>(x: T, keys: Array<keyof T>): T => {
    const copy = { ...x };
    for (const k of keys) if (typeof copy[k] === 'string') (copy[k] as unknown) = redactor.restore(copy[k] as string);
    return copy;
  };
  const patches: LlmPatch[] = [];
  for (const p of grounded.patches) {
    try {
      patches.push(restoreLlmPatch(p, (t) => redactor.restore(t)));
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      grounded.dropped.push({ section: 'patches', reason: `the patch for ${p.file} is not applicable once secrets are restored: ${e.message}` });
    }
  }
  return {
    ...report,
    llm: {
      source: 'llm',
      model: opts.model,
      generatedAt: (opts.now?.() ?? new Date()).toISOString(),
      narrative: grounded.narrative.map((c) => restore(c, ['text'])),
      hypotheses: grounded.hypotheses.map((h) => restore(h, ['statement'])),
      fixes: grounded.fixes.map((f) => restore(f, ['title', 'detail', 'patch'])),
      patches,
      dropped: grounded.dropped,
      truncated: request.truncated,
      redactions: request.redactions,
    },
  };
}
