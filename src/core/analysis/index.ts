export { analyse } from './analyse';
export type { AnalyseOptions } from './analyse';
