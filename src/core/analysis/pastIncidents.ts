// Recurrence and similar past incidents (src/core/history), turned into ticket evidence.
import type { Category, Recurrence } from '../model/report';
import type { Snapshot } from '../model/snapshot';
import { detectRecurrence, similarIncidents } from '../history';
import type { ClassifiedPattern } from './context';
import type { EvidenceBook } from './evidenceBook';

export interface PastIncidents {
  recurrence?: Recurrence;
  recurrenceEvidence?: string;
  similar: Array<{ evidenceId: string; ticketId: string; title: string; score: number; matchedTerms: string[]; resolution?: string; category?: Category }>;
}

const SIMILAR_MIN = 0.25;

/** The kind of cause a past fix implies, read from its resolution text. */
export function categoryOfFix(text: string): Category | undefined {
  if (/reschedul|batch|cron|\bjob\b|off-peak|replica for (the )?(batch|report)/i.test(text)) return 'schedule';
  if (/roll(ed)?[ -]?back|revert|hotfix|optimi[sz]|n\+1|fix(ed)? (the )?(query|code|bug|loop)|patch(ed)?/i.test(text)) return 'code-change';
  if (/feature flag|disabled? (the )?flag|config(uration)? (change|revert)|reverted (the )?config/i.test(text)) return 'config';
  if (/provider|vendor|upstream|third[- ]party|dependency|status page/i.test(text)) return 'dependency';
  if (/network|dns|route|security group|packet/i.test(text)) return 'network';
  if (/rate[- ]limit|traffic|surge|marketing|bot/i.test(text)) return 'traffic';
  if (/\brcu\b|\bwcu\b|capacity|scal(e|ed|ing)|instance (class|size)|autoscal|pool size|max_?connections|provisioned/i.test(text)) return 'capacity';
  return undefined;
}

/**
 * The words of an example that its template masked: the values a past ticket names (the provider, the error code,
 * the endpoint) and the template hides. The template's own words are not repeated, so they do not weigh twice.
 */
function maskedValues(template: string, example: string): string {
  const words = (s: string) => s.split(/[^A-Za-z0-9_]+/).filter((w) => w.length >= 3 && !/^\d+$/.test(w));
  const fixed = new Set(words(template).map((w) => w.toLowerCase()));
  return [...new Set(words(example.split('\n')[0].slice(0, 300)).filter((w) => !fixed.has(w.toLowerCase())))].slice(0, 8).join(' ');
}

export function pastIncidents(snapshot: Snapshot, spikes: ClassifiedPattern[], book: EvidenceBook): PastIncidents {
  const tickets = (snapshot.tickets ?? []).filter((t) => t.id !== snapshot.incident.id);
  const out: PastIncidents = { similar: [] };
  if (!tickets.length) return out;
  const recurrence = detectRecurrence(tickets, snapshot.incident);
  if (recurrence) {
    out.recurrence = recurrence;
    out.recurrenceEvidence = book.add('ticket', `The incident recurs: ${recurrence.pattern} (past occurrences: ${recurrence.ticketIds.join(', ')})`, undefined, { ticketIds: recurrence.ticketIds.join(',') });
  }
  const query = [snapshot.incident.title, ...spikes.slice(0, 3).flatMap((s) => [
    s.pattern.template.replace(/<\*>/g, ' ').split(/\s+/).slice(0, 12).join(' '),
    maskedValues(s.pattern.template, s.pattern.example),
  ])].join('\n');
  for (const hit of similarIncidents(tickets, { text: query, service: snapshot.incident.service }, 5)) {
    // Long queries spread the score thin: several shared content words also make a ticket similar.
    const shared = hit.matchedTerms.filter((t) => !t.startsWith('service:')).length;
    if (hit.score < SIMILAR_MIN && !(hit.score >= 0.06 && shared >= 3)) continue;
    const t = hit.ticket;
    const fix = hit.resolution ?? t.resolution;
    const id = book.add('ticket', `Similar past incident ${t.id} "${t.title}"${t.openedAt ? ` (${t.openedAt.slice(0, 10)})` : ''}${fix ? `, fixed by: ${fix}` : ''}`, t.openedAt, { ticketId: t.id });
    out.similar.push({ evidenceId: id, ticketId: t.id, title: t.title, score: hit.score, matchedTerms: hit.matchedTerms, resolution: fix, category: fix ? categoryOfFix(fix) : undefined });
  }
  return out;
}
