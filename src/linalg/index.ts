/** Small dense linear algebra on row-major Float64Array matrices (see each file's doc comment). */
export { cholesky, SYMMETRY_TOLERANCE } from './cholesky.js';
export { choleskySolve } from './choleskySolve.js';
export { spdInverse } from './spdInverse.js';
export { logDetFromCholesky } from './logDetFromCholesky.js';
export { matVec } from './matVec.js';
export { matMul } from './matMul.js';
export { transpose } from './transpose.js';
export { frobeniusNormSquared } from './frobeniusNormSquared.js';
export { trace } from './trace.js';
export { isSymmetricPositiveDefinite } from './isSymmetricPositiveDefinite.js';
export { lowerTimesUpper } from './lowerTimesUpper.js';
