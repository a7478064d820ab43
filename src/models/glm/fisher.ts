/**
 * Fisher information of a GLM with Gaussian covariates, per observation:
 *
 *   I(β) = E[ v(xᵀβ) x xᵀ ] (/σ² for the linear family),   x ~ N(0, Σ),
 *
 * with v the family's variance function (family.ts). tr(I(β*)⁻¹) is the constant of the GLM theorems
 * (CLAIMS §1.9: n·E‖θ_t − θ*‖² → tr(I⁻¹)·[…]).
 *
 * Linear: v ≡ 1, so I = Σ/σ².
 *
 * Poisson: v(η) = e^η. The tilted density e^(xᵀβ) φ_Σ(x) equals e^(βᵀΣβ/2) φ_Σ(x − Σβ) (complete the
 * square), so E[e^(xᵀβ) x xᵀ] = e^(βᵀΣβ/2) E_{N(Σβ, Σ)}[x xᵀ] = e^(βᵀΣβ/2) (Σ + Σββᵀ Σ). Closed form.
 *
 * Logistic: v(η) = σ(η)(1 − σ(η)). Write x = Σ^(1/2) z with z ~ N(0, I_p) (any square root, e.g. the
 * Cholesky factor: x = Lz). Then η = βᵀx = s·uᵀz with s = ‖Σ^(1/2)ᵀβ‖ = √(βᵀΣβ) and u the unit vector
 * Σ^(1/2)ᵀβ/s. Split z = Z u + z⊥ with Z = uᵀz ~ N(0, 1) independent of z⊥ ~ N(0, I − uuᵀ):
 *   E[v(sZ) z zᵀ] = E[v(sZ) Z²] uuᵀ + E[v(sZ)] E[z⊥z⊥ᵀ] + (cross terms with E z⊥ = 0)
 *                 = b uuᵀ + a (I − uuᵀ) = a I + (b − a) uuᵀ,    a = E v(sZ),  b = E[v(sZ) Z²].
 * Hence I(β) = Σ^(1/2)[a I + (b − a)uuᵀ]Σ^(1/2)ᵀ = a Σ + ((b − a)/s²) (Σβ)(Σβ)ᵀ, since Σ^(1/2)u = Σβ/s —
 * no matrix square root is needed. The two 1-D expectations are computed by quadrature, with
 * c = b − a = E[v(sZ)(Z² − 1)] integrated directly (no cancellation as s → 0, where c ≈ −s²/8):
 *   s ≤ 1.5: 100-point Gauss–Hermite (error < 1e-15 there);
 *   s > 1.5: composite 16-point Gauss–Legendre in z over |z| ≤ √(s² + 90) − s (where the integrand is
 *            below e^(−45) relative), panels of width ≤ min(1, π/s) — v(sz) has poles at z = ±iπ/s, so
 *            each panel converges geometrically (ρ ≥ 4.2, error < 1e-15; Gauss–Hermite alone would lose
 *            accuracy like exp(−(π/s)·√(8n))).
 * s = 0 gives I = Σ/4. Check: β = (1, 1), Σ = I₂ gives tr(I⁻¹) = 1/a + 1/b = 15.465 (CLAIMS §1.9: 15.47).
 *
 * Sources: the GLM information E[v(η) x xᵀ] — McCullagh & Nelder (1989) §2.5; Gaussian tilting — e.g.
 * Johnson & Kotz; quadrature — quadrature.ts.
 */
import { InvalidArgumentError, NumericalError } from '../../errors.js';
import { finiteVector, oneOf, positiveNumber } from '../../validate.js';
import { spdInverse } from '../../linalg/index.js';
import { GLM_FAMILIES, logisticVariance, type GlmFamily } from './family.js';
import { spdMatrixOption } from './options.js';
import { gaussHermite, gaussLegendre } from './quadrature.js';
import { POISSON_ETA_LIMIT } from './newton.js';

export interface GlmFisherOptions {
  /** σ² of the linear family (default 1); not allowed for the other families. */
  readonly noiseVariance?: number;
}

/** s up to which the 100-point Gauss–Hermite rule is used. */
const HERMITE_MAX_SCALE = 1.5;
const HERMITE_ORDER = 100;
const LEGENDRE_ORDER = 16;
const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * a = E v(sZ) and c = E[v(sZ)(Z² − 1)] for Z ~ N(0, 1) and the logistic variance function v (see the
 * module comment for the rules and their accuracy), written to out[0], out[1].
 *
 * @example
 *   logisticProjectionMoments(Math.SQRT2); // [0.18158…, −0.08116…]
 */
export function logisticProjectionMoments(s: number, out: Float64Array = new Float64Array(2)): Float64Array {
  if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) throw new InvalidArgumentError('s', s, 'a finite number ≥ 0 (the scale ‖Σ_x^{1/2} β‖)');
  if (!(out instanceof Float64Array) || out.length !== 2) throw new InvalidArgumentError('out', out, 'a Float64Array of length 2 (a, c)');
  let a = 0;
  let c = 0;
  if (s <= HERMITE_MAX_SCALE) {
    const { nodes, weights } = gaussHermite(HERMITE_ORDER);
    for (let k = 0; k < HERMITE_ORDER; k++) {
      const z = Math.SQRT2 * nodes[k];
      const wv = weights[k] * INV_SQRT_PI * logisticVariance(s * z);
      a += wv;
      c += wv * (z * z - 1);
    }
  } else {
    const { nodes, weights } = gaussLegendre(LEGENDRE_ORDER);
    // e^{−z²/2}·v(sz) < e^{−45} beyond |z| = zMax, the root of z² + 2sz = 90. Written as a difference for
    // s ≤ 1e4 (the results of the engine's ordinary scales), as 90/(hypot(s, √90) + s) above: the difference cancels
    // to 0 from s ≈ 1e8 (no panel, moments 0) and s·s overflows past 1e154 (infinitely many panels, a hang).
    const zMax = s <= 1e4 ? Math.sqrt(s * s + 90) - s : 90 / (Math.hypot(s, Math.sqrt(90)) + s);
    const panels = Math.ceil((2 * zMax) / Math.min(1, Math.PI / s));
    const h = (2 * zMax) / panels;
    for (let panel = 0; panel < panels; panel++) {
      const centre = -zMax + (panel + 0.5) * h;
      for (let k = 0; k < LEGENDRE_ORDER; k++) {
        const z = centre + 0.5 * h * nodes[k];
        const wv = 0.5 * h * weights[k] * INV_SQRT_2PI * Math.exp(-0.5 * z * z) * logisticVariance(s * z);
        a += wv;
        c += wv * (z * z - 1);
      }
    }
  }
  out[0] = a;
  out[1] = c;
  return out;
}

/**
 * The per-observation Fisher information I(β) = E[v(xᵀβ) x xᵀ] of a GLM with x ~ N(0, Σ) (p×p row-major,
 * p = beta.length); see the module comment for the formulas. Throws NumericalError('overflow') for a
 * Poisson βᵀΣβ/2 > 700.
 *
 * @example
 *   glmFisherInformation('logistic', [1, 1], [1, 0, 0, 1]); // ≈ [0.1410, −0.0406, −0.0406, 0.1410]
 *   glmFisherInformation('linear', [0, 0], [2, 0, 0, 2], { noiseVariance: 4 }); // [0.5, 0, 0, 0.5]
 */
export function glmFisherInformation(
  family: GlmFamily,
  beta: Float64Array | readonly number[],
  covariateCov: Float64Array | readonly number[],
  options: GlmFisherOptions = {},
): Float64Array {
  oneOf('family', family, GLM_FAMILIES);
  if (!(beta instanceof Float64Array) && !Array.isArray(beta)) throw new InvalidArgumentError('beta', beta, 'a non-empty Float64Array or number[]');
  const b = finiteVector('beta', beta);
  const p = b.length;
  if (p === 0) throw new InvalidArgumentError('beta', beta, 'a non-empty Float64Array or number[]');
  const { matrix: sigma } = spdMatrixOption('covariateCov', covariateCov, p);
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', options, 'an object { noiseVariance? }');
  let noiseVariance = 1;
  if (options.noiseVariance !== undefined) {
    if (family !== 'linear') throw new InvalidArgumentError('options.noiseVariance', options.noiseVariance, `absent for family ${JSON.stringify(family)}`);
    noiseVariance = positiveNumber('options.noiseVariance', options.noiseVariance);
  }
  const out = new Float64Array(p * p);
  if (family === 'linear') {
    for (let k = 0; k < p * p; k++) out[k] = sigma[k] / noiseVariance;
    return finiteInformation(out, 'Σ_x/σ²', 'options.noiseVariance');
  }
  // Σβ and s² = βᵀΣβ
  const sb = new Float64Array(p);
  let s2 = 0;
  for (let i = 0; i < p; i++) {
    let sum = 0;
    for (let j = 0; j < p; j++) sum += sigma[i * p + j] * b[j];
    sb[i] = sum;
    s2 += b[i] * sum;
  }
  if (!Number.isFinite(s2)) {
    throw new NumericalError('overflow', `the quadratic form βᵀΣ_xβ is beyond the double range (${s2}): beta is too large for the ${family} Fisher information`, { parameter: 'beta', quadraticForm: s2 });
  }
  if (family === 'poisson') {
    if (s2 / 2 > POISSON_ETA_LIMIT) {
      throw new NumericalError('overflow', `Poisson Fisher information e^(βᵀΣβ/2)(Σ + Σββᵀ Σ) overflows: βᵀΣβ/2 = ${(s2 / 2).toPrecision(6)} > ${POISSON_ETA_LIMIT}`, { halfQuadraticForm: s2 / 2 });
    }
    const scale = Math.exp(s2 / 2);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j <= i; j++) out[i * p + j] = out[j * p + i] = scale * (sigma[i * p + j] + sb[i] * sb[j]);
    }
    return finiteInformation(out, 'e^(βᵀΣβ/2)(Σ + Σββᵀ Σ)', 'beta');
  }
  const s = Math.sqrt(s2);
  const [a, c] = logisticProjectionMoments(s);
  const rankOne = s2 > 0 ? c / s2 : 0;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) out[i * p + j] = out[j * p + i] = a * sigma[i * p + j] + rankOne * sb[i] * sb[j]; // exactly symmetric
  }
  return finiteInformation(out, 'a·Σ + (c/s²)·Σββᵀ Σ', 'beta');
}

/** `information`, or NumericalError('overflow') naming `parameter` when an entry is beyond the double range. */
function finiteInformation(information: Float64Array, what: string, parameter: string): Float64Array {
  for (let k = 0; k < information.length; k++) {
    if (!Number.isFinite(information[k])) {
      throw new NumericalError('overflow', `the Fisher information ${what} is beyond the double range at entry ${k} (${information[k]}); ${parameter} is too extreme`, { parameter, index: k, value: information[k] });
    }
  }
  return information;
}

/**
 * tr(I(β)⁻¹), the asymptotic n·E‖β̂ − β‖² of the (unweighted) MLE and the constant of the GLM theorems.
 *
 * @example
 *   glmFisherInverseTrace('logistic', [1, 1], [1, 0, 0, 1]); // ≈ 15.465 (CLAIMS §1.9: 15.47)
 */
export function glmFisherInverseTrace(
  family: GlmFamily,
  beta: Float64Array | readonly number[],
  covariateCov: Float64Array | readonly number[],
  options: GlmFisherOptions = {},
): number {
  const information = glmFisherInformation(family, beta, covariateCov, options);
  const p = Math.round(Math.sqrt(information.length));
  const inverse = spdInverse(information, p);
  let trace = 0;
  for (let i = 0; i < p; i++) trace += inverse[i * p + i];
  if (!Number.isFinite(trace)) {
    throw new NumericalError('overflow', `tr(I(β)⁻¹) is beyond the double range (${trace}): the Fisher information is too close to singular`, { parameter: 'beta', trace });
  }
  return trace;
}
