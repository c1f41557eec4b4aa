// The write actions as one lazily loaded bundle (dist/sdk/actions.js): workflows, the query optimiser, PIR rendering,
// the git writer and the pull-request client. None of it is needed until a user runs an action.
export { executeHotfixBranch, executePr, executeRollbackPr, planHotfixBranch, planHotfixPr, planRollbackPr, suspectDeploy } from '../../core/actions/workflows';
export { pirPath, updatedPir } from '../../core/actions/pirFile';
export { databaseEvidence, deploySourceFiles, findingTitle, optimiseQueries, renderFindings } from '../../core/actions/queryOptimiser';
export { renderPir } from '../../core/pir';
export { gitRunner } from '../git/gitCli';
export { originRepo } from '../git/gitDeploys';
export { DirtyTreeError, GitWriter } from '../git/gitWriter';
export { LoggingOctokit } from '../github/loggingOctokit';
export { PullRequests } from '../github/pullRequests';
