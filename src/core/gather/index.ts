export { gather, metricQueries, GatherCancelledError, type GatherOptions, type GatherPorts, type GatherProgress } from './gather';
export { parseTimeSpec, resolveWindow, TimeSpecError } from './timeWindow';
export { DEFAULT_ERROR_REGEX, insightBinSeconds, readLogInsights, type InsightsSource } from './logInsights';
export { attachSamples, patternRegex } from './patternSamples';
