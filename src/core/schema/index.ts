export { snapshotJsonSchema } from './snapshotSchema';
export { validateSnapshot, formatProblem, type SnapshotProblem, type ValidationResult } from './validateSnapshot';
export { parseJson, JsonSyntaxError, lineColumnAt } from './parseJson';
export { isIsoTimeWithOffset } from './isoTime';
