/**
 * Critical values used by every check.
 */
import { normalQuantile } from '../special/index.js';
import { numberInRange } from '../validate.js';

/** z_{1−p}: the upper p-quantile of N(0, 1), e.g. zUpper(0.025) = 1.959963984540054. */
export function zUpper(p: number): number {
  numberInRange('p', p, Number.MIN_VALUE, 0.5);
  return -normalQuantile(p);
}
