/** The statistical assertions, in one import. */
export { checkMean, type MeanCheckInput } from './checkMean.js';
export { checkDKW, dkwEpsilon, type DKWCheckInput } from './checkDKW.js';
export { checkProportion, proportionTrialsNeeded, type ProportionCheckInput } from './checkProportion.js';
export { checkBoundedMean, boundedMeanHalfWidth, type BoundedMeanCheckInput } from './checkBoundedMean.js';
export { checkQuantile, type QuantileCheckInput } from './checkQuantile.js';
export { checkPairedSign, type PairedSignCheckInput } from './checkPairedSign.js';
export { checkArgminOnGrid, type ArgminCheckInput, type ArgminCheckResult } from './checkArgminOnGrid.js';
export { clopperPearson } from './clopperPearson.js';
export { requiredReplications, replicationsFromPilot, sampleToPower } from './power.js';
export { expectPass, expectReject, describeCheck, CheckFailedError, UnderpoweredError, type CheckResult } from './check.js';
export { checkTwoSample, twoSampleKolmogorovDistance, type TwoSampleCheckInput } from './checkTwoSample.js';
