// The large snapshot of the analyze bench (scripts/benches/analyze.mjs), for tests that need bench-size input.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Snapshot } from '../../../src/core/model/snapshot';

const root = path.resolve(__dirname, '../../../..');

/** 200,000 log events, 100 series × 1,440 points, 20 deploys × 50 commits; seeded, so the same on every call. */
export async function largeBenchSnapshot(): Promise<Snapshot> {
  const bench = (await import(pathToFileURL(path.join(root, 'scripts/benches/analyze.mjs')).href)) as { largeSnapshot(): Snapshot };
  return bench.largeSnapshot();
}
