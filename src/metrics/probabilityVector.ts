/**
 * Validation of a probability vector (a pmf over K categories).
 */
import { InvalidArgumentError } from '../errors.js';
import { finiteVector, integerInRange } from '../validate.js';

/** Tolerance on |Σ p_c − 1| accepted for a probability vector (rounding of K additions of weights). */
export const PROBABILITY_SUM_TOLERANCE = 1e-9;

/**
 * Returns `value` as a Float64Array after checking that it is a probability vector: finite entries
 * p_c ≥ 0 with |Σ_c p_c − 1| ≤ 1e-9, and length `length` when given. Throws InvalidArgumentError naming
 * `name` (or `name[c]`) otherwise.
 *
 * @example
 *   probabilityVector('probs', [0.25, 0.75]); // Float64Array [0.25, 0.75]
 */
export function probabilityVector(name: string, value: unknown, length?: number): Float64Array {
  if (typeof name !== 'string') throw new InvalidArgumentError('name', name, 'a string (the parameter name used in error messages)');
  if (length !== undefined) integerInRange('length', length, 0);
  const p = finiteVector(name, value, length);
  if (p.length === 0) throw new InvalidArgumentError(`${name}.length`, 0, 'at least 1');
  let sum = 0;
  for (let c = 0; c < p.length; c++) {
    if (p[c] < 0) throw new InvalidArgumentError(`${name}[${c}]`, p[c], 'a probability ≥ 0');
    sum += p[c];
  }
  if (!(Math.abs(sum - 1) <= PROBABILITY_SUM_TOLERANCE)) {
    throw new InvalidArgumentError(`${name} (sum of entries)`, sum, `1 (within ${PROBABILITY_SUM_TOLERANCE})`);
  }
  return p;
}
