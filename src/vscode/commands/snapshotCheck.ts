// The checks the editor needs before it can show a snapshot, each naming the JSON path at fault. The full JSON Schema
// (ajv, ~120 KB) stays out of the extension bundle to keep it under its size budget; `incident-lens analyze` runs it.
import type { Snapshot } from '../../core/model/snapshot';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown) => typeof v === 'string' && Number.isFinite(Date.parse(v));

/** Undefined when usable, else "JSON path: what is wrong". */
export function checkSnapshot(v: unknown): string | undefined {
  if (!isObj(v)) return '/: must be a JSON object';
  if (typeof v.schema !== 'string' || !v.schema.startsWith('incident-lens/snapshot@')) return "/schema: must be 'incident-lens/snapshot@1'";
  if (!isObj(v.incident)) return '/incident: is required but missing';
  if (typeof v.incident.id !== 'string') return '/incident/id: must be a string';
  if (typeof v.incident.title !== 'string') return '/incident/title: must be a string';
  if (!isTime(v.incident.startedAt)) return '/incident/startedAt: must be an ISO-8601 time';
  const lists: Array<[string, string[]]> = [
    ['alarms', ['id', 'name', 'state', 'at']], ['metrics', ['id', 'namespace', 'name', 'points']], ['logs', ['at', 'group', 'message']],
    ['deploys', ['id', 'at']], ['tickets', ['id', 'title']], ['changes', ['id', 'at', 'kind']],
  ];
  for (const [key, required] of lists) {
    const list = v[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return `/${key}: must be an array`;
    for (let i = 0; i < list.length; i++) {
      const item: unknown = list[i];
      if (!isObj(item)) return `/${key}/${i}: must be an object`;
      for (const r of required) if (item[r] === undefined) return `/${key}/${i}/${r}: is required but missing`;
      if ('at' in item && !isTime(item.at)) return `/${key}/${i}/at: must be an ISO-8601 time`;
      if (key === 'metrics' && !Array.isArray(item.points)) return `/${key}/${i}/points: must be an array`;
      if (key === 'deploys' && item.commits !== undefined && !Array.isArray(item.commits)) return `/${key}/${i}/commits: must be an array`;
    }
  }
  return undefined;
}

export function asSnapshot(v: unknown): Snapshot {
  return v as Snapshot;
}
