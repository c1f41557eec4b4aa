// What the report implicates, flattened to files and hunks: the code lenses, gutter marks and the Suspects tree
// all read this. Pure (no vscode), so it is unit-tested directly.
import { changedRanges, parseHunks, type Hunk, type LineRange } from '../../core/diff';
import type { Evidence, Report, Suspect } from '../../core/model/report';
import type { Alarm, ChangedFile, Commit, Deploy, Snapshot } from '../../core/model/snapshot';

export interface SuspectHunk {
  hunk: Hunk;
  /** New-side line ranges (1-based) the hunk changed, in the commit's version of the file. */
  ranges: LineRange[];
}

export interface SuspectFileChange {
  /** 1-based rank of its deploy among the deploys report.suspects names. */
  rank: number;
  score: number;
  reasons: string[];
  evidence: Evidence[];
  deploy: Deploy;
  commit: Commit;
  file: ChangedFile;
  hunks: SuspectHunk[];
  /** The first alarm after the deploy, and how many minutes after it fired (negative: before the deploy). */
  alarm?: Alarm;
  minutesToAlarm?: number;
}

function firstAlarmAfter(snapshot: Snapshot, at: number): { alarm?: Alarm; minutes?: number } {
  const firing = (snapshot.alarms ?? []).filter((a) => a.state === 'ALARM' && Number.isFinite(Date.parse(a.at)));
  if (firing.length === 0 || !Number.isFinite(at)) return {};
  const sorted = [...firing].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const alarm = sorted.find((a) => Date.parse(a.at) >= at) ?? sorted[sorted.length - 1];
  return { alarm, minutes: Math.round((Date.parse(alarm.at) - at) / 60_000) };
}

/**
 * The suspect entry that implicates a commit: its own entry, or its deploy's when the report ranks the deploy whole.
 * The rank is the deploy's place among the distinct deploys the report names ("suspect #1" is the first deploy).
 */
function suspectFor(suspects: readonly Suspect[], deployId: string, sha: string): { s: Suspect; rank: number; reasons: string[] } | undefined {
  const deployOrder = [...new Set(suspects.map((s) => s.deployId))];
  const rank = deployOrder.indexOf(deployId) + 1;
  if (rank === 0) return undefined;
  const same = (c: string) => c.length >= 7 && (sha.startsWith(c) || c.startsWith(sha));
  const own = suspects.find((s) => s.deployId === deployId && s.commit && same(s.commit));
  const whole = suspects.find((s) => s.deployId === deployId && !s.commit);
  const perCommit = suspects.some((s) => s.deployId === deployId && s.commit);
  const s = own ?? (perCommit ? undefined : whole);
  if (!s) return undefined;
  const reasons = [...(s.reasons ?? []), ...(own && whole ? whole.reasons ?? [] : [])];
  return { s, rank, reasons: [...new Set(reasons)] };
}

/** Every file change the report's suspects point at, best rank first. */
export function suspectChanges(snapshot: Snapshot, report: Report | undefined): SuspectFileChange[] {
  if (!report) return [];
  const byId = new Map(report.evidence.map((e) => [e.id, e]));
  const out: SuspectFileChange[] = [];
  for (const deploy of snapshot.deploys ?? []) {
    const when = firstAlarmAfter(snapshot, Date.parse(deploy.at));
    for (const commit of deploy.commits ?? []) {
      const hit = suspectFor(report.suspects, deploy.id, commit.sha);
      if (!hit) continue;
      for (const file of commit.files ?? []) {
        if (file.status === 'deleted') continue;
        const hunks = parseHunks(file.patch ?? '').map((hunk) => ({ hunk, ranges: changedRanges(hunk) }))
          .filter((h) => h.ranges.length > 0);
        out.push({
          rank: hit.rank, score: hit.s.score, reasons: hit.reasons,
          evidence: hit.s.evidence.map((id) => byId.get(id)).filter((e): e is Evidence => !!e),
          deploy, commit, file, hunks, alarm: when.alarm, minutesToAlarm: when.minutes,
        });
      }
    }
  }
  return out.sort((a, b) => a.rank - b.rank);
}

/** Paths compared without leading "./" or "/" and with forward slashes. */
export function normalisePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.?\/+/, '');
}

/** The changes to one workspace-relative path. */
export function changesForPath(changes: readonly SuspectFileChange[], relPath: string): SuspectFileChange[] {
  const want = normalisePath(relPath);
  return changes.filter((c) => normalisePath(c.file.path) === want);
}

export function authorName(author: string | undefined): string {
  return (author ?? '').replace(/\s*<[^>]*>\s*$/, '').trim();
}
