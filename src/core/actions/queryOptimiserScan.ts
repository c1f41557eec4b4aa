// A light, language-agnostic reading of source text for the query optimiser: per line, the code with strings and
// comments blanked, the string literals, and which loop / transaction blocks enclose it (brace- and indentation-aware).

export interface ScannedLine {
  /** 1-based line number in the new file. */
  n: number;
  raw: string;
  /** The line with string contents and comments replaced by spaces (same length). */
  code: string;
  /** String literals on this line, joined with the continuation of strings that span lines. */
  strings: string[];
  indent: number;
  /** Line numbers of the loop headers enclosing this line (header line itself included when the loop body starts on it). */
  loops: number[];
  /** Line numbers of the transaction blocks enclosing this line. */
  transactions: number[];
}

const LOOP_HEAD = /\bfor\s*\(|\bfor\s+(?:\w+|\(|\[)[^:=\n]*\bin\b|\bfor\s+\w[\w\s,]*\s(?:in|of)\s|\bwhile\s*\(|\bwhile\s+[^:\n]+:\s*$|\.(?:forEach|map|flatMap|each|each_with_index|times|for_each)\s*(?:\(|\{|do\b)|\bforeach\s*\(|\bdo\s*\{/;
const TX_HEAD = /\b(?:transaction|\$transaction|beginTransaction|begin_transaction|startTransaction|atomic)\s*\(|\bwith\s+[\w.]*(?:atomic|begin|transaction)\b[^:]*:\s*$|@Transactional\b|\bBEGIN(?:\s+TRANSACTION|\s+WORK)?\s*;|\bSTART\s+TRANSACTION\b|\.begin\(\)|setAutoCommit\(\s*false\s*\)/i;

/** Blanks strings and comments; returns the code and the string literals. Keeps state across lines for block comments and multi-line strings. */
function blank(lines: string[]): Array<{ code: string; strings: string[] }> {
  const out: Array<{ code: string; strings: string[] }> = [];
  let inBlock = false;
  let quote: string | undefined; // open string delimiter carried to the next line: ` """ '''
  let current = '';
  let openedAt = -1;
  for (const line of lines) {
    let code = '';
    const strings: string[] = [];
    let i = 0;
    while (i < line.length) {
      const c = line[i];
      const two = line.slice(i, i + 2);
      const three = line.slice(i, i + 3);
      if (inBlock) {
        if (two === '*/') { inBlock = false; code += '  '; i += 2; } else { code += ' '; i++; }
        continue;
      }
      if (quote) {
        if (c === '\\') { current += line.slice(i, i + 2); code += '  '; i += 2; continue; }
        if (line.startsWith(quote, i)) {
          // A string that spans lines belongs to the line it starts on.
          if (openedAt >= 0 && openedAt < out.length) out[openedAt].strings.push(current);
          else strings.push(current);
          current = '';
          code += quote.replace(/./g, ' ');
          i += quote.length;
          quote = undefined;
          continue;
        }
        current += c;
        code += ' ';
        i++;
        continue;
      }
      if (two === '/*') { inBlock = true; code += '  '; i += 2; continue; }
      if (two === '//' || (c === '#' && !/[\w$]/.test(line[i - 1] ?? '')) || (two === '--' && /^\s*--/.test(line))) break;
      if (three === '"""' || three === "'''") { quote = three; openedAt = out.length; code += '   '; i += 3; continue; }
      if (c === '"' || c === "'" || c === '`') { quote = c; openedAt = out.length; code += ' '; i++; continue; }
      code += c;
      i++;
    }
    // Single-quoted strings do not span lines; template literals and triple quotes do.
    if (quote === '"' || quote === "'") { strings.push(current); current = ''; quote = undefined; }
    else if (quote) current += '\n';
    out.push({ code: code.padEnd(line.length, ' '), strings });
  }
  return out;
}

const depthDelta = (code: string) => {
  let d = 0;
  for (const ch of code) {
    if (ch === '{' || ch === '(' || ch === '[') d++;
    else if (ch === '}' || ch === ')' || ch === ']') d--;
  }
  return d;
};

interface Frame {
  header: number;
  kind: 'bracket' | 'indent' | 'next';
  /** bracket: the frame ends when the depth at a line end drops to this; indent: when a line is indented ≤ this. */
  level: number;
  tx: boolean;
}

/** Lines of the new file (with holes allowed: only the lines known from a patch), in order. */
export function scanLines(input: Array<{ n: number; text: string }>): ScannedLine[] {
  const blanked = blank(input.map((l) => l.text));
  const frames: Frame[] = [];
  const out: ScannedLine[] = [];
  let depth = 0;
  input.forEach((l, i) => {
    const { code, strings } = blanked[i];
    const indent = /^\s*/.exec(l.text)![0].replace(/\t/g, '    ').length;
    const blankLine = code.trim() === '';
    // Close frames this line is outside of.
    if (!blankLine) {
      for (let k = frames.length - 1; k >= 0; k--) {
        const f = frames[k];
        if (f.kind === 'indent' && indent <= f.level) frames.splice(k, 1);
      }
    }
    const startDepth = depth;
    depth += depthDelta(code);
    const isLoop = LOOP_HEAD.test(code) || /\[[^\]]*\bfor\b[^\]]*\bin\b/.test(code);
    const joinedStrings = strings.join(' ');
    const isTx = TX_HEAD.test(code) || /\b(BEGIN|START TRANSACTION)\b/i.test(joinedStrings) && /^\s*(BEGIN|START TRANSACTION)\b/i.test(joinedStrings.trim());
    const opened: Frame[] = [];
    for (const [hit, tx] of [[isLoop, false], [isTx, true]] as const) {
      if (!hit) continue;
      const trimmed = code.trimEnd();
      if (/:\s*$/.test(trimmed) && !/[{(]\s*$/.test(trimmed)) opened.push({ header: l.n, kind: 'indent', level: indent, tx });
      else if (depth > startDepth) opened.push({ header: l.n, kind: 'bracket', level: startDepth, tx });
      else if (/\)\s*$/.test(trimmed) && /^\s*(for|while|foreach)\b/.test(code)) opened.push({ header: l.n, kind: 'next', level: 0, tx });
      else if (tx && /@Transactional/.test(code)) opened.push({ header: l.n, kind: 'next', level: 0, tx });
      else opened.push({ header: l.n, kind: 'bracket', level: depth, tx }); // one-line body: this line only
    }
    const enclosing = [...frames, ...opened];
    out.push({
      n: l.n, raw: l.text, code, strings, indent,
      loops: enclosing.filter((f) => !f.tx).map((f) => f.header),
      transactions: enclosing.filter((f) => f.tx).map((f) => f.header),
    });
    // Frames whose body ended on this line, then the new ones that continue.
    for (let k = frames.length - 1; k >= 0; k--) {
      const f = frames[k];
      if (f.kind === 'bracket' && depth <= f.level) frames.splice(k, 1);
      else if (f.kind === 'next' && !blankLine && f.header !== l.n && !/^\s*@/.test(code)) {
        // The statement after a brace-less header: a block when it opens one (a method under @Transactional, `{` on its own line).
        if (depth > startDepth) Object.assign(f, { kind: 'bracket', level: startDepth });
        else frames.splice(k, 1);
      }
    }
    for (const f of opened) {
      if (f.kind === 'bracket' && depth <= f.level) continue;
      frames.push(f);
    }
  });
  return out;
}
