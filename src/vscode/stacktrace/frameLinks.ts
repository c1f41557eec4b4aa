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
  const lines = text.split('\n');
  const out: FrameLink[] = [];
  for (const frame of parseStack(text).frames) {
    const line = frame.sourceLine - 1;
    const src = lines[line];
    if (src === undefined || !frame.file) continue;
    const start = src.lastIndexOf(frame.file);
    if (start < 0) continue;
    let end = start + frame.file.length;
    // Include ":line:col" right after the path when the trace prints it that way.
    const tail = /^:\d+(?::\d+)?/.exec(src.slice(end));
    if (tail) end += tail[0].length;
    out.push({ line, start, end, frame });
  }
  return out;
}
