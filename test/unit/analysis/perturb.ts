// Perturbed and ambiguous variants of a scenario: sources removed, evidence weakened, noise added. The cause
// stays the same, so the variants test calibration: less evidence must mean less confidence, not a confident guess.
import type { Snapshot } from '../../../src/core/model/snapshot';
import { seededRandom } from '../../../src/core/util/random';

export interface Variant {
  name: string;
  snapshot: Snapshot;
}

const clone = (s: Snapshot): Snapshot => JSON.parse(JSON.stringify(s)) as Snapshot;

function noisy(s: Snapshot, amount: number, seed: number): Snapshot {
  const rnd = seededRandom(seed);
  const out = clone(s);
  for (const m of out.metrics ?? []) {
    const vals = m.points.map(([, v]) => v).filter((v) => typeof v === 'number');
    const scale = vals.length ? vals.reduce((a, b) => a + Math.abs(b), 0) / vals.length : 1;
    m.points = m.points.map(([t, v]) => [t, typeof v === 'number' ? Math.max(0, v + (rnd() - 0.5) * 2 * amount * scale) : v]);
  }
  return out;
}

export function variants(base: Snapshot, seed: number): Variant[] {
  const v: Variant[] = [{ name: 'full', snapshot: clone(base) }];
  const without = (name: string, f: (s: Snapshot) => void) => {
    const s = clone(base);
    f(s);
    v.push({ name, snapshot: s });
  };
  without('no-logs', (s) => delete s.logs);
  without('no-metrics', (s) => delete s.metrics);
  without('no-diffs', (s) => (s.deploys ?? []).forEach((d) => (d.commits ?? []).forEach((c) => delete c.files)));
  without('no-history', (s) => {
    delete s.tickets;
    delete s.changes;
  });
  without('metrics-only', (s) => {
    delete s.logs;
    delete s.tickets;
    delete s.changes;
    (s.deploys ?? []).forEach((d) => delete d.commits);
  });
  without('logs-only', (s) => {
    delete s.metrics;
    delete s.tickets;
    delete s.changes;
    delete s.deploys;
  });
  without('alarms-only', (s) => {
    delete s.metrics;
    delete s.logs;
    delete s.tickets;
    delete s.changes;
    delete s.deploys;
  });
  v.push({ name: 'noisy', snapshot: noisy(base, 0.3, seed) });
  v.push({ name: 'very-noisy', snapshot: noisy(base, 1.5, seed + 1) });
  return v;
}
