export { parseHunks, changedRanges, hunkSpan } from './hunks';
export type { Hunk, LineRange } from './hunks';
export { mapLine, mapRange, applyEdit, applyEdits } from './lineMap';
export type { TextEdit, TrackedLines } from './lineMap';
