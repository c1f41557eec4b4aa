// Turns what a user pastes or a log holds into plain trace lines: JSON documents and JSON log lines
// (Lambda's {"stack": [...]}, structured loggers' "stack": "...\n    at ...") are unpacked, escaped newlines split.

const MAX_LINE = 20_000;
const MAX_STRINGS = 100_000;

function collectStrings(value: unknown, out: string[]): void {
  if (out.length >= MAX_STRINGS) return;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, out);
}

function tryJson(text: string): string[] | undefined {
  try {
    const out: string[] = [];
    collectStrings(JSON.parse(text), out);
    return out;
  } catch {
    return undefined;
  }
}

/** A log line holding a JSON object: the strings inside it, else the line itself. */
function unpackLine(line: string): string[] {
  const open = line.indexOf('{');
  const close = line.lastIndexOf('}');
  if (open >= 0 && close > open && (line.includes('"stack') || line.includes('\\n') || line.includes('"trace') || line.includes('"exception'))) {
    const strings = tryJson(line.slice(open, close + 1));
    if (strings) return [line.slice(0, open), ...strings.flatMap((s) => s.split(/\r\n|\r|\n/))];
  }
  // Escaped newlines left in a plain log line; only split where a frame plausibly follows (not C:\new\dir).
  if (line.includes('\\n')) return line.split(/\\n(?=[ \t]|\\t|Caused by|Traceback|goroutine |During handling|The above exception|from )/).map((s) => s.replace(/^\\t/, '\t'));
  return [line];
}

export function stackLines(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')) {
    const strings = tryJson(trimmed);
    if (strings) return stackLines(strings.join('\n'));
  }
  const out: string[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
    for (const l of unpackLine(line)) out.push(l);
  }
  return out;
}
