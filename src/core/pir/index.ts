// Post-incident review: render from snapshot + report, and merge a regenerated review into an edited one.
export { renderPir, type PirOptions } from './renderPir';
export { mergePir } from './mergePir';
export { NO_DATA } from './format';
