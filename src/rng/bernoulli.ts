/**
 * Bernoulli variates: P(X = 1) = p, P(X = 0) = 1 − p.
 *
 * X = [U < p] with U = nextDouble() ∈ [0, 1) on the 2^−53 grid, so P(X = 1) = ⌈p·2^53⌉/2^53: exact for
 * p = 0 and p = 1, and within 2^−53 of p otherwise.
 *
 * Source: the inversion principle (Devroye 1986, §II.2).
 */
import type { Stream } from './stream.js';
import { unitInterval } from '../validate.js';
import { checkStream } from './checkStream.js';

/**
 * One draw X ~ Bernoulli(p), p ∈ [0, 1].
 *
 * @example
 *   bernoulliVariate(rootKey('demo').stream(), 0.3); // 0 or 1
 */
export function bernoulliVariate(stream: Stream, p: number): 0 | 1 {
  checkStream(stream);
  unitInterval('p', p);
  return stream.nextDouble() < p ? 1 : 0;
}
