// Level and error flag of a log line, remembered per line shape (miner.ts): most lines repeat a shape, and reading
// the header and the error words again for each costs as much as mining them.
// Exact: lines of one shape differ only in digit values and space-run lengths; the header's level is a word, and
// the error words depend on neither, except where UNSAFE matches, and those lines are never remembered.

/** Where the error test reads a digit run or a run of spaces ("0 errors", "timed out", "out of memory"). */
export const UNSAFE = /\b(?:\d+|no|zero) +(?:errors?|failures?)\b|\btimed? +out\b|\bout +of +memory\b/i;

/** 64-bit shape → small flags (level code and error bit), open addressing. */
export class ShapeFlags {
  private hi = new Int32Array(1 << 12);
  private lo = new Int32Array(1 << 12);
  private val = new Int8Array(1 << 12).fill(-1);
  private used = 0;

  /** The flags stored for the shape; -1 when none. */
  get(h: number, l: number): number {
    const mask = this.val.length - 1;
    for (let s = slot(h, l, mask); ; s = (s + 1) & mask) {
      const v = this.val[s];
      if (v < 0) return -1;
      if (this.hi[s] === h && this.lo[s] === l) return v;
    }
  }

  /** Stores flags (0..127) for a shape not stored yet. */
  set(h: number, l: number, v: number): void {
    if (this.used * 2 >= this.val.length) this.grow();
    const mask = this.val.length - 1;
    let s = slot(h, l, mask);
    while (this.val[s] >= 0) s = (s + 1) & mask;
    this.hi[s] = h;
    this.lo[s] = l;
    this.val[s] = v;
    this.used++;
  }

  private grow(): void {
    const { hi, lo, val } = this;
    this.hi = new Int32Array(val.length * 2);
    this.lo = new Int32Array(val.length * 2);
    this.val = new Int8Array(val.length * 2).fill(-1);
    this.used = 0;
    for (let s = 0; s < val.length; s++) if (val[s] >= 0) this.set(hi[s], lo[s], val[s]);
  }
}

function slot(h: number, l: number, mask: number): number {
  return (h ^ Math.imul(l, 0x9e3779b1)) & mask;
}
