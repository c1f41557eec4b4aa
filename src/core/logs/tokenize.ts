// Splits one log message into whitespace tokens and masks the variable parts of each token, without regular
// expressions or per-token strings: the miner compares tokens by a 53-bit hash of their masked form and only asks
// for text when a template is created. Masking is generic (no per-dataset rules):
//  - any alphanumeric run holding a digit is a variable (numbers, hex, ids like blk_-42 or node-7, durations 12ms, versions);
//  - variable runs joined by . : - _ / @ , + collapse into one (IPs with ports, dates, times, UUIDs, 1.5s, 6.1.7601);
//  - paths (/a/b, ~/x, ./x, C:\x), URLs (scheme://...) and single-token quoted values are variables as a whole.
//  - month and weekday names next to a number (Jun 17, Fri Jun 17, 17 Jun 2005) are variables, as a date's digits are;
//  - a quantity after an opener takes its unit (<1 sec is one value) and a parenthesised one, (1.2 KB), is dropped.

/** Piece code for a masked variable (beyond the Unicode range, so it never collides with a character). */
const VAR = 0x110000;
export const WILDCARD_TEXT = '<*>';

/** Token kind: a constant word, a token that is one variable, or a word with variable parts (blk_<*>). */
export const enum TokenKind {
  Constant = 0,
  Variable = 1,
  Mixed = 2,
}

const MAX_TOKENS_DEFAULT = 256;

// Character classes of the first pass over a token (ASCII; anything else is a plain word character).
const C_DIGIT = 1;
const C_SLASH = 2;
const C_QUOTE = 4;
const C_SPACE = 8;
const C_DOT = 16;
const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = C_DIGIT;
CLASS[47] = CLASS[92] = C_SLASH;
CLASS[34] = CLASS[39] = CLASS[96] = C_QUOTE;
CLASS[46] = C_DOT;
for (const c of [32, 9, 10, 11, 12, 13]) CLASS[c] = C_SPACE;
const MAX_PIECES = 4096;

/** 0: not alphanumeric, 1: letter, 2: digit (ASCII; every other character counts as a letter). */
const ALNUM = new Uint8Array(128);
for (let c = 0; c < 128; c++) ALNUM[c] = c >= 48 && c <= 57 ? 2 : (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 11 || c === 12;
}

/** Separators across which adjacent variables collapse into one. */
function isJoiner(c: number): boolean {
  return c === 46 || c === 58 || c === 45 || c === 95 || c === 47 || c === 64 || c === 44 || c === 43;
}

function isOpener(c: number): boolean {
  return c === 40 || c === 91 || c === 123 || c === 34 || c === 39 || c === 60 || c === 96;
}

function isCloser(c: number): boolean {
  return c === 41 || c === 93 || c === 125 || c === 34 || c === 39 || c === 62 || c === 44 || c === 59 || c === 46 || c === 58 || c === 96;
}

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

/** True when [s, e) of `text` is a path or URL. */
function isPathLike(text: string, s: number, e: number): boolean {
  if (e - s < 2) return false;
  const c0 = text.charCodeAt(s);
  const c1 = text.charCodeAt(s + 1);
  // Drive letter: C:\ or C:/
  if (e - s >= 3 && ((c0 | 32) >= 97 && (c0 | 32) <= 122) && c1 === 58 && (text.charCodeAt(s + 2) === 92 || text.charCodeAt(s + 2) === 47)) return true;
  if (c0 === 92 && c1 === 92) return true; // \\server\share
  let slashes = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 47) {
      slashes++;
      // scheme://
      if (i + 1 < e && text.charCodeAt(i + 1) === 47 && i > s && text.charCodeAt(i - 1) === 58) return true;
    }
  }
  if (c0 === 47) return slashes >= 2 || e - s > 1 && slashes >= 1 && hasDot(text, s, e);
  if ((c0 === 126 || c0 === 46) && c1 === 47) return true; // ~/x ./x
  return false;
}

function hasDot(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (text.charCodeAt(i) === 46) return true;
  return false;
}

const DATE_MONTH = 1;
const DATE_WEEKDAY = 2;
const MAX_DATE_WORDS = 16;
/** Three-letter month and weekday names (English, as log timestamps write them), keyed by their lower-cased letters. */
const DATE_WORDS = new Map<number, number>();
for (const m of ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']) DATE_WORDS.set(code3(m, 0), DATE_MONTH);
for (const d of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) DATE_WORDS.set(code3(d, 0), DATE_WEEKDAY);

function code3(text: string, s: number): number {
  return ((text.charCodeAt(s) | 32) << 16) | ((text.charCodeAt(s + 1) | 32) << 8) | (text.charCodeAt(s + 2) | 32);
}

/** DATE_MONTH or DATE_WEEKDAY when text[s, s + 3) is Jun, JUN, Fri, FRI...; else 0. */
function dateWord(text: string, s: number): number {
  const a = text.charCodeAt(s);
  if (a < 65 || a > 90) return 0;
  const b = text.charCodeAt(s + 1);
  const c = text.charCodeAt(s + 2);
  // Title case or upper case only: "may" or "sun" inside a sentence stays a word.
  const lower = b >= 97 && b <= 122 && c >= 97 && c <= 122;
  const upper = b >= 65 && b <= 90 && c >= 65 && c <= 90;
  if (!lower && !upper) return 0;
  return DATE_WORDS.get(code3(text, s)) ?? 0;
}

/** Units of time, size and rate (lower-cased), packed 7 bits a letter. */
const UNITS = new Set<number>();
for (const u of ['ns', 'us', 'ms', 'sec', 'secs', 'second', 'seconds', 'min', 'mins', 'minute', 'minutes', 'hr', 'hrs', 'hour', 'hours', 'day', 'days', 'byte', 'bytes', 'kb', 'mb', 'gb', 'tb', 'kib', 'mib', 'gib', 'tib', 'bit', 'bits', 'kbps', 'mbps']) {
  UNITS.add(packLower(u, 0, u.length));
}

/** Lower-cased ASCII letters of text[s, e) packed into a number, or -1 (not all letters, or longer than 7). */
function packLower(text: string, s: number, e: number): number {
  if (e - s > 7 || e <= s) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return -1;
    v = v * 128 + c;
  }
  return v;
}

/** True when text[s, e), without closing punctuation, is a unit word (ms, sec, KB...). */
function isUnit(text: string, s: number, e: number): boolean {
  while (e > s && isCloser(text.charCodeAt(e - 1)) && !isQuote(text.charCodeAt(e - 1))) e--;
  return UNITS.has(packLower(text, s, e));
}

/** True when text[s, e) ends with ')', maybe followed by other closing punctuation: KB) or KB),. */
function closesParen(text: string, s: number, e: number): boolean {
  while (e > s && text.charCodeAt(e - 1) !== 41 && isCloser(text.charCodeAt(e - 1))) e--;
  return e > s && text.charCodeAt(e - 1) === 41;
}

function isWildcard(kind: number, hash: number): boolean {
  return kind === TokenKind.Variable && hash === WILDCARD_HASH;
}

export class Tokenizer {
  /** Number of tokens of the last message. */
  count = 0;
  /** Masked-form hash per token (see `hashPieces`). */
  hashes: Float64Array;
  kinds: Uint8Array;
  /** Dots per token (up to 255), so that most tokens are known not to be dotted names without looking at them. */
  private readonly dots: Uint8Array;
  /** 1 when the token is one number after an opener: (1.5 <1 [42 (what a unit word may join). */
  private readonly numLike: Uint8Array;
  /** Whether the last `mask` call found openers and then one number (nothing after). */
  private maskedNumber = false;
  starts: Int32Array;
  ends: Int32Array;
  private readonly pieces = new Int32Array(MAX_PIECES);
  /** Tokens of the last message that are month or weekday names, and which of the two. */
  private readonly datePos = new Int32Array(MAX_DATE_WORDS);
  private readonly dateKind = new Uint8Array(MAX_DATE_WORDS);
  private nPieces = 0;

  constructor(private readonly maxTokens = MAX_TOKENS_DEFAULT) {
    this.hashes = new Float64Array(maxTokens);
    this.kinds = new Uint8Array(maxTokens);
    this.dots = new Uint8Array(maxTokens);
    this.numLike = new Uint8Array(maxTokens);
    this.starts = new Int32Array(maxTokens);
    this.ends = new Int32Array(maxTokens);
  }

  /**
   * Tokenizes text[from, to). Tokens past the limit are folded into the last one as a variable tail, so a message with
   * an unbounded list still maps to one bounded template.
   */
  tokenize(text: string, from = 0, to = text.length): number {
    let n = 0;
    let i = from;
    let nDates = 0;
    const max = this.maxTokens;
    while (i < to) {
      let c = text.charCodeAt(i);
      while (c === 32 || (c <= 13 && c >= 9)) {
        if (++i >= to) break;
        c = text.charCodeAt(i);
      }
      if (i >= to) break;
      const s = i;
      // One pass finds the token's end, hashes it as a plain word and notes digits and path/quote characters.
      let h1 = 0x811c9dc5 | 0;
      let h2 = 0x27d4eb2f | 0;
      let digits = 0;
      let dots = 0;
      let flags = 0;
      for (; i < to; i++) {
        c = text.charCodeAt(i);
        const k = c < 128 ? CLASS[c] : 0;
        if (k !== 0) {
          if (k === C_SPACE) break;
          if (k === C_DOT) dots++;
          else {
            if (k === C_DIGIT) digits++;
            flags |= k;
          }
        }
        if (flags === 0) {
          h1 = Math.imul(h1 ^ c, 0x01000193);
          h2 = (Math.imul(h2, 31) + c) | 0;
        }
      }
      const slash = (flags & C_SLASH) !== 0;
      let special = (flags & C_QUOTE) !== 0;
      if (slash) special = true;
      if (n === max - 1) {
        // Fold the rest into a final wildcard token.
        this.starts[n] = s;
        this.ends[n] = to;
        this.kinds[n] = TokenKind.Variable;
        this.hashes[n] = WILDCARD_HASH;
        n++;
        break;
      }
      let kind: TokenKind;
      let h: number;
      let num = 0;
      const len = i - s;
      if (digits === 0 && !special) {
        kind = TokenKind.Constant;
        h = finish(h1, h2);
        // Month and weekday names are parts of a date: noted here, decided once their neighbours are known.
        if ((len === 3 || (len === 4 && text.charCodeAt(i - 1) === 44)) && nDates < MAX_DATE_WORDS) {
          const w = dateWord(text, s);
          if (w !== 0) {
            this.datePos[nDates] = n;
            this.dateKind[nDates++] = w;
          }
        }
      } else if (!special && (digits === len || (digits === len - 1 && text.charCodeAt(s) === 45))) {
        kind = TokenKind.Variable; // a bare (possibly negative) integer
        h = WILDCARD_HASH;
      } else {
        kind = this.mask(text, s, i, slash);
        h = this.hashPieces();
        if (this.maskedNumber) num = 1;
      }
      // A quantity written after an opener is one value with its unit (<1 sec, [5 ms]), and a parenthesised one
      // restates the value before it (1234 bytes (1.2 KB)): a message that writes it and one that does not keep
      // the same tokens. A bare number and its unit (12 ms) stay two tokens, as before.
      if (kind === TokenKind.Constant && n > 0 && this.numLike[n - 1] === 1 && isUnit(text, s, i)) {
        if (text.charCodeAt(this.starts[n - 1]) === 40 && closesParen(text, s, i)) {
          n--;
          continue;
        }
        this.ends[n - 1] = i;
        this.kinds[n - 1] = TokenKind.Variable;
        this.hashes[n - 1] = WILDCARD_HASH;
        this.numLike[n - 1] = 0;
        if (n > 1 && this.kinds[n - 2] === TokenKind.Variable && this.hashes[n - 2] === WILDCARD_HASH) {
          this.ends[n - 2] = i;
          n--;
        }
        continue;
      }
      // A run of the same variable token (a list of ids) is one token, so lists of any length share a template.
      if (kind !== TokenKind.Constant && n > 0 && this.hashes[n - 1] === h && this.kinds[n - 1] === kind) {
        this.ends[n - 1] = i;
        this.numLike[n - 1] = num;
        continue;
      }
      this.starts[n] = s;
      this.ends[n] = i;
      this.kinds[n] = kind;
      this.hashes[n] = h;
      this.numLike[n] = num;
      this.dots[n] = dots > 255 ? 255 : dots;
      n++;
    }
    if (nDates > 0) n = this.resolveDates(n, nDates);
    this.count = n;
    return n;
  }

  /**
   * A month name next to a number (Jun 17, 17 Jun 2005) and a weekday name before a month or a number (Fri Jun 17,
   * Fri, 17 Jun) are variables, as the digits of a date are: otherwise a template seen for a month splits when the
   * month changes. Date variables then join the variables around them into one token, as a run of variables does.
   */
  private resolveDates(n: number, nDates: number): number {
    const kinds = this.kinds;
    const hashes = this.hashes;
    let changed = false;
    // Months first, so that a weekday can see the month after it.
    for (let pass = DATE_MONTH; pass <= DATE_WEEKDAY; pass++) {
      for (let d = 0; d < nDates; d++) {
        if (this.dateKind[d] !== pass) continue;
        const k = this.datePos[d];
        const next = k + 1 < n && isWildcard(kinds[k + 1], hashes[k + 1]);
        const prev = k > 0 && isWildcard(kinds[k - 1], hashes[k - 1]);
        if (pass === DATE_MONTH ? next || prev : next) {
          kinds[k] = TokenKind.Variable;
          hashes[k] = WILDCARD_HASH;
          changed = true;
        }
      }
    }
    if (!changed) return n;
    let m = 0;
    for (let k = 0; k < n; k++) {
      if (m > 0 && isWildcard(kinds[k], hashes[k]) && isWildcard(kinds[m - 1], hashes[m - 1])) {
        this.ends[m - 1] = this.ends[k];
        continue;
      }
      this.starts[m] = this.starts[k];
      this.ends[m] = this.ends[k];
      kinds[m] = kinds[k];
      hashes[m] = hashes[k];
      this.dots[m] = this.dots[k];
      m++;
    }
    return m;
  }

  /**
   * Whether token `k` of the last message is a plain word made of three or more names joined by dots (com.apple.cts:,
   * org.example.Main, host.example.org): a package, class or host name, often the subject a message is about.
   */
  isDottedName(text: string, k: number): boolean {
    if (this.kinds[k] !== TokenKind.Constant || this.dots[k] < 2) return false;
    let s = this.starts[k];
    let e = this.ends[k];
    while (s < e && isOpener(text.charCodeAt(s))) s++;
    while (e > s && isCloser(text.charCodeAt(e - 1))) e--;
    let parts = 1;
    let len = 0;
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c === 46) {
        if (len === 0) return false;
        parts++;
        len = 0;
      } else if (isAlnum(c) || c === 45 || c === 95) len++;
      else return false;
    }
    return len > 0 && parts >= 3;
  }

  /** The masked text of token `k` of the last message. */
  tokenText(text: string, k: number): string {
    if (this.kinds[k] === TokenKind.Variable) return WILDCARD_TEXT;
    if (this.kinds[k] === TokenKind.Constant) return own(text.slice(this.starts[k], this.ends[k]));
    // A collapsed run spans several words: its text is the first one's.
    let e = this.starts[k];
    while (e < this.ends[k] && !isSpace(text.charCodeAt(e))) e++;
    this.mask(text, this.starts[k], e);
    let out = '';
    for (let p = 0; p < this.nPieces; p++) {
      const c = this.pieces[p];
      out += c === VAR ? WILDCARD_TEXT : String.fromCharCode(c);
    }
    return out;
  }

  /** Masks text[s, e) into this.pieces; returns the token kind. */
  private mask(text: string, s: number, e: number, mayBePath = true): TokenKind {
    const pieces = this.pieces;
    // Keep leading openers and trailing closers literal; look at the core in between.
    let cs = s;
    let ce = e;
    while (cs < ce && isOpener(text.charCodeAt(cs))) cs++;
    while (ce > cs && isCloser(text.charCodeAt(ce - 1))) ce--;
    let n = 0;
    for (let i = s; i < cs; i++) pieces[n++] = text.charCodeAt(i);
    const lead = n;
    let vars = 0;
    const quoted = cs > s && ce < e && isQuote(text.charCodeAt(cs - 1)) && text.charCodeAt(cs - 1) === text.charCodeAt(ce) && ce > cs;
    if (ce > cs && (quoted || (mayBePath && isPathLike(text, cs, ce)))) {
      pieces[n++] = VAR;
      vars++;
    } else {
      let i = cs;
      while (i < ce) {
        const c = text.charCodeAt(i);
        if (!isAlnum(c)) {
          // A minus sign directly before a digit, after a non-alphanumeric, belongs to the number.
          if (c === 45 && i + 1 < ce && isDigit(text.charCodeAt(i + 1)) && (i === cs || !isAlnum(text.charCodeAt(i - 1)))) {
            i++;
            continue;
          }
          // A quoted value after = or : (user="bob") is a variable.
          if (isQuote(c) && i > cs && (text.charCodeAt(i - 1) === 61 || text.charCodeAt(i - 1) === 58)) {
            const close = text.indexOf(String.fromCharCode(c), i + 1);
            if (close > i + 1 && close < e) {
              pieces[n++] = c;
              pieces[n++] = VAR;
              vars++;
              i = close;
              if (i >= ce) break;
              continue;
            }
          }
          if (n < MAX_PIECES) pieces[n++] = c;
          i++;
          continue;
        }
        const a = i;
        let digit = false;
        for (; i < ce; i++) {
          const d = text.charCodeAt(i);
          if (d < 128) {
            const k = ALNUM[d];
            if (k === 0) break;
            if (k === 2) digit = true;
          }
        }
        if (digit) {
          // Collapse with a previous variable across one joiner (10.0.0.1:80, 2016-09-28, rdd_2_3).
          if (n >= 2 && pieces[n - 1] !== VAR && isJoiner(pieces[n - 1]) && pieces[n - 2] === VAR) n--;
          else if (n >= 3 && isJoiner(pieces[n - 1]) && pieces[n - 2] === pieces[n - 1] && pieces[n - 3] === VAR) n -= 2; // fe80::1
          else if (!(n >= 1 && pieces[n - 1] === VAR)) {
            if (n < MAX_PIECES) pieces[n++] = VAR;
          }
          vars++;
        } else {
          for (let k = a; k < i && n < MAX_PIECES; k++) pieces[n++] = text.charCodeAt(k);
        }
      }
    }
    const coreEnd = n;
    for (let i = ce; i < e && n < MAX_PIECES; i++) pieces[n++] = text.charCodeAt(i);
    this.nPieces = n;
    this.maskedNumber = vars > 0 && lead > 0 && coreEnd === lead + 1 && n === coreEnd && pieces[lead] === VAR && isDigit(text.charCodeAt(cs));
    if (vars === 0) return TokenKind.Constant;
    // A token whose core is one variable and with no punctuation around it is a pure variable.
    if (lead === 0 && coreEnd === 1 && n === 1) return TokenKind.Variable;
    return TokenKind.Mixed;
  }

  private hashPieces(): number {
    return hashCodes(this.pieces, this.nPieces);
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** FNV-1a and a polynomial hash folded into 53 bits: collisions between distinct tokens are negligible. */
function hashCodes(codes: Int32Array, n: number): number {
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x27d4eb2f | 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = (Math.imul(h2, 31) + c) | 0;
  }
  return finish(h1, h2);
}

function finish(h1: number, h2: number): number {
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 16;
  h2 = Math.imul(h2 ^ (h2 >>> 15), 0x5bd1e995);
  return (h1 >>> 0) * 2097152 + ((h2 >>> 0) >>> 11);
}

/** A flat copy, so a template never keeps a whole input chunk alive through a sliced string. */
function own(s: string): string {
  return (' ' + s).slice(1);
}

/** Hash of a token that is one variable: the wildcard. */
export const WILDCARD_HASH = hashCodes(Int32Array.of(VAR), 1);

/** Masked text of one whole message (for tests and examples). */
export function maskMessage(text: string): string {
  const t = new Tokenizer();
  const n = t.tokenize(text);
  const out: string[] = [];
  for (let k = 0; k < n; k++) out.push(t.tokenText(text, k));
  return out.join(' ');
}
