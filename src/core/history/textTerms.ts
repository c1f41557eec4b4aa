// Tokenizer for incident text (titles, bodies, resolutions, log templates): lowercases, splits camelCase and
// PascalCase (keeping the joined word too, so "DynamoDB" also matches "dynamodb"), drops stopwords, numbers,
// numbers with units, hex ids and UUIDs, and applies a light suffix stemmer so throttles/throttled/throttling meet.

const STOPWORDS = new Set(
  ('a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers him his how i if ' +
    'in into is it its itself just me more most my no nor not now of off on once only or other our ours out over own same she ' +
    'should so some such than that the their theirs them then there these they this those through to too under until up very ' +
    'was we were what when where which while who whom why will with would you your yours also via per after again its ' +
    'while within without across among onto upon us get got getting been ' +
    // Ticket boilerplate that carries no symptom.
    'please see issue ticket incident problem').split(/\s+/).filter(Boolean),
);

/** Units that make "12ms", "1.5s", "8%", "400rcu"-style tokens measurements rather than words. */
const UNIT = /^(?:\d+(?:[.,]\d+)?)(?:ms|us|ns|s|sec|secs|m|min|mins|h|hr|hrs|d|day|days|w|k|kb|mb|gb|tb|kib|mib|gib|b|x|rps|qps|rcu|wcu|%|pct|percent|st|nd|rd|th)?$/;
const HEXISH = /^(?:0x[0-9a-f]+|(?=.*\d)[0-9a-f]{6,})$/;

/** Splits one alphanumeric run at case and letter/digit boundaries: HTTPServerError → HTTP Server Error. */
function splitCase(word: string): string[] {
  return word
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ')
    .filter(Boolean);
}

/** Light English suffix stemmer: plurals, -ed, -ing, -ly; conservative so short words survive. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is|os)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length >= 6) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length >= 6) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length >= 6) w = w.slice(0, -2);
  // Undouble a final consonant (throttl-ed / runn-ing) and drop a silent e, so variants share one form.
  if (/([bdfgklmnprt])\1$/.test(w) && w.length > 4) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

export interface Term {
  /** Stemmed form used for matching. */
  term: string;
  /** The word as written (lowercased), for display. */
  surface: string;
}

function keep(lower: string): boolean {
  if (lower.length < 2) return false;
  if (STOPWORDS.has(lower)) return false;
  if (UNIT.test(lower)) return false;
  if (HEXISH.test(lower)) return false;
  return true;
}

const NON_ASCII_WORD = /[\p{L}\p{N}]/u;

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return NON_ASCII_WORD.test(text[i]);
}

function isDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/**
 * Calls `each` with every word of the text: a run of letters and digits, continued across "." or "," when a digit
 * follows (1.5GB, 1,200) and ending in an optional "%". A hand-written scanner: regex match objects per word made
 * tokenising large histories garbage-bound.
 */
function scanWords(text: string, each: (word: string) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isWordChar(text, i)) i++;
    while (i + 1 < n && (text.charCodeAt(i) === 46 || text.charCodeAt(i) === 44) && isDigit(text, i + 1)) {
      i++;
      while (i < n && isWordChar(text, i)) i++;
    }
    if (i < n && text.charCodeAt(i) === 37) i++;
    each(text.slice(start, i));
  }
}

/** Terms of one alphanumeric run: a compound word yields its parts and then the whole. */
function runTerms(raw: string): Term[] {
  const out: Term[] = [];
  const parts = splitCase(raw);
  if (parts.length > 1) {
    for (const p of parts) {
      const lower = p.toLowerCase();
      if (keep(lower)) out.push({ term: stem(lower), surface: lower });
    }
  }
  const lowerWhole = raw.toLowerCase();
  if (keep(lowerWhole)) out.push({ term: stem(lowerWhole), surface: lowerWhole });
  return out;
}

/**
 * Terms of a text in order. Pass the same `cache` across the texts of one corpus: words repeat, and the cache
 * makes tokenising a large history several times faster.
 */
export function terms(text: string, cache?: Map<string, Term[]>): Term[] {
  const out: Term[] = [];
  // UUIDs first: their dashes would otherwise split them into hex fragments that survive as words.
  const cleaned = text.includes('-') ? text.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, ' ') : text;
  scanWords(cleaned, (raw) => {
    let ts = cache?.get(raw);
    if (!ts) {
      ts = runTerms(raw);
      if (cache && cache.size < 200_000) cache.set(raw, ts);
    }
    for (const t of ts) out.push(t);
  });
  return out;
}

/** Just the stemmed terms; `cache` maps a raw word to its terms (share it across one corpus). */
export function tokenize(text: string, cache?: Map<string, string[]>): string[] {
  const out: string[] = [];
  const cleaned = text.includes('-') ? text.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, ' ') : text;
  scanWords(cleaned, (raw) => {
    let ts = cache?.get(raw);
    if (!ts) {
      ts = runTerms(raw).map((t) => t.term);
      if (cache && cache.size < 200_000) cache.set(raw, ts);
    }
    for (const t of ts) out.push(t);
  });
  return out;
}
