// The analysis engine as one lazily loaded bundle (dist/sdk/engine.js): analyse() and the log miner with what they
// use (history, log statistics). The extension needs none of it until an incident opens, so activation stays small.
export { analyse } from '../../core/analysis/analyse';
export { mineLogs } from '../../core/logs/mine';
