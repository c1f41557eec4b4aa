// SLO impact: error budget an incident used and multi-window burn rates (Google SRE workbook, "Alerting on SLOs").
// Burn rate = error ratio over a window / (1 - objective). Thresholds follow the workbook's budget shares
// (2 % in 1 h, 5 % in 6 h, 10 % in 1 d and 3 d), which for a 30-day window are 14.4, 6, 3 and 1.
import type { BurnRateCheck, SloImpact } from '../model/report';
import type { Metric, SloTarget, Snapshot } from '../model/snapshot';
import { isoMs as parseTime } from '../logs';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;

interface WindowPair {
  long: number;
  short: number;
  budgetShare: number;
  severity: 'page' | 'ticket';
}

const PAIRS: WindowPair[] = [
  { long: H, short: 5 * MIN, budgetShare: 0.02, severity: 'page' },
  { long: 6 * H, short: 30 * MIN, budgetShare: 0.05, severity: 'page' },
  { long: DAY, short: 2 * H, budgetShare: 0.1, severity: 'ticket' },
  { long: 3 * DAY, short: 6 * H, budgetShare: 0.1, severity: 'ticket' },
];

/** One period of the SLO series: bad and total events (a ratio series counts each period as one event). */
interface Sample {
  t: number;
  bad: number;
  total: number;
}

function label(ms: number): string {
  if (ms % DAY === 0) return `${ms / DAY}d`;
  if (ms % H === 0 || ms < H) return ms < H ? `${Math.round(ms / MIN)}m` : `${ms / H}h`;
  return `${Math.floor(ms / H)}h${Math.round((ms % H) / MIN)}m`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function round(x: number, digits = 4): number {
  return Number(x.toPrecision(digits));
}

function points(m: Metric): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let sorted = true;
  for (const p of m.points ?? []) {
    const t = parseTime(p[0]);
    const v = p[1];
    if (!Number.isFinite(t) || !Number.isFinite(v)) continue;
    if (out.length && t < out[out.length - 1][0]) sorted = false;
    out.push([t, v]);
  }
  return sorted ? out : out.sort((a, b) => a[0] - b[0]);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}

const isPercent = (m: Metric) => /^percent$/i.test(m.unit ?? '');

/** Request-count series beside a ratio series (same namespace and dimensions), to turn the ratio into requests. */
function companionCount(metrics: Metric[], ratio: Metric): Metric | undefined {
  const dims = JSON.stringify(Object.entries(ratio.dimensions ?? {}).sort());
  return metrics.find((m) => m !== ratio && m.namespace === ratio.namespace && JSON.stringify(Object.entries(m.dimensions ?? {}).sort()) === dims &&
    /^count$/i.test(m.unit ?? '') && /^sum$/i.test(m.stat ?? '') && /^(count|requestcount|requests|invocations)$/i.test(m.name));
}

interface Series {
  source: SloImpact['source'];
  samples: Sample[];
  notes: string[];
  gaps: string[];
  count?: Metric;
}

function seriesFor(slo: SloTarget, metrics: Metric[]): Series {
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const notes: string[] = [];
  const gaps: string[] = [];
  if (slo.badMetricId && slo.totalMetricId) {
    const bad = byId.get(slo.badMetricId);
    const total = byId.get(slo.totalMetricId);
    if (bad && total) {
      const totals = new Map(points(total));
      const samples = points(bad).filter(([t]) => totals.has(t)).map(([t, b]) => ({ t, bad: b, total: totals.get(t) as number }));
      if (samples.length) return { source: 'bad/total', samples, notes, gaps };
      gaps.push(`SLO "${slo.name}": series ${slo.badMetricId} and ${slo.totalMetricId} share no timestamps`);
    } else gaps.push(`SLO "${slo.name}": metric ${!bad ? slo.badMetricId : slo.totalMetricId} is not in the snapshot`);
  }
  if (slo.ratioMetricId) {
    const m = byId.get(slo.ratioMetricId);
    if (!m) {
      gaps.push(`SLO "${slo.name}": metric ${slo.ratioMetricId} is not in the snapshot`);
      return { source: 'none', samples: [], notes, gaps };
    }
    const pts = points(m);
    let scale = isPercent(m) ? 100 : 1;
    if (scale === 1 && pts.some(([, v]) => v > 1)) {
      scale = 100;
      notes.push(`${m.id} has values above 1 without unit Percent: read as percent`);
    }
    let fr = pts.map(([t, v]) => [t, Math.min(1, Math.max(0, v / scale))] as [number, number]);
    const kind = slo.ratioKind ?? (median(fr.map(([, v]) => v)) > 0.5 ? 'good' : 'bad');
    if (!slo.ratioKind) notes.push(`${m.id} read as ${kind === 'good' ? 'a success' : 'an error'} ratio (median ${kind === 'good' ? 'above' : 'below'} 50 %)`);
    if (kind === 'good') fr = fr.map(([t, v]) => [t, 1 - v]);
    notes.push('ratio series: every period weighs the same (constant traffic assumed)');
    return { source: 'ratio', samples: fr.map(([t, v]) => ({ t, bad: v, total: 1 })), notes, gaps, count: companionCount(metrics, m) };
  }
  if (!slo.badMetricId && !slo.totalMetricId) gaps.push(`SLO "${slo.name}": no bad/total or ratio metric named`);
  else if (!gaps.length) gaps.push(`SLO "${slo.name}": needs both badMetricId and totalMetricId`);
  return { source: 'none', samples: [], notes, gaps };
}

/** Prefix sums over the samples, so each window's error ratio costs two binary searches. */
class Windows {
  private readonly t: number[];
  private readonly bad: number[];
  private readonly total: number[];

  constructor(samples: Sample[], private readonly step: number) {
    this.t = samples.map((s) => s.t);
    this.bad = [0];
    this.total = [0];
    samples.forEach((s, i) => {
      this.bad.push(this.bad[i] + s.bad);
      this.total.push(this.total[i] + s.total);
    });
  }

  /** Index of the first sample with time > x. */
  private after(x: number): number {
    let lo = 0;
    let hi = this.t.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.t[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Error ratio of the samples in (end - span, end], or undefined when the data does not cover the span. */
  ratio(end: number, span: number): number | undefined {
    if (!this.t.length || this.t[0] > end - span + this.step) return undefined;
    const a = this.after(end - span);
    const b = this.after(end);
    const total = this.total[b] - this.total[a];
    // Half the periods missing means the window is mostly unknown.
    if (b - a < Math.max(1, Math.floor(span / this.step / 2)) || total <= 0) return undefined;
    return (this.bad[b] - this.bad[a]) / total;
  }
}

function burnChecks(samples: Sample[], budget: number, windowDays: number, from: number, to: number, step: number): BurnRateCheck[] {
  const evalTimes = samples.filter((s) => s.t >= from && s.t <= to).map((s) => s.t);
  const windows = new Windows(samples, step);
  return PAIRS.map((p) => {
    const threshold = round((p.budgetShare * windowDays * DAY) / p.long, 3);
    const base: BurnRateCheck = { longWindow: label(p.long), shortWindow: label(p.short), threshold, severity: p.severity, computed: false };
    if (!Number.isFinite(step) || step > p.short) {
      return { ...base, reason: `data every ${Number.isFinite(step) ? label(step) : '?'} is coarser than the ${label(p.short)} window` };
    }
    let peakLong = -1;
    let peakShort = -1;
    let firstFiredAt: number | undefined;
    for (const t of evalTimes) {
      const long = windows.ratio(t, p.long);
      const short = windows.ratio(t, p.short);
      if (long === undefined || short === undefined) continue;
      peakLong = Math.max(peakLong, long / budget);
      peakShort = Math.max(peakShort, short / budget);
      if (firstFiredAt === undefined && long / budget > threshold && short / budget > threshold) firstFiredAt = t;
    }
    if (peakLong < 0) {
      const have = samples.length ? samples[samples.length - 1].t - samples[0].t + step : 0;
      return { ...base, reason: `needs ${label(p.long)} of data before the incident window; the series covers ${label(Math.max(MIN, Math.round(have / MIN) * MIN))}` };
    }
    return {
      ...base, computed: true, peakLong: round(peakLong), peakShort: round(peakShort), fired: firstFiredAt !== undefined,
      ...(firstFiredAt !== undefined ? { firstFiredAt: iso(firstFiredAt) } : {}),
    };
  });
}

export function sloImpact(snapshot: Snapshot, window?: { start: string; end: string }): SloImpact[] {
  const metrics = snapshot.metrics ?? [];
  return (snapshot.slos ?? []).map((slo) => {
    const windowDays = slo.windowDays && slo.windowDays > 0 ? slo.windowDays : 30;
    const budget = 1 - slo.objective;
    const out: SloImpact = { name: slo.name, objective: slo.objective, windowDays, source: 'none', burnRates: [], notes: [], gaps: [] };
    if (!(slo.objective > 0 && slo.objective < 1)) {
      out.gaps.push(`SLO "${slo.name}": objective ${slo.objective} is not a fraction between 0 and 1`);
      return out;
    }
    const series = seriesFor(slo, metrics);
    Object.assign(out, { source: series.source, notes: series.notes, gaps: series.gaps });
    const samples = series.samples;
    if (!samples.length) return out;
    const step = median(samples.slice(1).map((s, i) => s.t - samples[i].t)) || MIN;
    const start = Date.parse(window?.start ?? snapshot.incident.startedAt);
    const endGiven = window?.end ?? snapshot.incident.resolvedAt;
    const end = endGiven ? Date.parse(endGiven) : samples[samples.length - 1].t;
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
      out.gaps.push(`SLO "${slo.name}": no valid incident window`);
      return out;
    }
    if (!endGiven) out.notes.push('incident not resolved: window ends at the last datapoint');
    out.window = { start: iso(start), end: iso(end) };
    const inWindow = samples.filter((s) => s.t >= start && s.t <= end);
    if (!inWindow.length) {
      out.gaps.push(`SLO "${slo.name}": no datapoints inside the incident window`);
      return out;
    }
    const bad = inWindow.reduce((s, x) => s + x.bad, 0);
    const total = inWindow.reduce((s, x) => s + x.total, 0);
    out.errorRatio = round(total > 0 ? bad / total : 0);
    // Budget of the whole SLO window, at the event rate the snapshot shows.
    const span = samples[samples.length - 1].t - samples[0].t + step;
    const allSum = samples.reduce((s, x) => s + x.total, 0);
    const allowed = budget * (allSum / span) * windowDays * DAY;
    out.budgetConsumed = round(allowed > 0 ? bad / allowed : 0);
    if (series.source === 'bad/total') {
      out.badEvents = round(bad, 6);
      out.totalEvents = round(total, 6);
    } else if (series.count) {
      const counts = new Map(points(series.count));
      let estBad = 0;
      let estTotal = 0;
      for (const s of inWindow) {
        const c = counts.get(s.t);
        if (c === undefined) continue;
        estBad += s.bad * c;
        estTotal += c;
      }
      if (estTotal > 0) {
        Object.assign(out, { badEvents: Math.round(estBad), totalEvents: Math.round(estTotal), badEventsEstimated: true });
        out.notes.push(`bad requests estimated as ratio × ${series.count.id} (${series.count.name})`);
      }
    }
    out.burnRates = burnChecks(samples, budget, windowDays, start, end, step);
    const missing = out.burnRates.filter((b) => !b.computed);
    if (missing.length) out.gaps.push(`SLO "${slo.name}": burn rate not computed for ${missing.map((b) => `${b.longWindow}/${b.shortWindow}`).join(', ')} (${missing[0].reason})`);
    return out;
  });
}
