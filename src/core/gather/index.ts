export { gather, metricQueries, GatherCancelledError, type GatherOptions, type GatherPorts, type GatherProgress } from './gather';
export { parseTimeSpec, resolveWindow, TimeSpecError } from './timeWindow';
