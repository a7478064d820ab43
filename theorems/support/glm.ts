/**
 * Support for the GLM claims of the golden-ratio paper (GR-14, GR-15, GR-16, GR-22, GR-S3; CLAIMS.md §1.9):
 * one fresh-data GLM recursion per replication together with its EXACT LINEARISED TWIN, a control variate
 * whose mean is known in closed form.
 *
 * Owner: the GR-14/15/16/22/S3 engineer.
 *
 * ## The linearised twin (control variate)
 *
 * Write s_θ(x, y) = (y − μ(xᵀθ))·x/φ for the per-point score of the GLM at θ (φ = σ² for the linear family,
 * 1 otherwise; μ the inverse canonical link), I(θ) = E_θ[s_θ s_θᵀ] = E[v(xᵀθ) x xᵀ]/φ its Fisher information
 * (glmFisherInformation), and I* = I(θ*) = L* L*ᵀ, I(θ) = L_θ L_θᵀ (Cholesky). From the SAME streams the engine
 * uses (real data of generation s: key.child(s, 'real'); synthetic: key.child(s, 'synthetic'); src/loop/draw.ts)
 * the correct model re-draws R_s (n points from θ*) and S_s (m points from θ̂_{s−1}, the ENGINE's previous
 * estimate) and forms
 *
 *   g_s = I*⁻¹ · (1/n) Σ_{R_s} s_{θ*}(x, y)                   E[g_s | past] = 0,  Cov = I*⁻¹/n
 *   h_s = L*⁻ᵀ L_{θ̂_{s−1}}⁻¹ · (1/m) Σ_{S_s} s_{θ̂_{s−1}}(x, y)   E[h_s | past] = 0,  Cov = L*⁻ᵀ (I/m) L*⁻¹ = I*⁻¹/m
 *   u_0 = g_0,   u_s = w·g_s + (1 − w)·(h_s + u_{s−1}).
 *
 * Given the past (every stream of generations < s, hence θ̂_{s−1}), g_s and h_s are functions of two fresh,
 * independent streams with the conditional moments shown (the score has mean 0 and covariance I(θ) under P_θ,
 * and the whitening L*⁻ᵀL_θ⁻¹ maps covariance I(θ)/m to I*⁻¹/m exactly). So the cross terms vanish and
 *
 *   n·E‖u_t‖² = w²·tr(I*⁻¹) + (1 − w)²·k·tr(I*⁻¹) + (1 − w)²·n·E‖u_{t−1}‖²,   n·E‖u_0‖² = tr(I*⁻¹),
 *
 * i.e. n·E‖u_t‖² = tr(I*⁻¹)[B^t + f(w, k)(1 − B^t)] EXACTLY, at every finite n — the asymptotic oracle of
 * Theorem 2 (glmScaledError). This holds whatever the engine does (a wrong engine only makes u_t a worse
 * predictor of its error), because u_t is built from the correct laws; only θ̂_{s−1} is taken from the engine,
 * and it is measurable with respect to the past.
 *
 * The linearisation of the weighted MLE (CLAIMS §1.9) gives θ̂_t − θ* = u_t + O_p(1/n), so
 * X_t − L_t = n(‖θ̂_t − θ*‖² − ‖u_t‖²) = n(θ̂_t − θ* − u_t)·(θ̂_t − θ* + u_t) = O_p(n^{−1/2}): the control-variate
 * statistic X_t − L_t + E L_t has the mean of X_t and a standard deviation that SHRINKS like n^{−1/2}, where
 * X_t = n‖θ̂_t − θ*‖² itself has a standard deviation of the order of its mean. (Measured at n = 200, p = 2,
 * logistic: sd ratio ≈ 0.1–0.2, i.e. 25–100 times fewer replications.)
 */
import { recurse } from '../../src/loop/index.js';
import { glmFisherInformation, glmModel, logisticSigmoid, type GlmModel, type GlmOptions, type GlmTheta, type Model } from '../../src/models/index.js';
import { replicateRows } from '../../src/stats/monteCarlo.js';
import type { StreamKey } from '../../src/rng/index.js';
import { cholesky } from '../../src/linalg/index.js';
import { glmScaledError, limitFactor } from '../../src/theory/index.js';

/** The correct model and truth the twin is built from. */
export interface GlmSetting {
  /** The correct model (glmModel); its config gives the family, Σ_x, σ² and p. */
  readonly reference: GlmModel;
  readonly truth: GlmTheta;
}

/** (1/size) Σ_i s_θ(x_i, y_i) for the rows of `data` at coefficients `beta`, written into `out`. */
export function meanScore(reference: GlmModel, beta: Float64Array, data: { size: number; x: Float64Array; y: Float64Array | null }, out: Float64Array): Float64Array {
  const { family, dim: p, noiseVariance } = reference.config;
  const { x, size } = data;
  const y = data.y as Float64Array;
  out.fill(0);
  for (let i = 0, r = 0; i < size; i++, r += p) {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += x[r + j] * beta[j];
    const mu = family === 'linear' ? eta : family === 'logistic' ? logisticSigmoid(eta) : Math.exp(eta);
    const residual = y[i] - mu;
    for (let j = 0; j < p; j++) out[j] += residual * x[r + j];
  }
  const scale = family === 'linear' ? 1 / (size * noiseVariance) : 1 / size;
  for (let j = 0; j < p; j++) out[j] *= scale;
  return out;
}

/** Forward substitution: out = L⁻¹ b (L lower, row-major p×p). */
function forward(lower: Float64Array, p: number, b: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= lower[i * p + k] * out[k];
    out[i] = s / lower[i * p + i];
  }
  return out;
}

/** Back substitution: out = L⁻ᵀ b. */
function backward(lower: Float64Array, p: number, b: Float64Array, out: Float64Array): Float64Array {
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < p; k++) s -= lower[k * p + i] * out[k];
    out[i] = s / lower[i * p + i];
  }
  return out;
}

/** Per-replication trajectories: X_t = n‖θ̂_t − θ*‖² (errors) and L_t = n‖u_t‖² (control), t = 0..T. */
export interface TwinTrajectory {
  readonly errors: Float64Array;
  readonly control: Float64Array;
}

export interface TwinOptions {
  readonly setting: GlmSetting;
  /** The engine actually run (the reference model or a deliberately wrong wrapper of it). */
  readonly engine?: Model<GlmTheta>;
  readonly n: number;
  readonly m: number;
  readonly w: number;
  readonly generations: number;
  /** The replication's key (as recurse's). */
  readonly key: StreamKey;
}

/**
 * One replication: runs the engine's fresh-data recursion on `key` and its linearised twin u_t (file header)
 * on the same streams; returns n‖θ̂_t − θ*‖² and n‖u_t‖² for t = 0..T.
 *
 * @example
 *   const { errors, control } = twinReplication({ setting, n: 200, m: 200, w: 0.6, generations: 3, key });
 *   errors[3] - control[3]; // small: O(n^{-1/2}) times the error scale
 */
export function twinReplication(options: TwinOptions): TwinTrajectory {
  const { setting, n, m, w, generations: T, key } = options;
  const { reference, truth } = setting;
  const engine = options.engine ?? reference;
  const { family, dim: p, covariateCov, noiseVariance } = reference.config;
  const fisherOptions = family === 'linear' ? { noiseVariance } : {};
  const run = recurse({ model: engine, truth, policy: { kind: 'fresh', n, m, w }, generations: T, key, metrics: {}, keepEstimates: true });
  const lowerStar = cholesky(glmFisherInformation(family, truth.beta, covariateCov, fisherOptions), p);
  const beta = truth.beta;
  const score = new Float64Array(p);
  const tmp = new Float64Array(p);
  const g = new Float64Array(p);
  const h = new Float64Array(p);
  const u = new Float64Array(p);
  const errors = new Float64Array(T + 1);
  const control = new Float64Array(T + 1);
  const record = (t: number) => {
    const estimate = run.estimates[t].beta;
    let e = 0;
    let c = 0;
    for (let j = 0; j < p; j++) {
      e += (estimate[j] - beta[j]) ** 2;
      c += u[j] * u[j];
    }
    errors[t] = n * e;
    control[t] = n * c;
  };
  // g = I*⁻¹ (mean score of the real data at θ*)
  const realDirection = (s: number) => {
    const data = reference.sample(truth, n, key.roleStream(s, 'real'));
    meanScore(reference, beta, data, score);
    backward(lowerStar, p, forward(lowerStar, p, score, tmp), g);
  };
  realDirection(0);
  u.set(g);
  record(0);
  for (let s = 1; s <= T; s++) {
    realDirection(s);
    const previous = run.estimates[s - 1];
    const synthetic = reference.sample(previous, m, key.roleStream(s, 'synthetic'));
    meanScore(reference, previous.beta, synthetic, score);
    const lowerPrevious = family === 'linear' ? lowerStar : cholesky(glmFisherInformation(family, previous.beta, covariateCov), p);
    backward(lowerStar, p, forward(lowerPrevious, p, score, tmp), h);
    for (let j = 0; j < p; j++) u[j] = w * g[j] + (1 - w) * (h[j] + u[j]);
    record(s);
  }
  return { errors, control };
}

/**
 * Rows of per-replication statistics of the twin: replication r (r = first … first + count − 1) runs
 * twinReplication on key.child('rep', r) (the keys of `trajectories`, so arms run on one key share their real
 * data and synthetic streams: common random numbers) and `row(trajectory, out)` fills its `width` numbers.
 */
export function twinRows(options: Omit<TwinOptions, 'key'> & {
  readonly key: StreamKey;
  readonly first: number;
  readonly count: number;
  readonly width: number;
  readonly row: (trajectory: TwinTrajectory, out: Float64Array) => void;
}): Float64Array {
  return replicateRows({
    key: options.key,
    replications: options.count,
    first: options.first,
    width: options.width,
    run: (repKey, _r, out) => options.row(twinReplication({ ...options, key: repKey }), out),
  });
}

/** The options glmModel was built with, from its resolved config (to rebuild a variant of it). */
export function glmOptionsOf(model: GlmModel): GlmOptions {
  const c = model.config;
  return {
    family: c.family,
    dim: c.dim,
    covariateCov: c.covariateCov,
    ...(c.family === 'linear' ? { noiseVariance: c.noiseVariance } : {}),
    ...(c.fixedDesign !== null ? { fixedDesign: c.fixedDesign } : {}),
  };
}

/**
 * Wrong engine: SYNTHETIC covariates drawn from N(0, factor·Σ_x) instead of the known N(0, Σ_x) (real data and
 * the fit unchanged). Real draws are recognised by identity with `truth` (recurse draws real data with the
 * truth object it is given). With a fixed design, `factor` scales the synthetic copy of the design.
 */
export function syntheticCovariatesScaled(base: GlmModel, truth: GlmTheta, factor: number): Model<GlmTheta> {
  const options = glmOptionsOf(base);
  const covariateCov = Float64Array.from(base.config.covariateCov, (v) => v * factor);
  const fixedDesign = base.config.fixedDesign === null ? undefined : Float64Array.from(base.config.fixedDesign, (v) => v * Math.sqrt(factor));
  const wrong = glmModel({ ...options, covariateCov, ...(fixedDesign ? { fixedDesign } : {}) });
  return {
    ...base,
    name: `${base.name}/synthetic-covariates-scaled-${factor}`,
    sample: (theta, size, stream) => (theta === truth ? base.sample(theta, size, stream) : wrong.sample(theta, size, stream)),
  };
}

/**
 * Wrong engine for the fixed design: synthetic covariates redrawn from N(0, Σ_x) (a random design) instead of
 * the fixed design's rows (real data unchanged).
 */
export function syntheticCovariatesRedrawn(base: GlmModel, truth: GlmTheta, covariateCov: Float64Array): Model<GlmTheta> {
  const c = base.config;
  const random = glmModel({ family: c.family, dim: c.dim, covariateCov, ...(c.family === 'linear' ? { noiseVariance: c.noiseVariance } : {}) });
  return {
    ...base,
    name: `${base.name}/synthetic-covariates-redrawn`,
    sample: (theta, size, stream) => (theta === truth ? base.sample(theta, size, stream) : random.sample(theta, size, stream)),
  };
}

/**
 * Coefficients β = s·v/√(vᵀΣv) along the direction v, scaled so that the linear predictor's standard deviation
 * √(βᵀΣβ) equals s (the quantity the logistic and Poisson information depend on).
 */
export function coefficientsWithScale(direction: ArrayLike<number>, sigma: Float64Array, s: number): Float64Array {
  const p = direction.length;
  let q = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) q += direction[i] * sigma[i * p + j] * direction[j];
  const scale = q > 0 ? s / Math.sqrt(q) : 0;
  return Float64Array.from(direction, (v) => v * scale);
}

/** Sample mean and standard deviation (ddof 1) of column `column` of a row-major R × width matrix. */
export function columnMoments(values: Float64Array, width: number, column: number): { mean: number; sd: number; n: number } {
  const R = values.length / width;
  let mean = 0;
  for (let r = 0; r < R; r++) mean += values[r * width + column] / R;
  let ss = 0;
  for (let r = 0; r < R; r++) ss += (values[r * width + column] - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (R - 1)), n: R };
}

/** Column `column` of a row-major R × width matrix. */
export function columnOf(values: Float64Array, width: number, column: number): Float64Array {
  const R = values.length / width;
  const out = new Float64Array(R);
  for (let r = 0; r < R; r++) out[r] = values[r * width + column];
  return out;
}

/**
 * Paired window means under common random numbers: for replications first … first + count − 1 (key.child('rep', r)),
 * the window mean over start ≤ t < start + window of the control-variate statistic n‖θ_t − θ*‖² − n‖u_t‖² + or_t
 * (mean: the engine's error; or_t = tr(I⁻¹)[B^t + f(w, k)(1 − B^t)], glmScaledError) under weight wA minus the same
 * under weight wB, both arms run on the same replication key.
 */
export function pairedWindowDifferences(options: {
  readonly setting: GlmSetting;
  readonly engine?: Model<GlmTheta>;
  readonly traceInverseFisher: number;
  readonly n: number;
  readonly m: number;
  readonly wA: number;
  readonly wB: number;
  readonly start: number;
  readonly window: number;
  readonly key: StreamKey;
  readonly first: number;
  readonly count: number;
}): Float64Array {
  const { setting, engine, traceInverseFisher, n, m, wA, wB, start, window, key } = options;
  const T = start + window - 1;
  const k = n / m;
  return replicateRows({
    key, replications: options.count, first: options.first, width: 1,
    run: (repKey, _r, out) => {
      let d = 0;
      for (const [w, sign] of [[wA, 1], [wB, -1]] as const) {
        const twin = twinReplication({ setting, engine, n, m, w, generations: T, key: repKey });
        for (let t = start; t <= T; t++) d += (sign * (twin.errors[t] - twin.control[t] + glmScaledError({ traceInverseFisher, k, w, t }))) / window;
      }
      out[0] = d;
    },
  });
}

/**
 * Burn-in of a paired naive-versus-optimal comparison of limits: the first t ≥ 1 at which both arms' transients
 * together, B_a^t·|1 − f(w_a, k)| + B_b^t·|1 − f(w_b, k)| (in units of tr(I⁻¹): the errors start at 1 and tend to
 * f; glmScaledError), are at most `share` of the limiting difference |f(w_a, k) − f(w_b, k)|: from then on the
 * window difference is within that share of the difference of the limits.
 */
export function pairedBurnIn(wA: number, wB: number, k: number, share: number): number {
  const fA = limitFactor(wA, k);
  const fB = limitFactor(wB, k);
  const bound = share * Math.abs(fA - fB);
  if (!(bound > 0)) throw new RangeError(`pairedBurnIn: the two weights ${wA} and ${wB} have the same limit`);
  const BA = (1 - wA) ** 2;
  const BB = (1 - wB) ** 2;
  let t = 1;
  while (BA ** t * Math.abs(1 - fA) + BB ** t * Math.abs(1 - fB) > bound) t++;
  return t;
}
