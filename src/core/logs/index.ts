// Log template mining and pattern spikes: the API the analysis engine and the CLI use.
export { DrainMiner, type MinerOptions } from './drain';
export { isErrorMessage, isErrorText, messageLevel } from './errorish';
export { parseHeader, levelOf, type Level } from './header';
export { LogMiner, templateId, type LogMinerOptions, type MiningResult, type Template } from './miner';
export { mineLogs, mineMessages, type MinedLogs } from './mine';
export { ContinuationDetector, headline } from './multiline';
export { isoMs } from './isoTime';
export { logSpikeSummary, logSpikes, type PatternSpike, type SpikeOptions, type SpikeSummary } from './spikes';
export { poissonRateTest, type RateTest } from './stats';
export { maskMessage, Tokenizer } from './tokenize';
