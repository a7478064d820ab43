export * from './weighting.js';
export * from './schedules.js';
export * from './accumulate.js';
export * from './shumailov.js';
export * from './stability.js';
