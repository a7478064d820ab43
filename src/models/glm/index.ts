/** Generalised linear models (linear, logistic, Poisson) — see model.ts and fisher.ts. */
export { glmModel, glmBetaSquaredError } from './model.js';
export type { GlmModel, GlmTheta } from './model.js';
export type { GlmOptions, GlmConfig } from './options.js';
export type { GlmFamily } from './family.js';
export { GLM_FAMILIES, logisticSigmoid, logisticVariance } from './family.js';
export { glmFisherInformation, glmFisherInverseTrace, logisticProjectionMoments } from './fisher.js';
export type { GlmFisherOptions } from './fisher.js';
export { POISSON_ETA_LIMIT } from './newton.js';
export { POISSON_SAMPLING_ETA_MAX } from './sample.js';
export { gaussHermite, gaussLegendre } from './quadrature.js';
export type { QuadratureRule } from './quadrature.js';
