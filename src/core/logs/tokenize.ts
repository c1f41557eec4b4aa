// Splits one log message into whitespace tokens and masks the variable parts of each token, without regular
// expressions or per-token strings: the miner compares tokens by a 53-bit hash of their masked form and only asks
// for text when a template is created. Masking is generic (no per-dataset rules):
//  - any alphanumeric run holding a digit is a variable (numbers, hex, ids like blk_-42 or node-7, durations 12ms, versions);
//  - variable runs joined by . : - _ / @ , + collapse into one (IPs with ports, dates, times, UUIDs, 1.5s, 6.1.7601);
//  - paths (/a/b, ~/x, ./x, C:\x), URLs (scheme://...) and single-token quoted values are variables as a whole.

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
const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = C_DIGIT;
CLASS[47] = CLASS[92] = C_SLASH;
CLASS[34] = CLASS[39] = CLASS[96] = C_QUOTE;
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

export class Tokenizer {
  /** Number of tokens of the last message. */
  count = 0;
  /** Masked-form hash per token (see `hashPieces`). */
  hashes: Float64Array;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  private readonly pieces = new Int32Array(MAX_PIECES);
  private nPieces = 0;

  constructor(private readonly maxTokens = MAX_TOKENS_DEFAULT) {
    this.hashes = new Float64Array(maxTokens);
    this.kinds = new Uint8Array(maxTokens);
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
      let flags = 0;
      for (; i < to; i++) {
        c = text.charCodeAt(i);
        const k = c < 128 ? CLASS[c] : 0;
        if (k !== 0) {
          if (k === C_SPACE) break;
          if (k === C_DIGIT) digits++;
          flags |= k;
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
      const len = i - s;
      if (digits === 0 && !special) {
        kind = TokenKind.Constant;
        h = finish(h1, h2);
      } else if (!special && (digits === len || (digits === len - 1 && text.charCodeAt(s) === 45))) {
        kind = TokenKind.Variable; // a bare (possibly negative) integer
        h = WILDCARD_HASH;
      } else {
        kind = this.mask(text, s, i, slash);
        h = this.hashPieces();
      }
      // A run of the same variable token (a list of ids) is one token, so lists of any length share a template.
      if (kind !== TokenKind.Constant && n > 0 && this.hashes[n - 1] === h && this.kinds[n - 1] === kind) {
        this.ends[n - 1] = i;
        continue;
      }
      this.starts[n] = s;
      this.ends[n] = i;
      this.kinds[n] = kind;
      this.hashes[n] = h;
      n++;
    }
    this.count = n;
    return n;
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
