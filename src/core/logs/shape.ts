// A line's "shape": a 64-bit hash of its text with every run of digits collapsed to one symbol and every run of spaces
// to one space, so lines that differ only in their numbers (counts, ids, addresses, times) share a shape and the miner
// can reuse the cluster the last such line went to, without tokenising, masking or searching the tree (LogMiner).
//
// That is exact because the header scan (header.ts) and the tokenizer (tokenize.ts) never tell one digit from another
// or count them (they ask whether a token has digits, or is all digits, maybe after a '-'), nor count spaces; letters
// and punctuation are kept. So two lines with one shape get the same header end, tokens, token hashes and kinds.
//
// The hash is a pair of random polynomial hashes (h = h * M + T[symbol], T a fixed random table): a skipped digit or
// space multiplies by one and adds zero, so the loop runs without data-dependent branches, which matter more than
// arithmetic here.

const M = 0x9e3779b1 | 0;
const SEED1 = 0x811c9dc5 | 0;
const SEED2 = 0x27d4eb2f | 0;

/** Where a hash loop leaves its result. */
interface ShapeOut {
  hi: number;
  lo: number;
}

/**
 * The two hash loops, closed over their tables: constants local to a function stay constants in any bundle (a bundler
 * may turn module constants into mutable variables, and the JIT then checks them again at every byte).
 */
const { hashText, hashBytes } = ((): {
  hashText: (out: ShapeOut, text: string, from: number, to: number) => void;
  hashBytes: (out: ShapeOut, buf: Uint8Array, from: number, to: number) => void;
} => {
  // Previous character's class, pre-shifted to index the tables: 0 other, 1 digit, 2 space.
  const P_DIGIT = 1 << 8;
  const P_SPACE = 2 << 8;
  // Per (previous class, byte): multiplier (M, or 1 to skip the byte) and each hash's addend (0 to skip). Both hashes
  // share the multiplier: their independence comes from the random addends.
  const MUL = new Int32Array(3 * 256);
  const ADD1 = new Int32Array(3 * 256);
  const ADD2 = new Int32Array(3 * 256);
  // Class of a byte, pre-shifted.
  const NEXT = new Int32Array(256);
  let x = 0x2545f491;
  const rnd = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x | 0;
  };
  const digit1 = rnd();
  const digit2 = rnd();
  const lit1 = Int32Array.from({ length: 256 }, rnd);
  const lit2 = Int32Array.from({ length: 256 }, rnd);
  for (let c = 0; c < 256; c++) {
    const isDigit = c >= 48 && c <= 57;
    NEXT[c] = isDigit ? P_DIGIT : c === 32 ? P_SPACE : 0;
    for (let p = 0; p < 3; p++) {
      const k = (p << 8) | c;
      if ((p === 1 && isDigit) || (p === 2 && c === 32)) {
        MUL[k] = 1;
        continue;
      }
      MUL[k] = M;
      ADD1[k] = isDigit ? digit1 : lit1[c];
      ADD2[k] = isDigit ? digit2 : lit2[c];
    }
  }

  return {
    hashText(out: ShapeOut, text: string, from: number, to: number): void {
      let h1 = SEED1;
      let h2 = SEED2;
      let p = 0;
      let i = from;
      // Two ASCII characters a step, as hashBytes does; one at a time around anything else.
      for (; i + 1 < to; i += 2) {
        const c = text.charCodeAt(i);
        const d = text.charCodeAt(i + 1);
        if ((c | d) >= 128) break;
        let k = p | c;
        let m = MUL[k];
        h1 = (Math.imul(h1, m) + ADD1[k]) | 0;
        h2 = (Math.imul(h2, m) + ADD2[k]) | 0;
        k = NEXT[c] | d;
        m = MUL[k];
        h1 = (Math.imul(h1, m) + ADD1[k]) | 0;
        h2 = (Math.imul(h2, m) + ADD2[k]) | 0;
        p = NEXT[d];
      }
      for (; i < to; i++) {
        const c = text.charCodeAt(i);
        if (c < 128) {
          const k = p | c;
          const m = MUL[k];
          h1 = (Math.imul(h1, m) + ADD1[k]) | 0;
          h2 = (Math.imul(h2, m) + ADD2[k]) | 0;
          p = NEXT[c];
        } else {
          // Not ASCII: its own addends, so text never shares a shape with bytes that decode differently.
          h1 = (Math.imul(h1, M) + Math.imul(c ^ 0x6b43a9b5, 0xcc9e2d51)) | 0;
          h2 = (Math.imul(h2, M) + Math.imul(c ^ 0x1b873593, 0xe6546b65)) | 0;
          p = 0;
        }
      }
      finishShape(out, h1, h2);
    },

    hashBytes(out: ShapeOut, buf: Uint8Array, from: number, to: number): void {
      let h1 = SEED1;
      let h2 = SEED2;
      let p = 0;
      let i = from;
      // Two bytes a step: the loop's own overhead is a good part of the cost.
      for (; i + 1 < to; i += 2) {
        const c = buf[i];
        const d = buf[i + 1];
        let k = p | c;
        let m = MUL[k];
        h1 = (Math.imul(h1, m) + ADD1[k]) | 0;
        h2 = (Math.imul(h2, m) + ADD2[k]) | 0;
        k = NEXT[c] | d;
        m = MUL[k];
        h1 = (Math.imul(h1, m) + ADD1[k]) | 0;
        h2 = (Math.imul(h2, m) + ADD2[k]) | 0;
        p = NEXT[d];
      }
      if (i < to) {
        const k = p | buf[i];
        const m = MUL[k];
        h1 = (Math.imul(h1, m) + ADD1[k]) | 0;
        h2 = (Math.imul(h2, m) + ADD2[k]) | 0;
      }
      finishShape(out, h1, h2);
    },
  };
})();

/** Mixes the two halves so every input bit reaches every output bit (a bijection: no new collisions). */
function finishShape(out: ShapeOut, h1: number, h2: number): void {
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h2 ^= h2 >>> 15;
  h2 = Math.imul(h2 ^ h1, 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  out.hi = h1;
  out.lo = h2;
}

const EMPTY = -1;

/**
 * Shape -> (cluster, the version of the cluster's tree leaf when the entry was written), in an open-addressing table
 * of bounded size, so memory stays bounded whatever the input; once full it starts again empty.
 */
export class ShapeCache {
  /** The last shape computed: high and low 32 bits. */
  hi = 0;
  lo = 0;
  private keyHi = new Int32Array(0);
  private keyLo = new Int32Array(0);
  private ids = new Int32Array(0);
  private versions = new Int32Array(0);
  private mask = 0;
  /** Entries the table holds before it grows (or, at full size, starts again). */
  private limit = 0;
  private used = 0;
  private readonly capacity: number;

  /** `capacity`: most shapes kept. The table starts small (a short log costs little) and doubles up to that. */
  constructor(capacity = 1 << 16) {
    this.capacity = Math.max(1, capacity);
    this.resize(Math.min(this.capacity, 512));
  }

  /** Computes the shape of text[from, to) (UTF-16 code units) into hi/lo. */
  shapeText(text: string, from: number, to: number): void {
    hashText(this, text, from, to);
  }

  /** Computes the shape of the UTF-8 bytes buf[from, to) into hi/lo. ASCII shapes as the same text does. */
  shapeBytes(buf: Uint8Array, from: number, to: number): void {
    hashBytes(this, buf, from, to);
  }

  /** Slot of the last computed shape, or -1. */
  find(): number {
    const hi = this.hi;
    const lo = this.lo;
    const mask = this.mask;
    for (let s = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask; ; s = (s + 1) & mask) {
      const id = this.ids[s];
      if (id === EMPTY) return -1;
      if (this.keyHi[s] === hi && this.keyLo[s] === lo) return s;
    }
  }

  clusterAt(slot: number): number {
    return this.ids[slot];
  }

  versionAt(slot: number): number {
    return this.versions[slot];
  }

  /** Stores (cluster, version) for the last computed shape. */
  set(cluster: number, version: number): void {
    const hi = this.hi;
    const lo = this.lo;
    const mask = this.mask;
    let s = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    for (; ; s = (s + 1) & mask) {
      if (this.ids[s] === EMPTY) break;
      if (this.keyHi[s] === hi && this.keyLo[s] === lo) {
        this.ids[s] = cluster;
        this.versions[s] = version;
        return;
      }
    }
    if (this.used >= this.limit) {
      if (this.limit < this.capacity) this.resize(Math.min(this.capacity, this.limit * 2));
      else {
        this.ids.fill(EMPTY);
        this.used = 0;
      }
      this.set(cluster, version);
      return;
    }
    this.used++;
    this.keyHi[s] = hi;
    this.keyLo[s] = lo;
    this.ids[s] = cluster;
    this.versions[s] = version;
  }

  /** Moves the entries to a table for `limit` entries (twice as many slots, so probes stay short). */
  private resize(limit: number): void {
    const { keyHi, keyLo, ids, versions } = this;
    let slots = 16;
    while (slots < limit * 2) slots *= 2;
    this.mask = slots - 1;
    this.limit = limit;
    this.keyHi = new Int32Array(slots);
    this.keyLo = new Int32Array(slots);
    this.ids = new Int32Array(slots).fill(EMPTY);
    this.versions = new Int32Array(slots);
    this.used = 0;
    const hi = this.hi;
    const lo = this.lo;
    for (let s = 0; s < ids.length; s++) {
      if (ids[s] === EMPTY) continue;
      this.hi = keyHi[s];
      this.lo = keyLo[s];
      this.set(ids[s], versions[s]);
    }
    this.hi = hi;
    this.lo = lo;
  }
}
