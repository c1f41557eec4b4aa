// Builds exactly what would be sent to the model: the report and the most telling evidence excerpts, most informative
// first, cut to the context budget, then redacted. The preview command shows this very object.
import type { Report } from '../model/report';
import type { Snapshot } from '../model/snapshot';
import { LLM_ANSWER_SCHEMA } from './outputSchema';
import { unsafePathReason } from './patchPaths';
import { createRedactor, type RedactOptions, type Redactor } from './redact';
import { estimateTokens, truncateToTokens } from './tokens';

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface LlmRequest {
  messages: ChatMessage[];
  schema: typeof LLM_ANSWER_SCHEMA;
  /** Estimated prompt tokens after truncation. */
  promptTokens: number;
  maxAnswerTokens: number;
  /** Sections cut or left out for lack of room, most informative kept. */
  truncated: string[];
  /** Secrets replaced, by kind (never the values). */
  redactions: Record<string, number>;
}

export interface RequestOptions {
  /** The model's context window in tokens. */
  contextTokens: number;
  /** Tokens kept free for the answer (default: a quarter of the context, at most 4,096). */
  maxAnswerTokens?: number;
  redact?: RedactOptions;
  /** Current text of the files a patch may change (read by the caller), redacted like everything else. */
  codeContext?: CodeFile[];
}

export interface CodeFile {
  /** Relative to the repository root, as a patch names it. */
  path: string;
  text: string;
}

const SYSTEM = [
  'You are assisting an on-call engineer during a production incident.',
  'You receive a deterministic analysis report with numbered evidence (ids like e3) and excerpts of that evidence.',
  'Write a short narrative of what happened, sharpen or challenge the hypotheses, and propose fixes.',
  'Rules: every sentence, hypothesis and fix MUST cite the evidence ids that support it, using only ids listed in the report.',
  'Do not invent facts, times, numbers or ids. If the evidence is insufficient, say so and cite what is missing.',
  'Values like [REDACTED_KIND_N] are secrets removed before sending; refer to them by that placeholder.',
  'Fix patches, when you give one, are unified diffs against the files shown; leave "patch" empty when unsure.',
  'Hotfix or query-optimisation patches go in "patches": one unified diff per entry against the current code shown',
  '("--- a/path", "+++ b/path", hunk headers whose line counts are exact, 3 unchanged lines of context before and after',
  'each change, copied exactly), with a rationale and the evidence ids. Leave it empty when unsure.',
  'Answer with one JSON object matching the given schema and nothing else.',
].join('\n');

interface Section {
  title: string;
  text: string;
  /** Lower is more important; sections are kept in this order when room runs out. */
  priority: number;
}

function reportSection(report: Report): string {
  const lines: string[] = [];
  const rc = report.rootCause;
  lines.push(`Root cause (deterministic): ${rc.category}, confidence ${rc.confidence.toFixed(2)}: ${rc.summary} [${rc.evidence.join(', ')}]`);
  if (report.localisation) lines.push(`Localised to ${report.localisation.dimension} = ${report.localisation.value} [${report.localisation.evidence.join(', ')}]`);
  if (report.recurrence) lines.push(`Recurrence: ${report.recurrence.pattern} (tickets ${report.recurrence.ticketIds.join(', ')})`);
  lines.push('Suspects:');
  for (const s of report.suspects.slice(0, 10)) lines.push(`- deploy ${s.deployId}${s.commit ? ` commit ${s.commit}` : ''} score ${s.score.toFixed(2)} [${s.evidence.join(', ')}]`);
  lines.push('Hypotheses:');
  for (const h of report.hypotheses) lines.push(`- ${h.category}: ${h.verdict} (${h.confidence.toFixed(2)}) ${h.statement} [${h.evidence.join(', ')}]`);
  lines.push('Proposed actions:');
  for (const a of report.actions) lines.push(`- ${a.horizon} ${a.kind}: ${a.title} [${a.evidence.join(', ')}]`);
  if (report.gaps.length) lines.push('Gaps:', ...report.gaps.map((g) => `- ${g}`));
  return lines.join('\n');
}

function evidenceSection(report: Report): string {
  return report.evidence.map((e) => `${e.id} ${e.kind}${e.at ? ` ${e.at}` : ''}: ${e.summary}`).join('\n');
}

function stackTraces(snapshot: Snapshot): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const ev of snapshot.logs ?? []) {
    if (!/\n\s+(at |File ")|Traceback|\n\s*goroutine |panic:/.test(ev.message)) continue;
    const key = ev.message.replace(/\d+/g, '#').slice(0, 400);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(`${ev.at} ${ev.group}\n${ev.message.split('\n').slice(0, 25).join('\n')}`);
    if (out.length >= 5) break;
  }
  return out.join('\n\n');
}

function suspectDiffs(snapshot: Snapshot, report: Report): string {
  const out: string[] = [];
  const ranked = [...new Set(report.suspects.map((s) => s.deployId))];
  for (const id of ranked.slice(0, 2)) {
    const deploy = snapshot.deploys?.find((d) => d.id === id);
    for (const c of deploy?.commits ?? []) {
      for (const f of c.files ?? []) {
        if (f.patch) out.push(`deploy ${id} commit ${c.sha.slice(0, 12)} ${f.path}\n${f.patch}`);
      }
    }
  }
  return out.join('\n\n');
}

const MAX_CODE_FILE_BYTES = 64 * 1024;

/** One file's bytes as code context; missing, large or binary files are left out: the model cannot patch what it does not see. */
export function codeFile(path: string, bytes: Uint8Array | undefined): CodeFile | undefined {
  if (!bytes || bytes.length > MAX_CODE_FILE_BYTES || bytes.includes(0)) return undefined;
  return { path, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

/** Files the suspect deploys changed, most suspect first: the code a hotfix would touch. The caller reads them. */
export function codeContextPaths(snapshot: Snapshot, report: Report, max = 5): string[] {
  const out: string[] = [];
  for (const id of [...new Set(report.suspects.map((s) => s.deployId))]) {
    const deploy = snapshot.deploys?.find((d) => d.id === id);
    for (const c of deploy?.commits ?? []) {
      for (const f of c.files ?? []) {
        if (f.status !== 'deleted' && !unsafePathReason(f.path) && !out.includes(f.path)) out.push(f.path);
      }
    }
  }
  return out.slice(0, max);
}

function codeSection(files: CodeFile[]): string {
  return files.map((f) => `--- ${f.path}\n${f.text}${f.text.endsWith('\n') ? '' : '\n'}--- end of ${f.path}`).join('\n\n');
}

export function buildLlmRequest(snapshot: Snapshot, report: Report, opts: RequestOptions, redactor: Redactor = createRedactor(opts.redact)): LlmRequest {
  const maxAnswerTokens = opts.maxAnswerTokens ?? Math.min(4096, Math.floor(opts.contextTokens / 4));
  const schemaText = JSON.stringify(LLM_ANSWER_SCHEMA);
  const fixed = estimateTokens(SYSTEM) + estimateTokens(schemaText) + 64;
  let budget = opts.contextTokens - maxAnswerTokens - fixed;
  if (budget < 200) throw new Error(`the context of ${opts.contextTokens} tokens is too small for an analysis request (need at least ${fixed + maxAnswerTokens + 200})`);

  const inc = snapshot.incident;
  const sections: Section[] = [
    { priority: 0, title: 'Incident', text: `${inc.id}: ${inc.title}${inc.service ? ` (service ${inc.service})` : ''}, started ${inc.startedAt}` },
    { priority: 1, title: 'Analysis report', text: reportSection(report) },
    { priority: 2, title: 'Evidence', text: evidenceSection(report) },
    { priority: 3, title: 'Stack traces from the logs', text: stackTraces(snapshot) },
    { priority: 4, title: 'Diffs of the suspect deploys', text: suspectDiffs(snapshot, report) },
    { priority: 5, title: 'Current code of the files involved', text: codeSection(opts.codeContext ?? []) },
  ].filter((s) => s.text.trim());

  const truncated: string[] = [];
  const kept: string[] = [];
  for (const s of sections.sort((a, b) => a.priority - b.priority)) {
    const body = `## ${s.title}\n${redactor.redact(s.text)}`;
    if (budget <= 40) {
      truncated.push(`${s.title} (left out)`);
      continue;
    }
    const cut = truncateToTokens(body, budget);
    if (cut.truncated) truncated.push(`${s.title} (cut)`);
    kept.push(cut.text);
    budget -= estimateTokens(cut.text);
  }
  const user = `${kept.join('\n\n')}\n\nAnswer schema:\n${schemaText}`;
  const messages: ChatMessage[] = [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: user },
  ];
  return {
    messages,
    schema: LLM_ANSWER_SCHEMA,
    promptTokens: estimateTokens(SYSTEM) + estimateTokens(user),
    maxAnswerTokens,
    truncated,
    redactions: redactor.counts(),
  };
}
