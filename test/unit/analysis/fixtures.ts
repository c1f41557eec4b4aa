// Loads the committed scenario snapshots and their expectations (test/fixtures/*.incident.json).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Snapshot } from '../../../src/core/model/snapshot';

export const fixturesDir = path.resolve(__dirname, '../../../../test/fixtures');

export type { Expected } from '../../fixtures/generate/scenarios';
import type { Expected } from '../../fixtures/generate/scenarios';

export function fixtureFiles(): string[] {
  return readdirSync(fixturesDir).filter((f) => f.endsWith('.incident.json')).sort();
}

export function loadFixture(file: string): Snapshot {
  return JSON.parse(readFileSync(path.join(fixturesDir, file), 'utf8')) as Snapshot;
}

export function expectations(): Record<string, Expected> {
  return JSON.parse(readFileSync(path.join(fixturesDir, 'analysis', 'expectations.json'), 'utf8')) as Record<string, Expected>;
}
