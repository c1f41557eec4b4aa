// Cuts a byte stream into blocks of whole lines without decoding it: the miner hashes most lines straight from the
// bytes and decodes only the few it has to mine. Lines end at byte 0x0A, never part of a UTF-8 multi-byte character,
// so a chunk boundary inside a line (or inside a character) only ever falls in the carried-over tail.

/**
 * Gets whole lines as bytes buf[from, to): every line there ends with "\n" (or "\r\n"), except that the block passed
 * at the end of the stream is one last line without a line break. buf is only valid during the call.
 */
export type LineBlockHandler = (buf: Uint8Array, from: number, to: number) => void;

export class ByteLineSplitter {
  // A Buffer like the chunks, so the miner's loops see one kind of array.
  private carry = Buffer.allocUnsafe(4096);
  private carryLen = 0;

  constructor(private readonly onLines: LineBlockHandler) {}

  push(chunk: Uint8Array): void {
    let s = 0;
    if (this.carryLen > 0) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.keep(chunk, 0, chunk.length);
        return;
      }
      this.keep(chunk, 0, nl + 1);
      const len = this.carryLen;
      this.carryLen = 0;
      this.onLines(this.carry, 0, len);
      s = nl + 1;
    }
    const last = chunk.lastIndexOf(10);
    if (last >= s) {
      this.onLines(chunk, s, last + 1);
      s = last + 1;
    }
    if (s < chunk.length) this.keep(chunk, s, chunk.length);
  }

  /** The stream ended: a last line without a line break counts too. */
  end(): void {
    if (this.carryLen === 0) return;
    const len = this.carryLen;
    this.carryLen = 0;
    this.onLines(this.carry, 0, len);
  }

  /** Appends chunk[from, to) to the carried tail (the reader reuses the chunk's memory). */
  private keep(chunk: Uint8Array, from: number, to: number): void {
    const need = this.carryLen + (to - from);
    if (need > this.carry.length) {
      let size = this.carry.length * 2;
      while (size < need) size *= 2;
      const bigger = Buffer.allocUnsafe(size);
      bigger.set(this.carry.subarray(0, this.carryLen));
      this.carry = bigger;
    }
    this.carry.set(chunk.subarray(from, to), this.carryLen);
    this.carryLen = need;
  }
}
