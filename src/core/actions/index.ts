// Write actions: plans, PR text, branch rules, query-optimisation findings, PIR file updates.
export * from './branchGuard';
export * from './branchNames';
export * from './consoleLinks';
export * from './prBody';
export * from './writePlan';
export * from './workflows';
export * from './pirFile';
export { optimiseFile, optimiseQueries, renderFindings, databaseEvidence, findingTitle, type QueryFinding, type FindingKind, type SourceFile } from './queryOptimiser';
