export { analyse } from './analyse';
export type { AnalyseOptions } from './analyse';
export { renderReportMarkdown } from './markdown';
