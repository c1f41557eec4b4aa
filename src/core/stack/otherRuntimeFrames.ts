// Line recognisers for PHP, Rust, Elixir/Erlang and Swift traces (the runtimes frameLines.ts does not cover), and
// pytest's "path.py:12: AssertionError" failure locations.
// Same contract: plain scanning and anchored regexes without nested unbounded quantifiers, linear in the line length.
import { splitLocation, type LineFrame } from './frameLines';

const PHP_FILE = /\.(php|phtml|inc|module)$/i;

/**
 * PHP: "#0 /var/www/src/Foo.php(42): Bar->baz()", "#3 phar:///x.phar/src/A.php(9)", the headline's
 * "... in /var/www/src/Foo.php:42" and "... in /path/x.php on line 42", and loggers' "/path/Foo.php:42 (Fn)".
 */
export function phpFrame(t: string): LineFrame | undefined {
  const hash = /^#\d{1,5} (.*)$/.exec(t);
  if (hash) {
    const rest = hash[1];
    if (rest.startsWith('{main}')) return undefined;
    if (rest.startsWith('[internal function]')) return { language: 'php', file: '', function: rest.replace(/^\[internal function\]:?\s*/, '') || undefined };
    const open = rest.indexOf('(');
    const close = open > 0 ? rest.indexOf(')', open) : -1;
    if (open <= 0 || close < 0) return undefined;
    const file = rest.slice(0, open);
    const line = Number(rest.slice(open + 1, close));
    if (!PHP_FILE.test(file) || !Number.isInteger(line) || !/^\d{1,9}$/.test(rest.slice(open + 1, close))) return undefined;
    const call = /^:\s*([^\s(]+)/.exec(rest.slice(close + 1));
    return { language: 'php', file, line, function: call?.[1] };
  }
  // "thrown in x.php on line 9" repeats the headline's location.
  if (t.startsWith('thrown in ')) return undefined;
  // A location inside a message or log line: the path is one token ending in a PHP extension.
  const onLine = /(?:^|\s)((?:[a-z]+:\/\/|[A-Za-z]:[\\/]|[\\/]|\.{1,2}[\\/])\S*?) on line (\d{1,9})\b/.exec(t);
  if (onLine && PHP_FILE.test(onLine[1])) return { language: 'php', file: onLine[1], line: Number(onLine[2]) };
  const colon = /(?:^|\s)((?:[a-z]+:\/\/|[A-Za-z]:[\\/]|[\\/]|\.{1,2}[\\/])\S*?\.(?:php|phtml|inc)):(\d{1,9})(?=$|[\s,.;)])(.*)$/i.exec(t);
  if (colon) {
    const fn = /^\s*\(([^()\s]+)\)\s*$/.exec(colon[3])?.[1];
    return { language: 'php', file: colon[1], line: Number(colon[2]), function: fn && fn !== 'N/A' ? fn : undefined };
  }
  return undefined;
}

/** Rust panic message: "thread 'main' panicked at src/main.rs:10:5:" (1.73+) or "... panicked at 'msg', src/main.rs:10:5". */
export function rustPanic(t: string): LineFrame | undefined {
  const m = /^thread '[^']*' panicked at (.*)$/.exec(t);
  if (!m) return undefined;
  let loc = m[1].replace(/:$/, '');
  const comma = loc.lastIndexOf(', ');
  if (loc.startsWith("'") || loc.startsWith('"')) loc = comma > 0 ? loc.slice(comma + 2) : '';
  const { file, line, column } = splitLocation(loc.trim());
  if (line === undefined || !file.endsWith('.rs')) return undefined;
  return { language: 'rust', file, line, column };
}

/** Rust backtrace function line: "  3: myapp::handler::run" or "  57:  0x55d - core::ops::FnOnce::call_once::h82be". */
export function rustFunction(t: string): string | undefined {
  const m = /^\d{1,4}: +(?:0x[0-9a-f]{1,16} - )?(\S.*)$/.exec(t);
  if (!m) return undefined;
  return m[1].replace(/::h[0-9a-f]{16}$/, '');
}

/** Rust backtrace location line: "at ./src/handler.rs:42:9" (a copy may glue the next frame after it). */
export function rustLocation(t: string): LineFrame | undefined {
  if (!t.startsWith('at ')) return undefined;
  const loc = t.slice(3).trim().split(/\s/, 1)[0];
  const { file, line, column } = splitLocation(loc);
  if (line === undefined || !file.endsWith('.rs')) return undefined;
  return { language: 'rust', file, line, column };
}

/**
 * Elixir/Erlang: "(my_app 0.1.0) lib/my_app/x.ex:12: MyApp.X.run/1", "lib/x.ex:12: (module)", "(stdlib) lists.erl:1337: :lists.foreach/2".
 */
const ELIXIR = /^(?:\(([\w.]+)(?: [^()\s]+)?\) )?([^\s():]+\.(?:ex|exs|erl|hrl)):(\d{1,9}): (.+)$/;
export function elixirFrame(t: string): (LineFrame & { package?: string }) | undefined {
  const m = ELIXIR.exec(t);
  if (!m) return undefined;
  return { language: 'elixir', file: m[2], line: Number(m[3]), function: m[4].trim(), package: m[1] };
}

/** Swift runtime traps: "Sources/App/File.swift:131: Fatal error: Unexpectedly found nil ...". */
const SWIFT_TRAP = /^(.+\.swift):(\d{1,9}): (?:Fatal error|Precondition failed|Assertion failed)\b/;
export function swiftTrap(t: string): LineFrame | undefined {
  const m = SWIFT_TRAP.exec(t);
  if (!m) return undefined;
  return { language: 'swift', file: m[1].trim(), line: Number(m[2]) };
}

/** Swift 5.9+ backtraces: "0  0x0000000100a1 closure #1 in Handler.run() + 52 in App at /src/Handler.swift:42:9". */
export function swiftBacktrace(t: string): LineFrame | undefined {
  const head = /^\d{1,5} +(?:\[\w+\] +)?0x[0-9a-f]{1,16} /.exec(t);
  const at = t.lastIndexOf(' at ');
  if (!head || at < head[0].length) return undefined;
  const { file, line, column } = splitLocation(t.slice(at + 4).trim());
  if (line === undefined || !file.endsWith('.swift')) return undefined;
  let fn = t.slice(head[0].length, at);
  const inModule = fn.lastIndexOf(' in ');
  if (inModule > 0) fn = fn.slice(0, inModule);
  fn = fn.replace(/ \+ \d+$/, '');
  return { language: 'swift', file, line, column, function: fn || undefined };
}

/** pytest: "tests/test_orders.py:42: AssertionError" (the last line of each failure, also in --tb=short/line). */
const PYTEST = /^([^\s:]+\.py):(\d{1,9}): (?:in (\S+)|[\w.]*(?:Error|Exception|Failed|Warning|Exit)\w*\b)/;
export function pytestLocation(t: string): LineFrame | undefined {
  const m = PYTEST.exec(t);
  if (!m) return undefined;
  return { language: 'python', file: m[1], line: Number(m[2]), function: m[3] };
}

/** The language a file's extension pins down when a generic "at path:line" line carried it. */
export function languageOfExtension(file: string): LineFrame['language'] | undefined {
  const ext = /\.(\w+)$/.exec(file)?.[1]?.toLowerCase();
  if (ext === 'rs') return 'rust';
  if (ext === 'swift') return 'swift';
  if (ext === 'ex' || ext === 'exs' || ext === 'erl') return 'elixir';
  if (ext === 'php') return 'php';
  return undefined;
}
