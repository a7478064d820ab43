/**
 * Deterministic properties of the statistical layer (src/stats) that the mutation run (docs/mutation.md) found
 * unchecked. Each test states its property. References are independent of the code under test: the
 * definitions (empirical CDF sup distance by brute force, the Hoeffding and DKW inequalities inverted by hand),
 * the published normal quantiles, and the documented contract of a CheckResult: it passes iff its p-value
 * exceeds α (up to the conservative bound where the check is distribution-free), its interval is centred on
 * the estimate, and an UnderpoweredError's "replications needed" are in fact enough.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkBoundedMean,
  checkDKW,
  checkMean,
  checkPairedSign,
  checkProportion,
  checkQuantile,
  checkTwoSample,
  checkArgminOnGrid,
  boundedMeanHalfWidth,
  twoSampleKolmogorovDistance,
  clopperPearson,
  describeCheck,
  expectPass,
  expectReject,
  CheckFailedError,
  UnderpoweredError,
  requiredReplications,
  replicationsFromPilot,
  sampleToPower,
  type CheckResult,
} from '../src/stats/assert.js';
import { alphaFor, totalBudget, BUDGET, CLAIM_IDS, UNLISTED_ENGINE_RATE, suiteSeed, suiteKey, profile, configurationsPerClaim } from '../src/stats/budget.js';
import { DEFAULT_SUITE_SEED } from '../src/stats/env.js';
import { replicate, replicateRows, replicationKey, column } from '../src/stats/monteCarlo.js';
import { OnlineMoments, summarize } from '../src/stats/welford.js';
import { timeAverage, batchMeansVariance } from '../src/stats/timeAverage.js';
import { zUpper } from '../src/stats/quantiles.js';
import { binomialPValue } from '../src/stats/checkProportion.js';
import { calibrationAlpha, fastCheckSeed, recordOutcome, verifyClaim, rejectsWrongEngine, type ClaimMeta, type ClaimContext } from '../src/stats/claim.js';
import { rootKey } from '../src/rng/stream.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';
import { refused, withEnv } from './helpers/refused.js';


/** Runs `call` and returns the UnderpoweredError it throws (fails the test otherwise). */
function underpowered(call: () => unknown): UnderpoweredError {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(UnderpoweredError);
  return caught as UnderpoweredError;
}

/** Every CheckResult describes itself: a kind, an assumption, an interval around the estimate, its rates. */
function wellFormed(r: CheckResult): void {
  expect(r.kind.length).toBeGreaterThan(0);
  expect(r.assumption.length).toBeGreaterThan(0);
  expect(r.interval[0]).toBeLessThanOrEqual(r.interval[1]);
  expect(r.alpha).toBeGreaterThan(0);
  const line = describeCheck(r);
  expect(line).toContain(r.label);
  expect(line).toContain(r.pass ? '[PASS]' : '[FAIL]');
  expect(line).toContain(r.kind);
}

/** A deterministic, well-spread sample: the golden-ratio sequence mapped through `f`. */
const spread = (n: number, f: (u: number) => number = (u) => u): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => f(((i + 0.5) * 0.6180339887498949) % 1));

describe('checkMean', () => {
  it('passes iff |x̄ − oracle| ≤ tolerance + z_{α/2}·se, iff its p-value exceeds α; the interval is x̄ ± that half-width', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 5000 }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: 0.01, max: 4, noNaN: true }),
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        fc.constantFrom(1e-6, 1e-3, 0.05),
        fc.constantFrom(0, 0.01),
        (n, mean, variance, offset, alpha, tolerance) => {
          const se = Math.sqrt(variance / n);
          const detectable = tolerance + 20 * se;
          const oracle = mean + offset;
          const r = checkMean({ label: 'm', summary: { n, mean, variance }, oracle, alpha, detectable, tolerance });
          const half = tolerance + zUpper(alpha / 2) * se;
          expect(r.interval[0]).toBeCloseTo(mean - half, 12);
          expect(r.interval[1]).toBeCloseTo(mean + half, 12);
          if (Math.abs(Math.abs(offset) - half) > 1e-9) {
            expect(r.pass).toBe(Math.abs(offset) <= half);
            expect((r.pValue as number) > alpha).toBe(r.pass);
          }
          expect(r.estimate).toBe(mean);
          expect(r.oracle).toBe(oracle);
          expect(r.replications).toBe(n);
          expect(r.detectable).toBe(detectable);
          expect(r.beta).toBe(1e-2);
          expect((r.detail ?? '').includes('tolerance')).toBe(tolerance > 0);
          wellFormed(r);
        },
      ),
      { seed: 801, numRuns: 300 },
    );
  });
  it('p-value with zero variance: 1 if the mean is the oracle (within the tolerance), 0 otherwise', () => {
    const same = checkMean({ label: 'c', samples: new Float64Array(100).fill(2), oracle: 2, alpha: 0.01, detectable: 0.1 });
    expect(same.pass).toBe(true);
    expect(same.pValue).toBe(1);
    const off = checkMean({ label: 'c', samples: new Float64Array(100).fill(2), oracle: 2.05, alpha: 0.01, detectable: 0.1 });
    expect(off.pass).toBe(false);
    expect(off.pValue).toBe(0);
    const tolerated = checkMean({ label: 'c', samples: new Float64Array(100).fill(2), oracle: 2.05, alpha: 0.01, detectable: 0.2, tolerance: 0.06 });
    expect(tolerated.pass).toBe(true);
    expect(tolerated.pValue).toBe(1);
  });
  it('an under-powered call names the replications that would suffice, and that many (same variance) do', () => {
    for (const [variance, detectable, alpha, tolerance] of [[1, 0.1, 1e-6, 0], [4, 0.05, 1e-3, 0.01], [0.2, 0.02, 0.05, 0]]) {
      const error = underpowered(() => checkMean({ label: 'few', summary: { n: 100, mean: 0, variance }, oracle: 0, alpha, detectable, tolerance }));
      expect(error.message).toContain('few');
      const needed = Math.ceil(error.needed);
      // the textbook size n = ((z_{α/2} + z_β)·σ/(δ − tol))²
      const textbook = (((zUpper(alpha / 2) + zUpper(0.01)) * Math.sqrt(variance)) / (detectable - tolerance)) ** 2;
      expect(Math.abs(error.needed - textbook) / textbook).toBeLessThan(1e-12);
      expect(() => checkMean({ label: 'enough', summary: { n: needed, mean: 0, variance }, oracle: 0, alpha, detectable, tolerance })).not.toThrow();
      expect(() => checkMean({ label: 'short', summary: { n: Math.floor(needed * 0.99), mean: 0, variance }, oracle: 0, alpha, detectable, tolerance })).toThrow(UnderpoweredError);
    }
    // a tolerance that swallows the whole detectable error can never be powered
    const hopeless = underpowered(() => checkMean({ label: 'tol', summary: { n: 1e6, mean: 0, variance: 1 }, oracle: 0, alpha: 0.01, detectable: 0.1, tolerance: 0.1 }));
    expect(hopeless.needed).toBe(Infinity);
    expect(hopeless.message).toContain('∞');
  });
  it('bad input names the parameter', () => {
    const ok = { label: 'x', summary: { n: 1000, mean: 0, variance: 1 }, oracle: 0, alpha: 0.01, detectable: 1 };
    refused(() => checkMean({ ...ok, alpha: 0 }), 'alpha');
    refused(() => checkMean({ ...ok, alpha: 0.6 }), 'alpha');
    refused(() => checkMean({ ...ok, beta: 0 }), 'beta');
    refused(() => checkMean({ ...ok, oracle: Number.NaN }), 'oracle');
    refused(() => checkMean({ ...ok, detectable: 0 }), 'detectable');
    refused(() => checkMean({ ...ok, tolerance: -1 }), 'tolerance');
    refused(() => checkMean({ label: 'x', oracle: 0, alpha: 0.01, detectable: 1 }), 'samples');
    refused(() => checkMean({ ...ok, summary: { n: 99, mean: 0, variance: 1 } }), 'samples.length');
    refused(() => checkMean({ ...ok, summary: { n: 1000, mean: Number.NaN, variance: 1 } }), 'sample mean');
    refused(() => checkMean({ ...ok, summary: { n: 1000, mean: 0, variance: Number.POSITIVE_INFINITY } }), 'sample variance');
    // samples take precedence over a summary
    const fromSamples = checkMean({ ...ok, samples: spread(200), summary: { n: 1000, mean: 5, variance: 1 }, oracle: 0.5 });
    expect(fromSamples.replications).toBe(200);
  });
});

describe('checkDKW', () => {
  /** sup_x |F_n(x) − F(x)| by brute force over both one-sided limits at every distinct point. */
  function supDistance(samples: Float64Array, cdf: (x: number) => number, discrete: boolean): number {
    const n = samples.length;
    let sup = 0;
    for (const x of new Set(samples)) {
      let le = 0;
      let lt = 0;
      for (const s of samples) {
        if (s <= x) le++;
        if (s < x) lt++;
      }
      sup = Math.max(sup, Math.abs(le / n - cdf(x)), Math.abs(lt / n - (discrete ? cdf(x - 1) : cdf(x))));
    }
    return sup;
  }
  it('estimates sup|F_n − F| (ties and the discrete left limits included) and passes iff it is ≤ ε = √(ln(2/α)/(2n)), iff p ≥ α', () => {
    const uniformCdf = (x: number) => Math.min(1, Math.max(0, x));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 60 }), fc.constantFrom(0.01, 0.2, 0.5), fc.boolean(), (ints, alpha, discrete) => {
        const samples = Float64Array.from(ints, (k) => (discrete ? k % 6 : k / 20));
        // discrete: uniform on {0, …, 5}; continuous: uniform on [0, 1] (with ties)
        const cdf = discrete ? (x: number) => (x < 0 ? 0 : Math.min(1, (Math.floor(x) + 1) / 6)) : uniformCdf;
        const r = checkDKW({ label: 'd', samples, cdf, alpha, discrete });
        const sup = supDistance(samples, cdf, discrete);
        expect(r.estimate).toBeCloseTo(sup, 14);
        const epsilon = Math.sqrt(Math.log(2 / alpha) / (2 * samples.length));
        expect(r.interval[1]).toBeCloseTo(epsilon, 14);
        expect(r.detectable).toBeCloseTo(2 * epsilon, 14);
        expect(r.beta).toBe(alpha);
        expect(r.replications).toBe(samples.length);
        if (Math.abs(sup - epsilon) > 1e-12) {
          expect(r.pass).toBe(sup <= epsilon);
          expect((r.pValue as number) >= alpha).toBe(r.pass);
        }
        expect(r.pValue).toBeCloseTo(Math.min(1, 2 * Math.exp(-2 * samples.length * sup * sup)), 14);
        wellFormed(r);
      }),
      { seed: 802, numRuns: 300 },
    );
  });
  it('refuses a CDF value outside [0, 1] (naming the point), an empty sample and a bad α', () => {
    expect(refused(() => checkDKW({ label: 'd', samples: [0.5], cdf: () => 1.5, alpha: 0.05 }), 'cdf(x)').allowed).toContain('0.5');
    refused(() => checkDKW({ label: 'd', samples: [0.5], cdf: () => -0.1, alpha: 0.05 }), 'cdf(x)');
    refused(() => checkDKW({ label: 'd', samples: [0.5], cdf: () => Number.NaN, alpha: 0.05 }), 'cdf(x)');
    refused(() => checkDKW({ label: 'd', samples: [], cdf: () => 0.5, alpha: 0.05 }), 'samples.length');
    refused(() => checkDKW({ label: 'd', samples: [0.5], cdf: () => 0.5, alpha: 0.7 }), 'alpha');
    // F(x) = 0 and F(x) = 1 are allowed values
    expect(checkDKW({ label: 'd', samples: [1, 1], cdf: (x) => (x >= 1 ? 1 : 0), alpha: 0.05, discrete: true }).estimate).toBe(0);
  });
});

describe('checkProportion and binomialPValue', () => {
  it('passes iff p lies in the (one- or two-sided) Clopper–Pearson bound at level α, iff its p-value exceeds α', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.01, 0.1, 0.4), fc.constantFrom('two-sided', 'at-most', 'at-least') as fc.Arbitrary<'two-sided' | 'at-most' | 'at-least'>, (trials, frac, p, alpha, side) => {
        const successes = Math.round(frac * trials);
        const r = checkProportion({ label: 'p', successes, trials, p, alpha, side });
        // one-sided at α is the matching end of the two-sided interval at 2α
        const [lo, hi] = clopperPearson(successes, trials, side === 'two-sided' ? alpha : 2 * alpha);
        expect(r.interval[0]).toBe(lo);
        expect(r.interval[1]).toBe(hi);
        const expected = side === 'two-sided' ? lo <= p && p <= hi : side === 'at-most' ? lo <= p : hi >= p;
        expect(r.pass).toBe(expected);
        const pv = r.pValue as number;
        expect(pv).toBe(binomialPValue(successes, trials, p, side));
        if (Math.abs(pv - alpha) > 1e-9) expect(pv > alpha).toBe(r.pass);
        expect(r.estimate).toBe(successes / trials);
        expect(r.kind).toContain(side);
        expect(r.beta).toBeUndefined();
        wellFormed(r);
      }),
      { seed: 803, numRuns: 400 },
    );
  });
  it('binomial p-values at the edges: 0 successes (upper tail 1), p = 0 and p = 1', () => {
    // P(X ≥ 0) = 1; P(X ≥ k) = 0 for k ≥ 1 at p = 0 and 1 at p = 1; P(X ≤ k) = 1 for k = n
    expect(binomialPValue(0, 10, 0.3, 'at-most')).toBe(1);
    expect(binomialPValue(3, 10, 0, 'at-most')).toBe(0);
    expect(binomialPValue(3, 10, 1, 'at-most')).toBe(1);
    expect(binomialPValue(10, 10, 0.3, 'at-least')).toBe(1);
    // P(X ≥ 9 | n = 10, p = 0.5) = 11/1024, P(X ≤ 1) = 11/1024: two-sided 22/1024
    expect(binomialPValue(9, 10, 0.5, 'at-most')).toBeCloseTo(11 / 1024, 14);
    expect(binomialPValue(1, 10, 0.5, 'at-least')).toBeCloseTo(11 / 1024, 14);
    expect(binomialPValue(9, 10, 0.5, 'two-sided')).toBeCloseTo(22 / 1024, 14);
    expect(binomialPValue(5, 10, 0.5, 'two-sided')).toBe(1);
  });
  /** ((z_{α₂/2} + z_β)·σ_max/δ)² with σ_max the largest binomial sd over [p − δ, p + δ] ∩ [0, 1] (α₂ the two-sided rate). */
  function neededTrials(p: number, detectable: number, alpha: number, side: 'two-sided' | 'at-most' | 'at-least'): number {
    const lo = Math.max(0, p - detectable);
    const hi = Math.min(1, p + detectable);
    const q = lo <= 0.5 && 0.5 <= hi ? 0.5 : Math.abs(lo - 0.5) < Math.abs(hi - 0.5) ? lo : hi; // q(1 − q) is largest nearest ½
    const z = zUpper((side === 'two-sided' ? alpha : 2 * alpha) / 2) + zUpper(0.01);
    return ((z * Math.sqrt(q * (1 - q))) / detectable) ** 2;
  }
  it('an under-powered call names enough trials: the worst binomial sd over [p − δ, p + δ] ∩ [0, 1]', () => {
    for (const [p, detectable, alpha, side] of [[0.5, 0.05, 1e-3, 'two-sided'], [0.02, 0.01, 1e-4, 'at-most'], [0.875, 0.125, 0.01, 'at-least'], [0.45, 0.1, 0.01, 'two-sided'], [0.125, 0.25, 0.01, 'two-sided']] as const) {
      const error = underpowered(() => checkProportion({ label: 'few', successes: 1, trials: 10, p, alpha, detectable, side }));
      expect(error.needed).toBeCloseTo(neededTrials(p, detectable, alpha, side), 6);
      const trials = Math.ceil(error.needed);
      const r = checkProportion({ label: 'enough', successes: Math.round(p * trials), trials, p, alpha, detectable, side });
      expect(r.detectable).toBe(detectable);
      expect(r.beta).toBe(0.01);
    }
  });
  // Regression: the band end p − δ = 0.7 must count although |0.7 − 0.9| rounds to 0.20000000000000007 > 0.2.
  it('at p = 0.9, δ = 0.2 the band end 0.7 (lost to rounding by a |q − p| ≤ δ filter) sets the trials demanded', () => {
    const error = underpowered(() => checkProportion({ label: 'few', successes: 1, trials: 10, p: 0.9, alpha: 0.01, detectable: 0.2, side: 'at-least' }));
    expect(error.needed).toBeCloseTo(neededTrials(0.9, 0.2, 0.01, 'at-least'), 6);
  });
  it('bad input names the parameter', () => {
    const ok = { label: 'x', successes: 3, trials: 10, p: 0.3, alpha: 0.05 };
    refused(() => checkProportion({ ...ok, trials: 0 }), 'trials');
    refused(() => checkProportion({ ...ok, successes: 11 }), 'successes');
    refused(() => checkProportion({ ...ok, p: 1.5 }), 'p');
    refused(() => checkProportion({ ...ok, alpha: 0 }), 'alpha');
    refused(() => checkProportion({ ...ok, beta: 0.9 }), 'beta');
    refused(() => checkProportion({ ...ok, side: 'left' as never }), 'side');
    refused(() => checkProportion({ ...ok, detectable: 0 }), 'detectable');
    refused(() => checkProportion({ ...ok, detectable: 1.5 }), 'detectable');
  });
});

describe('checkBoundedMean', () => {
  it('passes iff |x̄ − oracle| ≤ half = min(Hoeffding at α/2, empirical Bernstein at α/4) + tolerance; p ≤ α/2 forces a failure', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 20000 }), fc.double({ min: -0.1, max: 0.1, noNaN: true }), fc.constantFrom(0, 0.005), fc.double({ min: 0.05, max: 1, noNaN: true }), (n, offset, tolerance, spreadWidth) => {
        const samples = spread(n, (u) => 0.5 + spreadWidth * (u - 0.5)); // in [0, 1], mean 0.5 up to O(1/n)
        const { mean, variance } = summarize(samples);
        const alpha = 1e-3;
        const hoeffding = Math.sqrt(Math.log(4 / alpha) / (2 * n));
        const bernstein = Math.sqrt((2 * variance * Math.log(8 / alpha)) / n) + (7 * Math.log(8 / alpha)) / (3 * (n - 1));
        const half = Math.min(hoeffding, bernstein) + tolerance;
        const oracle = mean + offset;
        const r = checkBoundedMean({ label: 'b', samples, lower: 0, upper: 1, oracle, alpha, detectable: 2 * half + 0.01, tolerance });
        expect(r.interval[0]).toBeCloseTo(mean - half, 12);
        expect(r.interval[1]).toBeCloseTo(mean + half, 12);
        if (Math.abs(Math.abs(offset) - half) > 1e-9) expect(r.pass).toBe(Math.abs(offset) <= half);
        const hoeffdingP = Math.min(1, 2 * Math.exp(-2 * n * Math.max(0, Math.abs(offset) - tolerance) ** 2));
        expect(r.pValue).toBeCloseTo(hoeffdingP, 12);
        if ((r.pValue as number) < alpha / 2 - 1e-12) expect(r.pass).toBe(false);
        expect(r.assumption).toContain('[0, 1]');
        expect(r.beta).toBe(alpha);
        wellFormed(r);
      }),
      { seed: 804, numRuns: 150 },
    );
  });
  it('the Hoeffding p-value scales with the declared range (b − a)²', () => {
    const samples = spread(5000, (u) => 10 * u);
    const r = checkBoundedMean({ label: 'b', samples, lower: 0, upper: 10, oracle: 5.3, alpha: 1e-3, detectable: 1 });
    const { mean } = summarize(samples);
    expect(r.pValue).toBeCloseTo(Math.min(1, 2 * Math.exp((-2 * 5000 * (5.3 - mean) ** 2) / 100)), 12);
  });
  it('an under-powered call names enough replications', () => {
    const error = underpowered(() => checkBoundedMean({ label: 'few', samples: spread(200), lower: 0, upper: 1, oracle: 0.5, alpha: 1e-3, detectable: 0.1 }));
    const needed = Math.ceil(error.needed);
    expect(needed).toBeGreaterThan(200);
    expect(() => checkBoundedMean({ label: 'enough', samples: spread(needed), lower: 0, upper: 1, oracle: 0.5, alpha: 1e-3, detectable: 0.1 })).not.toThrow();
    // a tolerance of at least the detectable error can never be powered
    expect(underpowered(() => checkBoundedMean({ label: 'tol', samples: spread(200), lower: 0, upper: 1, oracle: 0.5, alpha: 1e-3, detectable: 0.1, tolerance: 0.1 })).needed).toBe(Infinity);
  });
  it('bad input names the parameter (a sample outside the declared bounds by its index)', () => {
    const ok = { label: 'x', samples: [0.2, 0.8], lower: 0, upper: 1, oracle: 0.5, alpha: 0.05, detectable: 5 };
    refused(() => checkBoundedMean({ ...ok, alpha: 0 }), 'alpha');
    refused(() => checkBoundedMean({ ...ok, lower: Number.NaN }), 'lower');
    refused(() => checkBoundedMean({ ...ok, upper: Number.POSITIVE_INFINITY }), 'upper');
    refused(() => checkBoundedMean({ ...ok, upper: 0 }), 'upper');
    refused(() => checkBoundedMean({ ...ok, lower: 1 }), 'upper');
    refused(() => checkBoundedMean({ ...ok, oracle: Number.NaN }), 'oracle');
    refused(() => checkBoundedMean({ ...ok, detectable: 0 }), 'detectable');
    refused(() => checkBoundedMean({ ...ok, tolerance: -1 }), 'tolerance');
    refused(() => checkBoundedMean({ ...ok, samples: [0.5] }), 'samples.length');
    refused(() => checkBoundedMean({ ...ok, samples: [0.5, 0.2, -0.01] }), 'samples[2]');
    refused(() => checkBoundedMean({ ...ok, samples: [0.5, Number.NaN] }), 'samples[1]');
    // the end points themselves are inside the bounds
    expect(() => checkBoundedMean({ ...ok, samples: [0, 1] })).not.toThrow();
  });
});

describe('checkPairedSign', () => {
  it('passes iff the signed mean difference exceeds z_β·se (one-sided, in the declared direction)', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.2, max: 0.2, noNaN: true }), fc.constantFrom('positive', 'negative') as fc.Arbitrary<'positive' | 'negative'>, (shift, direction) => {
        const differences = spread(4000, (u) => u - 0.5 + shift);
        const { mean, variance } = summarize(differences);
        const se = Math.sqrt(variance / 4000);
        const r = checkPairedSign({ label: 'd', differences, direction, expectedEffect: 0.1, alpha: 1e-4 });
        const signed = direction === 'positive' ? mean : -mean;
        const margin = signed - zUpper(0.01) * se;
        if (Math.abs(margin) > 1e-12) expect(r.pass).toBe(margin > 0);
        expect(r.estimate).toBe(mean);
        expect(r.oracle).toBe(direction === 'positive' ? 0.1 : -0.1);
        if (direction === 'positive') {
          expect(r.interval[0]).toBeCloseTo(mean - zUpper(0.01) * se, 14);
          expect(r.interval[1]).toBe(Infinity);
        } else {
          expect(r.interval[0]).toBe(-Infinity);
          expect(r.interval[1]).toBeCloseTo(mean + zUpper(0.01) * se, 14);
        }
        expect(r.kind).toContain(direction);
        expect(r.detectable).toBe(0.1);
        expect(r.beta).toBe(0.01);
        wellFormed(r);
      }),
      { seed: 805, numRuns: 100 },
    );
  });
  it('an under-powered call names enough replications (the one-sided n = ((z_α + z_β)σ/effect)²)', () => {
    const differences = spread(100, (u) => 4 * (u - 0.5));
    const error = underpowered(() => checkPairedSign({ label: 'few', differences, direction: 'positive', expectedEffect: 0.1, alpha: 1e-4 }));
    const { variance } = summarize(differences);
    expect(error.needed).toBeCloseTo((((zUpper(1e-4) + zUpper(0.01)) * Math.sqrt(variance)) / 0.1) ** 2, 6);
  });
  it('bad input names the parameter', () => {
    const ok = { label: 'x', differences: spread(200), direction: 'positive' as const, expectedEffect: 1, alpha: 0.01 };
    refused(() => checkPairedSign({ ...ok, direction: 'up' as never }), 'direction');
    refused(() => checkPairedSign({ ...ok, alpha: 0 }), 'alpha');
    refused(() => checkPairedSign({ ...ok, beta: 0.7 }), 'beta');
    refused(() => checkPairedSign({ ...ok, expectedEffect: 0 }), 'expectedEffect');
    refused(() => checkPairedSign({ ...ok, differences: spread(99) }), 'differences.length');
  });
});

describe('checkQuantile', () => {
  it('is the Clopper–Pearson check of #{x < oracle} against q, and reports the empirical q-quantile', () => {
    const samples = spread(4000);
    for (const [q, oracle] of [[0.5, 0.5], [0.5, 0.56], [0.1, 0.1], [0.9, 0.85]]) {
      const r = checkQuantile({ label: 'q', samples, q, oracle, alpha: 1e-3, detectable: 0.05 });
      const below = Array.from(samples).filter((x) => x < oracle).length;
      const reference = checkProportion({ label: 'q', successes: below, trials: 4000, p: q, alpha: 1e-3, detectable: 0.05 });
      expect(r.pass).toBe(reference.pass);
      expect(r.interval).toEqual(reference.interval);
      expect(r.pValue).toBe(reference.pValue);
      expect(r.kind).toContain('quantile');
      const sorted = Array.from(samples).sort((a, b) => a - b);
      expect(r.detail).toContain(sorted[Math.floor(q * 4000)].toPrecision(6));
      wellFormed(r);
    }
    // q close to 1: the empirical quantile index stays inside the sample
    expect(checkQuantile({ label: 'q', samples: spread(100), q: 0.999, oracle: 2, alpha: 0.05, detectable: 0.3 }).detail).toContain(Math.max(...spread(100)).toPrecision(6));
  });
  it('bad input names the parameter', () => {
    refused(() => checkQuantile({ label: 'q', samples: spread(100), q: 0, oracle: 0.5, alpha: 0.05, detectable: 0.3 }), 'q');
    refused(() => checkQuantile({ label: 'q', samples: spread(100), q: 1, oracle: 0.5, alpha: 0.05, detectable: 0.3 }), 'q');
    refused(() => checkQuantile({ label: 'q', samples: spread(100), q: 0.5, oracle: Number.NaN, alpha: 0.05, detectable: 0.3 }), 'oracle');
  });
});

describe('checkTwoSample', () => {
  it('passes iff sup|F₁ − F₂| ≤ ε(R₁, α/4) + ε(R₂, α/4) and |x̄₁ − x̄₂| ≤ z_{α/4}·se; reports the distance and both means', () => {
    const first = spread(400);
    for (const [scale, shift, pass] of [[1, 0, true], [1, 0.2, false], [3, 0, false]] as const) {
      const second = spread(300, (u) => 0.5 + scale * (u - 0.5) + shift);
      const r = checkTwoSample({ label: 't', first, second, alpha: 1e-3 });
      expect(r.pass).toBe(pass);
      const s1 = summarize(first);
      const s2 = summarize(second);
      const se = Math.sqrt(s1.variance / 400 + s2.variance / 300);
      expect(r.estimate).toBeCloseTo(s1.mean - s2.mean, 14);
      expect(r.interval[1] - r.interval[0]).toBeCloseTo(2 * zUpper(1e-3 / 4) * se, 12);
      expect(r.detectable).toBeCloseTo((zUpper(1e-3 / 4) + zUpper(0.01)) * se, 12);
      expect(r.replications).toBe(300);
      expect(r.detail).toContain(pass ? 'ok' : 'REJECT');
      wellFormed(r);
    }
  });
  it('bad input names the parameter', () => {
    const ok = { label: 't', first: spread(100), second: spread(100), alpha: 0.01 };
    refused(() => checkTwoSample({ ...ok, alpha: 0 }), 'alpha');
    refused(() => checkTwoSample({ ...ok, beta: 0.6 }), 'beta');
    refused(() => checkTwoSample({ ...ok, first: null as never }), 'first');
    refused(() => checkTwoSample({ ...ok, second: 5 as never }), 'second');
    refused(() => checkTwoSample({ ...ok, first: spread(99) }), 'first.length');
    const bad = spread(120);
    bad[7] = Number.NaN;
    refused(() => checkTwoSample({ ...ok, second: bad }), 'second[7]');
    refused(() => checkTwoSample({ ...ok, detectable: 0 }), 'detectable');
    const error = underpowered(() => checkTwoSample({ ...ok, detectable: 1e-4 }));
    expect(error.needed).toBeGreaterThan(100);
  });
});

describe('checkArgminOnGrid', () => {
  /** R × G values (w − centre)² + common noise, noise of size 1e-3 per cell. */
  function parabola(grid: number[], centre: number, R: number): Float64Array {
    const values = new Float64Array(R * grid.length);
    for (let r = 0; r < R; r++) {
      const common = ((r + 0.5) * 0.6180339887498949) % 1;
      grid.forEach((w, g) => (values[r * grid.length + g] = (w - centre) ** 2 + common + 1e-3 * ((((r * 7 + g * 13) * 0.7548776662466927) % 1) - 0.5)));
    }
    return values;
  }
  const grid = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
  const gap = (w: number, ref: number) => Math.abs((w - 0.5) ** 2 - (ref - 0.5) ** 2);
  it("rules out the nearest grid points outside target ± tolerance ('neighbours'), or every one ('all'), against the point nearest the target", () => {
    const values = parabola(grid, 0.5, 400);
    const neighbours = checkArgminOnGrid({ label: 'a', grid, values, replications: 400, target: 0.52, tolerance: 0.1, expectedGap: gap, alpha: 1e-3 });
    expect(neighbours.pass).toBe(true);
    expect(neighbours.estimate).toBe(0.5);
    // outside [0.42, 0.62]: 0.2, 0.3, 0.4 below, 0.7, 0.8 above → the nearest are 0.4 and 0.7; the reference is 0.5
    expect(neighbours.comparisons.map((c) => c.label)).toEqual(['a: f(0.4) > f(0.5)', 'a: f(0.7) > f(0.5)']);
    expect(neighbours.comparisons.every((c) => c.alpha === 1e-3 / 2)).toBe(true);
    const all = checkArgminOnGrid({ label: 'a', grid, values, replications: 400, target: 0.52, tolerance: 0.1, expectedGap: gap, alpha: 1e-3, ruleOut: 'all' });
    expect(all.comparisons.length).toBe(5);
    expect(all.comparisons.every((c) => c.alpha === 1e-3 / 5)).toBe(true);
    expect(all.means[3]).toBeLessThan(all.means[2]);
    expect(all.detail).toContain('ruled out');
    wellFormed(all);
    // a wrong target is not confirmed: the true minimum 0.5 is outside 0.8 ± 0.05 and is not ruled out
    const wrong = checkArgminOnGrid({ label: 'w', grid, values, replications: 400, target: 0.8, tolerance: 0.05, expectedGap: (w, ref) => gap(w, ref) + 0.01, alpha: 1e-3, beta: 1e-3 });
    expect(wrong.pass).toBe(false);
    expect(wrong.detail).toContain('NOT ruled out');
    expect(wrong.interval[0]).toBeCloseTo(0.75, 14);
    expect(wrong.interval[1]).toBeCloseTo(0.85, 14);
    expect(wrong.beta).toBe(1e-3);
  });
  it('with every grid point inside the tolerance there is nothing to rule out', () => {
    const values = parabola(grid, 0.5, 100);
    const r = checkArgminOnGrid({ label: 'e', grid, values, replications: 100, target: 0.5, tolerance: 0.3, expectedGap: gap, alpha: 1e-3 });
    expect(r.comparisons.length).toBe(0);
    expect(r.pass).toBe(true);
  });
  it('bad input names the parameter', () => {
    refused(() => checkArgminOnGrid({ label: 'x', grid, values: new Float64Array(99 * 7), replications: 99, target: 0.5, tolerance: 0.1, expectedGap: gap, alpha: 0.01 }), 'replications');
    refused(() => checkArgminOnGrid({ label: 'x', grid, values: new Float64Array(100 * 7 - 1), replications: 100, target: 0.5, tolerance: 0.1, expectedGap: gap, alpha: 0.01 }), 'values.length');
    refused(() => checkArgminOnGrid({ label: 'x', grid, values: new Float64Array(100 * 7), replications: 100, target: 0.5, tolerance: -0.1, expectedGap: gap, alpha: 0.01 }), 'tolerance');
  });
});

describe('results, failures and negative controls', () => {
  const result = checkMean({ label: 'lbl', summary: { n: 400, mean: 1, variance: 1 }, oracle: 2, alpha: 0.01, detectable: 0.5 });
  it('describeCheck states the decision, estimate, oracle, interval, rate, power and replications', () => {
    const line = describeCheck(result);
    expect(line.startsWith('[FAIL] lbl (mean (CLT))')).toBe(true);
    expect(line).toContain('estimate 1 vs oracle 2');
    expect(line).toContain('false-failure rate 1.00e-2');
    expect(line).toContain('detects 0.5 with false-pass rate 1.00e-2');
    expect(line).toContain('R = 400');
    expect(line).toContain('assumes ');
    const bare = describeCheck({ ...result, detectable: undefined, detail: undefined, beta: undefined, interval: [Number.NEGATIVE_INFINITY, 3] });
    expect(bare).not.toContain('detects');
    expect(bare).toContain('[-Infinity, 3]');
    expect(describeCheck({ ...result, detail: undefined }).endsWith(result.assumption)).toBe(true);
  });
  it('expectPass throws a CheckFailedError carrying the result and the context; expectReject the reverse', () => {
    let error: unknown;
    try {
      expectPass(result, 'ctx: ');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CheckFailedError);
    expect((error as CheckFailedError).result).toBe(result);
    expect((error as CheckFailedError).message.startsWith('ctx: [FAIL]')).toBe(true);
    expect((error as CheckFailedError).name).toBe('CheckFailedError');
    expect(expectReject(result)).toBe(result);
    const passing = { ...result, pass: true };
    expect(expectPass(passing)).toBe(passing);
    expect(() => expectReject(passing, 'neg: ')).toThrow(/^neg: negative control was NOT rejected: \[PASS\]/);
  });
  it('UnderpoweredError reports the label and the rounded-up replications needed', () => {
    const e = new UnderpoweredError('lab', 'why', 123.2);
    expect(e.message).toBe('lab: under-powered check refused: why (about 124 replications needed)');
    expect(e.name).toBe('UnderpoweredError');
    expect(e.needed).toBe(123.2);
  });
});

describe('power planning', () => {
  it('requiredReplications: one-sided uses z_α, never fewer than 100, σ = 0 allowed', () => {
    expect(requiredReplications({ sd: 1, detectable: 0.1, alpha: 0.05, beta: 0.2, sided: 1 })).toBe(Math.ceil(((zUpper(0.05) + zUpper(0.2)) * 10) ** 2));
    expect(requiredReplications({ sd: 1, detectable: 10, alpha: 0.05 })).toBe(100);
    expect(requiredReplications({ sd: 0, detectable: 1, alpha: 0.05 })).toBe(100);
    expect(requiredReplications({ sd: 1, detectable: 0.1, alpha: 0.05 })).toBe(Math.ceil(((zUpper(0.025) + zUpper(0.01)) * 10) ** 2));
    refused(() => requiredReplications({ sd: -1, detectable: 1, alpha: 0.05 }), 'sd');
    refused(() => requiredReplications({ sd: 1, detectable: 0, alpha: 0.05 }), 'detectable');
    refused(() => requiredReplications({ sd: 1, detectable: 1, alpha: 0.9 }), 'alpha');
    refused(() => requiredReplications({ sd: 1, detectable: 1, alpha: 0.05, beta: 0 }), 'beta');
  });
  it('replicationsFromPilot inflates the pilot sd by the margin (default 1.25) and needs 50 pilot values', () => {
    const pilot = spread(200, (u) => 10 * u); // sd ≈ 10/√12
    let mean = 0;
    for (const x of pilot) mean += x / 200;
    let ss = 0;
    for (const x of pilot) ss += (x - mean) ** 2;
    const sd = Math.sqrt(ss / 199);
    expect(replicationsFromPilot({ pilot, detectable: 0.1, alpha: 1e-3 })).toBe(requiredReplications({ sd: 1.25 * sd, detectable: 0.1, alpha: 1e-3 }));
    expect(replicationsFromPilot({ pilot, detectable: 0.1, alpha: 1e-3, margin: 2, beta: 0.1, sided: 1 })).toBe(requiredReplications({ sd: 2 * sd, detectable: 0.1, alpha: 1e-3, beta: 0.1, sided: 1 }));
    expect(() => replicationsFromPilot({ pilot: pilot.subarray(0, 49), detectable: 0.1, alpha: 1e-3 })).toThrow(/pilot.length must be at least 50; received 49/);
    expect(() => replicationsFromPilot({ pilot: pilot.subarray(0, 50), detectable: 0.1, alpha: 1e-3 })).not.toThrow();
  });
  it('sampleToPower tops up until z·sd/√R ≤ detectable − tolerance (or the cap), keeping the draws already made', () => {
    // draws: a deterministic sequence of sd 2 (values ±2), so the pilot (sd 0.2) underestimates the need
    const value = (i: number) => (i % 2 === 0 ? 2 : -2);
    const calls: Array<[number, number]> = [];
    const draw = (first: number, count: number) => {
      calls.push([first, count]);
      return Float64Array.from({ length: count }, (_, i) => value(first + i));
    };
    const pilot = Float64Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 0.2 : -0.2));
    const alpha = 1e-3;
    const samples = sampleToPower({ draw, pilot, detectable: 0.2, alpha });
    const z = zUpper(alpha / 2) + zUpper(0.01);
    const R = samples.length;
    expect((z * 2) / Math.sqrt(R)).toBeLessThanOrEqual(0.2 * (1 + 1e-9));
    for (let i = 0; i < R; i++) expect(samples[i]).toBe(value(i));
    expect(calls[0][0]).toBe(0);
    for (let c = 1; c < calls.length; c++) expect(calls[c][0]).toBe(calls[c - 1][0] + calls[c - 1][1]);
    // the tolerance eats into the margin: more replications
    expect(sampleToPower({ draw, pilot, detectable: 0.2, alpha, tolerance: 0.1 }).length).toBeGreaterThan(R);
    // the cap is respected
    expect(sampleToPower({ draw, pilot, detectable: 0.2, alpha, maxReplications: 500 }).length).toBe(500);
    // no top-up when the pilot was right
    const exact = sampleToPower({ draw, pilot: Float64Array.from({ length: 60 }, (_, i) => value(i)), detectable: 0.2, alpha });
    expect(exact.length).toBe(replicationsFromPilot({ pilot: Float64Array.from({ length: 60 }, (_, i) => value(i)), detectable: 0.2, alpha }));
    // rounds = 0: the planned size only
    expect(sampleToPower({ draw, pilot, detectable: 0.2, alpha, rounds: 0 }).length).toBe(replicationsFromPilot({ pilot, detectable: 0.2, alpha }));
  });
});

describe('Monte Carlo runner', () => {
  const key = rootKey('mutation-stats').child('mc');
  it('replicate runs r = first … first + R − 1 on keys key.child("rep", r) and refuses non-finite results', () => {
    const seen: number[] = [];
    const out = replicate({ key, replications: 4, first: 10, run: (k, r) => { seen.push(r); return k.stream().nextDouble() + r; } });
    expect(seen).toEqual([10, 11, 12, 13]);
    for (let i = 0; i < 4; i++) expect(out[i]).toBe(key.child('rep', 10 + i).stream().nextDouble() + 10 + i);
    expect(replicationKey(key, 3).stream().nextDouble()).toBe(key.child('rep', 3).stream().nextDouble());
    expect(replicate({ key, replications: 2, run: (_k, r) => r })).toEqual(Float64Array.of(0, 1));
    let error: unknown;
    try {
      replicate({ key, replications: 3, run: (_k, r) => (r === 2 ? Number.NaN : 1) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NumericalError);
    expect((error as NumericalError).details).toEqual({ replication: 2 });
    refused(() => replicate({ key, replications: 0, run: () => 1 }), 'replications');
    refused(() => replicate({ key, replications: 1, first: -1, run: () => 1 }), 'first');
  });
  it('replicateRows fills an R × width matrix row by row; column extracts one column', () => {
    const rows = replicateRows({ key, replications: 3, width: 2, first: 5, run: (_k, r, row) => { row[0] = r; row[1] = 10 * r; } });
    expect(Array.from(rows)).toEqual([5, 50, 6, 60, 7, 70]);
    expect(Array.from(column(rows, 2, 1))).toEqual([50, 60, 70]);
    expect(Array.from(replicateRows({ key, replications: 2, width: 1, run: (_k, r, row) => { row[0] = r; } }))).toEqual([0, 1]);
    let error: unknown;
    try {
      replicateRows({ key, replications: 2, width: 2, run: (_k, r, row) => { row[0] = 1; row[1] = r === 1 ? Number.POSITIVE_INFINITY : 1; } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NumericalError);
    expect((error as NumericalError).details).toEqual({ replication: 1, column: 1 });
    refused(() => replicateRows({ key, replications: 0, width: 1, run: () => undefined }), 'replications');
    refused(() => replicateRows({ key, replications: 1, width: 0, run: () => undefined }), 'width');
    refused(() => replicateRows({ key, replications: 1, width: 1, first: -1, run: () => undefined }), 'first');
  });
});

describe('moments and time averages', () => {
  it('Welford: fewer than two points have variance 0 and an infinite standard error; merging an empty accumulator changes nothing', () => {
    const m = new OnlineMoments();
    expect(m.variance).toBe(0);
    expect(m.standardError).toBe(Infinity);
    m.push(3);
    expect(m.variance).toBe(0);
    expect(m.standardError).toBe(Infinity);
    m.merge(new OnlineMoments());
    expect([m.count, m.mean]).toEqual([1, 3]);
    m.push(5);
    expect(m.variance).toBe(2);
    expect(m.standardError).toBe(1);
    const empty = new OnlineMoments();
    empty.merge(m);
    expect([empty.count, empty.mean, empty.variance]).toEqual([2, 4, 2]);
    expect(summarize([1, 2, 3, 4])).toEqual({ n: 4, mean: 2.5, variance: 5 / 3, standardError: Math.sqrt(5 / 12) });
  });
  it('timeAverage over [start, end) and batch means on exact series', () => {
    expect(timeAverage([1, 2, 3, 4, 5], 1)).toBe(3.5);
    expect(timeAverage([1, 2, 3, 4, 5], 0, 2)).toBe(1.5);
    expect(timeAverage([1, 2, 3, 4, 5], 4)).toBe(5);
    refused(() => timeAverage([1, 2, 3], 3), 'start');
    refused(() => timeAverage([1, 2, 3], 1, 1), 'end');
    refused(() => timeAverage([1, 2, 3], 1, 4), 'end');
    // batches of 2 over [1, 1, 3, 3, 5, 5, 9]: means 1, 3, 5 (the tail is dropped), variance of the mean 4/3
    expect(batchMeansVariance([1, 1, 3, 3, 5, 5, 9], 3)).toBeCloseTo(4 / 3, 14);
    refused(() => batchMeansVariance([1, 2, 3], 1), 'batches');
    refused(() => batchMeansVariance([1, 2, 3], 4), 'batches');
  });
});

describe('budget and environment', () => {
  it('every claim and its negative control have a rate; engine ids fall back to the unlisted rate; unknown claims throw', () => {
    for (const id of CLAIM_IDS) {
      expect(alphaFor(id)).toBe(BUDGET[id]);
      expect(alphaFor(`${id}.negative`)).toBeGreaterThan(0);
    }
    expect(alphaFor('engine.nobody.listed')).toBe(UNLISTED_ENGINE_RATE);
    // the id is built, so the budget scan (stats.budget.test.ts) does not read it as an id in use
    expect(() => alphaFor(['XX', '1'].join('-'))).toThrow(/checkId must be an id of the suite budget/);
    const listed = Object.values(BUDGET).reduce((a, b) => a + b, 0);
    expect(totalBudget()).toBeCloseTo(listed, 15);
    expect(totalBudget(10) - totalBudget()).toBeCloseTo(10 * UNLISTED_ENGINE_RATE, 15);
  });
  it('the suite seed, profile and configuration count follow the environment', () => {
    const saved = { seed: process.env.COLLAPSE_LAB_SEED, profile: process.env.COLLAPSE_LAB_PROFILE };
    try {
      delete process.env.COLLAPSE_LAB_SEED;
      expect(suiteSeed()).toBe(DEFAULT_SUITE_SEED);
      process.env.COLLAPSE_LAB_SEED = '';
      expect(suiteSeed()).toBe(DEFAULT_SUITE_SEED);
      process.env.COLLAPSE_LAB_SEED = 'other';
      expect(suiteSeed()).toBe('other');
      expect(suiteKey().stream().nextDouble()).toBe(rootKey('suite:other').stream().nextDouble());
      delete process.env.COLLAPSE_LAB_PROFILE;
      expect(profile()).toBe('default');
      expect(configurationsPerClaim(7)).toBe(7);
      process.env.COLLAPSE_LAB_PROFILE = '';
      expect(profile()).toBe('default');
      process.env.COLLAPSE_LAB_PROFILE = 'deep';
      expect(profile()).toBe('deep');
      expect(configurationsPerClaim(7)).toBe(70);
      process.env.COLLAPSE_LAB_PROFILE = 'shallow';
      refused(() => profile(), 'COLLAPSE_LAB_PROFILE');
    } finally {
      if (saved.seed === undefined) delete process.env.COLLAPSE_LAB_SEED;
      else process.env.COLLAPSE_LAB_SEED = saved.seed;
      if (saved.profile === undefined) delete process.env.COLLAPSE_LAB_PROFILE;
      else process.env.COLLAPSE_LAB_PROFILE = saved.profile;
    }
  });
});

describe('claim harness: seeds, calibration mode and the report file', () => {
  const meta: ClaimMeta = { id: 'engine.stats.mutation', paper: 'test', section: '-', statement: 'x̄ = oracle', oracle: '0', provenance: 'DERIVED', assumptions: 'none' };
  const constant = (oracle: number) => (_config: number, ctx: { alpha: number; beta: number }) =>
    checkMean({ label: 'const', summary: { n: 400, mean: 0, variance: 1 }, oracle, alpha: ctx.alpha, beta: ctx.beta, detectable: 1 });
  it('the fast-check seed of a claim is derived from the suite seed', () => {
    const a = withEnv({ COLLAPSE_LAB_SEED: 's1' }, () => fastCheckSeed('GR-1'));
    const b = withEnv({ COLLAPSE_LAB_SEED: 's2' }, () => fastCheckSeed('GR-1'));
    expect(a).toBe(rootKey('suite:s1').child('fast-check', 'GR-1').words[0] | 0);
    expect(a).not.toBe(b);
  });
  it('calibration mode: COLLAPSE_LAB_CALIBRATION_ALPHA in (0, 0.5] replaces the budget and failures do not throw', () => {
    expect(withEnv({ COLLAPSE_LAB_CALIBRATION_ALPHA: undefined }, calibrationAlpha)).toBeUndefined();
    expect(withEnv({ COLLAPSE_LAB_CALIBRATION_ALPHA: '' }, calibrationAlpha)).toBeUndefined();
    expect(withEnv({ COLLAPSE_LAB_CALIBRATION_ALPHA: '0.5' }, calibrationAlpha)).toBe(0.5);
    expect(() => withEnv({ COLLAPSE_LAB_CALIBRATION_ALPHA: '0' }, calibrationAlpha)).toThrow(/COLLAPSE_LAB_CALIBRATION_ALPHA must be a rate in \(0, 0.5\]/);
    expect(() => withEnv({ COLLAPSE_LAB_CALIBRATION_ALPHA: '0.6' }, calibrationAlpha)).toThrow(/received "0.6"/);
    expect(() => withEnv({ COLLAPSE_LAB_CALIBRATION_ALPHA: 'x' }, calibrationAlpha)).toThrow(RangeError);
    const alphas: number[] = [];
    withEnv({ COLLAPSE_LAB_CALIBRATION_ALPHA: '0.2' }, () =>
      verifyClaim(meta, { arbitrary: fc.constant(1), numRuns: 3, check: (c, ctx) => { alphas.push(ctx.alpha); return constant(5)(c, ctx); } }),
    );
    expect(alphas).toEqual([0.2, 0.2, 0.2]);
    // negative controls are skipped in calibration mode
    expect(withEnv({ COLLAPSE_LAB_CALIBRATION_ALPHA: '0.2' }, () => rejectsWrongEngine(meta, 'skipped', 1, constant(0)))).toEqual([]);
  });
  it('outside calibration the per-configuration rate is the claim rate over the configurations, β defaults to 1e-2, keys are per claim and seed', () => {
    const seen: Array<{ alpha: number; beta: number; mode: string; seed: number; word: number }> = [];
    verifyClaim(meta, {
      arbitrary: fc.constant(1),
      numRuns: 4,
      check: (c, ctx) => {
        seen.push({ alpha: ctx.alpha, beta: ctx.beta, mode: ctx.mode, seed: ctx.simulationSeed, word: ctx.key.words[0] });
        return constant(0)(c, ctx);
      },
    });
    expect(seen.length).toBe(configurationsPerClaim(4));
    for (const s of seen) {
      expect(s.alpha).toBe(alphaFor(meta.id) / configurationsPerClaim(4));
      expect(s.beta).toBe(1e-2);
      expect(s.mode).toBe('claim');
      expect(s.word).toBe(suiteKey().child(meta.id, s.seed).words[0]);
    }
    const negative = rejectsWrongEngine(meta, 'wrong', 1, (c, ctx) => {
      expect(ctx.mode).toBe('negative');
      expect(ctx.beta).toBe(alphaFor(`${meta.id}.negative`));
      expect(ctx.alpha).toBe(alphaFor(meta.id) / configurationsPerClaim(3));
      return [constant(0)(c, ctx), constant(5)(c, ctx)];
    }, 3);
    expect(negative.length).toBe(2);
  });
  it('with COLLAPSE_LAB_REPORT_DIR set, every event is appended as a JSON line (typed arrays as arrays, functions by name)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-mutation-'));
    try {
      withEnv({ COLLAPSE_LAB_REPORT_DIR: join(dir, 'nested') }, () => {
        recordOutcome('X-1', { event: 'e', data: Float64Array.of(1, 2), f: function named() {} });
        verifyClaim(meta, { arbitrary: fc.constant(1), numRuns: 1, check: constant(0) });
        expect(() => verifyClaim(meta, { arbitrary: fc.constant(1), numRuns: 1, check: constant(5) })).toThrow(/Replay: COLLAPSE_LAB_SEED=/);
      });
      const [line] = readFileSync(join(dir, 'nested', 'X-1.jsonl'), 'utf8').trim().split('\n');
      expect(JSON.parse(line)).toEqual({ id: 'X-1', suiteSeed: suiteSeed(), event: 'e', data: [1, 2], f: 'named' });
      const events = readFileSync(join(dir, 'nested', `${meta.id}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(events.map((e) => e.event)).toEqual(['start', 'configuration', 'end', 'start', 'configuration', 'end']);
      expect(events[2].pass).toBe(true);
      expect(events[5].pass).toBe(false);
      expect(events[4].pass).toBe(false);
      expect(events[0].alphaClaim).toBe(alphaFor(meta.id));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // without the variable nothing is written (and nothing throws)
    withEnv({ COLLAPSE_LAB_REPORT_DIR: undefined }, () => recordOutcome('X-2', { event: 'e' }));
  });
  it('a replay for another claim id is ignored', () => {
    const seeds: number[] = [];
    withEnv({ COLLAPSE_LAB_REPLAY: JSON.stringify({ id: 'other', seed: 1, path: '0' }) }, () =>
      verifyClaim(meta, { arbitrary: fc.constant(1), numRuns: 2, check: (c, ctx) => { seeds.push(ctx.simulationSeed); return constant(0)(c, ctx); } }),
    );
    const plain: number[] = [];
    verifyClaim(meta, { arbitrary: fc.constant(1), numRuns: 2, check: (c, ctx) => { plain.push(ctx.simulationSeed); return constant(0)(c, ctx); } });
    expect(seeds).toEqual(plain);
  });
});

describe('second mutation run (src/stats)', () => {
  /** Returns the error `call` throws (fails the test if it returns). */
  function thrown(call: () => unknown): Error {
    try {
      call();
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected a throw');
  }
  /** The float nearest `guess` (walking one ulp at a time) at which `f` is exactly `target`: a hand inversion made exact. */
  function exactly(f: (x: number) => number, target: number, guess: number): number {
    const bits = new BigInt64Array(new Float64Array([guess]).buffer);
    const asFloat = (b: bigint) => new Float64Array(new BigInt64Array([b]).buffer)[0];
    for (let k = 0n; k < 5000n; k++) {
      for (const b of [bits[0] + k, bits[0] - k]) if (f(asFloat(b)) === target) return asFloat(b);
    }
    throw new Error(`no float near ${guess} gives exactly ${target}`);
  }

  describe('check.ts', () => {
    const r = checkMean({ label: 'lbl', summary: { n: 400, mean: 1, variance: 1 }, oracle: 2, alpha: 0.01, detectable: 0.5 });
    it('describeCheck: without a power statement the rate is followed by R; a detail is appended after "; "; default contexts add nothing', () => {
      const bare = { ...r, detectable: undefined, detail: undefined };
      expect(describeCheck(bare)).toContain('false-failure rate 1.00e-2; R = 400; assumes ');
      expect(describeCheck(bare).endsWith(`; assumes ${r.assumption}`)).toBe(true);
      expect(describeCheck({ ...r, detail: 'the detail' }).endsWith(`; assumes ${r.assumption}; the detail`)).toBe(true);
      // a CheckFailedError's message is the context followed by the description: no context, just the description
      expect(new CheckFailedError(r).message).toBe(describeCheck(r));
      expect(thrown(() => expectPass(r)).message).toBe(describeCheck(r));
      const passing = { ...r, pass: true };
      expect(thrown(() => expectReject(passing)).message).toBe(`negative control was NOT rejected: ${describeCheck(passing)}`);
    });
  });

  describe('checkTwoSample.ts', () => {
    it('twoSampleKolmogorovDistance is sup_x |F₁(x) − F₂(x)| (brute force over every sample point, ties included)', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 40 }), (xs, ys) => {
          let sup = 0;
          for (const x of [...xs, ...ys]) sup = Math.max(sup, Math.abs(xs.filter((v) => v <= x).length / xs.length - ys.filter((v) => v <= x).length / ys.length));
          expect(twoSampleKolmogorovDistance(xs, ys)).toBeCloseTo(sup, 14);
        }),
        { seed: 901, numRuns: 200 },
      );
    });
    it('the distribution part passes at sup|F₁ − F₂| = ε₁ + ε₂ exactly (closed band), says so, and states it detects gaps > 2(ε₁ + ε₂)', () => {
      // R₁ = R₂ = 128 (exact eighths): ε = √(ln(8/α)/256) = 1/4 at α = 8e^{−16} (DKW inverted by hand, then made exact)
      const alpha = exactly((a) => Math.sqrt(Math.log(2 / (a / 4)) / (2 * 128)), 0.25, 8 * Math.exp(-16));
      const first = Float64Array.from({ length: 128 }, (_, i) => i);
      const second = Float64Array.from({ length: 128 }, (_, i) => i + 64);
      expect(twoSampleKolmogorovDistance(first, second)).toBe(0.5); // at x = 63: F₁ = 1/2, F₂ = 0
      const r = checkTwoSample({ label: 't', first, second, alpha });
      expect(r.detail).toContain('vs ε₁ + ε₂ = 0.5000 (ok; detects CDF gaps > 1.00)');
      expect(r.pass).toBe(false); // the means differ by 64 with se ≈ 4.6
      const beyond = checkTwoSample({ label: 't', first, second: Float64Array.from({ length: 128 }, (_, i) => i + 65), alpha });
      expect(beyond.detail).toContain('vs ε₁ + ε₂ = 0.5000 (REJECT; detects CDF gaps > 1.00)');
      // two identical constant samples: |x̄₁ − x̄₂| = 0 ≤ z·se = 0, so the mean part passes too
      const ones = new Float64Array(100).fill(1);
      expect(checkTwoSample({ label: 'c', first: ones, second: ones, alpha: 0.01 }).pass).toBe(true);
    });
    it('with `detectable` it runs iff δ ≥ (z_{α/4} + z_β)·se; the replications it names per sample suffice (and are not 2 % too many)', () => {
      const alpha = 1e-3;
      const z = zUpper(alpha / 4) + zUpper(0.01);
      const wide = (n: number) => spread(n, (u) => Math.sqrt(12) * (u - 0.5)); // variance ≈ 1
      const narrow = (n: number) => spread(n, (u) => 0.1 * (u - 0.5));
      const first = wide(400);
      const second = narrow(300);
      const s1 = summarize(first);
      const s2 = summarize(second);
      const se = Math.sqrt(s1.variance / 400 + s2.variance / 300);
      expect(checkTwoSample({ label: 'p', first, second, alpha, detectable: z * se }).detectable).toBe(z * se);
      expect(checkTwoSample({ label: 'p', first, second, alpha, detectable: 1.01 * z * se }).detectable).toBe(1.01 * z * se);
      underpowered(() => checkTwoSample({ label: 'p', first, second, alpha, detectable: 0.99 * z * se }));
      const delta = (z * se) / 2;
      const error = underpowered(() => checkTwoSample({ label: 'few', first, second, alpha, detectable: delta }));
      expect(error.message).toContain(`standard error ${se.toPrecision(3)}`);
      expect(error.message).toContain(`cannot detect ${delta}`);
      const enough = Math.ceil(1.02 * error.needed);
      expect(() => checkTwoSample({ label: 'enough', first: wide(enough), second: narrow(enough), alpha, detectable: delta })).not.toThrow();
      const short = Math.floor(0.98 * error.needed);
      expect(() => checkTwoSample({ label: 'short', first: wide(short), second: narrow(short), alpha, detectable: delta })).toThrow(UnderpoweredError);
    });
    it('a sample that is not an array-like object of numbers is refused by name (a string, an object without length)', () => {
      const ok = { label: 't', first: spread(100), second: spread(100), alpha: 0.01 };
      refused(() => checkTwoSample({ ...ok, first: '1'.repeat(100) as never }), 'first');
      refused(() => checkTwoSample({ ...ok, second: {} as never }), 'second');
    });
  });

  describe('checkArgminOnGrid.ts', () => {
    /** R × G values (w − centre)² + a replication-wide common term + noise of size 1e-3. */
    function bowl(grid: number[], centre: number, R: number): Float64Array {
      const values = new Float64Array(R * grid.length);
      for (let r = 0; r < R; r++) {
        const common = ((r + 0.5) * 0.6180339887498949) % 1;
        grid.forEach((w, g) => (values[r * grid.length + g] = (w - centre) ** 2 + common + 1e-3 * ((((r * 7 + g * 13) * 0.7548776662466927) % 1) - 0.5)));
      }
      return values;
    }
    const gap = (w: number, ref: number) => Math.abs((w - 0.5) ** 2 - (ref - 0.5) ** 2);
    it('on a grid in any order the neighbours are the nearest outside points on each side; means are the column means; detail lists each comparison after "; "', () => {
      const grid = [0.5, 0.4, 0.2, 0.6, 0.8, 0.3, 0.7];
      const R = 200;
      const values = bowl(grid, 0.5, R);
      const r = checkArgminOnGrid({ label: 's', grid, values, replications: R, target: 0.52, tolerance: 0.1, expectedGap: gap, alpha: 1e-3 });
      // outside [0.42, 0.62]: 0.4, 0.2, 0.3 below (nearest 0.4), 0.8, 0.7 above (nearest 0.7); the reference is 0.5
      expect(r.comparisons.map((c) => c.label)).toEqual(['s: f(0.4) > f(0.5)', 's: f(0.7) > f(0.5)']);
      for (let g = 0; g < grid.length; g++) {
        let sum = 0;
        for (let k = 0; k < R; k++) sum += values[k * grid.length + g];
        expect(r.means[g]).toBeCloseTo(sum / R, 12);
      }
      expect(r.estimate).toBe(0.5);
      const parts = (r.detail ?? '').split('; ');
      expect(parts.length).toBe(2);
      parts.forEach((part, i) => expect(part.startsWith(`${r.comparisons[i].label}: ruled out`)).toBe(true));
    });
    it('ties: the reference is the first grid point nearest the target, the estimate the first point of smallest mean', () => {
      // grid 0.25, 0.5, 0.75 around 0.375: 0.25 and 0.5 are both 1/8 away (exact in binary)
      const grid = [0.25, 0.5, 0.75];
      const R = 100;
      const values = new Float64Array(R * 3);
      for (let k = 0; k < R; k++) [1, 0, 0].forEach((v, g) => (values[k * 3 + g] = v + k / 1000)); // columns 2 and 3 equal
      const r = checkArgminOnGrid({ label: 't', grid, values, replications: R, target: 0.375, tolerance: 0.0625, expectedGap: () => 0.5, alpha: 1e-3 });
      expect(r.comparisons.length).toBeGreaterThan(0);
      for (const c of r.comparisons) expect(c.label.endsWith('> f(0.25)')).toBe(true);
      expect(r.estimate).toBe(0.5);
    });
    it('a grid point at exactly tolerance + 1e-12 from the target is inside the band (the documented rounding allowance)', () => {
      const edge = 0.25 + 1e-12;
      const grid = [0, edge, 0.5];
      const R = 100;
      const values = new Float64Array(R * 3);
      for (let k = 0; k < R; k++) [0, 1, 2].forEach((v, g) => (values[k * 3 + g] = v + k / 1000));
      const r = checkArgminOnGrid({ label: 'e', grid, values, replications: R, target: 0, tolerance: 0.25, expectedGap: () => 0.5, alpha: 1e-3 });
      expect(r.comparisons.map((c) => c.label)).toEqual(['e: f(0.5) > f(0)']);
    });
    it('a values array of the wrong length names the required length R × G', () => {
      const grid = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
      expect(refused(() => checkArgminOnGrid({ label: 'x', grid, values: new Float64Array(699), replications: 100, target: 0.5, tolerance: 0.1, expectedGap: gap, alpha: 0.01 }), 'values.length').allowed).toContain('700');
    });
  });

  describe('checkBoundedMean.ts', () => {
    /** Hoeffding at α/2 and Maurer–Pontil's empirical Bernstein at α/2, as published. */
    const hoeffding = (n: number, range: number, alpha: number) => range * Math.sqrt(Math.log(4 / alpha) / (2 * n));
    const bernstein = (n: number, range: number, variance: number, alpha: number) => Math.sqrt((2 * variance * Math.log(8 / alpha)) / n) + (7 * range * Math.log(8 / alpha)) / (3 * (n - 1));
    it('boundedMeanHalfWidth is min(Hoeffding, empirical Bernstein), the range (b − a) entering both terms', () => {
      for (const [n, range, variance, alpha] of [[2000, 2, 0.001, 1e-3], [500, 0.5, 0.01, 1e-6], [100, 10, 0, 0.05], [300, 3, 2, 0.01]]) {
        expect(boundedMeanHalfWidth(n, range, variance, alpha)).toBeCloseTo(Math.min(hoeffding(n, range, alpha), bernstein(n, range, variance, alpha)), 14);
      }
    });
    it('on bounds [1, 3] the half-width and the Hoeffding p-value use b − a = 2', () => {
      const samples = spread(2000, (u) => 1 + 2 * u);
      const { mean, variance } = summarize(samples);
      const r = checkBoundedMean({ label: 'b', samples, lower: 1, upper: 3, oracle: 2.05, alpha: 1e-3, detectable: 1 });
      expect(r.interval[1] - r.estimate).toBeCloseTo(Math.min(hoeffding(2000, 2, 1e-3), bernstein(2000, 2, variance, 1e-3)), 12);
      expect(r.pValue).toBeCloseTo(Math.min(1, 2 * Math.exp((-2 * 2000 * (2.05 - mean) ** 2) / 4)), 12);
    });
    it('passes at |x̄ − oracle| = half exactly (closed interval) and not beyond', () => {
      // 200 zeros on [−1, 1]: variance 0, so half = min(2·√(ln 400/400), 14·ln 800/(3·199))
      const samples = new Float64Array(200);
      const log = Math.log(8 / 0.01);
      const half = Math.min(2 * Math.sqrt(Math.log(4 / 0.01) / (2 * 200)), Math.sqrt((2 * 0 * log) / 200) + (7 * 2 * log) / (3 * (200 - 1)));
      expect(checkBoundedMean({ label: 'edge', samples, lower: -1, upper: 1, oracle: half, alpha: 0.01, detectable: 1 }).pass).toBe(true);
      expect(checkBoundedMean({ label: 'edge', samples, lower: -1, upper: 1, oracle: half * (1 + 1e-12), alpha: 0.01, detectable: 1 }).pass).toBe(false);
    });
    it('power: runs iff 2h + tolerance ≤ detectable (h the statistical half-width), the boundary included', () => {
      // 200 values 0.5 on [0, 1]: variance 0, h = 7·ln(8/α)/(3·199)
      const samples = new Float64Array(200).fill(0.5);
      const alpha = 1e-3;
      const h = Math.min(Math.sqrt(Math.log(4 / alpha) / (2 * 200)), Math.sqrt((2 * 0 * Math.log(8 / alpha)) / 200) + (7 * 1 * Math.log(8 / alpha)) / (3 * (200 - 1)));
      const base = { label: 'pw', samples, lower: 0, upper: 1, oracle: 0.5, alpha };
      expect(checkBoundedMean({ ...base, detectable: 2 * h }).detectable).toBe(2 * h);
      const tolerance = 0.05;
      expect(checkBoundedMean({ ...base, tolerance, detectable: 2 * h + 2 * tolerance }).pass).toBe(true);
      expect(checkBoundedMean({ ...base, tolerance, detectable: 2 * h + 1.001 * tolerance }).pass).toBe(true);
      underpowered(() => checkBoundedMean({ ...base, tolerance, detectable: 2 * h + 0.999 * tolerance }));
    });
    it('under-powered with a tolerance: needs 2·ln(4/α)/(δ − tol)² replications (Hoeffding inverted by hand), names the half-width; tol > δ: never', () => {
      // alternating 0/1 (variance ≥ 1/4): Hoeffding is the smaller bound, h = √(ln(4/α)/(2R))
      const alternating = (n: number) => Float64Array.from({ length: n }, (_, i) => i % 2);
      const alpha = 1e-3;
      const base = { label: 'few', lower: 0, upper: 1, oracle: 0.5, alpha, detectable: 0.15, tolerance: 0.05 };
      const error = underpowered(() => checkBoundedMean({ ...base, samples: alternating(200) }));
      const textbook = (2 * Math.log(4 / alpha)) / (0.15 - 0.05) ** 2;
      expect(Math.abs(error.needed - textbook) / textbook).toBeLessThan(1e-9);
      expect(error.message).toContain(`half-width ${(Math.sqrt(Math.log(4 / alpha) / 400) + 0.05).toPrecision(3)}`);
      expect(error.message).toContain('cannot detect 0.15');
      expect(() => checkBoundedMean({ ...base, samples: alternating(Math.ceil(error.needed)) })).not.toThrow();
      underpowered(() => checkBoundedMean({ ...base, samples: alternating(Math.floor(0.99 * error.needed)) }));
      expect(underpowered(() => checkBoundedMean({ ...base, samples: alternating(200), detectable: 0.1, tolerance: 0.2 })).needed).toBe(Infinity);
    });
  });

  describe('checkProportion.ts', () => {
    it('passes when p is an end of the Clopper–Pearson interval: k = n, p = 1 (two-sided, at-least); k = 0, p = 0 (at-most)', () => {
      expect(checkProportion({ label: 'e', successes: 10, trials: 10, p: 1, alpha: 0.05 }).pass).toBe(true);
      expect(checkProportion({ label: 'e', successes: 10, trials: 10, p: 1, alpha: 0.05, side: 'at-least' }).pass).toBe(true);
      expect(checkProportion({ label: 'e', successes: 0, trials: 10, p: 0, alpha: 0.05, side: 'at-most' }).pass).toBe(true);
    });
    it('exactly the trials needed are enough, one fewer is refused with a message naming trials, δ and p', () => {
      // N = (z·½/δ)² inverted by hand: δ = z·½/√N, for the first N whose round trip is exact in floating point
      const z = zUpper(0.01 / 2) + zUpper(0.01);
      let found = 0;
      let delta = 0;
      for (let n = 1000; n < 3000 && !found; n++) {
        const d = (z * 0.5) / Math.sqrt(n);
        if (((z * Math.sqrt(0.5 * (1 - 0.5))) / d) ** 2 === n) [found, delta] = [n, d];
      }
      expect(found).toBeGreaterThan(0);
      expect(checkProportion({ label: 'n', successes: found / 2, trials: found, p: 0.5, alpha: 0.01, detectable: delta }).pass).toBe(true);
      const error = underpowered(() => checkProportion({ label: 'n', successes: 10, trials: found - 1, p: 0.5, alpha: 0.01, detectable: delta }));
      expect(error.message).toContain(`${found - 1} trials cannot detect ${delta} around p = 0.5`);
    });
  });

  describe('checkMean.ts', () => {
    it('power boundary: δ = tolerance + (z_{α/2} + z_β)·se runs; a tolerance ≥ δ never runs (∞ replications), zero variance included', () => {
      const se = Math.sqrt(1 / 400);
      const edge = (zUpper(0.01 / 2) + zUpper(0.01)) * se;
      expect(checkMean({ label: 'b', summary: { n: 400, mean: 0, variance: 1 }, oracle: 0, alpha: 0.01, detectable: edge }).detectable).toBe(edge);
      expect(underpowered(() => checkMean({ label: 'z', summary: { n: 100, mean: 0, variance: 0 }, oracle: 0, alpha: 0.01, detectable: 0.1, tolerance: 0.1 })).needed).toBe(Infinity);
      expect(underpowered(() => checkMean({ label: 'z', summary: { n: 100, mean: 0, variance: 1 }, oracle: 0, alpha: 0.01, detectable: 0.1, tolerance: 0.2 })).needed).toBe(Infinity);
    });
    it('the under-powered message names the standard error, δ and the tolerance; without a tolerance the detail is just the standard error', () => {
      const error = underpowered(() => checkMean({ label: 'm', summary: { n: 100, mean: 0, variance: 1 }, oracle: 0, alpha: 0.01, detectable: 0.1 }));
      expect(error.message).toContain('standard error 0.100 cannot detect 0.1 (tolerance 0)');
      expect(checkMean({ label: 'm', summary: { n: 400, mean: 0, variance: 1 }, oracle: 0, alpha: 0.01, detectable: 1 }).detail).toBe('se 0.0500');
    });
  });

  describe('checkPairedSign.ts', () => {
    const differences = spread(100, (u) => u + 0.5);
    const { variance } = summarize(differences);
    const se = Math.sqrt(variance / 100);
    const edge = (zUpper(1e-3) + zUpper(0.01)) * se;
    it('runs at expectedEffect = (z_α + z_β)·se exactly, refuses just below (message naming se and the effect); detail names se', () => {
      const r = checkPairedSign({ label: 'p', differences, direction: 'positive', expectedEffect: edge, alpha: 1e-3 });
      expect(r.detail).toBe(`se ${se.toPrecision(3)}`);
      const error = underpowered(() => checkPairedSign({ label: 'p', differences, direction: 'positive', expectedEffect: 0.99 * edge, alpha: 1e-3 }));
      expect(error.message).toContain(`paired se ${se.toPrecision(3)} cannot detect the expected effect ${(0.99 * edge).toPrecision(3)}`);
    });
    it('no effect at all (every difference 0) does not pass: significance is strict', () => {
      expect(checkPairedSign({ label: 'z', differences: new Float64Array(100), direction: 'positive', expectedEffect: 0.1, alpha: 1e-3 }).pass).toBe(false);
      expect(checkPairedSign({ label: 'z', differences: new Float64Array(100).fill(0.2), direction: 'positive', expectedEffect: 0.1, alpha: 1e-3 }).pass).toBe(true);
    });
  });

  describe('checkDKW.ts, checkQuantile.ts', () => {
    it('DKW passes at sup|F_R − F| = ε exactly and its detail names both', () => {
      // four equal points against F ≡ ½: sup = ½; ε = √(ln(2/α)/8) = ½ at α = 2e^{−2} (inverted by hand, made exact)
      const alpha = exactly((a) => Math.sqrt(Math.log(2 / a) / (2 * 4)), 0.5, 2 * Math.exp(-2));
      const r = checkDKW({ label: 'd', samples: [7, 7, 7, 7], cdf: () => 0.5, alpha });
      expect(r.estimate).toBe(0.5);
      expect(r.pass).toBe(true);
      expect(r.detail).toBe('sup|F_R − F| = 0.5000, ε = 0.5000');
    });
    it('quantile: a sample equal to the oracle is not below it; the detail reports the fraction strictly below', () => {
      const samples = Float64Array.from({ length: 100 }, (_, i) => i);
      const r = checkQuantile({ label: 'q', samples, q: 0.5, oracle: 50, alpha: 0.05, detectable: 0.3 });
      expect(r.estimate).toBe(0.5); // #{0, …, 49} = 50 of 100
      expect(r.detail).toContain('fraction below 0.5000');
    });
  });

  describe('monteCarlo.ts, power.ts, quantiles.ts, timeAverage.ts, welford.ts', () => {
    const key = rootKey('mutation-stats-2').child('mc');
    it('a non-finite replication is a NumericalError of kind overflow naming the replication (and column) and the value', () => {
      const e = thrown(() => replicate({ key, replications: 3, run: (_k, r) => (r === 2 ? Number.NaN : 1) })) as NumericalError;
      expect(e.kind).toBe('overflow');
      expect(e.message).toContain('replication 2');
      expect(e.message).toContain('NaN');
      const rows = thrown(() => replicateRows({ key, replications: 2, width: 2, run: (_k, r, row) => { row[0] = 1; row[1] = r === 1 ? Number.POSITIVE_INFINITY : 1; } })) as NumericalError;
      expect(rows.kind).toBe('overflow');
      expect(rows.message).toContain('replication 1, column 1');
      expect(rows.message).toContain('Infinity');
    });
    const z = zUpper(1e-3 / 2) + zUpper(0.01);
    const pm = (c: number) => (first: number, count: number) => Float64Array.from({ length: count }, (_, i) => ((first + i) % 2 === 0 ? c : -c));
    const tinyPilot = Float64Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 0.001 : -0.001)); // plans the minimum R = 100
    /** z·s/√R with s the sample sd (ddof 1), by definition. */
    const power = (x: Float64Array) => {
      const { variance } = summarize(x);
      return (z * Math.sqrt(variance)) / Math.sqrt(x.length);
    };
    it('sampleToPower: the size depends only on the spread (shifting every draw and the pilot by 10 changes nothing)', () => {
      const shifted = (s: number) => (first: number, count: number) => pm(2)(first, count).map((v) => v + s);
      const pilot = (s: number) => Float64Array.from({ length: 60 }, (_, i) => s + (i % 2 === 0 ? 0.2 : -0.2));
      const plain = sampleToPower({ draw: shifted(0), pilot: pilot(0), detectable: 0.2, alpha: 1e-3 });
      expect(sampleToPower({ draw: shifted(10), pilot: pilot(10), detectable: 0.2, alpha: 1e-3 }).length).toBe(plain.length);
    });
    it('sampleToPower: a sample exactly at z·s/√R = δ is not topped up; one just short is topped up until z·s/√R ≤ δ (s the ddof-1 sd)', () => {
      const draw = pm(2);
      const first = draw(0, 100);
      let mean = 0;
      for (let i = 0; i < 100; i++) mean += first[i] / 100;
      let ss = 0;
      for (let i = 0; i < 100; i++) ss += (first[i] - mean) ** 2;
      const atPower = (z * Math.sqrt(ss / (100 - 1))) / Math.sqrt(100);
      expect(sampleToPower({ draw, pilot: tinyPilot, detectable: atPower, alpha: 1e-3 }).length).toBe(100);
      // δ = z·2/10 < z·2·√(100/99)/10: the first 100 are short by the ddof-1 sd
      const topped = sampleToPower({ draw, pilot: tinyPilot, detectable: (z * 2) / 10, alpha: 1e-3 });
      expect(topped.length).toBeGreaterThan(100);
      expect(power(topped)).toBeLessThanOrEqual((z * 2) / 10);
    });
    it('sampleToPower: at most `rounds` top-ups (draw called 1 + rounds times), even when the sample is still short', () => {
      // draws growing in size: every top-up planned from the sd so far falls short
      const grow = (first: number, count: number) => Float64Array.from({ length: count }, (_, i) => ((first + i) % 2 === 0 ? 1 : -1) * (1 + (first + i) / 20));
      const calls: number[] = [];
      const draw = (first: number, count: number) => {
        calls.push(count);
        return grow(first, count);
      };
      const pilot = Float64Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 1 : -1));
      const out = sampleToPower({ draw, pilot, detectable: 0.5, alpha: 1e-3, rounds: 1, maxReplications: 100_000 });
      expect(calls.length).toBe(2);
      expect(power(out)).toBeGreaterThan(0.5);
    });
    it('zUpper names p; batch means allow batches of one point; merging two empty accumulators leaves mean 0', () => {
      refused(() => zUpper(0), 'p');
      refused(() => zUpper(0.6), 'p');
      // batches of one: the means are the points 1, 2, 3, 4, variance 5/3, variance of their mean 5/12
      expect(batchMeansVariance([1, 2, 3, 4], 4)).toBeCloseTo(5 / 12, 14);
      const empty = new OnlineMoments();
      empty.merge(new OnlineMoments());
      expect([empty.count, empty.mean, empty.variance]).toEqual([0, 0, 0]);
    });
  });

  describe('claim.ts', () => {
    const meta: ClaimMeta = { id: 'engine.stats.mutation2', paper: 'test', section: '-', statement: 'x̄ = oracle', oracle: '0', provenance: 'DERIVED', assumptions: 'none' };
    const calibrated: ClaimMeta = { ...meta, id: 'engine.stats.mutation2.calibrated' };
    const constant = (oracle: number, label = 'const') => (_config: number, ctx: { alpha: number; beta: number }) =>
      checkMean({ label, summary: { n: 400, mean: 0, variance: 1 }, oracle, alpha: ctx.alpha, beta: ctx.beta, detectable: 1 });
    const quiet = { COLLAPSE_LAB_REPLAY: undefined, COLLAPSE_LAB_CALIBRATION_ALPHA: undefined, COLLAPSE_LAB_REPORT_DIR: undefined };
    it('a failure at the 12th configuration prints a replay {id, seed, path "11"} that re-runs exactly that configuration first', () => {
      const seen: number[] = [];
      const message = withEnv(quiet, () =>
        thrown(() => verifyClaim(meta, { arbitrary: fc.constant(1), numRuns: 20, check: (c, ctx) => { seen.push(ctx.simulationSeed); return constant(seen.length === 12 ? 5 : 0)(c, ctx); } })).message,
      );
      expect(seen.length).toBe(12);
      const replay = JSON.parse((/COLLAPSE_LAB_REPLAY='([^']*)'/.exec(message) ?? ['', 'null'])[1]) as unknown;
      expect(replay).toEqual({ id: meta.id, seed: fastCheckSeed(meta.id), path: '11' });
      const replayed: number[] = [];
      withEnv({ ...quiet, COLLAPSE_LAB_REPLAY: JSON.stringify(replay) }, () =>
        thrown(() => verifyClaim(meta, { arbitrary: fc.constant(1), numRuns: 20, check: (c, ctx) => { replayed.push(ctx.simulationSeed); return constant(5)(c, ctx); } })),
      );
      expect(replayed[0]).toBe(seen[11]);
    });
    it('an error outside any check (here in generation) is rethrown with its message and the replay line', () => {
      const broken = fc.constant(1).map((): number => {
        throw new Error('generation failed');
      });
      expect(withEnv(quiet, () => thrown(() => verifyClaim(meta, { arbitrary: broken, numRuns: 2, check: constant(0) })).message)).toMatch(/^generation failed\nReplay: COLLAPSE_LAB_SEED=/);
    });
    it('the failure messages list every result, one per line (claim failure and unrejected negative control)', () => {
      let results: CheckResult[] = [];
      const two = (o1: number, o2: number) => (c: number, ctx: ClaimContext) => (results = [constant(o1, 'first')(c, ctx), constant(o2, 'second')(c, ctx)]);
      const failure = withEnv(quiet, () => thrown(() => verifyClaim(meta, { arbitrary: fc.constant(1), numRuns: 1, check: two(5, 0) })).message);
      expect(failure).toContain(`${describeCheck(results[0])}\n  ${describeCheck(results[1])}`);
      const unrejected = withEnv(quiet, () => thrown(() => rejectsWrongEngine(meta, 'passes', 1, two(0, 0))).message);
      expect(unrejected).toContain(`${describeCheck(results[0])}\n  ${describeCheck(results[1])}`);
    });
    it("a negative control runs on key suiteKey().child(id, 'negative', name), seed from suiteKey().child('negative', id, name)", () => {
      let seen: ClaimContext | undefined;
      withEnv(quiet, () => rejectsWrongEngine(meta, 'named', 1, (c, ctx) => { seen = ctx; return constant(5)(c, ctx); }));
      expect(seen?.simulationSeed).toBe(suiteKey().child('negative', meta.id, 'named').words[0] & 0x7fffffff);
      expect(seen?.key.words[0]).toBe(suiteKey().child(meta.id, 'negative', 'named').words[0]);
    });
    it('the report records calibration (null, or the rate) at start, pass and calibration per configuration, the negative control, anonymous functions', () => {
      const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-mutation2-'));
      try {
        withEnv({ ...quiet, COLLAPSE_LAB_REPORT_DIR: dir }, () => {
          verifyClaim(meta, { arbitrary: fc.constant(1), numRuns: 1, check: constant(0) });
          rejectsWrongEngine(meta, 'wrong', 1, constant(5));
          recordOutcome('anonymous', { f: [function () {}][0] });
        });
        withEnv({ ...quiet, COLLAPSE_LAB_REPORT_DIR: dir, COLLAPSE_LAB_CALIBRATION_ALPHA: '0.2' }, () => verifyClaim(calibrated, { arbitrary: fc.constant(1), numRuns: 1, check: constant(5) }));
        const read = (id: string) => readFileSync(join(dir, `${id}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
        const events = read(meta.id);
        expect(events.map((e) => e.event)).toEqual(['start', 'configuration', 'end', 'negative']);
        expect(events[0].calibration).toBe(null);
        expect([events[1].pass, events[1].calibration]).toEqual([true, false]);
        expect([events[3].name, events[3].rejected, (events[3].results as unknown[]).length]).toEqual(['wrong', true, 1]);
        const cal = read(calibrated.id);
        expect(cal.map((e) => e.event)).toEqual(['start', 'configuration', 'end']);
        expect(cal[0].calibration).toBe(0.2);
        expect([cal[1].pass, cal[1].calibration]).toEqual([false, true]);
        expect(read('anonymous')[0].f).toBe('function');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

// Third mutation run (final tree): survivors of out/mutation/final/remaining-stats.tsv that are not equivalent.
// Expected values come from the error-message contract of src/errors.ts ("InvalidArgumentError names the parameter,
// the value and what is allowed"; NumericalError carries a typed kind, a message naming what overflowed and details),
// from the documented parameter domains, and from the documented formula of requiredReplications.
import { proportionTrialsNeeded } from '../src/stats/checkProportion.js';

function invalidArgument(f: () => unknown): InvalidArgumentError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidArgumentError);
    return e as InvalidArgumentError;
  }
  throw new Error('expected an InvalidArgumentError, nothing was thrown');
}

function numericalError(f: () => unknown): NumericalError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(NumericalError);
    return e as NumericalError;
  }
  throw new Error('expected a NumericalError, nothing was thrown');
}

describe('third mutation run (final tree)', () => {
  const key = rootKey('mutation-stats').child('third');

  it('checkArgminOnGrid: a non-function expectedGap and an unknown ruleOut are refused by name, with what is allowed', () => {
    const base = { label: 'a', grid: [0, 1], values: new Float64Array(200), replications: 100, target: 0, tolerance: 0.5, expectedGap: () => 1, alpha: 0.01 };
    const gap = invalidArgument(() => checkArgminOnGrid({ ...base, expectedGap: 3 as unknown as () => number }));
    expect(gap.parameter).toBe('expectedGap');
    expect(gap.value).toBe(3);
    expect(gap.allowed).toContain('a function');
    // documented domain: ruleOut is 'neighbours' | 'all'
    const rule = invalidArgument(() => checkArgminOnGrid({ ...base, ruleOut: 'some' as unknown as 'all' }));
    expect(rule.parameter).toBe('ruleOut');
    expect(rule.value).toBe('some');
    expect(rule.allowed).toContain('neighbours');
    expect(rule.allowed).toContain('all');
  });

  it('checkDKW: a non-function cdf is refused by name, with what is allowed', () => {
    const e = invalidArgument(() => checkDKW({ label: 'd', samples: [0.5], cdf: 'uniform' as unknown as (x: number) => number, alpha: 0.01 }));
    expect(e.parameter).toBe('cdf');
    expect(e.value).toBe('uniform');
    expect(e.allowed).toContain('function');
  });

  it('proportionTrialsNeeded: trials beyond the double range are a NumericalError overflow naming the trials needed', () => {
    // N ≈ ((z_{α/2} + z_β)·½/δ)² with δ = 1e-322 is ≈ 1e645: beyond the double range
    const e = numericalError(() => proportionTrialsNeeded({ p: 0.5, detectable: 1e-322, alpha: 0.05, beta: 0.05, side: 'two-sided' }));
    expect(e.kind).toBe('overflow');
    expect(e.message).toContain('the trials needed');
  });

  it('replicate / column: a non-function run, a non-Float64Array matrix and a width that does not divide the length are refused by name', () => {
    const run = invalidArgument(() => replicate({ key, replications: 1, run: 7 as unknown as () => number }));
    expect(run.parameter).toBe('run');
    expect(run.allowed).toContain('a function');
    const matrix = invalidArgument(() => column([1, 2] as unknown as Float64Array, 1, 0));
    expect(matrix.parameter).toBe('matrix');
    expect(matrix.allowed).toContain('Float64Array');
    // 5 entries cannot be a row-major R × 2 matrix
    const width = invalidArgument(() => column(Float64Array.of(1, 2, 3, 4, 5), 2, 0));
    expect(width.parameter).toBe('width');
    expect(width.value).toBe(2);
    expect(width.allowed).toContain('matrix.length = 5');
  });

  it('requiredReplications: a need beyond 2^53 is a NumericalError overflow whose message names the need, sd and detectable, with details.needed', () => {
    // doc formula: needed = ⌈((z_{1−α/2} + z_{1−β})·sd/detectable)²⌉ ≈ (4.286·1e9)² ≈ 1.8e19 > 2^53
    const e = numericalError(() => requiredReplications({ sd: 1e9, detectable: 1, alpha: 0.05 }));
    expect(e.kind).toBe('overflow');
    expect(e.message).toContain('the replications needed');
    expect(e.message).toContain('sd 1000000000');
    expect(e.message).toContain('detectable 1');
    expect(e.details.needed).toBeGreaterThan(1.8e19);
    expect(e.details.needed).toBeLessThan(1.9e19);
  });

  it('OnlineMoments: overflow of push and merge is a NumericalError naming x and the merge; merging a non-OnlineMoments is refused by name', () => {
    const m = new OnlineMoments();
    m.push(1e308);
    // delta = −1e308 − 1e308 = −∞
    const push = numericalError(() => m.push(-1e308));
    expect(push.kind).toBe('overflow');
    expect(push.message).toContain('x = -1e+308');
    expect(push.details.x).toBe(-1e308);
    expect(m.count).toBe(1);

    const other = new OnlineMoments();
    other.push(-1e308);
    const merge = numericalError(() => m.merge(other));
    expect(merge.kind).toBe('overflow');
    expect(merge.message).toContain('merged');

    const e = invalidArgument(() => m.merge({ count: 1, mean: 0 } as unknown as OnlineMoments));
    expect(e.parameter).toBe('other');
    expect(e.allowed).toBe('an OnlineMoments');
  });
});
