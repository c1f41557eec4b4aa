// Validates what the model said against the report: a claim with no evidence, or citing an id the report does not
// have, is dropped and counted. Malformed or partial output never throws; it yields what could be kept.
import type { Report } from '../model/report';
import { CATEGORIES, VERDICTS, type LlmAnswer, type LlmClaim, type LlmFix, type LlmHypothesis } from './outputSchema';
import { PatchError } from './patchDiff';
import { checkedPatch, keptPatch } from './patchProposals';

export interface Dropped {
  section: 'narrative' | 'hypotheses' | 'fixes' | 'patches' | 'answer';
  reason: string;
}

export interface GroundedAnswer extends LlmAnswer {
  dropped: Dropped[];
}

/** Finds the JSON object in a reply that may carry code fences or prose around it. */
export function extractJson(reply: string): unknown {
  const text = reply.trim();
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const candidates = [text, fenced?.[1]];
  const first = text.indexOf('{');
  const last = text.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(text.slice(first, last + 1));
  for (const c of candidates) {
    if (!c) continue;
    try {
      return JSON.parse(c);
    } catch {
      // try the next shape
    }
  }
  return undefined;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

export function groundAnswer(reply: string, report: Report): GroundedAnswer {
  const known = new Set(report.evidence.map((e) => e.id));
  const dropped: Dropped[] = [];
  const out: GroundedAnswer = { narrative: [], hypotheses: [], fixes: [], patches: [], dropped };
  const parsed = extractJson(reply);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    dropped.push({ section: 'answer', reason: reply.trim() ? 'the reply was not a JSON object' : 'the reply was empty' });
    return out;
  }
  const obj = parsed as Record<string, unknown>;

  // Returns the cited ids when every one exists; records why otherwise.
  const cited = (section: Dropped['section'], label: string, ev: unknown): string[] | undefined => {
    const ids = Array.isArray(ev) ? ev.filter(isString) : [];
    if (ids.length === 0) {
      dropped.push({ section, reason: `"${label.slice(0, 60)}" cites no evidence` });
      return undefined;
    }
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length) {
      dropped.push({ section, reason: `"${label.slice(0, 60)}" cites unknown evidence ${unknown.join(', ')}` });
      return undefined;
    }
    return [...new Set(ids)];
  };
  const items = (section: Dropped['section'], v: unknown): Record<string, unknown>[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      dropped.push({ section, reason: `${section} is not a list` });
      return [];
    }
    return v.filter((x): x is Record<string, unknown> => {
      const ok = !!x && typeof x === 'object' && !Array.isArray(x);
      if (!ok) dropped.push({ section, reason: 'an item is not an object' });
      return ok;
    });
  };

  for (const c of items('narrative', obj.narrative)) {
    if (!isString(c.text)) {
      dropped.push({ section: 'narrative', reason: 'a sentence has no text' });
      continue;
    }
    const ev = cited('narrative', c.text, c.evidence);
    if (ev) out.narrative.push({ text: c.text.trim(), evidence: ev } satisfies LlmClaim);
  }
  for (const h of items('hypotheses', obj.hypotheses)) {
    const statement = h.statement;
    if (!isString(statement) || !CATEGORIES.includes(h.category as never) || !VERDICTS.includes(h.verdict as never)) {
      dropped.push({ section: 'hypotheses', reason: 'a hypothesis lacks a statement, a known category or a verdict' });
      continue;
    }
    const ev = cited('hypotheses', statement, h.evidence);
    const conf = typeof h.confidence === 'number' && Number.isFinite(h.confidence) ? Math.min(1, Math.max(0, h.confidence)) : 0.5;
    if (ev) out.hypotheses.push({ category: h.category, statement: statement.trim(), verdict: h.verdict, confidence: conf, evidence: ev } as LlmHypothesis);
  }
  for (const f of items('fixes', obj.fixes)) {
    if (!isString(f.title)) {
      dropped.push({ section: 'fixes', reason: 'a fix has no title' });
      continue;
    }
    const ev = cited('fixes', f.title, f.evidence);
    if (!ev) continue;
    const fix: LlmFix = { title: f.title.trim(), detail: isString(f.detail) ? f.detail.trim() : '', evidence: ev };
    if (isString(f.patch) && looksLikeUnifiedDiff(f.patch)) fix.patch = f.patch;
    else if (isString(f.patch)) dropped.push({ section: 'fixes', reason: `the patch of "${f.title.slice(0, 60)}" is not a unified diff; kept the fix without it` });
    out.fixes.push(fix);
  }
  for (const p of items('patches', obj.patches)) {
    if (!isString(p.file) || !isString(p.diff)) {
      dropped.push({ section: 'patches', reason: 'a patch has no file or no diff' });
      continue;
    }
    const ev = cited('patches', `patch for ${p.file.trim()}`, p.evidence);
    if (!ev) continue;
    try {
      out.patches.push(keptPatch(p.file, checkedPatch(p.file, p.diff), isString(p.rationale) ? p.rationale.trim() : '', ev));
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      dropped.push({ section: 'patches', reason: `the patch for ${p.file.trim().slice(0, 80)} is not applicable: ${e.message}` });
    }
  }
  return out;
}

export function looksLikeUnifiedDiff(patch: string): boolean {
  return /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@/m.test(patch) && /^(---|\+\+\+) /m.test(patch);
}
