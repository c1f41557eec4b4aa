// The CLI's optional LLM pass: OPENAI_BASE_URL, OPENAI_API_KEY and --model (or OPENAI_MODEL), off unless --llm.
import { runLlmAnalysis, type LlmSection } from '../core/llm/llmAnalysis';
import type { Report } from '../core/model/report';
import type { Snapshot } from '../core/model/snapshot';
import { createOpenAiChat, LlmError } from '../providers/llm/openAiChat';
import path from 'node:path';
import { flag, type ParsedArgs } from './args';
import { readCodeContext, writePatchFiles } from './llmPatchFiles';
import { InputError } from './errors';
import type { CliIo } from './io';

export interface CliLlmSettings {
  baseURL: string;
  apiKey: string;
  model: string;
  contextTokens: number;
  timeoutMs: number;
  /** --patches-dir: write the model's patches there as .patch files (never applied). */
  patchesDir?: string;
  /** --repo: the checkout whose current code of the suspect files is sent (redacted) so patches fit it. */
  repo?: string;
}

export function llmSettings(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env): CliLlmSettings {
  const model = flag(args, 'model') ?? env.OPENAI_MODEL;
  if (!model) throw new InputError('--llm needs a model: pass --model NAME (or set OPENAI_MODEL)');
  const contextTokens = Number(flag(args, 'context-tokens') ?? env.INCIDENT_LENS_LLM_CONTEXT ?? 16_000);
  if (!Number.isInteger(contextTokens) || contextTokens < 1_000) throw new InputError(`--context-tokens must be a whole number of at least 1000 (got '${flag(args, 'context-tokens')}')`);
  const timeoutMs = Number(flag(args, 'llm-timeout') ?? 120) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new InputError('--llm-timeout must be a number of seconds');
  return { baseURL: env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1', apiKey: env.OPENAI_API_KEY ?? '', model, contextTokens, timeoutMs, patchesDir: flag(args, 'patches-dir'), repo: flag(args, 'repo') };
}

/** Adds `report.llm`; a failed call leaves the deterministic report whole and adds a gap instead. */
export async function withLlm(snapshot: Snapshot, report: Report, settings: CliLlmSettings, io: CliIo): Promise<Report & { llm?: LlmSection }> {
  const chat = createOpenAiChat(settings);
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    const codeContext = settings.repo ? readCodeContext(snapshot, report, settings.repo) : undefined;
    const out = await runLlmAnalysis(snapshot, report, (r, o) => chat.complete(r, o), { ...settings, codeContext, signal: ac.signal });
    if (out.llm.dropped.length) io.err(`incident-lens: dropped ${out.llm.dropped.length} model claim(s) without valid evidence`);
    if (settings.patchesDir) {
      const files = writePatchFiles(out.llm, settings.patchesDir);
      io.err(`incident-lens: ${files.length} proposed patch(es) written to ${settings.patchesDir} (not applied)${files.length ? `: ${files.map((f) => path.basename(f)).join(', ')}` : ''}`);
    }
    return out;
  } catch (e) {
    if (!(e instanceof LlmError) && !(e instanceof Error && /context of/.test(e.message))) throw e;
    io.err(`incident-lens: LLM pass skipped: ${e.message}`);
    return { ...report, gaps: [...report.gaps, `LLM narrative not available: ${e.message}`] };
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
