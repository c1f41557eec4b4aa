// Impact section: how long, where, how many requests failed, how much error budget the incident used.
import type { Impact, SloImpact } from '../model/report';
import { sloImpact } from '../history';
import { affectedRegions, type AnalysisContext } from './context';
import { num } from './format';
import type { MetricFinding } from './metricFindings';
import { toSeries } from './changePoint';
import { toIso, toMs } from './time';

/** Latest point time over all series (NaN when one is unreadable, as Math.max makes it). */
function lastPoint(findings: MetricFinding[]): number {
  let last = -Infinity;
  for (const f of findings) {
    const pts = f.metric.points ?? [];
    const times = f.times;
    for (let i = 0; i < pts.length; i++) last = Math.max(last, times[i]);
  }
  return last;
}

/** Failed requests ≈ Σ count × error share, pairing an error-percentage series with a request-count series. */
function requestsAffected(ctx: AnalysisContext, end: number): { value: number; metricIds: string[] } | undefined {
  const errs = ctx.findings.filter((f) => f.kind === 'errors' && /percent/i.test(f.metric.unit ?? '') && f.evidenceId);
  for (const e of errs) {
    const dims = JSON.stringify(e.metric.dimensions ?? {});
    const count = ctx.findings.find((f) => f.kind === 'traffic' && f.metric.namespace === e.metric.namespace && JSON.stringify(f.metric.dimensions ?? {}) === dims);
    if (!count) continue;
    const es = toSeries(e.metric.points, e.times);
    const cs = toSeries(count.metric.points, count.times);
    const byTime = new Map(cs.t.map((t, i) => [t, cs.v[i]]));
    let total = 0;
    for (let i = 0; i < es.t.length; i++) {
      if (es.t[i] < ctx.onset || es.t[i] > end) continue;
      const c = byTime.get(es.t[i]);
      if (c !== undefined) total += (c * es.v[i]) / 100;
    }
    return { value: Math.round(total), metricIds: [e.metric.id, count.metric.id] };
  }
  // Error counts: the excess over the baseline level is the failed requests.
  const counts = ctx.findings.filter((f) => f.kind === 'errors' && f.evidenceId && f.shift!.direction === 'up' && /^count$/i.test(f.metric.unit ?? '') && /sum/i.test(f.metric.stat ?? 'Sum'));
  if (counts.length) {
    const f = counts[0];
    const es = toSeries(f.metric.points, f.times);
    let total = 0;
    for (let i = 0; i < es.t.length; i++) if (es.t[i] >= ctx.onset && es.t[i] <= end) total += Math.max(0, es.v[i] - f.shift!.before);
    return { value: Math.round(total), metricIds: [f.metric.id] };
  }
  return undefined;
}

export function assessImpact(ctx: AnalysisContext): { impact: Impact; slo: SloImpact[] } {
  const s = ctx.snapshot;
  const resolved = toMs(s.incident.resolvedAt);
  // The findings are the snapshot's metrics, one each, with their point times already read.
  const dataEnd = lastPoint(ctx.findings);
  const end = Number.isFinite(resolved) ? resolved : dataEnd;
  const impact: Impact = { start: toIso(ctx.onset), evidence: [] };
  if (Number.isFinite(end) && end > ctx.onset) {
    impact.end = toIso(end);
    impact.durationMinutes = Math.round((end - ctx.onset) / 60_000);
    if (!Number.isFinite(resolved)) impact.ongoing = true;
  }
  const regions = affectedRegions(ctx);
  if (regions.length) impact.regions = regions;
  const req = Number.isFinite(end) ? requestsAffected(ctx, end) : undefined;
  if (req) {
    impact.requestsAffected = req.value;
    impact.evidence.push(ctx.book.add('metric', `About ${num(req.value)} requests failed between the onset and ${toIso(end)} (from the error series)`, undefined, { metricIds: req.metricIds.join(',') }));
  }
  // Errors per minute before and after the onset over every event of a log group: the error volume in the logs.
  impact.evidence.push(...ctx.errorRates);
  let slo: SloImpact[] = [];
  if ((s.slos ?? []).length) {
    slo = sloImpact(s, Number.isFinite(end) ? { start: toIso(ctx.onset), end: toIso(end) } : undefined);
    const used = slo.map((x) => x.budgetConsumed).filter((x): x is number => typeof x === 'number');
    if (used.length) impact.errorBudgetUsed = Math.max(...used);
    const fired = slo.flatMap((x) => x.burnRates.filter((b) => b.fired).map((b) => `${x.name} ${b.longWindow}/${b.shortWindow} ≥ ${b.threshold}`));
    if (fired.length) impact.burnRates = fired;
    for (const x of slo) {
      if (typeof x.budgetConsumed !== 'number') continue;
      impact.evidence.push(ctx.book.add('slo', `SLO ${x.name} (${x.objective * 100}% over ${x.windowDays} days): the incident used ${num(x.budgetConsumed * 100)}% of the error budget` +
        `${x.burnRates.some((b) => b.fired) ? `; burn-rate alerts fired: ${x.burnRates.filter((b) => b.fired).map((b) => `${b.longWindow}/${b.shortWindow}`).join(', ')}` : ''}`));
    }
  }
  return { impact, slo };
}
