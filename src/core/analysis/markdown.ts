// `analyze --format markdown`: a readable summary of the report for a ticket or a chat channel.
import type { LlmSection } from '../llm/llmAnalysis';
import type { Evidence, Report } from '../model/report';
import type { Snapshot } from '../model/snapshot';
import { shortSha } from './format';

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function renderReportMarkdown(report: Report, snapshot?: Snapshot): string {
  const refs = (ids: string[]) => (ids.length ? ` [${ids.join(', ')}]` : '');
  const L: string[] = [];
  const title = snapshot?.incident ? `${snapshot.incident.id}: ${snapshot.incident.title}` : report.incidentId ?? 'Incident';
  L.push(`# ${title}`, '');
  const rc = report.rootCause;
  L.push('## Root cause', '', `**${rc.category}** — confidence ${pct(rc.confidence)}${confidenceWord(rc.confidence)}`, '', `${rc.summary}${refs(rc.evidence)}`, '');
  if (report.localisation) L.push(`**Where:** ${report.localisation.dimension} = ${report.localisation.value}${refs(report.localisation.evidence)}`, '');
  if (report.recurrence) L.push(`**Recurs:** ${report.recurrence.pattern} (${report.recurrence.ticketIds.join(', ')})`, '');
  const imp = report.impact;
  if (imp) {
    const parts = [
      imp.durationMinutes !== undefined ? `${imp.durationMinutes} min${imp.ongoing ? ' (ongoing at end of data)' : ''}` : undefined,
      imp.regions?.length ? `regions ${imp.regions.join(', ')}` : undefined,
      imp.requestsAffected !== undefined ? `~${imp.requestsAffected.toLocaleString('en-US')} failed requests` : undefined,
      imp.errorBudgetUsed !== undefined ? `${pct(imp.errorBudgetUsed)} of the error budget` : undefined,
      imp.burnRates?.length ? `burn-rate alerts: ${imp.burnRates.join('; ')}` : undefined,
    ].filter(Boolean);
    if (parts.length) L.push(`**Impact:** ${parts.join(', ')}${refs(imp.evidence)}`, '');
  }
  L.push('## Suspects', '');
  if (!report.suspects.length) L.push('No deploy or commit is implicated.', '');
  else {
    for (const s of report.suspects) {
      const what = s.commit ? `  - commit \`${shortSha(s.commit)}\`` : `- deploy **${s.deployId}**`;
      const reasons = Array.isArray(s.reasons) && s.reasons.length ? ` — ${s.reasons.join('; ')}` : '';
      L.push(`${what} (score ${s.score.toFixed(2)})${reasons}${refs(s.evidence)}`);
    }
    L.push('');
  }
  L.push('## Hypotheses', '', '| category | verdict | confidence | statement |', '| --- | --- | --- | --- |');
  for (const h of report.hypotheses) L.push(`| ${h.category} | ${h.verdict} | ${pct(h.confidence)} | ${h.statement.replace(/\|/g, '\\|')}${refs(h.evidence)} |`);
  L.push('');
  L.push(...similarSection(report, refs));
  for (const horizon of ['immediate', 'long-term'] as const) {
    const acts = report.actions.filter((a) => a.horizon === horizon);
    L.push(`## Actions ${horizon === 'immediate' ? 'now' : 'later'}`, '');
    if (!acts.length) L.push('None proposed.');
    for (const a of acts) L.push(`- **${a.title}** (${a.kind})${a.detail ? ` — ${a.detail}` : ''}${refs(a.evidence)}`);
    L.push('');
  }
  const llm = (report as { llm?: LlmSection }).llm;
  if (llm) {
    L.push(`## Narrative from the model (${llm.model}) — not part of the deterministic analysis`, '');
    for (const c of llm.narrative) L.push(`- ${c.text}${refs(c.evidence)}`);
    for (const h of llm.hypotheses) L.push(`- _Hypothesis (model):_ ${h.category}, ${h.verdict} (${pct(h.confidence)}): ${h.statement}${refs(h.evidence)}`);
    for (const f of llm.fixes) L.push(`- _Proposed fix (model, review before applying):_ **${f.title}** ${f.detail}${refs(f.evidence)}`);
    if (llm.dropped.length) L.push(`- _${llm.dropped.length} model claim(s) dropped for missing or unknown evidence._`);
    L.push('');
  }
  L.push('## Evidence', '');
  for (const e of report.evidence) L.push(`- ${e.id} (${e.kind}${e.at ? `, ${e.at}` : ''}): ${e.summary.replace(/\n/g, ' ')}`);
  L.push('', '## Gaps', '');
  if (!report.gaps.length) L.push('None.');
  for (const g of report.gaps) L.push(`- ${g}`);
  return `${L.join('\n')}\n`;
}

/** Past incidents like this one and what fixed them: the first thing an on-call engineer asks. */
function similarSection(report: Report, refs: (ids: string[]) => string): string[] {
  const L = ['## Similar past incidents', ''];
  const byTicket = new Map<string, Evidence>();
  for (const e of report.evidence) {
    const id = e.kind === 'ticket' ? e.ref?.ticketId : undefined;
    if (id && !byTicket.has(id)) byTicket.set(id, e);
  }
  const similar = Array.isArray(report.similarIncidents) ? report.similarIncidents : [];
  for (const t of similar) {
    const ev = byTicket.get(t.ticketId);
    const ids = Array.isArray(t.evidence) && t.evidence.length ? t.evidence : ev ? [ev.id] : [];
    const opened = typeof t.openedAt === 'string' ? ` (${t.openedAt.slice(0, 10)})` : ev?.at ? ` (${ev.at.slice(0, 10)})` : '';
    const fix = t.resolution ? ` — fixed by: ${oneLine(t.resolution)}` : ' — no resolution recorded';
    const terms = t.matchedTerms.filter((m) => !m.startsWith('service:')).slice(0, 6);
    L.push(`- **${t.ticketId}** ${oneLine(t.title)}${opened}${fix} (similarity ${t.score.toFixed(2)}${terms.length ? `; shared: ${terms.join(', ')}` : ''})${refs(ids)}`);
  }
  // Reports written by other producers may record similar tickets as evidence only.
  if (!similar.length) {
    for (const e of byTicket.values()) if (/^Similar past incident/.test(e.summary)) L.push(`- ${oneLine(e.summary)} [${e.id}]`);
  }
  if (L.length === 2) L.push(report.gaps.some((g) => /no ticket history/.test(g)) ? 'Not checked: no ticket history.' : 'None found in the ticket history.');
  L.push('');
  return L;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

function confidenceWord(c: number): string {
  return c >= 0.6 ? ' (likely)' : c >= 0.35 ? ' (plausible, verify)' : ' (unsure)';
}
