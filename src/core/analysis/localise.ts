// Localisation: when one metric exists for several values of a dimension (Region, AvailabilityZone, endpoint…),
// find the value(s) that carry the anomaly while their siblings stay normal.
import type { Localisation } from '../model/report';
import type { EvidenceBook } from './evidenceBook';
import { num, unitSuffix } from './format';
import type { MetricFinding } from './metricFindings';
import { median } from './robust';

export interface LocalisationResult {
  localisation?: Localisation;
  /** Values of location-like dimensions (Region, AvailabilityZone…) that show a bad shift. */
  affected: Map<string, Set<string>>;
  /** Values of location-like dimensions that were observed and stayed normal. */
  healthy: Map<string, Set<string>>;
}

const LOCATION_DIM = /region|zone|az$|availabilityzone|datacenter|location|cluster|cell/i;

function afterLevel(f: MetricFinding, onset: number): number {
  const pts = f.metric.points ?? [];
  const times = f.times;
  const vals: number[] = [];
  for (let i = 0; i < pts.length; i++) {
    const v = pts[i][1];
    if (typeof v === 'number' && times[i] >= onset) vals.push(v);
  }
  return vals.length ? median(vals) : NaN;
}

function add(map: Map<string, Set<string>>, k: string, v: string): void {
  if (!map.has(k)) map.set(k, new Set());
  map.get(k)!.add(v);
}

export function localise(findings: MetricFinding[], onset: number, book: EvidenceBook, regionHints: string[]): LocalisationResult {
  const affected = new Map<string, Set<string>>();
  const healthy = new Map<string, Set<string>>();
  for (const f of findings) {
    for (const [k, v] of Object.entries(f.metric.dimensions ?? {})) {
      if (!LOCATION_DIM.test(k)) continue;
      if (f.evidenceId && f.bad) add(affected, k, v);
      else add(healthy, k, v);
    }
  }
  for (const r of regionHints) add(affected, 'Region', r);
  for (const [k, vs] of affected) for (const v of vs) healthy.get(k)?.delete(v);

  // Group metrics that differ in exactly one dimension.
  interface Group { dim: string; members: MetricFinding[] }
  const groups = new Map<string, Group>();
  for (const f of findings) {
    const dims = f.metric.dimensions ?? {};
    for (const dim of Object.keys(dims)) {
      const rest = Object.entries(dims).filter(([k]) => k !== dim).sort(([a], [b]) => (a < b ? -1 : 1));
      const key = JSON.stringify([f.metric.namespace, f.metric.name, f.metric.stat ?? '', dim, rest]);
      if (!groups.has(key)) groups.set(key, { dim, members: [] });
      groups.get(key)!.members.push(f);
    }
  }
  // A metric sits in one group per dimension: its level after the onset is computed once.
  const levelCache = new Map<MetricFinding, number>();
  const levelOf = (f: MetricFinding) => {
    let l = levelCache.get(f);
    if (l === undefined) levelCache.set(f, (l = afterLevel(f, onset)));
    return l;
  };
  let best: { loc: Localisation; weight: number } | undefined;
  for (const g of groups.values()) {
    const values = new Set(g.members.map((m) => m.metric.dimensions![g.dim]));
    if (values.size < 2 || g.members.length !== values.size) continue;
    let carriers = g.members.filter((m) => m.evidenceId && m.bad);
    // A carrier that shifted against its own baseline beats one that merely sits higher than its siblings.
    let fromShift = 0.25;
    if (carriers.length === 0 || carriers.length === g.members.length) {
      fromShift = 0;
      // No distinguishing change point: compare levels after the onset (one value far above its siblings).
      const levels = g.members.map((m) => ({ m, level: levelOf(m) })).filter((x) => Number.isFinite(x.level));
      if (levels.length < 2) continue;
      const top = levels.reduce((a, b) => (b.level > a.level ? b : a));
      const others = levels.filter((x) => x !== top).map((x) => x.level);
      const ref = Math.max(...others);
      if (!(top.m.kind === 'latency' || top.m.kind === 'errors' || top.m.kind === 'cpu') || !(top.level > 3 * Math.max(ref, 1e-9))) continue;
      carriers = [top.m];
    }
    if (carriers.length > g.members.length / 2) continue;
    const weight = (carriers[0].kind === 'latency' || carriers[0].kind === 'errors' ? 2 : 1) + g.members.length / 10 + (LOCATION_DIM.test(g.dim) ? 0.5 : 0) + fromShift;
    if (best && best.weight >= weight) continue;
    const u = unitSuffix(g.members[0].metric.unit);
    const parts = g.members
      .map((m) => ({ v: m.metric.dimensions![g.dim], level: levelOf(m) }))
      .sort((a, b) => b.level - a.level)
      .map((x) => `${x.v} ${Number.isFinite(x.level) ? `${num(x.level)}${u}` : 'no data'}`);
    const value = carriers.map((c) => c.metric.dimensions![g.dim]).sort().join(', ');
    const m0 = g.members[0].metric;
    const id = book.add('metric', `${m0.namespace} ${m0.name} by ${g.dim} after the onset: ${parts.join('; ')} — only ${value} is anomalous`, undefined,
      { metricIds: g.members.map((m) => m.metric.id).join(',') });
    const ev = [id, ...carriers.map((c) => c.evidenceId).filter((x): x is string => !!x)];
    best = { loc: { dimension: g.dim, value, evidence: ev }, weight };
  }
  if (best) {
    const { dimension, value } = best.loc;
    if (LOCATION_DIM.test(dimension)) {
      const carriers = value.split(', ');
      for (const v of carriers) add(affected, dimension, v);
      // Siblings of the carrier stayed normal even if they moved a little.
      for (const f of findings) {
        const v = f.metric.dimensions?.[dimension];
        if (v && !carriers.includes(v)) {
          affected.get(dimension)?.delete(v);
          add(healthy, dimension, v);
        }
      }
    }
  }
  return { localisation: best?.loc, affected, healthy };
}
