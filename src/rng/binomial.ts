/**
 * Binomial variates: P(K = k) = C(n, k) p^k (1 − p)^(n−k), k = 0..n (n = `trials`, p = success probability).
 *
 * By symmetry K(n, p) = n − K(n, 1 − p), so the draw is made with p' = min(p, 1 − p) ≤ ½ and flipped back.
 *
 * n·p' < 10 — inversion by sequential search (Devroye 1986, §X.4.3): U ∈ [0, 1); K = the least k with
 *   U < Σ_{j ≤ k} f_j, f_0 = (1 − p')^n = exp(n·log1p(−p')) (≥ e^(−14): no underflow), f_{j+1} =
 *   f_j·(n − j)/(j + 1)·p'/(1 − p'). Expected cost 1 + n·p' steps. (The search stops at k = n, or once
 *   f_k < 2^−60·F(k): the remaining tail mass is below the rounding of F.)
 * n·p' ≥ 10 — BTRS, Hörmann's transformed rejection with squeeze (1993): with spq = √(n p' q'),
 *   b = 1.15 + 2.53·spq, a = −0.0873 + 0.0248·b + 0.01·p', c = n p' + ½, v_r = 0.92 − 4.2/b,
 *   α = (2.83 + 5.1/b)·spq, mode m = ⌊(n + 1)p'⌋: draw U ∈ [−½, ½), V ∈ [0, 1), u_s = ½ − |U|,
 *   K = ⌊(2a/u_s + b)U + c⌋; accept at once when u_s ≥ 0.07 and V ≤ v_r; reject K ∉ [0, n); otherwise
 *   accept iff ln(V·α/(a/u_s² + b)) ≤ ln f_K − ln f_m. Exact for n·p' ≥ 10 given exact ln f (expected
 *   ≈ 1.2 uniform pairs per draw, no table).
 *
 * ln f_k is computed by Loader's saddle-point form (no cancellation for large n):
 *   ln f_k = δ(n) − δ(k) − δ(n − k) − bd0(k, n p') − bd0(n − k, n q') + ½ ln(n / (2π k (n − k)))
 * for 0 < k < n, with δ(j) = ln j! − [(j + ½) ln j − j + ½ ln 2π] (the Stirling remainder: its series for
 * j ≥ 16, a table of ln j! below) and bd0(x, μ) = x ln(x/μ) + μ − x (by its series when x ≈ μ); ln f_0 =
 * n·log1p(−p'), ln f_n = n ln p'.
 *
 * Sources: W. Hörmann, "The generation of binomial random variates", J. Statist. Comput. Simul. 46,
 * 101–110, 1993; C. Loader, "Fast and accurate computation of binomial probabilities", 2000; L. Devroye,
 * Non-Uniform Random Variate Generation, Springer 1986.
 */
import type { Stream } from './stream.js';
import { integerInRange, unitInterval } from '../validate.js';
import { checkStream } from './checkStream.js';
import { InvalidArgumentError } from '../errors.js';
import { devianceTerm } from '../special/devianceTerm.js';
import { stirlingRemainder } from '../special/stirlingRemainder.js';


/**
 * ln P(K = k) for K ~ Binomial(trials, p), k an integer in [0, trials], p ∈ (0, 1): Loader's saddle-point
 * form (see the module comment), accurate to a few ulps of the log even for trials ~ 1e15. Exported for
 * tests and for rejection samplers; the arguments are validated (InvalidArgumentError naming k, trials or p).
 *
 * @example
 *   binomialLogProbability(1, 2, 0.5); // ln ½
 */
export function binomialLogProbability(k: number, trials: number, p: number): number {
  integerInRange('trials', trials, 0);
  integerInRange('k', k, 0, trials);
  if (typeof p !== 'number' || !(p > 0 && p < 1)) throw new InvalidArgumentError('p', p, 'a probability in the open interval (0, 1)');
  return logProbability(k, trials, p);
}

/** binomialLogProbability without the checks (the samplers' inner loops pass checked values). */
function logProbability(k: number, trials: number, p: number): number {
  if (k === 0) return trials * Math.log1p(-p);
  if (k === trials) return trials * Math.log(p);
  const q = 1 - p;
  return (
    stirlingRemainder(trials) -
    stirlingRemainder(k) -
    stirlingRemainder(trials - k) -
    devianceTerm(k, trials * p) -
    devianceTerm(trials - k, trials * q) +
    0.5 * Math.log(trials / (2 * Math.PI * k * (trials - k)))
  );
}

/** Inversion by sequential search, trials·p < 10, p ≤ ½. */
function binomialInversion(stream: Stream, trials: number, p: number): number {
  const ratio = p / (1 - p);
  const u = stream.nextDouble();
  let k = 0;
  let probability = Math.exp(trials * Math.log1p(-p));
  let cumulative = probability;
  while (u >= cumulative && k < trials) {
    probability *= (ratio * (trials - k)) / (k + 1);
    k++;
    cumulative += probability;
    if (probability < cumulative * 8.673617379884035e-19) break; // 2^−60: the rest is below rounding
  }
  return k;
}

/** Hörmann's BTRS, trials·p ≥ 10, p ≤ ½. */
function binomialBtrs(stream: Stream, trials: number, p: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(trials * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = trials * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const mode = Math.floor((trials + 1) * p);
  const logModeProbability = logProbability(mode, trials, p);
  for (;;) {
    const u = stream.nextDouble() - 0.5;
    const v = stream.nextDouble();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (!(k >= 0 && k <= trials)) continue;
    if (us >= 0.07 && v <= vr) return k;
    if (Math.log((v * alpha) / (a / (us * us) + b)) <= logProbability(k, trials, p) - logModeProbability) return k;
  }
}

/**
 * One draw K ~ Binomial(trials, p): `trials` a safe integer ≥ 0, p ∈ [0, 1] (p = 0 gives 0, p = 1 gives
 * trials). Inversion when trials·min(p, 1 − p) < 10, Hörmann's BTRS otherwise (see the module comment);
 * exact in both regimes up to double rounding. Returns an integer-valued number.
 *
 * @example
 *   binomialVariate(rootKey('demo').stream(), 100, 0.3); // e.g. 27
 */
export function binomialVariate(stream: Stream, trials: number, p: number): number {
  checkStream(stream);
  integerInRange('trials', trials, 0);
  unitInterval('p', p);
  if (trials === 0 || p === 0) return 0;
  if (p === 1) return trials;
  const flip = p > 0.5;
  const small = flip ? 1 - p : p; // exact for p ≥ ½ (Sterbenz)
  const k = trials * small < 10 ? binomialInversion(stream, trials, small) : binomialBtrs(stream, trials, small);
  return flip ? trials - k : k;
}
