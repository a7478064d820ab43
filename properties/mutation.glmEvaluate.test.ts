/**
 * Direct tests that kill surviving mutants of src/models/glm (docs/mutation.md): evaluate.ts
 * (evaluateNegativeLogLikelihood — the generic p-loop and the p = 2 path — and logisticLossFromEta), fisher.ts
 * (logisticProjectionMoments, glmFisherInformation, glmFisherInverseTrace: argument checks and the overflow
 * errors) and sample.ts (sampleGlm: stream checks, the Σ_x = I fast path, the η / response / Poisson-mean guards).
 *
 * Expected values come from independent references: a naive per-row pass written out here with the textbook
 * forms (ℓ = log1p(e^(−sη)) without the code's max/log1p split, σ(η) = (1 + tanh(η/2))/2,
 * v(η) = 1/(4 cosh²(η/2)), explicit outer products for the Hessian), hand-computed η, margins and moves for
 * the small datasets below, the closed form I(β) = e^(βᵀΣβ/2)(Σ + Σββᵀ Σ) for Poisson with Σ = I (worked out
 * by hand per entry), the documented contracts (the stream order of sample.ts: covariates first; strict
 * comparisons keep the first extreme; errors carry their class, kind, the parameter's name and the offending
 * value), and exactly representable inputs (βᵀΣβ = 1400 or 1402 exactly, η = ln 1e12 exactly) for boundaries.
 */
import { describe, expect, it } from 'vitest';
import { evaluateNegativeLogLikelihood, logisticLossFromEta } from '../src/models/glm/evaluate.js';
import { GlmScratch } from '../src/models/glm/scratch.js';
import { glmFisherInformation, glmFisherInverseTrace, logisticProjectionMoments } from '../src/models/glm/fisher.js';
import { POISSON_SAMPLING_ETA_MAX, sampleGlm } from '../src/models/glm/sample.js';
import { resolveGlmOptions, type GlmConfig } from '../src/models/glm/options.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';
import { rootKey, type Stream } from '../src/rng/stream.js';
import { fillStandardNormal } from '../src/rng/normal.js';

// ---------------------------------------------------------------------------------------------------------
// evaluate.ts
// ---------------------------------------------------------------------------------------------------------

type Family = 'logistic' | 'poisson';

interface Reference {
  eta: number[];
  loss: number;
  lossAbs: number;
  grad: number[];
  gradScale: number[];
  hess: number[];
  hessScale: number[];
  scale: number;
  maxEta: number;
  maxEtaRow: number;
  minMargin: number;
  maxMargin: number;
  reach: number;
}

/** Naive reference pass: textbook formulas, one row at a time, no shared code with evaluate.ts. */
function referencePass(family: Family, X: number[][], y: number[], w: number[], beta: number[], etaRef: number[] | null): Reference {
  const n = X.length;
  const p = beta.length;
  const grad = new Array<number>(p).fill(0);
  const gradScale = new Array<number>(p).fill(0);
  const hess = new Array<number>(p * p).fill(0);
  const hessScale = new Array<number>(p * p).fill(0);
  const eta: number[] = [];
  let loss = 0;
  let lossAbs = 0;
  let scale = 0;
  let maxEta = -Infinity;
  let maxEtaRow = -1;
  let minMargin = Infinity;
  let maxMargin = -Infinity;
  let reach = 0;
  for (let i = 0; i < n; i++) {
    let e = 0;
    for (let j = 0; j < p; j++) e += X[i][j] * beta[j];
    eta.push(e);
    if (e > maxEta) { maxEta = e; maxEtaRow = i; }
    if (etaRef !== null) reach = Math.max(reach, Math.abs(e - etaRef[i]));
    let residual: number;
    let variance: number;
    if (family === 'logistic') {
      const s = y[i] === 1 ? 1 : -1;
      const m = s * e;
      minMargin = Math.min(minMargin, m);
      maxMargin = Math.max(maxMargin, m);
      const li = Math.log1p(Math.exp(-m)); // log(1 + e^(−sη)), fine for the moderate η used here
      loss += w[i] * li;
      lossAbs += Math.abs(w[i] * li);
      const sigma = 0.5 + 0.5 * Math.tanh(e / 2);
      residual = sigma - y[i];
      variance = 1 / (4 * Math.cosh(e / 2) ** 2);
    } else {
      const mu = Math.exp(e);
      loss += w[i] * (mu - y[i] * e);
      lossAbs += w[i] * (mu + Math.abs(y[i] * e));
      scale += w[i] * (mu + Math.abs(y[i] * e));
      residual = mu - y[i];
      variance = mu;
    }
    for (let j = 0; j < p; j++) {
      grad[j] += w[i] * residual * X[i][j];
      gradScale[j] += Math.abs(w[i] * residual * X[i][j]);
      for (let k = 0; k < p; k++) {
        hess[j * p + k] += w[i] * variance * X[i][j] * X[i][k];
        hessScale[j * p + k] += Math.abs(w[i] * variance * X[i][j] * X[i][k]);
      }
    }
  }
  return { eta, loss, lossAbs, grad, gradScale, hess, hessScale, scale, maxEta, maxEtaRow, minMargin, maxMargin, reach };
}

function makeScratch(p: number, X: number[][], y: number[], w: number[]): GlmScratch {
  const scratch = new GlmScratch(p);
  scratch.x = Float64Array.from(X.flat());
  scratch.y = Float64Array.from(y);
  scratch.weight = Float64Array.from(w);
  return scratch;
}

interface RunResult {
  value: number;
  scratch: GlmScratch;
  eta: Float64Array;
  tail: Float64Array;
  grad: Float64Array;
  hess: Float64Array;
}

function run(
  family: Family,
  X: number[][],
  y: number[],
  w: number[],
  beta: number[],
  etaRef: number[] | null,
  withLoss: boolean,
  extra = 0,
): RunResult {
  const p = beta.length;
  const n = X.length;
  const scratch = makeScratch(p, X, y, w);
  const eta = new Float64Array(n);
  const tail = new Float64Array(n);
  // `extra` trailing entries beyond p (grad) and p·p (hess), pre-filled with garbage: the pass zeroes them and
  // writes nothing else there.
  const grad = new Float64Array(p + extra).fill(123);
  const hess = new Float64Array(p * p + extra).fill(456);
  const value = evaluateNegativeLogLikelihood(
    family, scratch, n, p, Float64Array.from(beta), eta, tail, grad, hess, etaRef === null ? null : Float64Array.from(etaRef), withLoss,
  );
  return { value, scratch, eta, tail, grad, hess };
}

const close = (got: number, want: number, tol: number, scale = Math.abs(want)): void => {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(tol * scale + 1e-300);
};

/** Small dataset (n = 5). Hand values for β = (0.8, −0.6, 0.4) are given in the tests that use them. */
const X3 = [
  [1, 0.5, -1],
  [0.2, -1.5, 0.3],
  [-0.7, 0.4, 1.1],
  [1.3, 1.0, 0.5],
  [-1.2, -0.3, -0.8],
];
const W = [0.1, 0.25, 0.2, 0.3, 0.15];
const Y_LOGISTIC = [1, 0, 1, 0, 1];
const Y_POISSON = [0, 2, 1, 3, 0];
const BETA3 = [0.8, -0.6, 0.4];
const ETA_REF = [0, 1, 0.5, 0.5, -1];

const columns = (X: number[][], p: number): number[][] => X.map((row) => row.slice(0, p));

/**
 * Hand values (exact to rounding):
 *   p = 3, β = (0.8, −0.6, 0.4): η = (0.1, 1.18, −0.36, 0.64, −1.1); max η row 1; logistic margins s·η =
 *     (0.1, −1.18, −0.36, −0.64, −1.1) → min −1.18, max 0.1; |η − ref| = (0.1, 0.18, 0.86, 0.14, 0.1) → 0.86.
 *   p = 2, β = (0.8, −0.6): η = (0.5, 1.06, −0.8, 0.44, −0.78); max η row 1; margins (0.5, −1.06, −0.8,
 *     −0.44, −0.78) → min −1.06, max 0.5; |η − ref| = (0.5, 0.06, 1.3, 0.06, 0.22) → 1.3.
 *   p = 1, β = (0.8): η = (0.8, 0.16, −0.56, 1.04, −0.96); max η row 3; margins (0.8, −0.16, −0.56, −1.04,
 *     −0.96) → min −1.04, max 0.8; |η − ref| = (0.8, 0.84, 1.06, 0.54, 0.04) → 1.06.
 * In every case the extremes are not on the last row (so "keep the last" mutants are seen).
 */
const HAND = {
  3: { eta: [0.1, 1.18, -0.36, 0.64, -1.1], maxEtaRow: 1, minMargin: -1.18, maxMargin: 0.1, reach: 0.86 },
  2: { eta: [0.5, 1.06, -0.8, 0.44, -0.78], maxEtaRow: 1, minMargin: -1.06, maxMargin: 0.5, reach: 1.3 },
  1: { eta: [0.8, 0.16, -0.56, 1.04, -0.96], maxEtaRow: 3, minMargin: -1.04, maxMargin: 0.8, reach: 1.06 },
} as const;

describe('evaluateNegativeLogLikelihood against a naive reference pass', () => {
  for (const p of [1, 2, 3] as const) {
    const X = columns(X3, p);
    const beta = BETA3.slice(0, p);
    const hand = HAND[p];

    it(`p = ${p}: η, side results (max η and its row, margins, step reach) match the hand values`, () => {
      const r = run('logistic', X, Y_LOGISTIC, W, beta, ETA_REF, true);
      for (let i = 0; i < 5; i++) close(r.eta[i], hand.eta[i], 1e-14, 1);
      close(r.scratch.maxEta, hand.eta[hand.maxEtaRow], 1e-14, 1);
      expect(r.scratch.maxEtaRow).toBe(hand.maxEtaRow);
      close(r.scratch.minMargin, hand.minMargin, 1e-14, 1);
      close(r.scratch.maxMargin, hand.maxMargin, 1e-14, 1);
      close(r.scratch.stepReach, hand.reach, 1e-14, 1);
      // tail = e^(−|η|)
      for (let i = 0; i < 5; i++) close(r.tail[i], Math.exp(-Math.abs(hand.eta[i])), 1e-13);
      // without a reference η the reach is 0
      expect(run('logistic', X, Y_LOGISTIC, W, beta, null, true).scratch.stepReach).toBe(0);
      // Poisson fills the same η side results
      const q = run('poisson', X, Y_POISSON, W, beta, ETA_REF, true);
      expect(q.scratch.maxEtaRow).toBe(hand.maxEtaRow);
      close(q.scratch.stepReach, hand.reach, 1e-14, 1);
    });

    it(`p = ${p}: logistic loss, gradient and Hessian (with the loss); loss is its own rounding scale`, () => {
      const ref = referencePass('logistic', X, Y_LOGISTIC, W, beta, null);
      const r = run('logistic', X, Y_LOGISTIC, W, beta, null, true, 2);
      close(r.value, ref.loss, 1e-13);
      close(r.scratch.lossScale, ref.loss, 1e-13);
      for (let j = 0; j < p; j++) close(r.grad[j], ref.grad[j], 1e-13, ref.gradScale[j]);
      for (let k = 0; k < p * p; k++) close(r.hess[k], ref.hess[k], 1e-13, ref.hessScale[k]);
      // nothing is accumulated beyond p (grad) and p·p (hess): the generic pass only zeroes the trailing entries
      // (grad.fill(0) / hess.fill(0)); the p = 2 pass assigns entries 0..p−1 / 0..3 and leaves them untouched
      expect(Array.from(r.grad.subarray(p))).toEqual(p === 2 ? [123, 123] : [0, 0]);
      expect(Array.from(r.hess.subarray(p * p))).toEqual(p === 2 ? [456, 456] : [0, 0]);
    });

    it(`p = ${p}: logistic without the loss returns NaN, lossScale 0, same gradient and Hessian`, () => {
      const ref = referencePass('logistic', X, Y_LOGISTIC, W, beta, null);
      const r = run('logistic', X, Y_LOGISTIC, W, beta, null, false);
      expect(r.value).toBeNaN();
      expect(r.scratch.lossScale).toBe(0);
      for (let j = 0; j < p; j++) close(r.grad[j], ref.grad[j], 1e-13, ref.gradScale[j]);
      for (let k = 0; k < p * p; k++) close(r.hess[k], ref.hess[k], 1e-13, ref.hessScale[k]);
    });

    it(`p = ${p}: Poisson loss Σω(e^η − yη), lossScale Σω(e^η + |yη|), gradient and Hessian`, () => {
      const ref = referencePass('poisson', X, Y_POISSON, W, beta, null);
      for (const withLoss of [true, false]) {
        const r = run('poisson', X, Y_POISSON, W, beta, null, withLoss);
        close(r.value, ref.loss, 1e-13, ref.lossAbs);
        close(r.scratch.lossScale, ref.scale, 1e-13);
        for (let j = 0; j < p; j++) close(r.grad[j], ref.grad[j], 1e-13, ref.gradScale[j]);
        for (let k = 0; k < p * p; k++) close(r.hess[k], ref.hess[k], 1e-13, ref.hessScale[k]);
      }
    });

    it(`p = ${p}: n = 0 leaves the neutral side results (max η row −1, margins ±∞, reach 0)`, () => {
      const r = run('poisson', [], [], [], beta, [], true);
      expect(r.value).toBe(0);
      expect(r.scratch.maxEta).toBe(-Infinity);
      expect(r.scratch.maxEtaRow).toBe(-1);
      expect(r.scratch.stepReach).toBe(0);
      const l = run('logistic', [], [], [], beta, null, true);
      expect(l.value).toBe(0);
      expect(l.scratch.maxEtaRow).toBe(-1);
      expect(l.scratch.minMargin).toBe(Infinity);
      expect(l.scratch.maxMargin).toBe(-Infinity);
    });

    it(`p = ${p}: ties keep the first extreme (strict comparisons): equal η rows, ±0 margins`, () => {
      const zero = new Array<number>(p).fill(0);
      const up = new Array<number>(p).fill(1);
      const down = new Array<number>(p).fill(-1);
      const b = beta.map(Math.abs); // positive coefficients: η(up) = Σ|β| > 0
      // rows 1 and 3 have the same largest η = Σ|β|: the first row of the maximum is reported
      const t = run('poisson', [zero, up, down, up, zero], [0, 0, 0, 0, 0], [0.2, 0.2, 0.2, 0.2, 0.2], b, null, true);
      expect(t.scratch.maxEtaRow).toBe(1);
      // η = +0 on zero rows: y = 1 gives margin +0, y = 0 gives −0 (= −η). min over (+0, −0, +) is the first, +0
      const lo = run('logistic', [zero, zero, up], [1, 0, 1], [0.3, 0.3, 0.4], b, null, false);
      expect(Object.is(lo.scratch.minMargin, 0)).toBe(true);
      // max over (−0, +0, −) is the first, −0
      const hi = run('logistic', [zero, zero, up], [0, 1, 0], [0.3, 0.3, 0.4], b, null, false);
      expect(Object.is(hi.scratch.maxMargin, -0)).toBe(true);
    });

    it(`p = ${p}: Poisson η > 709 returns +∞ at once, naming the first such row; η = 709 is still evaluated`, () => {
      const row = (v: number): number[] => [v, ...new Array<number>(p - 1).fill(0)];
      const b = [1, ...new Array<number>(p - 1).fill(0)];
      const over = run('poisson', [row(1), row(710), row(720)], [0, 0, 0], [0.2, 0.4, 0.4], b, null, true);
      expect(over.value).toBe(Infinity);
      expect(over.scratch.maxEta).toBe(710);
      expect(over.scratch.maxEtaRow).toBe(1);
      // at the limit e^709 ≈ 8.2e307 is finite: loss = 0.5·e^709 + 0.5·e^1 (y = 0)
      const at = run('poisson', [row(709), row(1)], [0, 0], [0.5, 0.5], b, null, true);
      expect(Number.isFinite(at.value)).toBe(true);
      close(at.value, 0.5 * Math.exp(709) + 0.5 * Math.E, 1e-15);
      expect(at.scratch.maxEta).toBe(709);
      expect(at.scratch.maxEtaRow).toBe(0);
    });
  }
});

describe('logisticLossFromEta', () => {
  it('Σ ω log(1 + e^(−sη)) from η and e^(−|η|), margins of both signs', () => {
    const ref = referencePass('logistic', X3, Y_LOGISTIC, W, BETA3, null);
    const scratch = makeScratch(3, X3, Y_LOGISTIC, W);
    const eta = Float64Array.from(ref.eta);
    const tail = eta.map((e) => Math.exp(-Math.abs(e)));
    close(logisticLossFromEta(scratch, 5, eta, tail), ref.loss, 1e-13);
    // hand check on one row: y = 0, η = 2 → log(1 + e²); y = 1, η = −3 → log(1 + e³); y = 1, η = 1 → log(1 + e^(−1))
    const s2 = makeScratch(1, [[0], [0], [0]], [0, 1, 1], [0.5, 0.25, 0.25]);
    const e2 = Float64Array.of(2, -3, 1);
    const want = 0.5 * Math.log(1 + Math.exp(2)) + 0.25 * Math.log(1 + Math.exp(3)) + 0.25 * Math.log(1 + Math.exp(-1));
    close(logisticLossFromEta(s2, 3, e2, e2.map((e) => Math.exp(-Math.abs(e)))), want, 1e-14);
    // agrees with the loss of the full pass
    const r = run('logistic', X3, Y_LOGISTIC, W, BETA3, null, true);
    close(logisticLossFromEta(r.scratch, 5, r.eta, r.tail), r.value, 1e-15);
  });
});

// ---------------------------------------------------------------------------------------------------------
// fisher.ts
// ---------------------------------------------------------------------------------------------------------

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('logisticProjectionMoments argument checks', () => {
  it('refuses NaN, ±∞ and negative s with InvalidArgumentError naming s and the value', () => {
    for (const [s, shown] of [[Number.NaN, 'NaN'], [Infinity, 'Infinity'], [-1, '-1'], [-1e-300, '-1e-300']] as const) {
      const error = thrown(() => logisticProjectionMoments(s));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).parameter).toBe('s');
      expect((error as Error).message).toMatch(new RegExp(`^s must be a finite number ≥ 0.*received ${shown}$`));
    }
    // s = 0 is allowed: v ≡ 1/4, so a = 1/4 and c = E[(Z² − 1)/4] = 0 (to rounding)
    const [a, c] = logisticProjectionMoments(0);
    close(a, 0.25, 1e-14);
    expect(Math.abs(c)).toBeLessThan(1e-15);
  });

  it('refuses an out buffer of the wrong length or type, naming out', () => {
    for (const out of [new Float64Array(3), new Float32Array(2)]) {
      const error = thrown(() => logisticProjectionMoments(1, out as unknown as Float64Array));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toMatch(/^out must be a Float64Array of length 2 \(a, c\); received Float(64|32)Array/);
    }
  });
});

describe('glmFisherInformation argument checks', () => {
  it('a beta that is not an array is refused as "a non-empty Float64Array or number[]"', () => {
    for (const beta of [5, 'ab', { length: 1, 0: 1 }]) {
      const error = thrown(() => glmFisherInformation('logistic', beta as unknown as number[], [1]));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).parameter).toBe('beta');
      expect((error as Error).message).toMatch(/^beta must be a non-empty Float64Array or number\[\]; received /);
    }
  });

  it('options must be an object: null and a number are refused naming options', () => {
    for (const [options, shown] of [[null, 'null'], [5, '5']] as const) {
      const error = thrown(() => glmFisherInformation('linear', [1], [1], options as unknown as Parameters<typeof glmFisherInformation>[3]));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toBe(`options must be an object { noiseVariance? }; received ${shown}`);
    }
  });
});

describe('glmFisherInformation overflow errors', () => {
  it('linear: Σ_x/σ² beyond the double range names options.noiseVariance and the entry', () => {
    // Σ = diag(1e290, 1e300), σ² = 1e-9: entries (1e299, 0, 0, 1e309 = ∞); the first non-finite entry is 3
    const error = thrown(() => glmFisherInformation('linear', [1, 1], [1e290, 0, 0, 1e300], { noiseVariance: 1e-9 }));
    expect(error).toBeInstanceOf(NumericalError);
    const e = error as NumericalError;
    expect(e.kind).toBe('overflow');
    expect(e.message).toBe('overflow: the Fisher information Σ_x/σ² is beyond the double range at entry 3 (Infinity); options.noiseVariance is too extreme');
    expect(e.details).toEqual({ parameter: 'options.noiseVariance', index: 3, value: Infinity });
    // the same matrix with σ² = 1 is fine: I = Σ
    expect(Array.from(glmFisherInformation('linear', [1, 1], [1e290, 0, 0, 1e300]))).toEqual([1e290, 0, 0, 1e300]);
  });

  it('logistic and Poisson: βᵀΣβ beyond the double range is an overflow naming beta', () => {
    for (const family of ['logistic', 'poisson'] as const) {
      const error = thrown(() => glmFisherInformation(family, [1e200], [1]));
      expect(error).toBeInstanceOf(NumericalError);
      const e = error as NumericalError;
      expect(e.kind).toBe('overflow');
      expect(e.message).toBe(`overflow: the quadratic form βᵀΣ_xβ is beyond the double range (Infinity): beta is too large for the ${family} Fisher information`);
      expect(e.details).toEqual({ parameter: 'beta', quadraticForm: Infinity });
    }
  });

  it('Poisson: βᵀΣβ/2 = 701 > 700 throws, reporting 701; βᵀΣβ/2 = 700 exactly is computed', () => {
    // Σ = [1402/1024] (exact), β = [32]: Σβ = 43.8125, βᵀΣβ = 1402 exactly. I = e^701·(Σ + (Σβ)²) ≈ 5.3e307 would be
    // finite: the refusal is the e^(βᵀΣβ/2) limit, not an overflow of the result.
    const error = thrown(() => glmFisherInformation('poisson', [32], [1402 / 1024]));
    expect(error).toBeInstanceOf(NumericalError);
    const e = error as NumericalError;
    expect(e.kind).toBe('overflow');
    expect(e.message).toBe('overflow: Poisson Fisher information e^(βᵀΣβ/2)(Σ + Σββᵀ Σ) overflows: βᵀΣβ/2 = 701.000 > 700');
    expect(e.details).toEqual({ halfQuadraticForm: 701 });
    // Σ = [3.5], β = [20]: Σβ = 70, βᵀΣβ = 1400, half 700 (not > 700). For p = 1, I = E[e^(βx) x²] =
    // d²/dβ² e^(σβ²/2) = (σ + σ²β²) e^(σβ²/2) = (3.5 + 4900)·e^700.
    const info = glmFisherInformation('poisson', [20], [3.5]);
    close(info[0], 4903.5 * Math.exp(700), 1e-14);
    // smaller forms are far from the limit: βᵀΣβ = 400 (half 200)
    close(glmFisherInformation('poisson', [20], [1])[0], (1 + 400) * Math.exp(200), 1e-14);
  });

  it('Poisson: a result beyond the double range (βᵀΣβ/2 = 700, Σ large) names beta and the entry', () => {
    // Σ = [1400], β = [1]: βᵀΣβ/2 = 700 is allowed, but e^700·(1400 + 1400²) ≈ 2e310 overflows at entry 0
    const error = thrown(() => glmFisherInformation('poisson', [1], [1400]));
    expect(error).toBeInstanceOf(NumericalError);
    const e = error as NumericalError;
    expect(e.message).toBe('overflow: the Fisher information e^(βᵀΣβ/2)(Σ + Σββᵀ Σ) is beyond the double range at entry 0 (Infinity); beta is too extreme');
    expect(e.details).toEqual({ parameter: 'beta', index: 0, value: Infinity });
  });

  it('Poisson, p = 3, Σ = I: every entry of e^(|β|²/2)(I + ββᵀ), upper and lower triangle', () => {
    // β = (0.5, −0.25, 1): |β|² = 0.25 + 0.0625 + 1 = 1.3125, so I_ij = e^0.65625 (δ_ij + β_i β_j)
    const b = [0.5, -0.25, 1];
    const scale = Math.exp(0.65625);
    const want = [
      1.25, -0.125, 0.5,
      -0.125, 1.0625, -0.25,
      0.5, -0.25, 2,
    ].map((v) => v * scale);
    const got = glmFisherInformation('poisson', b, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
    for (let k = 0; k < 9; k++) close(got[k], want[k], 1e-14);
  });

  it('glmFisherInverseTrace: a trace beyond the double range is an overflow', () => {
    // linear, Σ = diag(1e-300, 1e-300), σ² = 1e8: I = diag(1e-308, 1e-308), I⁻¹ = diag(1e308, 1e308), trace 2e308 = ∞
    const error = thrown(() => glmFisherInverseTrace('linear', [0, 0], [1e-300, 0, 0, 1e-300], { noiseVariance: 1e8 }));
    expect(error).toBeInstanceOf(NumericalError);
    const e = error as NumericalError;
    expect(e.kind).toBe('overflow');
    expect(e.message).toBe('overflow: tr(I(β)⁻¹) is beyond the double range (Infinity): the Fisher information is too close to singular');
    expect(e.details).toEqual({ parameter: 'beta', trace: Infinity });
    // half the size is fine: trace = 2·0.5e308 = 1e308 (relative rounding only)
    close(glmFisherInverseTrace('linear', [0, 0], [1e-300, 0, 0, 1e-300], { noiseVariance: 0.5e8 }), 1e308, 1e-14);
  });
});

// ---------------------------------------------------------------------------------------------------------
// sample.ts
// ---------------------------------------------------------------------------------------------------------

/** A full Stream test double: nextU32 cycles through `words`, nextDouble returns `u`. */
function scriptedStream(words: number[], u = 0.5): Stream {
  let i = 0;
  return {
    nextU32: () => words[i++ % words.length],
    nextDouble: () => u,
    nextOpenDouble: () => u,
    nextInt: () => 0,
  } as unknown as Stream;
}

/** An object with nextU32 only: passes sampleGlm's own shape check but not checkStream's. */
const partialStream = { nextU32: () => 0 } as unknown as Stream;

const f64 = (...v: number[]): Float64Array => Float64Array.from(v);

describe('sampleGlm stream checks', () => {
  const config = resolveGlmOptions({ family: 'logistic', dim: 2 });

  it('refuses null, an object without nextU32 and a function (even with generator methods) as stream, naming it', () => {
    const fn = Object.assign(() => 0, { nextU32: () => 0, nextDouble: () => 0.5, nextOpenDouble: () => 0.5, nextInt: () => 0 });
    const noNextU32 = { nextDouble: () => 0.5 };
    for (const [stream, shown] of [[null, 'null'], [fn, 'a function'], [3, '3'], [{}, '{}'], [noNextU32, '{}']] as const) {
      const error = thrown(() => sampleGlm(config, f64(1, 1), 0, stream as unknown as Stream));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toBe(`stream must be a Stream (src/rng/stream.ts); received ${shown}`);
    }
  });

  it('size 0 draws nothing and checks nothing more (a nextU32-only object suffices)', () => {
    for (const family of ['logistic', 'poisson'] as const) {
      for (const covariateCov of [undefined, [2, 0.5, 0.5, 1]]) {
        const c = resolveGlmOptions({ family, dim: 2, ...(covariateCov ? { covariateCov } : {}) });
        const data = sampleGlm(c, f64(1, 1), 0, partialStream);
        expect(data.size).toBe(0);
        expect(data.x.length).toBe(0);
        expect(data.y?.length).toBe(0);
      }
    }
  });

  it('logistic / Poisson with a fixed design (no covariate draws) still check the whole stream once', () => {
    for (const family of ['logistic', 'poisson'] as const) {
      const c = resolveGlmOptions({ family, dim: 1, fixedDesign: [0.5] });
      const error = thrown(() => sampleGlm(c, f64(1), 2, partialStream));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).parameter).toBe('stream');
    }
  });
});

describe('sampleGlm covariates', () => {
  it('Σ_x = I: the covariates are the standard-normal draws themselves, bit for bit (−0 included)', () => {
    // words (0x101, 0): layer 1, sign bit set, 53-bit uniform 0 → the ziggurat returns −0 (normal.ts)
    for (const p of [1, 2, 3]) {
      const config = resolveGlmOptions({ family: 'logistic', dim: p });
      const data = sampleGlm(config, new Float64Array(p).fill(1), 2, scriptedStream([0x101, 0]));
      for (let k = 0; k < 2 * p; k++) expect(Object.is(data.x[k], -0)).toBe(true);
      // η = −0·1 + … = ±0, P(y = 1) = 1/2; u = 0.5 is not < 1/2 → y = 0
      expect(Array.from(data.y ?? [])).toEqual([0, 0]);
    }
  });

  it('Σ_x = [4] (not the identity): x = 2z with z the stream\'s first normals', () => {
    const config = resolveGlmOptions({ family: 'logistic', dim: 1, covariateCov: [4] });
    const data = sampleGlm(config, f64(0.5), 20, rootKey('mutation.glmEvaluate').child('cov4').stream());
    const z = fillStandardNormal(rootKey('mutation.glmEvaluate').child('cov4').stream(), new Float64Array(20));
    for (let i = 0; i < 20; i++) expect(data.x[i]).toBe(2 * z[i]);
  });
});

describe('sampleGlm numerical guards', () => {
  it('a non-finite η = x_iᵀβ is an overflow naming the row', () => {
    // fixed design rows (1, 1e200), β = 1e200: η = 1e200 on row 0 (finite, drawn) and 1e200·1e200 = ∞ on row 1
    const config = resolveGlmOptions({ family: 'logistic', dim: 1, fixedDesign: [1, 1e200] });
    const error = thrown(() => sampleGlm(config, f64(1e200), 2, rootKey('mutation.glmEvaluate').child('eta').stream()));
    expect(error).toBeInstanceOf(NumericalError);
    const e = error as NumericalError;
    expect(e.kind).toBe('overflow');
    expect(e.message).toBe('overflow: η = x_iᵀβ is not finite at row 1');
    expect(e.details).toEqual({ row: 1, eta: Infinity });
  });

  it('linear: a non-finite response xᵀβ + σε is an overflow naming the row and η', () => {
    // Unreachable through resolveGlmOptions (σ ≤ √MAX_VALUE ≈ 1.3e154 cannot push a finite η past the double
    // range); a hand-built configuration with σ = ∞ reaches it: y = 0.25 + ∞·ε is ±∞ (ε ≠ 0).
    const base = resolveGlmOptions({ family: 'linear', dim: 1, fixedDesign: [0.5] });
    const config: GlmConfig = { ...base, noiseSd: Infinity };
    const error = thrown(() => sampleGlm(config, f64(0.5), 1, rootKey('mutation.glmEvaluate').child('lin').stream()));
    expect(error).toBeInstanceOf(NumericalError);
    const e = error as NumericalError;
    expect(e.kind).toBe('overflow');
    expect(e.message).toBe('overflow: the response xᵀβ + σε overflows at row 0 (η = 0.25)');
    expect(e.details).toEqual({ row: 0, eta: 0.25 });
  });

  it('Poisson: η = ln 1e12 (= POISSON_SAMPLING_ETA_MAX) exactly is drawn; the next double up is refused', () => {
    expect(POISSON_SAMPLING_ETA_MAX).toBe(Math.log(1e12));
    const config = resolveGlmOptions({ family: 'poisson', dim: 1, fixedDesign: [1] });
    const data = sampleGlm(config, f64(POISSON_SAMPLING_ETA_MAX), 1, rootKey('mutation.glmEvaluate').child('pois').stream());
    const y0 = data.y?.[0];
    expect(Number.isInteger(y0)).toBe(true);
    expect(y0).toBeGreaterThan(0);
    // the next double above ln 1e12 (ulp 2^−48 at 27.6)
    const above = POISSON_SAMPLING_ETA_MAX + 2 ** -48;
    expect(above).toBeGreaterThan(POISSON_SAMPLING_ETA_MAX);
    const error = thrown(() => sampleGlm(config, f64(above), 1, rootKey('mutation.glmEvaluate').child('pois').stream()));
    expect(error).toBeInstanceOf(NumericalError);
    expect((error as NumericalError).details).toEqual({ row: 0, eta: above });
  });
});
