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

// Terminal colours (Node ≥ 20 greys out library frames, test runners and docker compose colour whole lines).
const ANSI = /\u001b\[[0-9;?]{0,32}[A-Za-z]|\u001b\][^\u0007\u001b]{0,512}(\u0007|\u001b\\)/g;

/** PHP prints "Stack trace: #0 a.php(1): f() #1 {main} thrown in ..." on one line when the log flattens it. */
function splitPhpTrace(line: string): string[] {
  if (!/\s#0 \S/.test(line) || !/\s#\d{1,5} (\{main\}|\S+\(\d{1,9}\))|\s#1 /.test(line)) return [line];
  return line.split(/\s+(?=#\d{1,5} (?:\{main\}|\[internal|[^\s#(]+\(\d))|\s+(?=thrown in )|\s+(?=Stack trace:)/);
}

export function stackLines(text: string): string[] {
  return stackLinesWithOrigin(text).lines;
}

/**
 * The trace lines, and for each the 0-based line of `text` it came from (one log line may unpack into several);
 * -1 when the whole text was one JSON document, whose strings no longer sit on lines of their own.
 */
export function stackLinesWithOrigin(text: string): { lines: string[]; origin: number[] } {
  if (text.includes('\u001b')) text = text.replace(ANSI, '');
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')) {
    const strings = tryJson(trimmed);
    if (strings) {
      const lines = stackLinesWithOrigin(strings.join('\n')).lines;
      return { lines, origin: lines.map(() => -1) };
    }
  }
  const lines: string[] = [];
  const origin: number[] = [];
  const raws = text.split(/\r\n|\r|\n/);
  for (let k = 0; k < raws.length; k++) {
    const raw = raws[k];
    const line = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
    for (const l of unpackLine(line)) {
      for (const p of splitPhpTrace(l)) {
        lines.push(p);
        origin.push(k);
      }
    }
  }
  return { lines, origin };
}
