// Where the post-incident review goes and how a rerun updates it: generated parts replaced, what people wrote kept.
import type { Snapshot } from '../model/snapshot';
import { mergePir } from '../pir/mergePir';
import { slugify } from './branchNames';

export const DEFAULT_PIR_PATTERN = 'docs/incidents/{date}-{slug}.md';

/** The review's workspace-relative path from a pattern with {date} (YYYY-MM-DD of the onset, UTC), {slug} and {id}. */
export function pirPath(snapshot: Snapshot, pattern = DEFAULT_PIR_PATTERN): string {
  const at = Date.parse(snapshot.incident.startedAt);
  const date = Number.isFinite(at) ? new Date(at).toISOString().slice(0, 10) : 'undated';
  const rel = pattern
    .replace(/\{date\}/g, date)
    .replace(/\{slug\}/g, slugify(snapshot.incident.title))
    .replace(/\{id\}/g, snapshot.incident.id.replace(/[^A-Za-z0-9._-]+/g, '-'))
    .replace(/\\/g, '/');
  if (rel.startsWith('/') || rel.split('/').includes('..')) throw new Error(`the PIR path pattern '${pattern}' must stay inside the workspace`);
  return rel;
}

/** The text to write: the generated review, merged into the existing file when there is one. */
export function updatedPir(existing: string | undefined, generated: string): { text: string; merged: boolean } {
  if (existing === undefined || existing.trim() === '') return { text: generated, merged: false };
  return { text: mergePir(existing, generated), merged: true };
}
