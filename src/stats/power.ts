/**
 * Replications a check needs: R = ⌈((z_{1−α/2} + z_{1−β})·σ/δ)²⌉ for a two-sided CLT test of a mean with
 * per-replication standard deviation σ to detect a shift δ with false-failure rate α and false-pass rate β
 * (one-sided tests use z_{1−α}). σ comes from theory (e.g. Var‖x̄ − μ‖² = 2·tr(C²) for Gaussian x̄ with
 * covariance C) or from a pilot run on a separate stream.
 *
 * @example requiredReplications({ sd: 1, detectable: 0.1, alpha: 0.05, beta: 0.2 }) // 785
 */
import { zUpper } from './quantiles.js';
import { numberInRange, optionsObject } from '../validate.js';
import { NumericalError } from '../errors.js';
import { finiteSamples } from './sample.js';

export function requiredReplications(options: { sd: number; detectable: number; alpha: number; beta?: number; sided?: 1 | 2 }): number {
  optionsObject('options', options, '{ sd, detectable, alpha, beta?, sided? }');
  const sd = numberInRange('sd', options.sd, 0, Number.MAX_VALUE);
  const detectable = numberInRange('detectable', options.detectable, Number.MIN_VALUE, Number.MAX_VALUE);
  const alpha = numberInRange('alpha', options.alpha, Number.MIN_VALUE, 0.5);
  const beta = numberInRange('beta', options.beta ?? 1e-2, Number.MIN_VALUE, 0.5);
  const zA = zUpper((options.sided ?? 2) === 2 ? alpha / 2 : alpha);
  const zB = zUpper(beta);
  const needed = Math.max(100, Math.ceil(((zA + zB) * sd / detectable) ** 2));
  if (!(needed <= Number.MAX_SAFE_INTEGER)) throw new NumericalError('overflow', `the replications needed, ((z_α + z_β)·sd/detectable)² = ${needed}, exceed 2^53 (sd ${sd}, detectable ${detectable})`, { needed });
  return needed;
}

/**
 * Replications planned from a pilot sample drawn on a separate stream: requiredReplications with the pilot's
 * standard deviation inflated by `margin` (default 1.25), which covers the pilot's own sampling error of the sd
 * for pilots of a few hundred or more (the main run's checkMean re-checks the power with its own sd and refuses
 * to run under-powered).
 */
export function replicationsFromPilot(options: { pilot: ArrayLike<number>; detectable: number; alpha: number; beta?: number; margin?: number; sided?: 1 | 2 }): number {
  optionsObject('options', options, '{ pilot, detectable, alpha, beta?, margin?, sided? }');
  const n = finiteSamples('pilot', options.pilot, 50).length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += options.pilot[i] / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (options.pilot[i] - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1)) * (options.margin ?? 1.25);
  return requiredReplications({ sd, detectable: options.detectable, alpha: options.alpha, beta: options.beta, sided: options.sided });
}

/**
 * Draws replications until a CLT mean check has its declared power: R₀ from the pilot (replicationsFromPilot), then,
 * while (z_{1−α/2} + z_{1−β})·s/√R exceeds detectable − tolerance with the realised sd s, enough further
 * replications (10 % spare) for the power, at most `rounds` times and never beyond `maxReplications`. A sample size
 * that depends only on variance estimates keeps the mean test valid (Stein's two-stage procedure is exact for normal
 * data and asymptotically valid otherwise). `draw(first, count)` returns replications [first, first + count) of the
 * main stream, so the result is the same whatever the number of rounds needed.
 */
export function sampleToPower(options: {
  draw: (first: number, count: number) => Float64Array;
  pilot: ArrayLike<number>;
  detectable: number;
  alpha: number;
  beta?: number;
  tolerance?: number;
  margin?: number;
  rounds?: number;
  maxReplications?: number;
}): Float64Array {
  optionsObject('options', options, '{ draw, pilot, detectable, alpha, beta?, tolerance?, margin?, rounds?, maxReplications? }');
  const beta = options.beta ?? 1e-2;
  const tolerance = options.tolerance ?? 0;
  const maxReplications = options.maxReplications ?? 10_000_000;
  const z = zUpper(options.alpha / 2) + zUpper(beta);
  const margin = Math.max(0, options.detectable - tolerance);
  let R = Math.min(maxReplications, replicationsFromPilot({ pilot: options.pilot, detectable: margin, alpha: options.alpha, beta, margin: options.margin }));
  let samples = options.draw(0, R);
  for (let round = 0; round < (options.rounds ?? 3); round++) {
    let mean = 0;
    for (let i = 0; i < samples.length; i++) mean += samples[i] / samples.length;
    let ss = 0;
    for (let i = 0; i < samples.length; i++) ss += (samples[i] - mean) ** 2;
    const sd = Math.sqrt(ss / (samples.length - 1));
    if (z * sd / Math.sqrt(R) <= margin || R >= maxReplications) break;
    const next = Math.min(maxReplications, Math.ceil(1.1 * (z * sd / margin) ** 2));
    const more = options.draw(R, next - R);
    const merged = new Float64Array(next);
    merged.set(samples);
    merged.set(more, R);
    samples = merged;
    R = next;
  }
  return samples;
}
