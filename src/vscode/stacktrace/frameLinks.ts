// Where stack frames sit in a text, as ranges a link provider can underline. Pure (no vscode), unit-tested.
import { parseStack } from '../../core/stack/parseStack';
import type { StackFrame } from '../../core/stack/frame';

export interface FrameLink {
  /** 0-based line of the text. */
  line: number;
  /** Character range of "path:line(:col)" (or the file name, for Python/Java) within that line. */
  start: number;
  end: number;
  frame: StackFrame;
}

/** Links for the frames in `text`; a frame whose file text cannot be found on its line is skipped. */
export function frameLinks(text: string): FrameLink[] {
  if (!text) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const frames = parseStack(text).frames;
  const perLine = new Map<number, number>();
  for (const f of frames) perLine.set(f.sourceLine, (perLine.get(f.sourceLine) ?? 0) + 1);
  const out: FrameLink[] = [];
  // Where the previous link on a line ended: a flattened trace (JSON log, one-line PHP) holds several frames.
  const cursor = new Map<number, number>();
  for (const frame of frames) {
    const line = frame.sourceLine - 1;
    const src = lines[line];
    if (src === undefined || !frame.file) continue;
    // One frame on its line: the last mention is the location ("at fn (file.js:1:2)" may name the file earlier).
    const start = perLine.get(frame.sourceLine) === 1 ? src.lastIndexOf(frame.file) : src.indexOf(frame.file, cursor.get(line) ?? 0);
    if (start < 0) continue;
    let end = start + frame.file.length;
    // Include ":line:col" or PHP's "(line)" right after the path when the trace prints it that way.
    const tail = /^(?::\d+(?::\d+)?|\(\d+\))/.exec(src.slice(end));
    if (tail) end += tail[0].length;
    cursor.set(line, end);
    out.push({ line, start, end, frame });
  }
  return out;
}
