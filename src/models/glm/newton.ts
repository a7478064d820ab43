/**
 * Weighted MLE of the logistic and Poisson GLMs by Newton's method (= IRLS for canonical links) with a
 * step-halving (Armijo) line search, on the normalised weighted negative log-likelihood
 *
 *   L(β) = Σ ω_i [A(x_iᵀβ) − y_i x_iᵀβ],  Σ ω_i = 1,
 *
 * which is convex, so a stationary point is the MLE. Each iteration: Δ = −H⁻¹∇L (Cholesky with a rank test),
 * stop when ‖Δ‖∞ ≤ tolerance·max(1, ‖β‖∞) (the final Δ is applied; after it the score is O(‖Δ‖²)); else
 * try β + tΔ for t = 1, ½, ¼, … until the step is accepted.
 *
 * Acceptance. For both families |A‴| ≤ A″ (logistic: A‴ = v(1 − 2μ); Poisson: A‴ = A″ = e^η), so along
 * ψ(u) = L(β + u·tΔ) we have |ψ‴| ≤ R ψ″ with R = max_i |t x_iᵀΔ| (the largest move of a linear
 * predictor). Then ψ″(u) ≤ ψ″(0)e^(Ru) and, with ψ′(0) = −tλ², ψ″(0) = t²λ² (λ² = ∇LᵀH⁻¹∇L, the Newton
 * decrement squared),
 *   L(β + tΔ) − L(β) ≤ −tλ² + t²λ² (e^R − 1 − R)/R² ≤ −0.28·tλ²   whenever R ≤ 1, t ≤ 1
 * (Bach 2010, Prop. 1). Such a step is accepted without evaluating the loss — this is what makes the
 * quadratic phase cheap (no log1p). A step with R > 1 is accepted when the Armijo condition
 * L(β + tΔ) ≤ L(β) − 10⁻⁴·tλ² + 64ε·scale holds (the last term absorbs the rounding of L).
 *
 * Start: β = 0 (logistic). Poisson starts from β = 0 (where L = 1) or from one weighted least-squares step
 * from μ₀ = y + 0.1 (the `glm` initialisation of McCullagh & Nelder §2.5: working response log μ₀ + (y − μ₀)/μ₀,
 * working weights ω μ₀) when that step has a lower loss and no η > 700; it saves iterations when the counts
 * are large.
 *
 * Failures are detected and reported, never regularised (NumericalError kinds):
 * - 'separation': an iterate that separates the labels (all s_i η_i ≥ 0, some > 0 — checked every
 *   iteration for free) or, when Newton stalls (Hessian numerically singular, line search exhausted,
 *   iteration cap), a separating direction verified by separation.ts (logistic and Poisson);
 * - 'overflow' (Poisson): an accepted iterate with some η > 700, or a loss that is not finite;
 * - 'singular': the weighted design is rank-deficient (rank test on the Hessian), with no separation;
 * - 'non-convergence': the iteration cap or an exhausted line search with no separation certificate.
 *
 * Sources: Nocedal & Wright, Numerical Optimization (2nd ed.), §3.1 (Armijo backtracking), §3.3 (Newton);
 * F. Bach, "Self-concordant analysis for logistic regression", Electron. J. Statist. 4 (2010);
 * McCullagh & Nelder (1989) §2.5 (IRLS).
 */
import { choleskySolve } from '../../linalg/index.js';
import { NumericalError } from '../../errors.js';
import { GlmScratch } from './scratch.js';
import { evaluateNegativeLogLikelihood, logisticLossFromEta, EXP_ARGUMENT_MAX } from './evaluate.js';
import { factorGram, factorGramOrThrow, RELATIVE_PIVOT_FLOOR } from './factor.js';
import { certifySeparation } from './separation.js';

/** η above this in an accepted Poisson iterate is reported as overflow. */
export const POISSON_ETA_LIMIT = 700;
const ARMIJO = 1e-4;
const MAX_HALVINGS = 60;
const ROUNDING_SLACK = 64 * Number.EPSILON;
/** Largest predictor move R for which a Newton step is accepted without evaluating the loss. */
const CERTIFIED_REACH = 1;

function infinityNorm(v: Float64Array, p: number): number {
  let m = 0;
  for (let j = 0; j < p; j++) { const a = Math.abs(v[j]); if (a > m) m = a; }
  return m;
}

function throwSeparation(family: 'logistic' | 'poisson', direction: Float64Array, iteration: number, how: string): never {
  const d = Array.from(direction);
  const what = family === 'logistic'
    ? 'the labels are (quasi-)separated: a direction d has s_i x_iᵀd ≥ 0 for every point (s_i = 2y_i − 1), so the logistic MLE does not exist (‖β‖ → ∞)'
    : 'the Poisson MLE does not exist: a direction d has x_iᵀd ≤ 0 for every point, with equality wherever y_i > 0, so the fit runs to η → −∞';
  throw new NumericalError('separation', `${what}; found ${how} at iteration ${iteration}; d = [${d.map((v) => v.toPrecision(6)).join(', ')}]`, { direction: d, iteration });
}

function throwOverflow(scratch: GlmScratch, iteration: number): never {
  throw new NumericalError(
    'overflow',
    `Poisson fit reached η = x_iᵀβ = ${scratch.maxEta.toPrecision(6)} > ${POISSON_ETA_LIMIT} at packed row ${scratch.maxEtaRow} (iteration ${iteration}): the mean e^η overflows double precision`,
    { eta: scratch.maxEta, row: scratch.maxEtaRow, iteration },
  );
}

function throwLossOverflow(scratch: GlmScratch, iteration: number): never {
  throw new NumericalError(
    'overflow',
    `the weighted Poisson log-likelihood Σ ω_i (e^η_i − y_i η_i) overflowed double precision at iteration ${iteration} (responses too large: y_i·η_i is not finite; largest η = x_iᵀβ = ${scratch.maxEta.toPrecision(6)} at packed row ${scratch.maxEtaRow})`,
    { eta: scratch.maxEta, row: scratch.maxEtaRow, iteration },
  );
}

/** ln(k + 0.1) for the counts k = 0..255: the same Math.log of the same double y + 0.1 as `poissonStart` computes. */
const LOG_COUNT_PLUS_TENTH = (() => {
  const table = new Float64Array(256);
  for (let k = 0; k < 256; k++) table[k] = Math.log(k + 0.1);
  return table;
})();

/**
 * One weighted least-squares step from μ₀ = y + 0.1 (Poisson start), written into scratch.betaTry.
 * Throws NumericalError('singular') when the weighted design is rank-deficient.
 */
function poissonStart(scratch: GlmScratch, n: number, p: number): void {
  const { x, y, weight } = scratch;
  const gram = scratch.hessTry;
  const moment = scratch.gradTry;
  gram.fill(0);
  moment.fill(0);
  for (let i = 0, r = 0; i < n; i++, r += p) {
    const yi = y[i];
    const mu0 = yi + 0.1;
    // ln μ₀ from the table for small integer counts (bit-identical: same input, same Math.log)
    const logMu0 = yi >= 0 && yi < 256 && (yi | 0) === yi ? LOG_COUNT_PLUS_TENTH[yi] : Math.log(mu0);
    const z = logMu0 + (yi - mu0) / mu0;
    const h = weight[i] * mu0;
    for (let j = 0; j < p; j++) {
      const hx = h * x[r + j];
      moment[j] += hx * z;
      for (let k = 0; k <= j; k++) gram[j * p + k] += hx * x[r + k];
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) gram[k * p + j] = gram[j * p + k];
  factorGramOrThrow(gram, p, scratch.lower, 'the weighted design Gram matrix XᵀΩX');
  choleskySolve(scratch.lower, p, moment, scratch.betaTry);
}

/**
 * Fits the packed data in `scratch` (n rows, p columns) and returns a new Float64Array β̂.
 *
 * @example
 *   const n = packSources('logistic', sources, 2, scratch);
 *   const beta = fitNewton('logistic', scratch, n, 2, 1e-10, 50);
 */
export function fitNewton(family: 'logistic' | 'poisson', scratch: GlmScratch, n: number, p: number, tolerance: number, maxIterations: number): Float64Array {
  const { beta, betaTry, step, history } = scratch;
  const H = GlmScratch.HISTORY;
  const poisson = family === 'poisson';

  beta.fill(0);
  // L at the current iterate; NaN = not computed (logistic steps accepted by the reach bound need no loss).
  // At β = 0 it is known exactly: Σ ω_i log 2 = log 2 (logistic), Σ ω_i e^0 = 1 (Poisson), as Σ ω_i = 1.
  let loss: number;
  if (!poisson) {
    evaluateNegativeLogLikelihood(family, scratch, n, p, beta, scratch.eta, scratch.tail, scratch.grad, scratch.hess, null, false);
    loss = Math.LN2;
  } else {
    poissonStart(scratch, n, p);
    const startLoss = evaluateNegativeLogLikelihood(family, scratch, n, p, betaTry, scratch.etaTry, scratch.tailTry, scratch.gradTry, scratch.hessTry, null, true);
    if (Number.isNaN(startLoss) || startLoss === -Infinity) throwLossOverflow(scratch, 0);
    if (startLoss < 1 && scratch.maxEta <= POISSON_ETA_LIMIT) {
      scratch.acceptTrial();
      loss = startLoss;
    } else {
      loss = evaluateNegativeLogLikelihood(family, scratch, n, p, beta, scratch.eta, scratch.tail, scratch.grad, scratch.hess, null, true);
    }
  }

  let stored = 0; // iterates stored in the ring buffer
  let haveStep = false;
  /** Throws NumericalError('separation') when a separating direction can be verified; otherwise returns. */
  const throwIfSeparated = (iteration: number, reason: string): void => {
    // Candidates: the iterate, the last Newton step, and the drift over the stored history.
    const candidates: Float64Array[] = [beta];
    if (haveStep) candidates.push(step);
    if (stored > 1) {
      const oldest = stored >= H ? stored % H : 0;
      const drift = scratch.gradTry; // free here
      for (let j = 0; j < p; j++) drift[j] = beta[j] - history[oldest * p + j];
      candidates.push(drift);
    }
    if (certifySeparation(family, scratch, n, p, candidates)) throwSeparation(family, scratch.direction, iteration, `a verified separating direction after Newton stalled (${reason})`);
  };

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (!poisson && scratch.minMargin >= 0 && scratch.maxMargin > 0) throwSeparation(family, beta, iteration, 'an iterate β that separates the labels');
    history.set(beta, (stored % H) * p);
    stored++;

    const column = factorGram(scratch.hess, p, scratch.lower);
    if (column >= 0) {
      if (iteration > 0 || poisson) throwIfSeparated(iteration, `Hessian numerically singular at column ${column}`);
      factorGramOrThrow(scratch.hess, p, scratch.lower, iteration === 0 && !poisson ? 'the weighted design Gram matrix XᵀΩX (the Hessian at β = 0 is XᵀΩX/4)' : 'the weighted Hessian XᵀΩVX', { iteration });
    }
    choleskySolve(scratch.lower, p, scratch.grad, step);
    let decrement = 0; // λ² = ∇LᵀH⁻¹∇L
    for (let j = 0; j < p; j++) { step[j] = -step[j]; decrement -= scratch.grad[j] * step[j]; }
    haveStep = true;

    if (infinityNorm(step, p) <= tolerance * Math.max(1, infinityNorm(beta, p))) {
      const out = new Float64Array(p);
      for (let j = 0; j < p; j++) out[j] = beta[j] + step[j];
      return out;
    }

    let t = 1;
    let accepted = false;
    for (let halving = 0; halving < MAX_HALVINGS; halving++) {
      for (let j = 0; j < p; j++) betaTry[j] = beta[j] + t * step[j];
      // First trial without the logistic loss: most steps are certified by the reach bound.
      let trial = evaluateNegativeLogLikelihood(family, scratch, n, p, betaTry, scratch.etaTry, scratch.tailTry, scratch.gradTry, scratch.hessTry, scratch.eta, halving > 0);
      if (poisson && (Number.isNaN(trial) || trial === -Infinity)) throwLossOverflow(scratch, iteration);
      if (trial === Infinity && poisson) {
        // Cap t so that no η exceeds EXP_ARGUMENT_MAX, then keep halving from there.
        const { x, eta } = scratch;
        let cap = t / 2;
        for (let i = 0, r = 0; i < n; i++, r += p) {
          let d = 0;
          for (let j = 0; j < p; j++) d += x[r + j] * step[j];
          if (d > 0) cap = Math.min(cap, (EXP_ARGUMENT_MAX - eta[i]) / d);
        }
        t = cap;
        continue;
      }
      if (scratch.stepReach <= CERTIFIED_REACH && decrement >= 0) { // t ≤ 1 always (caps only shrink t)
        accepted = true;
        loss = trial; // NaN for logistic: not needed until a step is not certified
        break;
      }
      if (Number.isNaN(loss)) loss = logisticLossFromEta(scratch, n, scratch.eta, scratch.tail);
      if (Number.isNaN(trial)) trial = logisticLossFromEta(scratch, n, scratch.etaTry, scratch.tailTry);
      const slack = ROUNDING_SLACK * (poisson ? scratch.lossScale : loss);
      // The predicted decrease t·λ²; when λ² itself overflows (a gradient near the largest double, e.g. Poisson
      // counts near e^700), −∇Lᵀ(t·Δβ) computes it from the step actually tried, which is finite.
      let predicted = t * decrement;
      if (!Number.isFinite(predicted)) {
        predicted = 0;
        for (let j = 0; j < p; j++) predicted -= scratch.grad[j] * (t * step[j]);
      }
      if (trial <= loss - ARMIJO * predicted + slack) {
        accepted = true;
        loss = trial;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) {
      throwIfSeparated(iteration, 'the line search found no decrease');
      throw new NumericalError('non-convergence', `Newton line search found no decrease of the weighted ${family} log-likelihood at iteration ${iteration} (Newton decrement² ${decrement.toExponential(3)}, ‖Δβ‖∞ ${infinityNorm(step, p).toExponential(3)}); no separating direction was found`, { iteration, decrement });
    }
    scratch.acceptTrial();
    if (poisson && scratch.maxEta > POISSON_ETA_LIMIT) throwOverflow(scratch, iteration + 1);
  }
  throwIfSeparated(maxIterations, 'iteration cap');
  throw new NumericalError(
    'non-convergence',
    `Newton did not reach ‖Δβ‖∞ ≤ ${tolerance}·max(1, ‖β‖∞) in ${maxIterations} iterations for the weighted ${family} likelihood (last ‖Δβ‖∞ = ${infinityNorm(step, p).toExponential(3)}, ‖β‖∞ = ${infinityNorm(beta, p).toExponential(3)}); no separating direction was found`,
    { iterations: maxIterations, relativePivotFloor: RELATIVE_PIVOT_FLOOR },
  );
}
