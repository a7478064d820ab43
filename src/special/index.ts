/** Special functions of collapse-lab (each in its own file; see the doc comment of each). */
export { normalCdf } from './normalCdf.js';
export { normalQuantile } from './normalQuantile.js';
export { logGamma } from './logGamma.js';
export { logBeta } from './logBeta.js';
export { digamma } from './digamma.js';
export { trigamma } from './trigamma.js';
export { regularizedGammaP } from './regularizedGammaP.js';
export { regularizedGammaQ } from './regularizedGammaQ.js';
export { chiSquaredCdf } from './chiSquaredCdf.js';
export { gammaCdf } from './gammaCdf.js';
export { poissonCdf } from './poissonCdf.js';
export { regularizedBeta } from './regularizedBeta.js';
export { regularizedBetaComplement } from './regularizedBetaComplement.js';
export { betaQuantile } from './betaQuantile.js';
export { binomialCdf } from './binomialCdf.js';
