/**
 * The exact binomial sampler behind the categorical fast path (src/rng/binomial.ts).
 *
 * Deterministic: ln P(K = k) (Loader's saddle-point form) against exact integer binomial coefficients (BigInt)
 * and against Σ_k P(K = k) = 1; support, edge cases and bad input.
 * Statistical (check ids `engine.rng.binomial`, `engine.rng.binomial.power`, split Bonferroni over the counts
 * in PLAN): for (n, p) in both regimes of the sampler (inversion when n·min(p, 1 − p) < 10, BTRS otherwise,
 * including the flip p > ½ and the boundary n·p = 10), R = 200 000 draws pass
 * - checkDKW (discrete) against binomialCdf of src/special: sup|F_R − F| ≤ ε = √(ln(2/α)/(2R)) ≈ 0.0070;
 * - checkMean against n·p with declared δ = 1.5·(z_{1−α/2} + z_{1−β})·σ/√R, σ = √(np(1 − p)) exact.
 * Power, shown: a sampler with p shifted (0.1 → 0.12 at n = 20; 0.3 → 0.31 at n = 100) is rejected by both
 * checks; its exact CDF distance (from binomialCdf) exceeds ε_α + ε_β, and its mean shift exceeds δ (both
 * asserted before the rejection).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alphaFor, suiteKey } from '../src/stats/budget.js';
import { checkDKW, checkMean, dkwEpsilon, expectPass, expectReject } from '../src/stats/assert.js';
import { zUpper } from '../src/stats/quantiles.js';
import { binomialCdf } from '../src/special/binomialCdf.js';
import { logGamma } from '../src/special/logGamma.js';
import { binomialLogProbability, binomialVariate } from '../src/rng/binomial.js';
import { rootKey, type Stream } from '../src/rng/stream.js';
import { InvalidArgumentError } from '../src/errors.js';

const ID = 'engine.rng.binomial';
const POWER_ID = 'engine.rng.binomial.power';
const CASES: readonly (readonly [number, number])[] = [
  [20, 0.1], // inversion, n·p = 2
  [1000, 0.004], // inversion, large n, n·p = 4
  [9, 0.95], // inversion after the flip (n·q = 0.45)
  [10, 0.5], // inversion, symmetric
  [25, 0.4], // BTRS at the boundary n·p = 10
  [100, 0.3], // BTRS
  [200, 0.93], // BTRS after the flip (n·q = 14)
  [1_000_000, 0.4], // BTRS, large n
];
const PLAN: Record<string, number> = { [ID]: 2 * CASES.length, [POWER_ID]: 4 };
const used: Record<string, number> = {};
function rateOf(id: string): number {
  used[id] = (used[id] ?? 0) + 1;
  return alphaFor(id) / PLAN[id];
}
const peekRate = (id: string) => alphaFor(id) / PLAN[id];
const R = 200_000;

function draws(stream: Stream, n: number, p: number): Float64Array {
  const out = new Float64Array(R);
  for (let i = 0; i < R; i++) out[i] = binomialVariate(stream, n, p);
  return out;
}
const meanDetectable = (n: number, p: number, alpha: number, beta: number) => (1.5 * (zUpper(alpha / 2) + zUpper(beta)) * Math.sqrt(n * p * (1 - p))) / Math.sqrt(R);

/** C(n, k) exactly, as a BigInt. */
function choose(n: number, k: number): bigint {
  let c = 1n;
  for (let j = 1; j <= k; j++) c = (c * BigInt(n - k + j)) / BigInt(j);
  return c;
}

describe('binomialLogProbability (deterministic)', () => {
  it('equals ln C(n, k) + k ln p + (n − k) ln(1 − p) with C(n, k) exact (BigInt), n ≤ 200, to 1e-13 relative', () => {
    for (const n of [1, 2, 5, 16, 17, 30, 60, 200]) {
      for (const p of [0.01, 0.3, 0.5, 0.77]) {
        for (let k = 0; k <= n; k++) {
          const reference = Math.log(Number(choose(n, k))) + k * Math.log(p) + (n - k) * Math.log1p(-p);
          const actual = binomialLogProbability(k, n, p);
          expect(Math.abs(actual - reference), `n = ${n}, k = ${k}, p = ${p}`).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(reference)));
        }
      }
    }
  });

  it('the pmf sums to 1 (to 1e-12) for n up to 10⁵, and agrees with logGamma to its precision at n = 10⁵', () => {
    for (const [n, p] of [[1000, 0.37], [12345, 0.02], [100_000, 0.5]] as const) {
      let sum = 0;
      for (let k = 0; k <= n; k++) sum += Math.exp(binomialLogProbability(k, n, p));
      expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-12);
    }
    const n = 100_000;
    for (const k of [1, 10, 30_000, 50_000, 99_999]) {
      const reference = logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + n * Math.log(0.5);
      expect(Math.abs(binomialLogProbability(k, n, 0.5) - reference)).toBeLessThanOrEqual(1e-9);
    }
  });
});

describe('binomialVariate: support, edges, bad input', () => {
  it('returns an integer in [0, n] (seed 61)', () => {
    const stream = rootKey('fastpath.binomial').child('support').stream();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, p) => {
        for (let i = 0; i < 5; i++) {
          const k = binomialVariate(stream, n, p);
          expect(Number.isInteger(k) && k >= 0 && k <= n).toBe(true);
        }
      }),
      { seed: 61, numRuns: 500 },
    );
  });

  it('p = 0 gives 0, p = 1 gives n, n = 0 gives 0', () => {
    const stream = rootKey('fastpath.binomial').child('edges').stream();
    expect(binomialVariate(stream, 17, 0)).toBe(0);
    expect(binomialVariate(stream, 17, 1)).toBe(17);
    expect(binomialVariate(stream, 0, 0.4)).toBe(0);
  });

  it('bad input names the parameter', () => {
    const stream = rootKey('x').stream();
    for (const [n, p, name] of [[-1, 0.5, 'trials'], [2.5, 0.5, 'trials'], [NaN, 0.5, 'trials'], [5, -0.1, 'p'], [5, 1.5, 'p'], [5, NaN, 'p']] as const) {
      try {
        binomialVariate(stream, n, p);
        throw new Error('no throw');
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect((error as InvalidArgumentError).parameter).toBe(name);
      }
    }
  });
});

describe('binomialVariate: law (engine.rng.binomial)', () => {
  for (const [n, p] of CASES) {
    it(`Binomial(${n}, ${p}): DKW against binomialCdf and E K = np`, () => {
      const sample = draws(suiteKey().child(ID, n, p).stream(), n, p);
      expectPass(checkDKW({ label: `Binomial(${n}, ${p}) vs binomialCdf`, samples: sample, cdf: (k) => binomialCdf(k, n, p), alpha: rateOf(ID), discrete: true }));
      const alpha = rateOf(ID);
      const beta = peekRate(POWER_ID);
      expectPass(checkMean({ label: `E K, Binomial(${n}, ${p})`, samples: sample, oracle: n * p, alpha, beta, detectable: meanDetectable(n, p, alpha, beta) }));
    });
  }

  for (const [n, p, wrongP] of [[20, 0.1, 0.12], [100, 0.3, 0.31]] as const) {
    it(`power: a sampler of Binomial(${n}, ${wrongP}) fails both checks for Binomial(${n}, ${p})`, () => {
      const sample = draws(suiteKey().child(POWER_ID, n, p).stream(), n, wrongP);
      const alpha = peekRate(ID);
      let distance = 0;
      for (let k = 0; k <= n; k++) distance = Math.max(distance, Math.abs(binomialCdf(k, n, wrongP) - binomialCdf(k, n, p)));
      const betaDkw = rateOf(POWER_ID);
      expect(distance).toBeGreaterThan(dkwEpsilon(R, alpha) + dkwEpsilon(R, betaDkw));
      expectReject(checkDKW({ label: `Binomial(${n}, ${wrongP}) vs Binomial(${n}, ${p})`, samples: sample, cdf: (k) => binomialCdf(k, n, p), alpha, discrete: true }));
      const beta = rateOf(POWER_ID);
      const detectable = meanDetectable(n, p, alpha, beta);
      expect(n * (wrongP - p)).toBeGreaterThanOrEqual(detectable);
      expectReject(checkMean({ label: `E K of Binomial(${n}, ${wrongP}) vs ${n * p}`, samples: sample, oracle: n * p, alpha, beta, detectable }));
    });
  }

  it('used exactly the planned number of assertions per check id', () => {
    expect(used).toEqual(PLAN);
  });
});
