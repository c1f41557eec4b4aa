// Recognisers for one line of a stack trace, one per runtime. Plain string scanning and anchored regexes without
// nested or adjacent unbounded quantifiers, so every recogniser is linear in the line length (no backtracking blow-up).
import type { StackLanguage } from './frame';

export interface LineFrame {
  language: StackLanguage;
  file: string;
  line?: number;
  column?: number;
  function?: string;
  className?: string;
}

const DIGITS = /^\d{1,9}$/;

function num(s: string): number | undefined {
  return DIGITS.test(s) ? Number(s) : undefined;
}

/** Splits "path:12:34" / "path:12" into its parts; the path may itself contain colons (URLs, drives). */
export function splitLocation(loc: string): { file: string; line?: number; column?: number } {
  const a = loc.lastIndexOf(':');
  if (a < 0) return { file: loc };
  const last = num(loc.slice(a + 1));
  if (last === undefined) return { file: loc };
  const head = loc.slice(0, a);
  const b = head.lastIndexOf(':');
  const prev = b >= 0 ? num(head.slice(b + 1)) : undefined;
  if (prev !== undefined) return { file: head.slice(0, b), line: prev, column: last };
  return { file: head, line: last };
}

/** Index of the '(' matching the ')' that ends s, or -1. */
function openParenOfTrailing(s: string): number {
  let depth = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c === 41) depth++;
    else if (c === 40 && --depth === 0) return i;
  }
  return -1;
}

/** V8 (Node, Chrome, Deno, Bun): "at fn (loc)", "at loc", "at async fn (loc)", "at new C (loc)", eval locations. */
export function v8Frame(t: string): LineFrame | undefined {
  if (!t.startsWith('at ')) return undefined;
  let rest = t.slice(3).trim();
  if (rest.startsWith('async ')) rest = rest.slice(6);
  // Node prints the error's own properties after the last frame: "at link (x.js:55:36) {".
  if (rest.endsWith(' {')) rest = rest.slice(0, -2);
  let fn: string | undefined;
  let loc = rest;
  if (rest.endsWith(')')) {
    const open = openParenOfTrailing(rest);
    if (open > 0) {
      fn = rest.slice(0, open).trim() || undefined;
      loc = rest.slice(open + 1, -1);
    }
  }
  // "eval at outer (file.js:1:2), <anonymous>:3:4": the file is the one eval was called from.
  if (loc.startsWith('eval at ')) {
    const inner = loc.indexOf('(');
    const close = loc.indexOf(')', inner);
    if (inner < 0 || close < 0) return undefined;
    loc = loc.slice(inner + 1, close);
  }
  if (/^index \d+$/.test(loc) || loc === 'native' || loc === '<anonymous>') return undefined;
  const { file, line, column } = splitLocation(loc);
  if (line === undefined || !file) return undefined;
  return { language: 'javascript', file, line, column, function: fn };
}

/** Firefox/Safari: "fn@url:line:col". */
export function geckoFrame(t: string): LineFrame | undefined {
  const at = t.indexOf('@');
  if (at < 0 || /\s/.test(t.slice(0, at))) return undefined;
  const { file, line, column } = splitLocation(t.slice(at + 1));
  if (line === undefined || column === undefined || !/[\\/]/.test(file)) return undefined;
  return { language: 'javascript', file, line, column, function: t.slice(0, at) || undefined };
}

/** Python: File "path", line 42, in func */
const PY = /^File "([^"]*)", line (\d{1,9})(?:, in (.*))?$/;
export function pythonFrame(t: string): LineFrame | undefined {
  const m = PY.exec(t);
  if (!m) return undefined;
  return { language: 'python', file: m[1], line: Number(m[2]), function: m[3]?.trim() || undefined };
}

/** Java/Kotlin/Scala: at com.acme.Foo.bar(Foo.java:42), with optional module prefix and jar suffix. */
// Play Console and some loggers put a space before the parenthesis: "at a.B.c (B.java:12)".
const JAVA = /^at ([^\s()]+) ?\(([^()]*)\)(?:\s.*)?$/;
// Obfuscated or line-less builds: "at com.acme.MainActivity.attachBaseContext" with no location at all.
const JAVA_BARE = /^at ([A-Za-z_$][\w$]*(?:\.[\w$<>]+){2,})$/;
export function javaFrame(t: string): LineFrame | undefined {
  const bare = JAVA_BARE.exec(t);
  if (bare) {
    const dot = bare[1].lastIndexOf('.');
    return { language: 'java', file: '', function: bare[1].slice(dot + 1), className: bare[1].slice(0, dot) };
  }
  const m = JAVA.exec(t);
  if (!m) return undefined;
  let qualified = m[1];
  const slash = qualified.lastIndexOf('/');
  if (slash >= 0) qualified = qualified.slice(slash + 1); // java.base/java.lang.Thread.run, app//com.x.Y.z
  const inside = m[2];
  const colon = inside.lastIndexOf(':');
  const looksJava = /\.(java|kt|kts|scala|groovy|clj)(:|$)/.test(inside) || inside === 'Unknown Source' || inside === 'Native Method' || inside === '<generated>' || /^Unknown Source:\d+$/.test(inside);
  if (!looksJava) return undefined;
  const dot = qualified.lastIndexOf('.');
  const className = dot > 0 ? qualified.slice(0, dot) : undefined;
  const fn = dot > 0 ? qualified.slice(dot + 1) : qualified;
  const file = colon >= 0 ? inside.slice(0, colon) : inside;
  const line = colon >= 0 ? num(inside.slice(colon + 1)) : undefined;
  return { language: 'java', file, line, function: fn, className };
}

/** .NET: at Ns.Type.Method(Args) in /src/File.cs:line 42 (the file part is missing without PDBs). */
// Localised runtimes translate "at", "in" and "line": "bei X in C:\\a.cs:Zeile 12.", "à X dans C:\\a.cs:ligne 12".
const DOTNET_AT = /^(at|bei|à|en|em|в|w|in|於|在|場所) /;
const DOTNET_IN = [' in ', ' dans ', ' en ', ' em ', ' в ', ' w ', ' 位置 ', ' 於 ', ' 場所 '];
const DOTNET_LINE = /:(line|Zeile|ligne|línea|linha|riga|строка|wiersz|řádek|행|行|第) ?(\d{1,9})\.?\s*$/;

export function dotnetFrame(t: string): LineFrame | undefined {
  const at = DOTNET_AT.exec(t);
  if (!at) return undefined;
  const rest = t.slice(at[0].length);
  // Mono: "at X.Y (args) [0x00029] in /src/A.cs:42" or "... in <5f3e...>:0" (no debug symbols).
  const monoAt = rest.lastIndexOf('] in ');
  const monoOpen = monoAt > 0 ? rest.lastIndexOf(' [0x', monoAt) : -1;
  if (monoOpen > 0 && /^ \[0x[0-9a-f]{1,16}$/.test(rest.slice(monoOpen, monoAt))) {
    const loc = splitLocation(rest.slice(monoAt + 5).trim());
    if (loc.line !== undefined) {
      const file = loc.file.startsWith('<') ? '' : loc.file;
      return withDotnetName({ language: 'dotnet', file, line: file ? loc.line : undefined }, rest.slice(0, monoOpen));
    }
  }
  const lineM = DOTNET_LINE.exec(rest);
  if (lineM) {
    let inAt = -1;
    let sep = '';
    for (const s of DOTNET_IN) {
      const k = rest.lastIndexOf(s, lineM.index);
      if (k > inAt) {
        inAt = k;
        sep = s;
      }
    }
    // Line 0: the PDB has no sequence point there (async state machines); the file is still right.
    const line = Number(lineM[2]) || undefined;
    if (inAt > 0) return withDotnetName({ language: 'dotnet', file: rest.slice(inAt + sep.length, lineM.index), line }, rest.slice(0, inAt));
  }
  // Localised frames without a file: only a qualified "Type.Method(...)" counts (the words are common in prose).
  if (at[1] !== 'at' && !/^[\w`.<>[\]+]+\.[\w<>`]+(\[[^\]]*\])?\(/.test(rest)) return undefined;
  // No file: only recognised when it cannot be Java ("Type.Method()" or typed parameters with spaces).
  if (!rest.endsWith(')')) return undefined;
  const open = rest.indexOf('(');
  if (open <= 0 || /\s/.test(rest.slice(0, open))) return undefined;
  const args = rest.slice(open + 1, -1);
  if (args !== '' && !/^[\w.`[\]<>,&*]+ \w/.test(args)) return undefined;
  return withDotnetName({ language: 'dotnet', file: '' }, rest);
}

function withDotnetName(f: LineFrame, method: string): LineFrame {
  const open = method.indexOf('(');
  const qualified = (open >= 0 ? method.slice(0, open) : method).trim();
  const dot = qualified.lastIndexOf('.');
  return { ...f, function: dot > 0 ? qualified.slice(dot + 1) : qualified, className: dot > 0 ? qualified.slice(0, dot) : undefined };
}

/** Go: "\t/path/file.go:42 +0x1d" (the function is on the line before). */
export function goFileLine(t: string): LineFrame | undefined {
  let s = t;
  const plus = s.lastIndexOf(' +0x');
  if (plus > 0) s = s.slice(0, plus);
  const fp = s.lastIndexOf(' fp=');
  if (fp > 0) s = s.slice(0, fp);
  const { file: raw, line } = splitLocation(s.trim());
  if (line === undefined || !raw.endsWith('.go')) return undefined;
  // A log prefix before the path ("15:08:10 NOTICE: [app]    /src/x.go:1"): the path starts at the first absolute-looking token.
  let file = raw;
  if (/\s/.test(raw)) {
    const start = /(^|\s)(\/|[A-Za-z]:[\\/]|\.{1,2}\/)/.exec(raw);
    if (!start) return undefined;
    file = raw.slice(start.index + start[1].length);
  }
  return { language: 'go', file, line };
}

/** Go function line: "main.(*T).M(0x1, ...)" or "created by main.main in goroutine 1". */
export function goFunction(t: string): string | undefined {
  let s = t.trim();
  const created = s.indexOf('created by ');
  if (created >= 0) {
    s = s.slice(created + 11);
    const g = s.indexOf(' in goroutine ');
    if (g > 0) s = s.slice(0, g);
    return s;
  }
  const open = s.lastIndexOf('(');
  if (open <= 0 || !s.endsWith(')')) return s.includes(' ') ? undefined : s;
  const name = s.slice(0, open);
  // After a log prefix the function is the last word before its arguments.
  const last = name.slice(name.search(/\S+$/));
  return last && !/[\s:[\]]/.test(last) ? last : undefined;
}

/** Ruby: "path:42:in 'Class#method'" / "from path:42:in `method'" / "path:42:in `block in m': msg (Error)". */
export function rubyFrame(t: string): LineFrame | undefined {
  const s = t.startsWith('from ') ? t.slice(5) : t;
  const inAt = s.indexOf(':in ');
  if (inAt <= 0) return undefined;
  const { file, line } = splitLocation(s.slice(0, inAt));
  if (line === undefined || !file) return undefined;
  const q = s.charAt(inAt + 4);
  let fn: string | undefined;
  if (q === '`' || q === "'") {
    const end = s.indexOf("'", inAt + 5);
    if (end > inAt) fn = s.slice(inAt + 5, end);
  } else if (/\w/.test(q)) fn = s.slice(inAt + 4).split(/[\s:]/, 1)[0];
  if (fn === undefined) return undefined;
  // Error trackers print Elixir/Erlang frames in Ruby's shape: "lib/x.ex:92:in `f/2'".
  const language = /\.(ex|exs|erl)$/.test(file) ? 'elixir' : 'ruby';
  return { language, file, line, function: fn || undefined };
}
