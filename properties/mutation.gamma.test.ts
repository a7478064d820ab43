/**
 * Direct tests that kill surviving mutants of src/models/gamma.ts (the shape solver `gammaShapeMle`, its
 * asymptotic series for ln α − ψ(α) and its derivative, the Taylor series of δ − ln(1 + δ), the overflow-free
 * weighted sums of `gammaModel().fit`, `gammaFisherInformation`, validation and error reports) and of
 * src/models/stableMoments.ts (`overflowScale`, `stableColumnMeans`, `addScaledScatterUpper`,
 * `firstNonFiniteUpper`). Mutants that no test can kill (redundant guards, boundary ties, rounding-level changes) are
 * argued separately, not here.
 *
 * Expected values come from independent references, never from numbers printed by the code under test:
 * - ln n − ψ(n) = ln n − H_{n−1} + γ (A&S 6.3.2) evaluated in the test to 60 decimal digits with BigInt
 *   fixed-point arithmetic (ln by the atanh series, H_{n−1} summed exactly, γ from A&S 1.1 / OEIS A001620),
 *   so the exact root of ln α − ψ(α) = s is the integer n (to ~1e−16 relative);
 * - for huge s, ψ(α) = −1/α − γ + O(α) (A&S 6.3.5, 6.3.14) gives the root α = 1/(s − ln α − γ);
 * - the Jensen gap s = ln x̄ − mean(ln x) of data with mean exactly 1 is −mean(ln x_i), computed in BigInt
 *   from the data's exact rationals; the fit's shape is then the solver's root for that s;
 * - data near 1e308 are a power of two times data of moderate size, and the Gamma MLE is scale-equivariant
 *   (shape unchanged, rate divided by the scale), which power-of-two scaling makes exact in floating point;
 * - weighted scatter matrices and column means of tiny hand-made arrays (powers of two, so every product and
 *   sum is exact) written out in the tests;
 * - error contracts of src/errors.ts: the error class, kind, the parameter's name and the offending value.
 */
import { describe, expect, it } from 'vitest';
import { gammaFisherInformation, gammaModel, gammaShapeMle } from '../src/models/gamma.js';
import { addScaledScatterUpper, firstNonFiniteUpper, overflowScale, stableColumnMeans } from '../src/models/stableMoments.js';
import type { Dataset, WeightedSource } from '../src/models/types.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';

// ---------------------------------------------------------------------------------------------------------
// 60-digit fixed-point arithmetic on BigInt (the independent reference for ln and ln n − ψ(n)).

const DIGITS = 60;
const ONE = 10n ** BigInt(DIGITS);
const fixedMul = (a: bigint, b: bigint): bigint => (a * b) / ONE;

/** atanh(t) = Σ_k t^(2k+1)/(2k+1) for a fixed-point |t| ≤ 1/3. */
function atanhFixed(t: bigint): bigint {
  const t2 = fixedMul(t, t);
  let sum = 0n;
  let power = t;
  for (let k = 1n; power !== 0n; k += 2n) {
    sum += power / k;
    power = fixedMul(power, t2);
  }
  return sum;
}

const LN2 = 2n * atanhFixed(ONE / 3n); // ln 2 = 2 atanh(1/3)

/** ln(p/q) for integers p, q > 0: p/q = 2^k·y with y in [1/2, 2], ln y = 2 atanh((y − 1)/(y + 1)). */
function lnRatio(p: bigint, q: bigint): bigint {
  let k = 0n;
  while (p > 2n * q) {
    q *= 2n;
    k++;
  }
  while (2n * p < q) {
    p *= 2n;
    k--;
  }
  return k * LN2 + 2n * atanhFixed(((p - q) * ONE) / (p + q));
}

/** Euler's γ to 60 digits (A&S 1.1; OEIS A001620). */
const EULER = BigInt('577215664901532860606512090082402431042159335939923598805767');

/** The double nearest to a fixed-point value (decimal string → Number rounds correctly). */
function toDouble(a: bigint): number {
  const negative = a < 0n;
  const digits = (negative ? -a : a).toString().padStart(DIGITS + 1, '0');
  const text = `${digits.slice(0, digits.length - DIGITS)}.${digits.slice(digits.length - DIGITS)}`;
  return negative ? -Number(text) : Number(text);
}

/** ln n − ψ(n) = ln n − H_{n−1} + γ (A&S 6.3.2), H_{n−1} summed term by term (truncation < n·1e−60). */
function logMinusDigammaAtInteger(n: number): number {
  let harmonic = 0n;
  for (let k = 1; k < n; k++) harmonic += ONE / BigInt(k);
  return toDouble(lnRatio(BigInt(n), 1n) - harmonic + EULER);
}

// ---------------------------------------------------------------------------------------------------------

const data = (x: readonly number[] | Float64Array): Dataset => ({ size: x.length, dim: 1, x: Float64Array.from(x), y: null });
const model = gammaModel();

/** The thrown error (fails when nothing is thrown). */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return expect.unreachable('no error thrown');
}

function numericalError(call: () => unknown, kind: string): NumericalError {
  const error = thrown(call);
  expect(error).toBeInstanceOf(NumericalError);
  expect((error as NumericalError).kind).toBe(kind);
  return error as NumericalError;
}

const relative = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.abs(expected);

describe('gammaShapeMle: roots against 60-digit references', () => {
  it('ln α − ψ(α) = ln n − ψ(n) returns n to 4e−16 relative for n = 11 … 100 (series branch, α ≥ 10)', () => {
    // s is the double nearest to g(n) = ln n − ψ(n); since g′(n) ≈ −1/(2n²) and g(n) ≈ 1/(2n), the exact root of
    // g(α) = s lies within (½ ulp(s)/s)·n ≈ 1.1e−16·n of n, so 4e−16 leaves about one ulp for the solver.
    for (const n of [11, 12, 13, 14, 15, 16, 18, 20, 25, 30, 40, 50, 100]) {
      const s = logMinusDigammaAtInteger(n);
      expect(relative(gammaShapeMle(s), n), `n = ${n}`).toBeLessThanOrEqual(4e-16);
    }
  });

  it('the reference itself: g(1) = γ, g(2) = ln 2 − 1 + γ, g(10) = 0.0508325039273245763705… (hand sums)', () => {
    expect(logMinusDigammaAtInteger(1)).toBe(0.5772156649015329);
    // ln 2 = 0.693147180559945309417…, so g(2) = 0.270362845461478170023…
    expect(logMinusDigammaAtInteger(2)).toBe(0.27036284546147817);
    // ln 10 = 2.302585092994045684018, H_9 = 7129/2520 = 2.828968253968253968254, γ = 0.577215664901532860607
    expect(logMinusDigammaAtInteger(10)).toBe(0.05083250392732457637);
  });

  it('huge s: the root is α = 1/(s − ln α − γ) (ψ(α) = −1/α − γ + O(α)); the starting point cancels, Newton steps leave (0, ∞) and are halved', () => {
    // For s ≈ 1.46e17 the closed-form start (3 − s + √((s − 3)² + 24s))/(12s) loses every digit to cancellation,
    // so a Newton step lands at a negative α and must be replaced by halving (the documented safeguard).
    const s = 1.4621771736932538e17;
    let alpha = 1 / s;
    for (let k = 0; k < 3; k++) alpha = 1 / (s - Math.log(alpha) - 0.5772156649015329); // fixed point, O(α) terms < 1e−17
    expect(relative(gammaShapeMle(s), alpha)).toBeLessThanOrEqual(4e-16);
  });

  it('s = 5e−324 / 1e308: the root 1/(2s) ≈ 1e323 / 1/s ≈ 1e−308 is outside the normal doubles → NumericalError overflow naming s', () => {
    const small = numericalError(() => gammaShapeMle(Number.MIN_VALUE), 'overflow');
    expect(small.message).toContain('for s = 5e-324 exceeds the largest double');
    expect(small.details).toEqual({ s: Number.MIN_VALUE });
    const large = numericalError(() => gammaShapeMle(1e308), 'overflow');
    expect(large.message).toContain('for s = 1e+308 lies below the smallest normal double');
    expect(large.details.s).toBe(1e308);
  });

  it('s ≤ 0: NumericalError degenerate whose message and details give s', () => {
    const error = numericalError(() => gammaShapeMle(-0.25), 'degenerate');
    expect(error.message).toMatch(/log-mean gap s = .* is -0\.25 ≤ 0/);
    expect(error.details).toEqual({ s: -0.25 });
    expect(numericalError(() => gammaShapeMle(0), 'degenerate').details).toEqual({ s: 0 });
  });
});

describe('gammaModel.fit: the Taylor series of δ − ln(1 + δ) for |δ| < 0.01', () => {
  // Data p_i/D with Σ p_i = n·D: the mean is exactly 1, every δ_i = p_i/D − 1 is exact and |δ_i| < 0.01, so
  // s = −(1/n) Σ ln(p_i/D) (computed here in 60-digit arithmetic) and the fit's shape is the root for that s.
  // Tolerance 5e−16 relative: the fit's s carries a few roundings (the series, the sum, the division by n).
  const D = 8192;
  const designs: Record<string, number[]> = {
    'δ = −2h, h, h (h = 40/8192)': [D - 80, D + 40, D + 40],
    'δ = 2h, −h, −h': [D + 80, D - 40, D - 40],
    'δ = ±81/8192 (symmetric, even powers only)': [D - 81, D + 81],
    'δ = −81/8192, 27/8192 ×3': [D - 81, D + 27, D + 27, D + 27],
    'δ = 81/8192, −27/8192 ×3': [D + 81, D - 27, D - 27, D - 27],
  };
  for (const [name, numerators] of Object.entries(designs)) {
    it(name, () => {
      expect(numerators.reduce((a, b) => a + b, 0)).toBe(numerators.length * D);
      for (const p of numerators) expect(Math.abs(p / D - 1)).toBeLessThan(0.01);
      let sumLog = 0n;
      for (const p of numerators) sumLog += lnRatio(BigInt(p), BigInt(D));
      const s = toDouble(-sumLog / BigInt(numerators.length));
      const fit = model.fit([{ data: data(numerators.map((p) => p / D)), weight: 1 }]);
      const shape = gammaShapeMle(s);
      expect(relative(fit.shape, shape)).toBeLessThanOrEqual(5e-16);
      expect(relative(fit.rate, shape)).toBeLessThanOrEqual(5e-16); // rate = shape / mean, mean = 1
    });
  }
});

describe('gammaModel.fit: sums that overflow are formed on values scaled by a power of two', () => {
  const SCALE = 2 ** 1000;
  /** fit(c·x) for c = 2^1000 must equal {shape(x), rate(x)/c} exactly (the MLE is scale-equivariant). */
  function expectScaleEquivariant(small: readonly WeightedSource[]): void {
    const large = small.map(({ data: d, weight }) => ({ data: data(Array.from(d.x, (v) => v * SCALE)), weight }));
    for (const { data: d } of large) expect(d.x.every(Number.isFinite)).toBe(true);
    const reference = model.fit(small);
    const fit = model.fit(large);
    expect(fit.shape).toBe(reference.shape);
    expect(fit.rate).toBe(reference.rate / SCALE);
  }

  it('six points 1.5·2^1023 and two points 2^1020: both passes overflow; x̄ = 37·2^1018 exactly', () => {
    // First pass: 6·1.5·2^1023 > 2^1024 overflows. Second pass: x − x̄ = 11·2^1018 six times = 66·2^1018 > 2^1024.
    const big = 1.5 * 2 ** 1023; // 48·2^1018
    const x = [big, big, big, big, big, big, 2 ** 1020, 2 ** 1020];
    const mean = 37 * 2 ** 1018; // (6·48 + 2·4)·2^1018 / 8
    const fit = model.fit([{ data: data(x), weight: 1 }]);
    expect(relative(fit.shape / fit.rate, mean)).toBeLessThan(1e-15);
    // s = ln x̄ − mean(ln x): the factor 2^1018 cancels, s = ln 37 − (6 ln 48 + 2 ln 4)/8 (≈ 0.13, to ~1e−15 absolute).
    const s = Math.log(37) - (6 * Math.log(48) + 2 * Math.log(4)) / 8;
    expect(relative(fit.shape, gammaShapeMle(s))).toBeLessThan(1e-13);
  });

  // With every |δ| < 0.5 the fit uses only sums, differences, quotients and log1p(δ), all of which commute
  // exactly with a power-of-two scaling: fit(2^1000·x) = {shape(x), rate(x)/2^1000} bit for bit.
  it('{7u ×6, 3u ×6}, u = 2^1021 (|δ| = 0.4): both passes overflow, the fit is exactly the scaled fit of {7, 3}·2^21', () => {
    const u = 2 ** 21;
    const x = [7, 7, 7, 7, 7, 7, 3, 3, 3, 3, 3, 3].map((v) => v * u);
    expectScaleEquivariant([{ data: data(x), weight: 1 }]);
    // and x̄ = 5u exactly, s = ln 5 − ½(ln 7 + ln 3) (hand formula)
    const fit = model.fit([{ data: data(x), weight: 1 }]);
    expect(relative(fit.shape / fit.rate, 5 * u)).toBeLessThan(1e-15);
    expect(relative(fit.shape, gammaShapeMle(Math.log(5) - 0.5 * (Math.log(7) + Math.log(3))))).toBeLessThan(1e-13);
  });

  it('two weighted sources with inexact means (sizes 10 and 3): the overflowing second pass carries a non-zero correction', () => {
    const u = 2 ** 21;
    expectScaleEquivariant([
      { data: data([7, 7, 7, 7, 7, 7, 7, 3, 3, 3].map((v) => v * u)), weight: 3 },
      { data: data([5, 6, 7].map((v) => v * u)), weight: 1 },
    ]);
  });

  it('Σω = 1 + 2^−52 (weights 6, 23, 1) with data within 4 ulps of the largest double: the fit is finite and correct', () => {
    // Each source is {MAX, MAX − 4u} (u = 2^971, the spacing of doubles there), so x̄ = MAX − 2u and
    // h = |δ| = 2u/x̄; s = −½ ln(1 − h²) ≈ h²/2 and the root of ln α − ψ(α) = s is α = 1/h² − 1/3 + O(h²).
    const MAX = Number.MAX_VALUE;
    const u = 2 ** 971;
    const W = 6 + 23 + 1;
    expect(6 / W + 23 / W + 1 / W).toBe(1 + 2 ** -52);
    const fit = model.fit([6, 23, 1].map((weight) => ({ data: data([MAX, MAX - 4 * u]), weight })));
    const mean = MAX - 2 * u;
    const h = (2 * u) / mean;
    expect(relative(fit.shape, 1 / (h * h))).toBeLessThan(1e-14);
    expect(relative(fit.rate, 1 / (h * h) / mean)).toBeLessThan(1e-14);
  });
});

describe('gammaModel.fit: degenerate and overflowing results', () => {
  it('all observations of positive weight equal: NumericalError degenerate naming the common value', () => {
    for (const sources of [
      [{ data: data([2.5, 2.5, 2.5]), weight: 1 }],
      [{ data: data([0.1, 0.1, 0.1]), weight: 1 }, { data: data([0.1]), weight: 3 }],
      [{ data: data([7]), weight: 1 }, { data: data([1, 9]), weight: 0 }],
    ]) {
      const value = sources[0].data.x[0];
      const error = numericalError(() => model.fit(sources), 'degenerate');
      expect(error.message).toContain(`every observation of positive weight equals ${value}`);
      expect(error.details).toEqual({ value });
    }
  });

  it('data {2^−1070, 2^−1069}: x̄ = 3·2^−1071 and β̂ = α̂/x̄ exceeds the double range → NumericalError overflow with α̂ and x̄', () => {
    // s = ln(3/2) − ½ ln 2 = ½ ln(9/8) (independent of the scale), α̂ ≈ 8.8, and α̂/(3·2^−1071) > 1.8e308.
    const mean = 3 * 2 ** -1071;
    const error = numericalError(() => model.fit([{ data: data([2 ** -1070, 2 ** -1069]), weight: 1 }]), 'overflow');
    const details = error.details as { shape: number; mean: number };
    expect(details.mean).toBe(mean);
    expect(relative(details.shape, gammaShapeMle(0.5 * Math.log(9 / 8)))).toBeLessThan(1e-13);
    expect(error.message).toContain(`the Gamma rate α̂/x̄ = ${details.shape}/${mean} is not a finite positive number`);
  });
});

describe('gammaFisherInformation: entries beyond the double range', () => {
  it('rate = 5e−324: −1/rate = −Infinity → NumericalError overflow naming rate', () => {
    const error = numericalError(() => gammaFisherInformation(1, Number.MIN_VALUE), 'overflow');
    expect(error.message).toContain('shape = 1, rate = 5e-324');
    expect(error.details).toEqual({ parameter: 'rate', shape: 1, rate: Number.MIN_VALUE });
  });
});

describe('gammaModel: name, validate, params', () => {
  it('is named "gamma"', () => {
    expect(gammaModel().name).toBe('gamma'); // a fresh model: the name is set when gammaModel() runs
  });

  it('validate rejects a non-object θ with an InvalidArgumentError naming it', () => {
    for (const [theta, shown] of [
      [null, 'null'],
      [7, '7'],
      ['a', '"a"'],
    ] as const) {
      const error = thrown(() => model.validate(theta as never)) as InvalidArgumentError;
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.parameter).toBe('theta');
      expect(error.allowed).toBe('an object { shape, rate }');
      expect(error.message).toBe(`theta must be an object { shape, rate }; received ${shown}`);
    }
    const named = thrown(() => model.validate(null as never, 'truth')) as InvalidArgumentError;
    expect(named.parameter).toBe('truth');
  });

  it('params overflowing the double range → NumericalError overflow naming the squared parameter error', () => {
    const error = numericalError(() => model.metrics.params({ shape: 1e200, rate: 1 }, { shape: 1, rate: 1 }), 'overflow');
    expect(error.message).toContain('the squared parameter error (α̂ − α)² + (β̂ − β)²');
    expect(error.details).toEqual({ value: Infinity });
  });
});

describe('stableMoments: overflowScale', () => {
  it('is 1 for m ≤ 1 and the power of two 2^−⌈log₂ m⌉ above', () => {
    expect(overflowScale(0)).toBe(1);
    expect(overflowScale(0.5)).toBe(1);
    expect(overflowScale(1)).toBe(1);
    expect(overflowScale(1.5)).toBe(0.5);
    expect(overflowScale(2)).toBe(0.5);
    expect(overflowScale(3)).toBe(0.25);
    expect(overflowScale(Number.MAX_VALUE)).toBe(2 ** -1024);
  });
});

describe('stableMoments: stableColumnMeans', () => {
  it('writes exactly dim entries: the column means of a 2×2 array with an overflowing column sum, the slot after them untouched', () => {
    const x = Float64Array.of(1, 2 ** 1023, 3, 2 ** 1023); // columns {1, 3} and {2^1023, 2^1023}
    const out = Float64Array.of(-1, -1, 42);
    expect(stableColumnMeans(x, 2, 2, out)).toBe(out);
    expect(Array.from(out)).toEqual([2, 2 ** 1023, 42]);
  });
});

describe('stableMoments: addScaledScatterUpper', () => {
  /** scale·Σ_i (x_i − c)(x_i − c)ᵀ, upper triangle of a d×d row-major block, by the textbook loop (unscaled). */
  function naiveScatterUpper(x: number[], size: number, dim: number, center: number[], scale: number): number[] {
    const out = new Array<number>(dim * dim).fill(0);
    for (let a = 0; a < dim; a++) {
      for (let b = a; b < dim; b++) {
        let sum = 0;
        for (let i = 0; i < size; i++) sum += (x[i * dim + a] - center[a]) * (x[i * dim + b] - center[b]);
        out[a * dim + b] = scale * sum;
      }
    }
    return out;
  }

  it('2×2 blocks at an offset: the upper triangle is added, the lower one and the slots around the block are untouched', () => {
    // Small integers: every product and sum is exact, so the textbook loop is the exact answer.
    const x = [1, 2, 4, -3, 0, 5];
    const center = [1, 0.5];
    const out = Float64Array.of(7, 10, 20, 30, 40, 9);
    addScaledScatterUpper(Float64Array.from(x), 3, 2, Float64Array.from(center), 0.5, out, 1);
    // rows minus c: (0, 1.5), (3, −3.5), (−1, 4.5); Σ aa = 10, Σ ab = −15, Σ bb = 34.75; times ½
    expect(naiveScatterUpper(x, 3, 2, center, 0.5)).toEqual([5, -7.5, 0, 17.375]);
    expect(Array.from(out)).toEqual([7, 10 + 5, 20 - 7.5, 30, 40 + 17.375, 9]);
  });

  it('3×3 block with entries near 1e308 (scaled by 2^−1024): exact powers of two, nothing outside the upper triangle changes', () => {
    const p = 2 ** 1000;
    const x = [p, 0, 2 * p, 0, p, -p]; // two rows of dim 3
    const center = [0, 0, 0];
    const out = new Float64Array(11).fill(-0);
    out[10] = 5;
    addScaledScatterUpper(Float64Array.from(x), 2, 3, Float64Array.from(center), 2 ** -1000, out, 1);
    // Σ x_a x_b · 2^−1000: aa = p, ab = 0, ac = 2p, bb = p, bc = −p, cc = 5p  (p² · 2^−1000 = 2^1000)
    const expected = [-0, p, 0, 2 * p, -0, p, -p, -0, -0, 5 * p, 5];
    for (let i = 0; i < 11; i++) expect(Object.is(out[i], expected[i]) || out[i] === expected[i], `out[${i}] = ${out[i]}`).toBe(true);
    expect(Object.is(out[4], -0) && Object.is(out[7], -0) && Object.is(out[8], -0)).toBe(true); // lower triangle untouched
  });

  it('the largest entry comes last in a 2-column array: the scale covers all size·dim entries', () => {
    const big = 2 ** 1020;
    const x = [1, 1, 1, big];
    const out = new Float64Array(4);
    addScaledScatterUpper(Float64Array.from(x), 2, 2, Float64Array.of(1, 1), 2 ** -1020, out, 0);
    // rows minus c: (0, 0), (0, big − 1 = big); bb = big² · 2^−1020 = 2^1020
    expect(Array.from(out)).toEqual([0, 0, 0, big]);
  });

  it('a centre near 1e308 with small data: the scale covers the centre too', () => {
    const c = 2 ** 1000;
    const out = new Float64Array(1);
    addScaledScatterUpper(Float64Array.of(0, 0), 2, 1, Float64Array.of(c), 2 ** -1000, out, 0);
    expect(out[0]).toBe(2 * c); // 2·c²·2^−1000 = 2^1001
    const both = new Float64Array(4);
    addScaledScatterUpper(Float64Array.of(0, 0), 1, 2, Float64Array.of(c, -c), 2 ** -1000, both, 0);
    expect(Array.from(both)).toEqual([c, -c, 0, c]);
  });
});

describe('stableMoments: firstNonFiniteUpper', () => {
  it('returns the flat index of the first non-finite upper entry of the block, −1 when all are finite', () => {
    const m = Float64Array.of(9, 1, 2, NaN, 3, Infinity); // block 2×2 at offset 2: [[2, NaN], [3, Infinity]]
    expect(firstNonFiniteUpper(m, 2, 2)).toBe(3);
    m[3] = 4; // lower-triangle entry at [1][0] = m[4] is ignored even if non-finite
    expect(firstNonFiniteUpper(m, 2, 2)).toBe(5);
    m[5] = 6;
    expect(firstNonFiniteUpper(m, 2, 2)).toBe(-1);
    m[4] = NaN;
    expect(firstNonFiniteUpper(m, 2, 2)).toBe(-1);
    expect(firstNonFiniteUpper(Float64Array.of(1, 2, 3, 4, -Infinity), 2, 1)).toBe(4);
  });
});
