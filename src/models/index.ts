/** The generative models of collapse-lab, one `Model<Theta>` interface (types.ts). */
export type { Dataset, WeightedSource, Metric, Model, Summary, SummaryCapability } from './types.js';
export { dataset, takeRows, concatRows, sampleWithoutReplacement } from './dataset.js';
export { normalisedSourceWeights } from './sourceWeights.js';
export {
  gaussianModel,
  weightedMeanOfSources,
  sampleCovarianceUnbiased,
  type GaussianTheta,
  type GaussianModelOptions,
  type GaussianCovarianceConvention,
} from './gaussian.js';
export { gammaModel, gammaShapeMle, gammaFisherInformation, type GammaTheta } from './gamma.js';
export {
  empiricalModel,
  standardNormalTruth,
  continuousTruth,
  type EmpiricalTheta,
  type EmpiricalAtoms,
  type ContinuousTruth,
} from './empirical.js';
export { categoricalModel, type CategoricalTheta } from './categorical.js';

// GLMs (linear | logistic | poisson): added by the GLM engineer below.
export * from './glm/index.js';
export { gaussianSummaries } from './gaussianSummaries.js';
export { categoricalSummaries } from './categoricalSummaries.js';
export { uniformModel, type UniformTheta } from './uniform.js';
