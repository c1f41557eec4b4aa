// Tells which input lines continue the previous event (stack frames, "Caused by:", Python tracebacks), so a
// multi-line message such as a stack trace is mined as one event.

const CONTINUATION_START = /^(?:Caused by:|Suppressed:|Traceback \(most recent call last\):|During handling of the above exception|The above exception was the direct cause|\.\.\. \d+ (?:more|common frames omitted))/;

/** Line-by-line state machine: feed every line in order. */
export class ContinuationDetector {
  private inTraceback = false;
  private hasEvent = false;

  /** True when text[from, to) belongs to the event started by an earlier line. */
  isContinuation(text: string, from = 0, to = text.length): boolean {
    if (this.plainStart(to > from ? text.charCodeAt(from) : -1)) return false;
    const cont = this.hasEvent && this.classify(from === 0 && to === text.length ? text : text.slice(from, to));
    this.hasEvent = true;
    return cont;
  }

  /**
   * Fast path: true (and the line starts a new event) when a line whose first character code is `c` (-1: empty line)
   * cannot be a continuation: most lines start with a letter, digit or bracket that no continuation starts with.
   * False: ask isContinuation.
   */
  plainStart(c: number): boolean {
    if (c !== 32 && c !== 9 && c !== -1 && c !== 67 && c !== 84 && c !== 46 && c !== 83 && c !== 68 && !this.inTraceback) {
      this.hasEvent = true;
      return true;
    }
    return false;
  }

  private classify(line: string): boolean {
    if (line.trim().length === 0) return true;
    const c = line.charCodeAt(0);
    if (c === 32 || c === 9) return true; // indented: a frame ("    at f (x.js:1:2)", "  File ...", "\tat ...")
    if (line.startsWith('Traceback (most recent call last):')) {
      this.inTraceback = true;
      return true;
    }
    if (this.inTraceback) {
      // The unindented "ValueError: bad" line closes a Python traceback.
      this.inTraceback = false;
      return true;
    }
    return CONTINUATION_START.test(line);
  }
}

/** Splits a message into its headline and whether more lines (a stack trace) follow. */
export function headline(message: string): { head: string; hasStackTrace: boolean } {
  const nl = message.indexOf('\n');
  if (nl < 0) return { head: message, hasStackTrace: false };
  const head = message.slice(0, nl).replace(/\r$/, '');
  const rest = message.slice(nl + 1);
  return { head, hasStackTrace: rest.trim().length > 0 };
}
