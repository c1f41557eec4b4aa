// The live-data stack as one lazily loaded bundle (dist/sdk/live.js): the config parser (yaml, ajv), gather and the
// provider wiring. The extension needs none of it until the first gather, so activation does not parse ~300 KB.
export { loadConfig, ConfigError } from '../../core/config/loadConfig';
export { gather, GatherCancelledError } from '../../core/gather/gather';
export { TimeSpecError } from '../../core/gather/timeWindow';
export { createPorts, authHeader } from '../createPorts';
