/**
 * Guards on computed results: a public function that promises finite numbers reports an intermediate overflow
 * (e.g. a sum of squares of entries near 1e308) as NumericalError('overflow') naming what overflowed, instead of
 * returning ±Infinity or NaN (issue 7).
 */
import { NumericalError } from './errors.js';

/**
 * `value` when it is finite; otherwise throws NumericalError('overflow') saying that `what` is beyond the double
 * range.
 *
 * @example
 *   finiteResult('‖a − b‖²', 4);         // 4
 *   finiteResult('‖a − b‖²', Infinity);  // throws: overflow: ‖a − b‖² is beyond the double range (Infinity)
 */
export function finiteResult(what: string, value: number): number {
  if (!Number.isFinite(value)) throw new NumericalError('overflow', `${what} is beyond the double range (${value})`, { value });
  return value;
}

/**
 * `values` when every entry is finite; otherwise throws NumericalError('overflow') naming `what` and the first
 * offending index.
 *
 * @example
 *   finiteResults('A B', Float64Array.of(1, 2)); // the array
 */
export function finiteResults(what: string, values: Float64Array): Float64Array {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new NumericalError('overflow', `${what} is beyond the double range at entry ${i} (${values[i]})`, { index: i, value: values[i] });
    }
  }
  return values;
}
