// Snapshot (+ report) → what the timeline draws. Pure: no vscode, unit-tested. It only re-arranges what the
// snapshot holds; the report adds nothing but the suspect ranks shown in deploy labels.
import type { Report } from '../../core/model/report';
import type { Snapshot } from '../../core/model/snapshot';
import type { Level, MetricSeries, TimelineData, TimelineEvent } from '../../../webview-ui/shared/protocol';

const t = (iso: string | undefined): number => (iso ? Date.parse(iso) : NaN);

export function logLevel(message: string): Level {
  const head = message.slice(0, 120);
  if (/\b(ERROR|FATAL|CRITICAL|Exception|Traceback|panic)\b/.test(head)) return 'error';
  if (/\bWARN(ING)?\b/.test(head)) return 'warn';
  return 'info';
}

export function buildTimeline(snapshot: Snapshot, report?: Report): TimelineData {
  const events: TimelineEvent[] = [];
  const rank = new Map<string, number>();
  report?.suspects.forEach((s, i) => { if (!rank.has(s.deployId)) rank.set(s.deployId, i + 1); });

  for (const a of snapshot.alarms ?? []) {
    events.push({ lane: 'alarms', at: t(a.at), label: `${a.name} → ${a.state}`, detail: a.reason, source: 'cloudwatch',
      level: a.state === 'ALARM' ? 'error' : 'info', ref: { kind: 'alarm', id: a.id } });
  }
  for (const d of snapshot.deploys ?? []) {
    const r = rank.get(d.id);
    events.push({ lane: 'deploys', at: t(d.at), label: r ? `${d.id} · suspect #${r}` : d.id,
      detail: [d.environment, d.service, d.region, d.ref?.slice(0, 8)].filter(Boolean).join(' · '), source: d.environment ?? 'deploy',
      level: r === 1 ? 'error' : r ? 'warn' : 'info', ref: { kind: 'deploy', id: d.id } });
    for (const c of d.commits ?? []) {
      if (!c.at) continue;
      events.push({ lane: 'changes', at: t(c.at), label: c.message?.split('\n')[0] ?? c.sha.slice(0, 8),
        detail: `${c.sha.slice(0, 8)} ${c.author ?? ''}`.trim(), source: 'commits', level: 'info', ref: { kind: 'commit', deployId: d.id, sha: c.sha } });
    }
  }
  (snapshot.logs ?? []).forEach((l, index) => {
    events.push({ lane: 'logs', at: t(l.at), label: l.message.split('\n')[0].slice(0, 200), detail: l.stream, source: l.group,
      level: logLevel(l.message), ref: { kind: 'log', index } });
  });
  for (const tk of snapshot.tickets ?? []) {
    events.push({ lane: 'tickets', at: t(tk.openedAt), end: Number.isFinite(t(tk.resolvedAt)) ? t(tk.resolvedAt) : undefined,
      label: `${tk.id} ${tk.title}`, detail: tk.resolution, source: tk.source ?? 'tickets', level: 'info', ref: { kind: 'ticket', id: tk.id } });
  }
  for (const c of snapshot.changes ?? []) {
    events.push({ lane: 'changes', at: t(c.at), label: `${c.kind}: ${c.description ?? c.id}`, source: c.kind, level: 'warn', ref: { kind: 'change', id: c.id } });
  }

  const thresholds = new Map((snapshot.alarms ?? []).filter((a) => a.metricId && a.threshold !== undefined).map((a) => [a.metricId!, a.threshold!]));
  const metrics: MetricSeries[] = (snapshot.metrics ?? []).map((m) => ({
    id: m.id,
    label: `${m.name}${m.stat ? ` ${m.stat}` : ''} ${Object.values(m.dimensions ?? {}).join(' ')}`.trim(),
    source: m.namespace,
    unit: m.unit,
    points: m.points.map(([at, v]) => [t(at), v] as [number, number]).filter(([at, v]) => Number.isFinite(at) && Number.isFinite(v)).sort((a, b) => a[0] - b[0]),
    threshold: thresholds.get(m.id),
  }));

  const kept = events.filter((e) => Number.isFinite(e.at));
  const onset = t(snapshot.incident.startedAt);
  const times = [...kept.map((e) => e.at), ...metrics.flatMap((m) => m.points.length ? [m.points[0][0], m.points[m.points.length - 1][0]] : [])]
    .concat(Number.isFinite(onset) ? [onset] : []);
  // Old history (a ticket weeks ago) should not squash the incident: the default window is what is near the onset.
  const start = times.length ? Math.min(...times) : onset - 3_600_000;
  const end = times.length ? Math.max(...times) : onset + 3_600_000;
  const near = [...kept.filter((e) => e.lane === 'alarms' || e.lane === 'logs').map((e) => e.at),
    ...metrics.flatMap((m) => m.points.length ? [m.points[0][0], m.points[m.points.length - 1][0]] : [])];
  const fs = near.length ? Math.min(...near) : start;
  const fe = near.length ? Math.max(...near) : end;
  const pad = Math.max((fe - fs) * 0.05, 60_000);
  return {
    incidentId: snapshot.incident.id, title: snapshot.incident.title,
    onset: Number.isFinite(onset) ? onset : start,
    start, end: end > start ? end : start + 60_000,
    focusStart: fs - pad, focusEnd: fe + pad,
    events: kept.sort((a, b) => a.at - b.at),
    metrics,
  };
}
