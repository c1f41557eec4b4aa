// Maps a position in bundled or compiled JavaScript back to the original source through its source map.
import { LEAST_UPPER_BOUND, TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { normalizeFramePath, resolveDots } from './framePath';

/** The `//# sourceMappingURL=` of a generated file (the last one wins, as in browsers). */
export function sourceMappingUrlOf(content: string): string | undefined {
  const tail = content.length > 4096 ? content.slice(-4096) : content;
  const m = /[#@]\s*sourceMappingURL=([^\s'"*]+)\s*(?:\*\/\s*)?$/.exec(tail.trimEnd());
  return m?.[1];
}

/** The JSON of an inline `data:application/json;base64,...` source map, else undefined. */
export function inlineSourceMap(url: string): string | undefined {
  const m = /^data:application\/json[^,]*?(;base64)?,/i.exec(url);
  if (!m) return undefined;
  const body = url.slice(m[0].length);
  return m[1] ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
}

export type OriginalPosition =
  | { source: string; line: number; column?: number; name?: string }
  | { source?: undefined; reason: string };

/**
 * `mapPath` is where the map lives (repository-relative or absolute), used to resolve relative `sources`.
 * `column` is 1-based as V8 prints it; without one the first mapping on the line is used.
 */
export function originalPosition(mapJson: string, mapPath: string, line: number, column: number | undefined): OriginalPosition {
  let map: TraceMap;
  try {
    map = new TraceMap(mapJson);
  } catch (e) {
    return { reason: `source map ${mapPath} is not valid: ${(e as Error).message}` };
  }
  const pos = column !== undefined ? originalPositionFor(map, { line, column: Math.max(0, column - 1) }) : originalPositionFor(map, { line, column: 0, bias: LEAST_UPPER_BOUND });
  if (pos.source === null || pos.line === null) return { reason: `source map ${mapPath} has no mapping for line ${line}${column !== undefined ? `:${column}` : ''}` };
  return { source: resolveSource(pos.source, mapPath), line: pos.line, column: pos.column === null ? undefined : pos.column + 1, name: pos.name ?? undefined };
}

function resolveSource(source: string, mapPath: string): string {
  if (/^[a-z][\w+.-]*:/i.test(source) || source.startsWith('/')) return normalizeFramePath(source);
  const dir = mapPath.includes('/') ? mapPath.slice(0, mapPath.lastIndexOf('/')) : '';
  return resolveDots(dir ? `${dir}/${source}` : source);
}
