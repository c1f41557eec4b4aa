// What went well, what went wrong, where we got lucky, derived action items and questions for the lessons —
// each from a fact in the snapshot or the report, with the evidence behind it. No fact, no statement.
import type { PirFacts } from './facts';
import { FAST_DETECTION_MS, SLOW_DETECTION_MS } from './facts';
import { duration, percent } from './format';

export interface Finding {
  text: string;
  evidence: string[];
}

export interface ActionItem {
  action: string;
  type: 'mitigate' | 'prevent';
  priority: 'P0' | 'P1' | 'P2';
  evidence: string[];
}

function alarmEvidence(f: PirFacts): string[] {
  return f.firstAlarm ? f.cite.find('alarm', f.firstAlarm.id, f.firstAlarm.name).map((e) => e.id) : [];
}

function suspectEvidence(f: PirFacts): string[] {
  return f.suspect?.evidence ?? [];
}

export function wentWell(f: PirFacts): Finding[] {
  const out: Finding[] = [];
  if (f.ttdMs !== undefined && f.ttdMs >= 0 && f.ttdMs <= FAST_DETECTION_MS) {
    out.push({ text: `Detected ${duration(f.ttdMs)} after onset.`, evidence: alarmEvidence(f) });
  }
  if (f.firstAlarm && f.firstAlarmDelayMs !== undefined && f.firstAlarmDelayMs <= FAST_DETECTION_MS) {
    out.push({ text: `Alarm \`${f.firstAlarm.name}\` fired ${duration(Math.max(0, f.firstAlarmDelayMs))} after onset.`, evidence: alarmEvidence(f) });
  }
  const rc = f.report.rootCause;
  if (rc && rc.category !== 'unknown' && rc.confidence >= 0.7) {
    out.push({ text: `The evidence points at one cause (${rc.category}, confidence ${percent(rc.confidence, 0)}).`, evidence: rc.evidence });
  }
  if (f.suspectDeploy?.previousRef) {
    out.push({ text: `A rollback target existed: deploy \`${f.suspectDeploy.id}\` replaced \`${f.suspectDeploy.previousRef.slice(0, 12)}\`.`, evidence: suspectEvidence(f) });
  }
  const fixes = new Set<string>();
  const fixed = f.similar.filter((s) => s.resolution && !fixes.has(s.resolution) && !!fixes.add(s.resolution));
  if (fixed.length) {
    out.push({ text: `A fix for a similar symptom was on record: ${fixed.slice(0, 3).map((s) => `${s.ticketId} (“${s.resolution}”)`).join('; ')}.`, evidence: ticketEvidence(f, fixed.map((s) => s.ticketId)) });
  }
  for (const s of f.slo) {
    const fast = s.burnRates.find((b) => b.computed && b.fired && b.severity === 'page');
    const since = fast?.firstFiredAt ? Date.parse(fast.firstFiredAt) - Date.parse(f.onset) : undefined;
    if (fast && since !== undefined && since <= FAST_DETECTION_MS) {
      out.push({ text: `The ${fast.longWindow}/${fast.shortWindow} burn-rate condition for SLO “${s.name}” was met ${duration(Math.max(0, since))} after onset: a burn-rate alert would page quickly.`, evidence: [] });
    }
  }
  return out;
}

function ticketEvidence(f: PirFacts, ticketIds: string[]): string[] {
  return f.cite.find('ticket', ...ticketIds).map((e) => e.id);
}

function recurrenceEvidence(f: PirFacts): string[] {
  const own = f.recurrence?.evidence;
  const ids = Array.isArray(own) ? own.filter((x): x is string => typeof x === 'string') : [];
  return [...ids, ...ticketEvidence(f, f.recurrence?.ticketIds ?? [])];
}

export function wentWrong(f: PirFacts): Finding[] {
  const out: Finding[] = [];
  if (f.ttdMs !== undefined && f.ttdMs > FAST_DETECTION_MS) {
    out.push({ text: `Detection took ${duration(f.ttdMs)} from onset${f.ttdMs > SLOW_DETECTION_MS ? ', more than 15 minutes' : ''}.`, evidence: alarmEvidence(f) });
  }
  if (!f.firstAlarm) out.push({ text: 'No alarm in the snapshot went to ALARM for this incident.', evidence: [] });
  for (const u of f.unalarmed) {
    out.push({ text: `Metric \`${u.metric.namespace} ${u.metric.name}\` (${u.metric.id}) moved during the incident but no alarm watches it.`, evidence: u.evidence });
  }
  if (f.suspectDeploy) {
    const lead = Date.parse(f.onset) - Date.parse(f.suspectDeploy.at);
    const alarmsBetween = (f.snapshot.alarms ?? []).some((a) => a.state === 'ALARM' && Date.parse(a.at) >= Date.parse(f.suspectDeploy!.at) && Date.parse(a.at) < Date.parse(f.onset));
    if (Number.isFinite(lead) && lead >= 0 && !alarmsBetween) {
      out.push({ text: `Deploy \`${f.suspectDeploy.id}\` reached ${f.suspectDeploy.environment ?? 'its environment'} ${duration(lead)} before onset; no alarm fired in between.`, evidence: suspectEvidence(f) });
    }
  }
  if (f.recurrence) {
    out.push({ text: `This incident repeats a known schedule (${f.recurrence.pattern}); it happened before: ${f.recurrence.ticketIds.join(', ') || 'see history'}.`, evidence: recurrenceEvidence(f) });
  } else {
    const seen = f.similar.filter((s) => s.score >= 0.4);
    if (seen.length) out.push({ text: `The same symptom was reported before: ${seen.map((s) => s.ticketId).join(', ')}.`, evidence: ticketEvidence(f, seen.map((s) => s.ticketId)) });
  }
  for (const s of f.slo) {
    if (s.budgetConsumed !== undefined && s.budgetConsumed >= 0.1) {
      out.push({ text: `SLO “${s.name}” lost ${percent(s.budgetConsumed)} of its ${s.windowDays}-day error budget${s.budgetConsumed >= 1 ? ': the budget is exhausted' : ''}.`, evidence: [] });
    }
  }
  const rc = f.report.rootCause;
  if (!rc || rc.category === 'unknown' || rc.confidence < 0.5) out.push({ text: 'The root cause is not established with confidence from the data.', evidence: rc?.evidence ?? [] });
  if (f.gaps.length) out.push({ text: `The analysis could not read everything: ${f.gaps.length} gap${f.gaps.length > 1 ? 's' : ''} (see the appendix).`, evidence: [] });
  return out;
}

export function gotLucky(f: PirFacts): Finding[] {
  const out: Finding[] = [];
  const loc = f.report.localisation;
  if (loc) out.push({ text: `The anomaly stayed in one ${loc.dimension} (${loc.value}); other values were not affected.`, evidence: loc.evidence });
  else if (f.regions.length === 1) out.push({ text: `Only one region (${f.regions[0]}) shows the impact in the data.`, evidence: [] });
  for (const s of f.slo) {
    if (s.budgetConsumed !== undefined && s.budgetConsumed < 1 && s.budgetConsumed >= 0.1) {
      out.push({ text: `SLO “${s.name}” kept ${percent(1 - s.budgetConsumed)} of its error budget.`, evidence: [] });
    }
  }
  return out;
}

export function actionItems(f: PirFacts): ActionItem[] {
  const severe = ['critical', 'high'].includes(f.snapshot.incident.severity ?? '');
  const rootEvidence = new Set(f.report.rootCause?.evidence ?? []);
  const out: ActionItem[] = (f.report.actions ?? []).map((a) => ({
    action: a.detail ? `${a.title} — ${a.detail}` : a.title,
    type: a.horizon === 'immediate' ? 'mitigate' : 'prevent',
    priority: a.horizon === 'immediate' ? (severe ? 'P0' : 'P1') : a.evidence.some((e) => rootEvidence.has(e)) ? 'P1' : 'P2',
    evidence: a.evidence,
  }));
  for (const u of f.unalarmed) {
    out.push({ action: `Add an alarm on ${u.metric.namespace} ${u.metric.name} (${u.metric.id})`, type: 'prevent', priority: 'P2', evidence: u.evidence });
  }
  for (const name of f.sloUnalarmed) {
    if (f.slo.some((s) => s.name === name && s.burnRates.some((b) => b.computed))) {
      out.push({ action: `Alert on multi-window burn rate for SLO “${name}” (1h/5m > 14.4 and 6h/30m > 6 page)`, type: 'prevent', priority: 'P2', evidence: [] });
    }
  }
  if (f.recurrence) {
    const next = f.recurrence.nextExpected ? ` before the next expected occurrence (${f.recurrence.nextExpected})` : '';
    out.push({ action: `Remove the trigger of the recurring incident (${f.recurrence.pattern})${next}`, type: 'prevent', priority: 'P1', evidence: recurrenceEvidence(f) });
  }
  const seen = new Set<string>();
  const rank = { P0: 0, P1: 1, P2: 2 };
  return out.filter((a) => !seen.has(a.action) && !!seen.add(a.action)).sort((a, b) => rank[a.priority] - rank[b.priority]);
}

/** Questions the facts raise, for the team to answer in its own words. */
export function questions(f: PirFacts): string[] {
  const out: string[] = [];
  if (f.suspectDeploy) out.push(`What would have caught the change in \`${f.suspectDeploy.id}\` before production (tests, canary, load test)?`);
  if (f.recurrence) out.push('Why did the fixes of the earlier occurrences not prevent this one?');
  else if (f.similar.some((s) => s.score >= 0.4)) out.push('Why did the earlier incidents with this symptom not lead to a lasting fix?');
  if (f.ttdMs !== undefined && f.ttdMs > FAST_DETECTION_MS) out.push('What would have detected this sooner?');
  if (f.unalarmed.length) out.push('Which of the signals that moved should page, and which should only inform?');
  if (f.gaps.length) out.push('Which missing data would have made the diagnosis faster?');
  return out;
}
