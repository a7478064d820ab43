/** Error metrics d(θ̂, θ*) of collapse-lab. */
export { squaredL2 } from './squaredL2.js';
export { frobeniusSquared } from './frobeniusSquared.js';
export { cramerVonMises } from './cramerVonMises.js';
export { categoricalSquaredError } from './categoricalSquaredError.js';
export { totalVariation } from './totalVariation.js';
export { probabilityVector, PROBABILITY_SUM_TOLERANCE } from './probabilityVector.js';
