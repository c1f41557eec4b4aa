// TimelineData → the columnar `load` payload. Pure (no vscode) so the benchmark packs with this very code.
import { LANES, LEVELS, REF_KINDS, type EventRef, type StringColumn, type TimelineData, type TimelinePayload } from '../../../webview-ui/shared/protocol';

/** Joins strings into one text with offsets (see StringColumn). */
export function stringColumn(items: readonly string[]): StringColumn {
  const offsets = new Uint32Array(items.length + 1);
  let n = 0;
  for (let i = 0; i < items.length; i++) {
    offsets[i] = n;
    n += items[i].length;
  }
  offsets[items.length] = n;
  return { text: items.join(''), offsets };
}

function refParts(r: EventRef): [id: string, sha: string, index: number] {
  switch (r.kind) {
    case 'log': return ['', '', r.index];
    case 'commit': return [r.deployId, r.sha, -1];
    default: return [r.id, '', -1];
  }
}

export function packTimeline(data: TimelineData): TimelinePayload {
  const evs = data.events;
  const n = evs.length;
  const at = new Float64Array(n);
  const end = new Float64Array(n);
  const lane = new Uint8Array(n);
  const level = new Uint8Array(n);
  const source = new Uint32Array(n);
  const refKind = new Uint8Array(n);
  const refIndex = new Int32Array(n);
  const labels: string[] = new Array(n);
  const details: string[] = new Array(n);
  const ids: string[] = new Array(n);
  const shas: string[] = new Array(n);
  const sourceIds = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const e = evs[i];
    at[i] = e.at;
    end[i] = e.end ?? NaN;
    lane[i] = LANES.indexOf(e.lane);
    level[i] = LEVELS.indexOf(e.level ?? 'info');
    let s = sourceIds.get(e.source);
    if (s === undefined) sourceIds.set(e.source, (s = sourceIds.size));
    source[i] = s;
    refKind[i] = REF_KINDS.indexOf(e.ref.kind);
    [ids[i], shas[i], refIndex[i]] = refParts(e.ref);
    labels[i] = e.label;
    details[i] = e.detail ?? '';
  }
  return {
    incidentId: data.incidentId, title: data.title, onset: data.onset, start: data.start, end: data.end,
    focusStart: data.focusStart, focusEnd: data.focusEnd,
    events: {
      count: n, at, end, lane, level, source, sources: [...sourceIds.keys()],
      label: stringColumn(labels), detail: stringColumn(details), refKind, refId: stringColumn(ids), refSha: stringColumn(shas), refIndex,
    },
    metrics: data.metrics.map((m) => ({
      id: m.id, label: m.label, source: m.source, unit: m.unit, threshold: m.threshold,
      t: Float64Array.from(m.points, (p) => p[0]), v: Float64Array.from(m.points, (p) => p[1]),
    })),
  };
}
