/** collapse-lab: the public API in one import. */
export * from './errors.js';
export * from './rng/index.js';
export * from './models/index.js';
export * from './loop/index.js';
export * from './metrics/index.js';
export * from './theory/index.js';
export * as stats from './stats/index.js';
