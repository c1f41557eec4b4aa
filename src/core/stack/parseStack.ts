// Parses stack traces of Node/JS/TS, Python, Java/Kotlin/Scala, Go, .NET, Ruby, PHP, Rust, Elixir/Erlang and Swift
// out of pasted text or log messages.
// Never throws on any input; one pass over the lines, each recogniser linear in the line length.
import type { ParsedStack, StackFrame, StackLanguage } from './frame';
import { dotnetFrame, geckoFrame, goFileLine, goFunction, javaFrame, pythonFrame, rubyFrame, v8Frame, type LineFrame } from './frameLines';
import { originOf } from './origin';
import { elixirFrame, languageOfExtension, phpFrame, pytestLocation, rustFunction, rustLocation, rustPanic, swiftBacktrace, swiftTrap } from './otherRuntimeFrames';
import { stackLinesWithOrigin } from './stackText';

type SegmentKind = 'main' | 'cause' | 'inner-end' | 'chained' | 'suppressed' | 'goroutine';

interface Segment {
  kind: SegmentKind;
  frames: Array<LineFrame & { sourceLine: number; package?: string }>;
}

interface Trace {
  segments: Segment[];
  error?: string;
  /** The error line looks like an error headline (not just the last line before the frames). */
  strongError?: boolean;
}

// Also after a log prefix ("Aug 7 … [id] Caused by: …").
const CAUSE = /(^|\s)(Caused by:|\[cause\]:)/;
const CHAIN_PY = /^(During handling of the above exception|The above exception was the direct cause)/;
const GOROUTINE = /(^|\s)goroutine \d+ (gp=\S+ m=\S+ (mp=\S+ )?)?\[/;
const DOTNET_INNER_END = /^--- End of inner exception stack trace ---/;
const IGNORABLE = /^(\.\.\. \d+ (more|common frames omitted)|--- .* ---$|[~^]+$|Traceback \(most recent call last\):?$|\[\.\.\. skipping|Exception Stack Trace:|Stack trace:|Stacktrace:|Backtrace:|stack backtrace:|\.\.\.$|#\d+ \{main\}|thrown in |note: run with `RUST_BACKTRACE|at \[object Object\]$)/;
/** A line that reads as an error headline, as opposed to a command echo, a source line or a log banner. */
const HEADLINE = /(^|[\s:|\]>({])((Uncaught|Unhandled exception\.) )?[\w$.\\]*(Error|Exception|Exit|Interrupt|Fault|Panic|Failure|Warning)( \[[\w-]+\])?(:|$| - )|(^|\s)panic: |^(fatal error: |PHP (Fatal|Parse) error|(Fatal|Parse) error: |\*\* \(|thread '.*' panicked|FATAL EXCEPTION)|[\s:]Fatal error: /;
/** Java frames printed without "at " (Throwable.getStackTrace().mkString, some loggers). */
const JAVA_NO_AT = /^[\w$.<>/]+ ?\([\w$.-]+\.(java|kt|kts|scala|groovy|clj):\d{1,9}\)$/;

function recognise(t: string, previous: string | undefined): (LineFrame & { package?: string }) | undefined {
  if (t.startsWith('File "')) return pythonFrame(t);
  if (t.startsWith('at ')) {
    const rust = rustLocation(t);
    if (rust) return { ...rust, function: previous !== undefined ? rustFunction(previous) : undefined };
    const dn = dotnetFrame(t);
    const frame = dn?.file || (dn && / \[0x[0-9a-f]{1,16}\] in /.test(t)) ? dn : javaFrame(t) ?? v8Frame(t) ?? dn;
    // "at /path/x.swift:12:3" and the like: the extension names a runtime V8 syntax does not.
    const byExt = frame?.language === 'javascript' ? languageOfExtension(frame.file) : undefined;
    return byExt && frame ? { ...frame, language: byExt } : frame;
  }
  const go = t.endsWith('.go') || t.includes('.go:') ? goFileLine(t) : undefined;
  if (go) {
    const fn = previous !== undefined ? goFunction(previous) : undefined;
    return { ...go, function: fn };
  }
  if (JAVA_NO_AT.test(t)) return javaFrame(`at ${t}`);
  const localized = /^\S+ /.test(t) ? dotnetFrame(t) : undefined;
  if (localized) return localized;
  return rustPanic(t) ?? swiftTrap(t) ?? swiftBacktrace(t) ?? pytestLocation(t) ?? elixirFrame(t) ?? rubyFrame(t) ?? phpFrame(t) ?? geckoFrame(t);
}

/** A frame may follow a log prefix ("2026-01-14T03:15:00Z ERROR \tat x (y.js:1:2)"): retry after the last " at ". */
function recogniseWithPrefix(t: string, previous: string | undefined): (LineFrame & { package?: string }) | undefined {
  const direct = recognise(t, previous);
  if (direct) return direct;
  const at = t.indexOf('\tat ') >= 0 ? t.indexOf('\tat ') : t.indexOf(' at ');
  if (at > 0) return recognise(t.slice(at + 1).trim(), previous);
  const file = t.indexOf(' File "');
  if (file > 0) return recognise(t.slice(file + 1), previous);
  return undefined;
}

/** Python prints the outermost call first; every other runtime prints the innermost first. */
function innermostFirst(seg: Segment): Segment['frames'] {
  return seg.frames.length && seg.frames[0].language === 'python' ? [...seg.frames].reverse() : seg.frames;
}

function segmentWeights(trace: Trace): number[] {
  const segs = trace.segments;
  const kinds = segs.map((s) => s.kind);
  return segs.map((s, i) => {
    if (s.kind === 'goroutine') return i === 0 ? 1 : 0.3;
    if (s.kind === 'suppressed') return 0.4;
    const lang = s.frames[0]?.language;
    // Root cause: Java/JS the last "Caused by", Python the first of a chain, .NET the first (inner) block.
    const rootIndex = lang === 'python' || kinds.includes('inner-end') ? 0 : Math.max(0, kinds.lastIndexOf('cause'));
    return i === rootIndex ? 1 : 0.6;
  });
}

export function parseStack(text: string): ParsedStack {
  const { lines, origin } = stackLinesWithOrigin(typeof text === 'string' ? text : '');
  const traces: Trace[] = [];
  let current: Trace | undefined;
  let pending: SegmentKind | undefined; // a continuation marker was seen: the next frames join `current` as a new segment
  let open = false; // frames were just seen: more frames extend the same segment
  let header: string | undefined;
  let headerStrong = false;
  let previous: string | undefined;
  let previousFramePython = false;

  const segmentForFrame = (): Segment => {
    if (!current || (!open && !pending)) {
      current = { segments: [], error: header, strongError: headerStrong };
      traces.push(current);
      headerStrong = false;
    }
    let seg = current.segments[current.segments.length - 1];
    if (!seg || pending) {
      seg = { kind: pending ?? 'main', frames: [] };
      current.segments.push(seg);
    }
    pending = undefined;
    return seg;
  };

  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (!t) continue;
    const frame = recogniseWithPrefix(t, previous);
    const lastWasPython = previousFramePython;
    previousFramePython = frame?.language === 'python';
    if (frame) {
      // A frame of another runtime starts another trace (two errors pasted one after the other).
      if (open && !pending && current?.segments.at(-1)?.frames.at(-1)?.language !== frame.language) open = false;
      segmentForFrame().frames.push({ ...frame, sourceLine: origin[i] + 1 });
      open = true;
      // Rust panics, Swift traps and PHP fatal errors print the location on the headline itself.
      if (current && !current.strongError && (frame.language === 'rust' || frame.language === 'swift' || frame.language === 'php') && HEADLINE.test(t)) {
        current.error = t.length > 300 ? `${t.slice(0, 300)}…` : t;
        current.strongError = true;
      }
    } else if (CAUSE.test(t)) {
      if (current) pending = 'cause';
      open = false;
    } else if (/^Suppressed:/.test(t)) {
      if (current) pending = 'suppressed';
      open = false;
    } else if (CHAIN_PY.test(t)) {
      if (current) pending = 'chained';
      open = false;
    } else if (DOTNET_INNER_END.test(t)) {
      if (current) pending = 'inner-end';
      open = false;
    } else if (GOROUTINE.test(t)) {
      // The first goroutine of a dump starts a trace; the others join it with little weight.
      if (!current?.segments.some((s) => s.kind === 'goroutine')) current = undefined;
      pending = 'goroutine';
      open = false;
    } else if (t.startsWith('Traceback (most recent call last)')) {
      open = false; // a new Python traceback: joins the previous one only after a chaining sentence
    } else if (IGNORABLE.test(t) || t.startsWith('at ') || (lastWasPython && open && /^\s/.test(lines[i]))) {
      // trace furniture ("at async Promise.all (index 0)", Python's echoed source line): keeps the trace open
    } else if (i + 1 < lines.length && (goFileLine(lines[i + 1].trim()) || (rustFunction(t) !== undefined && rustLocation(lines[i + 1].trim())))) {
      // a Go or Rust function line: its file is on the next line
    } else {
      open = false;
      if (/(^|\s)\[signal /.test(t)) continue;
      const strong = HEADLINE.test(t);
      const text = t.length > 300 ? `${t.slice(0, 300)}…` : t;
      if (strong || !headerStrong) {
        header = text;
        headerStrong = strong;
      }
      // Python prints the error after the frames: a weak line before them (a shell prompt) gives way to it.
      const last = current?.segments.at(-1)?.frames.at(-1);
      if (current && (!current.error || (strong && !current.strongError && last?.language === 'python'))) {
        current.error = text;
        current.strongError = strong;
      }
    }
    previous = t;
  }
  return finish(traces);
}

function finish(traces: Trace[]): ParsedStack {
  const frames: StackFrame[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  let traceIndex = 0;
  for (const trace of traces) {
    const segs = trace.segments.filter((s) => s.frames.length > 0);
    if (segs.length === 0) continue;
    // The same error logged many times: keep its first occurrence only.
    const key = segs.map((s) => s.frames.map((f) => `${f.file}:${f.line}`).join(',')).join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    const weights = segmentWeights({ ...trace, segments: segs });
    segs.forEach((seg, si) => {
      innermostFirst(seg).forEach((f, depth) => {
        frames.push({
          file: f.file,
          line: f.line,
          column: f.column,
          function: f.function,
          className: f.className,
          language: f.language as StackLanguage,
          origin: originOf(f.language, f.file, f.className ? `${f.className}.${f.function ?? ''}` : f.function, f.package),
          trace: traceIndex,
          depth,
          segment: si,
          segmentWeight: weights[si],
          sourceLine: f.sourceLine,
        });
      });
    });
    errors.push(trace.error ?? '');
    traceIndex++;
  }
  return { frames, errors };
}
