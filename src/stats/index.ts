export * from './assert.js';
export * from './budget.js';
export * from './claim.js';
export * from './monteCarlo.js';
export * from './timeAverage.js';
export * from './welford.js';
export { zUpper } from './quantiles.js';
