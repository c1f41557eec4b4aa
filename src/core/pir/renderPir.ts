// The post-incident review as markdown, in the shape of the Google SRE postmortem template: blameless, every claim
// tied to evidence in the report, "unknown (no data)" where the data is silent. Generated parts are fenced by
// markers (markers.ts) so mergePir can refresh them and keep what people wrote around them.
import type { LlmSection } from '../llm/llmAnalysis';
import { createRedactor, type Redactor } from '../llm/redact';
import type { Report } from '../model/report';
import type { Snapshot } from '../model/snapshot';
import { actionItems, gotLucky, questions, wentWell, wentWrong, type Finding } from './assessment';
import { gatherFacts, type PirFacts } from './facts';
import { anchor, cell, duration, line, NO_DATA, percent, scrub, sentence, utc } from './format';
import { block, isMarkerLine, manifest } from './markers';

export interface PirOptions {
  /** When the review is generated (shown in the header); omitted when absent so output is reproducible. */
  now?: string;
  /** Rows of the timeline table before it is cut (the full timeline is in the report). */
  maxTimelineRows?: number;
}

type Section = { name: string; heading?: string; body: string; after?: string };

function bullets(items: string[], empty: string): string {
  return items.length ? items.map((i) => `- ${i}`).join('\n') : `- ${empty}`;
}

function findings(f: PirFacts, list: Finding[], empty: string): string {
  return bullets(list.map((x) => `${line(x.text)}${x.evidence.some((e) => f.cite.has(e)) ? ` (${f.cite.cite(x.evidence)})` : ''}`), empty);
}

function header(f: PirFacts, opts: PirOptions): string {
  const i = f.snapshot.incident;
  const status = i.resolvedAt ? 'Resolved' : 'Open, or resolution time not recorded';
  const rows: Array<[string, string]> = [
    ['Incident', i.id],
    ['Status', `Draft review — incident ${status.toLowerCase()}`],
    ['Severity', i.severity ?? NO_DATA],
    ['Service', i.service ?? NO_DATA],
    ['Started', utc(i.startedAt)],
    ...(Date.parse(f.onset) !== Date.parse(i.startedAt) ? [['Onset (first symptom)', utc(f.onset)] as [string, string]] : []),
    ['Detected', utc(i.detectedAt)],
    ['Resolved', utc(i.resolvedAt)],
    ['Duration', f.durationMs !== undefined ? duration(f.durationMs) : NO_DATA],
  ];
  if (opts.now) rows.push(['Generated', `${utc(opts.now)} by Incident Lens`]);
  return [`# Post-incident review: ${line(i.title)}`, '', '| | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${cell(v)} |`)].join('\n');
}

function summary(f: PirFacts): string {
  const i = f.snapshot.incident;
  const rc = f.report.rootCause;
  const parts: string[] = [];
  parts.push(`${i.service ? `\`${i.service}\`: ` : ''}${line(i.title)}, from ${utc(f.onset)}${i.resolvedAt ? ` to ${utc(i.resolvedAt)} (${duration(f.durationMs ?? 0)})` : ' (end not recorded)'}.`);
  if (rc && rc.category !== 'unknown') {
    parts.push(`Root cause (${rc.category}, confidence ${percent(rc.confidence, 0)}): ${line(rc.summary)} ${f.cite.cite(rc.evidence) !== '—' ? `(${f.cite.cite(rc.evidence)})` : ''}`.trim());
  } else parts.push(rc?.summary ? `Root cause: ${NO_DATA} — the analysis says: ${sentence(rc.summary)}` : `Root cause: ${NO_DATA}.`);
  const burned = f.slo.filter((s) => s.budgetConsumed !== undefined);
  if (burned.length) parts.push(`Error budget used: ${burned.map((s) => `${percent(s.budgetConsumed as number)} of “${line(s.name)}”`).join(', ')}.`);
  if (f.recurrence) parts.push(`It recurs: ${f.recurrence.pattern}.`);
  return parts.join('\n\n');
}

function impact(f: PirFacts): string {
  const rows: string[] = [];
  rows.push(`- **Duration:** ${f.durationMs !== undefined ? duration(f.durationMs) : `${NO_DATA}: no resolution time`}`);
  rows.push(`- **Regions:** ${f.regions.length ? f.regions.map((r) => `\`${r}\``).join(', ') : NO_DATA}`);
  const counted = f.slo.filter((s) => s.badEvents !== undefined);
  const fromReport = f.report.impact?.requestsAffected;
  rows.push(`- **Requests affected:** ${typeof fromReport === 'number'
    ? `about ${Math.round(fromReport).toLocaleString('en-US')} failed (error ratio × request count) ${f.cite.cite(f.report.impact?.evidence)}`.trimEnd()
    : counted.length
    ? counted.map((s) => `${Math.round(s.badEvents as number).toLocaleString('en-US')} of ${Math.round(s.totalEvents ?? 0).toLocaleString('en-US')} failed for “${line(s.name)}”${s.badEventsEstimated ? ' (estimated from the error ratio and the request count)' : ''}`).join('; ')
    : NO_DATA}`);
  rows.push(`- **Users affected:** ${NO_DATA}`);
  if (!f.slo.length) rows.push(`- **Error budget used:** ${NO_DATA}: the snapshot has no SLO targets`);
  for (const s of f.slo) {
    const used = s.budgetConsumed !== undefined
      ? `${percent(s.budgetConsumed)} of the ${s.windowDays}-day error budget (objective ${percent(s.objective, 2)}; error ratio ${percent(s.errorRatio ?? 0)} over ${s.window ? `${utc(s.window.start)} – ${utc(s.window.end)}` : 'the incident'})`
      : `${NO_DATA}${s.gaps.length ? `: ${line(s.gaps[0])}` : ''}`;
    rows.push(`- **Error budget used, “${line(s.name)}”:** ${used}`);
  }
  const notes = [...new Set(f.slo.flatMap((s) => s.notes))];
  if (notes.length) rows.push('', `_How the SLO figures were read: ${notes.map(line).join('; ')}._`);
  return rows.join('\n');
}

function detection(f: PirFacts): string {
  const i = f.snapshot.incident;
  const rows: string[] = [];
  rows.push(`- **Onset:** ${utc(f.onset)}${Date.parse(f.onset) !== Date.parse(i.startedAt) ? ` (first symptom shift found by the analysis; recorded start ${utc(i.startedAt)})` : ''}`);
  rows.push(`- **Detected:** ${i.detectedAt ? `${utc(i.detectedAt)}${f.ttdMs !== undefined ? ` — time to detect ${duration(f.ttdMs)}` : ''}` : `${NO_DATA}: no detection time in the snapshot`}`);
  if (f.firstAlarm) {
    const ev = f.cite.find('alarm', f.firstAlarm.id, f.firstAlarm.name).map((e) => e.id);
    rows.push(`- **How:** alarm \`${f.firstAlarm.name}\` went to ALARM at ${utc(f.firstAlarm.at)}${f.firstAlarmDelayMs !== undefined ? ` (${duration(f.firstAlarmDelayMs)} after onset)` : ''}${f.firstAlarm.reason ? `: ${line(f.firstAlarm.reason)}` : ''}${ev.length ? ` (${f.cite.cite(ev)})` : ''}`);
  } else rows.push(`- **How:** ${NO_DATA}: no alarm in ALARM state in the snapshot`);
  for (const s of f.slo) {
    for (const b of s.burnRates) {
      const what = `${b.longWindow}/${b.shortWindow} burn rate (> ${b.threshold}, ${b.severity})`;
      if (!b.computed) rows.push(`- **SLO “${line(s.name)}”, ${what}:** not computed — ${line(b.reason ?? 'no data')}`);
      else if (b.fired) rows.push(`- **SLO “${line(s.name)}”, ${what}:** condition met at ${utc(b.firstFiredAt)} (peak ${b.peakLong} over ${b.longWindow}, ${b.peakShort} over ${b.shortWindow})`);
      else rows.push(`- **SLO “${line(s.name)}”, ${what}:** not met (peak ${b.peakLong} over ${b.longWindow}, ${b.peakShort} over ${b.shortWindow})`);
    }
  }
  return rows.join('\n');
}

function timeline(f: PirFacts, max: number): string {
  const i = f.snapshot.incident;
  type Row = { at: string; what: string; ev: string };
  const rows: Row[] = (f.report.timeline ?? []).map((t) => ({ at: t.at, what: `${t.kind}: ${t.summary}`, ev: f.cite.cite([t.evidence]) }));
  // The incident's own times, unless the report's timeline already has them.
  const has = (at: string, kind: RegExp) => (f.report.timeline ?? []).some((t) => kind.test(t.kind) && Date.parse(t.at) === Date.parse(at));
  const mark = (at: string | undefined, kind: RegExp, what: string) => at && !has(at, kind) && rows.push({ at, what, ev: '—' });
  mark(i.startedAt, /onset|start/, 'incident start recorded');
  mark(i.detectedAt, /detect/, 'incident detected');
  mark(i.resolvedAt, /resolv/, 'incident resolved');
  rows.sort((a, b) => (Date.parse(a.at) || 0) - (Date.parse(b.at) || 0));
  const shown = rows.slice(0, max);
  const table = ['| Time (UTC) | Event | Evidence |', '| --- | --- | --- |', ...shown.map((r) => `| ${cell(utc(r.at).replace(' UTC', ''))} | ${cell(r.what)} | ${r.ev} |`)];
  if (rows.length > max) table.push('', `_${rows.length - max} more entries in the analysis report._`);
  return table.join('\n');
}

function rootCause(f: PirFacts): string {
  const rc = f.report.rootCause;
  const out: string[] = [];
  if (!rc || rc.category === 'unknown') out.push(`**Root cause:** ${NO_DATA}${rc?.summary ? ` — ${line(rc.summary)}` : ''}`);
  else out.push(`**Root cause** (${rc.category}, confidence ${percent(rc.confidence, 0)}): ${line(rc.summary)}`);
  if (f.suspect) {
    const d = f.suspectDeploy;
    const lead = d ? Date.parse(f.onset) - Date.parse(d.at) : NaN;
    const when = d && Number.isFinite(lead) ? ` at ${utc(d.at)}, ${duration(Math.abs(lead))} ${lead >= 0 ? 'before' : 'after'} onset` : '';
    out.push(`**Trigger:** deploy \`${f.suspect.deployId}\`${f.suspect.commit ? `, commit \`${f.suspect.commit.slice(0, 12)}\`` : ''}${when} (suspect score ${f.suspect.score.toFixed(2)}) ${f.cite.cite(f.suspect.evidence)}`);
  } else out.push(`**Trigger:** ${NO_DATA}: the analysis implicates no deploy or change`);
  out.splice(1, 0, '');
  const ev = (rc?.evidence ?? []).filter((id) => f.cite.has(id));
  if (ev.length) {
    out.push('', '**Evidence:**', ...ev.map((id) => {
      const e = f.cite.get(id)!;
      return `- ${f.cite.cite([id])} — ${e.kind}${e.at ? `, ${utc(e.at)}` : ''}: ${line(e.summary)}`;
    }));
  }
  const hyps = f.report.hypotheses ?? [];
  if (hyps.length) {
    out.push('', '**Hypotheses tested:**', '', '| Hypothesis | Category | Verdict | Confidence | Evidence |', '| --- | --- | --- | --- | --- |',
      ...hyps.map((h) => `| ${cell(h.statement)} | ${h.category} | ${h.verdict} | ${percent(h.confidence, 0)} | ${f.cite.cite(h.evidence)} |`));
  }
  const loc = f.report.localisation;
  if (loc) out.push('', `**Where:** the anomaly is concentrated in ${cell(loc.dimension)} = \`${loc.value}\` ${f.cite.cite(loc.evidence)}`);
  if (f.recurrence) {
    const r = f.recurrence;
    out.push('', `**Recurrence:** ${r.pattern}; ${r.occurrences ?? r.ticketIds.length + 1} occurrences including this one (tickets ${r.ticketIds.join(', ') || '—'})${r.nextExpected ? `; next expected ${utc(r.nextExpected)}` : ''}${typeof r.pValue === 'number' ? ` (chance alignment p = ${r.pValue})` : ''}.`);
  }
  return out.join('\n');
}

function resolution(f: PirFacts): string {
  const i = f.snapshot.incident;
  const out: string[] = [];
  out.push(i.resolvedAt ? `Resolved at ${utc(i.resolvedAt)}, ${duration(f.durationMs ?? 0)} after onset.` : `Resolution time: ${NO_DATA}.`);
  const how = typeof i.resolution === 'string' ? i.resolution : undefined;
  out.push('', `**What resolved it:** ${how ? line(how) : `${NO_DATA}: the snapshot does not say; record the mitigation here`}`);
  const now = (f.report.actions ?? []).filter((a) => a.horizon === 'immediate');
  if (now.length) out.push('', '**Immediate actions the analysis recommends:**', ...now.map((a) => `- ${line(a.title)}${a.detail ? ` — ${line(a.detail)}` : ''} ${f.cite.cite(a.evidence)}`.trimEnd()));
  if (f.similar.length) {
    out.push('', '**Similar past incidents and what fixed them:**', '', '| Ticket | Title | Similarity | Fix |', '| --- | --- | --- | --- |',
      ...f.similar.map((s) => `| ${cell(s.ticketId)} | ${cell(s.title)} | ${s.score.toFixed(2)} | ${cell(s.resolution ?? NO_DATA)} |`));
  }
  return out.join('\n');
}

function actions(f: PirFacts): string {
  const items = actionItems(f);
  if (!items.length) return `No action items derived from the data. Add them here: | action | mitigate/prevent | P0–P2 | @owner |`;
  return ['| Action | Type | Priority | Owner | Evidence |', '| --- | --- | --- | --- | --- |',
    ...items.map((a) => `| ${cell(a.action)} | ${a.type} | ${a.priority} | @owner | ${f.cite.cite(a.evidence)} |`)].join('\n');
}

function appendix(f: PirFacts): string {
  const ev = f.report.evidence ?? [];
  const out: string[] = [];
  if (ev.length) {
    out.push('| Id | Kind | Time (UTC) | What it is | Source |', '| --- | --- | --- | --- | --- |',
      ...ev.map((e) => `| <a id="${anchor(e.id)}"></a>${cell(e.id)} | ${e.kind} | ${e.at ? cell(utc(e.at).replace(' UTC', '')) : '—'} | ${cell(e.summary)} | ${cell(Object.entries(e.ref ?? {}).map(([k, v]) => `${k}=${v}`).join(', '))} |`));
  } else out.push(`No evidence in the report: ${NO_DATA}.`);
  out.push('', '**Gaps in the data:**', '', bullets(f.gaps.map(line), 'none reported'));
  return out.join('\n');
}

/**
 * The patches the model proposed and grounding kept. report.llm holds them with secrets restored (for applying);
 * a review document gets committed and shared, so its copy masks them again. Not applied by anyone: applying is the
 * "Review and Apply Model Patch" command's job.
 */
function modelPatches(llm: LlmSection, cite: (ids: string[]) => string, mask: Redactor): string[] {
  const patches = llm.patches ?? [];
  if (!patches.length) return [];
  const out = ['', `**Proposed fixes (from the model, not applied):** ${patches.length} patch(es); review and apply them with "Review and Apply Model Patch". Secrets are masked here and e-mail addresses replaced by (author).`];
  patches.forEach((p, i) => {
    const files = p.files.length ? p.files : [p.file];
    out.push('', `${i + 1}. ${files.map((f) => `\`${line(f)}\``).join(', ')}${p.rationale ? ` — ${line(mask.redact(p.rationale))}` : ''} (${cite(p.evidence) || 'no known evidence'})`);
    const diff = mask.redact(scrub(p.diff)).replace(/\n+$/, '');
    // A diff line that looks like a section marker would cut the generated block short on the next merge.
    if (diff.split('\n').some(isMarkerLine)) {
      out.push('', '   The diff is not shown here: it contains a line that reads as an Incident Lens section marker. It is in the analysis report (report.llm.patches).');
      return;
    }
    // The fence is longer than any run of backticks inside, so the diff cannot close it.
    const fence = '`'.repeat(Math.max(3, ...(diff.match(/`+/g) ?? []).map((r) => r.length + 1)));
    out.push('', `${fence}diff`, diff, fence);
  });
  return out;
}

/** The optional LLM narrative, marked as the model's so nobody mistakes it for the analysis. */
function modelNarrative(report: Report): Section[] {
  const llm = (report as { llm?: LlmSection }).llm;
  if (!llm) return [];
  const known = new Set(report.evidence.map((e) => e.id));
  const cite = (ids: string[]) => ids.filter((id) => known.has(id)).map((id) => `[${id}](#${anchor(id)})`).join(', ');
  // The model's text comes back with secrets restored (for reading locally); a review gets committed and shared, and
  // one line each keeps a stray marker-like line from cutting the generated block.
  const mask = createRedactor({ emails: false, ips: false });
  const text = (t: string) => line(mask.redact(t));
  const claims = [
    ...llm.narrative.map((c) => `- ${text(c.text)} (${cite(c.evidence)})`),
    ...llm.hypotheses.map((h) => `- Hypothesis: ${h.category}, ${h.verdict}: ${text(h.statement)} (${cite(h.evidence)})`),
    ...llm.fixes.map((x) => `- Proposed fix: ${text(x.title)}. ${text(x.detail)} (${cite(x.evidence)})`),
  ];
  const body = [
    `> Written by the model \`${llm.model}\` on ${utc(llm.generatedAt)} from the evidence above; not part of the deterministic analysis. Every line cites evidence; ${llm.dropped.length} uncited claim(s) were dropped.`,
    '',
    claims.length ? claims.join('\n') : '- The model made no claim backed by evidence.',
    ...modelPatches(llm, cite, mask),
  ].join('\n');
  return [{ name: 'model-narrative', heading: 'Narrative from the model (LLM)', body }];
}

function sections(f: PirFacts, opts: PirOptions): Section[] {
  return [
    { name: 'header', body: header(f, opts), after: '_Blameless review: it describes what systems and processes did, not who is at fault. Text outside the `incident-lens` markers is kept when the review is regenerated; text inside them is replaced._' },
    { name: 'summary', heading: 'Summary', body: summary(f) },
    { name: 'impact', heading: 'Impact', body: impact(f) },
    { name: 'detection', heading: 'Detection', body: detection(f) },
    { name: 'timeline', heading: 'Timeline', body: timeline(f, opts.maxTimelineRows ?? 60) },
    { name: 'root-cause', heading: 'Root cause and trigger', body: rootCause(f) },
    ...modelNarrative(f.report),
    { name: 'resolution', heading: 'Resolution and recovery', body: resolution(f) },
    { name: 'went-well', heading: 'What went well', body: findings(f, wentWell(f), `${NO_DATA}: nothing in the data shows it; add what you know`) },
    { name: 'went-wrong', heading: 'What went wrong', body: findings(f, wentWrong(f), `${NO_DATA}: nothing in the data shows it; add what you know`) },
    { name: 'lucky', heading: 'Where we got lucky', body: findings(f, gotLucky(f), `${NO_DATA}: nothing in the data shows it; add what you know`) },
    { name: 'action-items', heading: 'Action items', body: actions(f) },
    { name: 'lessons', heading: 'Lessons learned', body: `Questions the data raises:\n\n${bullets(questions(f), 'none derived from the data')}`, after: '_Write the lessons the team draws here._' },
    { name: 'appendix', heading: 'Appendix: evidence', body: appendix(f) },
  ];
}

export function renderPir(snapshot: Snapshot, report: Report, opts: PirOptions = {}): string {
  const list = sections(gatherFacts(snapshot, report), opts);
  const parts = [manifest(list.map((s) => s.name))];
  for (const s of list) {
    if (s.heading) parts.push(`## ${s.heading}`);
    parts.push(block(s.name, s.body));
    if (s.after) parts.push(s.after);
  }
  return `${parts.join('\n\n')}\n`;
}
