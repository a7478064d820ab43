/**
 * Validation of a finite number ≥ 0 (internal helper of src/special).
 */
import { InvalidArgumentError } from '../errors.js';

/**
 * Returns value when it is a finite number ≥ 0, else throws InvalidArgumentError naming the parameter.
 * @example nonNegative('x', 0) // 0
 */
export function nonNegative(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(name, value, 'a finite number ≥ 0');
  }
  return value;
}
