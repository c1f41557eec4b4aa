// Reads the shared Loghub-2k samples and scores a miner by grouping accuracy (GA, ../shared/data/loghub-2k/README.md).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const LOGHUB_SYSTEMS = ['HDFS', 'Hadoop', 'Spark', 'Zookeeper', 'BGL', 'HPC', 'Thunderbird', 'Windows'] as const;

/** Drain's published GA per system (logparser benchmark). */
export const DRAIN_GA: Record<string, number> = {
  HDFS: 0.998, Hadoop: 0.948, Spark: 0.92, Zookeeper: 0.967, BGL: 0.963, HPC: 0.887, Thunderbird: 0.955, Windows: 0.997,
};

export function loghubDir(): string {
  // out/test/unit/logs -> repo root -> ../shared/data/loghub-2k
  const repo = path.resolve(__dirname, '../../../..');
  const dir = path.resolve(repo, '../shared/data/loghub-2k');
  if (!existsSync(dir)) throw new Error(`Loghub-2k samples not found at ${dir} (expected ../shared/data/loghub-2k next to the repo)`);
  return dir;
}

/** RFC 4180 CSV rows (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

export interface LabelledLines {
  raw: string[];
  contents: string[];
  eventIds: string[];
}

export function readSystem(system: string): LabelledLines {
  const dir = path.join(loghubDir(), system);
  const rows = parseCsv(readFileSync(path.join(dir, `${system}_2k.log_structured.csv`), 'utf8'));
  const header = rows[0];
  const ci = header.indexOf('Content');
  const ei = header.indexOf('EventId');
  if (ci < 0 || ei < 0) throw new Error(`${system}: structured CSV lacks Content/EventId columns`);
  const data = rows.slice(1).filter((r) => r.length === header.length);
  const raw = readFileSync(path.join(dir, `${system}_2k.log`), 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  return { raw, contents: data.map((r) => r[ci]), eventIds: data.map((r) => r[ei]) };
}

/** Share of lines whose predicted group is exactly the set of lines sharing their true id. */
export function groupingAccuracy(predicted: ArrayLike<number | string>, truth: readonly string[]): number {
  const byPred = new Map<number | string, number[]>();
  for (let i = 0; i < truth.length; i++) {
    const p = predicted[i];
    let list = byPred.get(p);
    if (!list) byPred.set(p, (list = []));
    list.push(i);
  }
  const truthSize = new Map<string, number>();
  for (const t of truth) truthSize.set(t, (truthSize.get(t) ?? 0) + 1);
  let correct = 0;
  for (const lines of byPred.values()) {
    const t = truth[lines[0]];
    if (lines.every((i) => truth[i] === t) && truthSize.get(t) === lines.length) correct += lines.length;
  }
  return correct / truth.length;
}
