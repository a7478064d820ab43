/**
 * Replications a check needs: R = ⌈((z_{1−α/2} + z_{1−β})·σ/δ)²⌉ for a two-sided CLT test of a mean with
 * per-replication standard deviation σ to detect a shift δ with false-failure rate α and false-pass rate β
 * (one-sided tests use z_{1−α}). σ comes from theory (e.g. Var‖x̄ − μ‖² = 2·tr(C²) for Gaussian x̄ with
 * covariance C) or from a pilot run on a separate stream.
 *
 * @example requiredReplications({ sd: 1, detectable: 0.1, alpha: 0.05, beta: 0.2 }) // 785
 */
import { zUpper } from './quantiles.js';
import { numberInRange } from '../validate.js';

export function requiredReplications(options: { sd: number; detectable: number; alpha: number; beta?: number; sided?: 1 | 2 }): number {
  const sd = numberInRange('sd', options.sd, 0, Number.MAX_VALUE);
  const detectable = numberInRange('detectable', options.detectable, Number.MIN_VALUE, Number.MAX_VALUE);
  const alpha = numberInRange('alpha', options.alpha, Number.MIN_VALUE, 0.5);
  const beta = numberInRange('beta', options.beta ?? 1e-2, Number.MIN_VALUE, 0.5);
  const zA = zUpper((options.sided ?? 2) === 2 ? alpha / 2 : alpha);
  const zB = zUpper(beta);
  return Math.max(100, Math.ceil(((zA + zB) * sd / detectable) ** 2));
}

/**
 * Replications planned from a pilot sample drawn on a separate stream: requiredReplications with the pilot's
 * standard deviation inflated by `margin` (default 1.25), which covers the pilot's own sampling error of the sd
 * for pilots of a few hundred or more (the main run's checkMean re-checks the power with its own sd and refuses
 * to run under-powered).
 */
export function replicationsFromPilot(options: { pilot: ArrayLike<number>; detectable: number; alpha: number; beta?: number; margin?: number; sided?: 1 | 2 }): number {
  const n = options.pilot.length;
  if (n < 50) throw new RangeError(`pilot.length must be at least 50; received ${n}`);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += options.pilot[i] / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (options.pilot[i] - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1)) * (options.margin ?? 1.25);
  return requiredReplications({ sd, detectable: options.detectable, alpha: options.alpha, beta: options.beta, sided: options.sided });
}
