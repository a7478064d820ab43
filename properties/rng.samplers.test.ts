/**
 * Distribution of every sampler of src/rng, against exact oracles (closed forms and the CDFs of src/special),
 * with the power of every check SHOWN on a deliberately wrong sampler.
 *
 * Budget. Each check id of src/stats/budget.ts (`engine.rng.<sampler>` for the checks, `….power` for the
 * negative controls) is split, Bonferroni, over the assertions made under it: α_each = alphaFor(id)/count, the
 * counts are in PLAN and the last test asserts they were respected. For a negative control the failure event
 * is "the check passes on the wrong sampler", so its rate is the check's false-pass rate β, and
 * β_each = alphaFor(id.power)/count (≪ 0.01, so every declared error is detected with probability ≫ 0.99).
 *
 * Power arithmetic (shown per check below, and recomputed by the code):
 * - checkMean (two-sided CLT) detects a mean error δ with probability ≥ 1 − β when
 *   δ ≥ (z_{1−α/2} + z_{1−β})·σ/√n; we declare δ = 1.5·(z_{1−α/2} + z_{1−β})·σ/√n with σ the exact standard
 *   deviation (the 1.5 absorbs the sample σ̂ that checkMean uses; it refuses to run if σ̂ > 1.5σ).
 *   With the current budget (α = 1e-6/count; β = 1e-6/count, or 1e-7/count for ids not yet in the table)
 *   z_{1−α/2} + z_{1−β} ≈ 10–11.
 * - checkDKW at level α rejects, with probability ≥ 1 − β, any law whose CDF is Δ away from F somewhere
 *   as soon as Δ ≥ ε_α + ε_β, ε_a = √(ln(2/a)/(2n)) (DKW–Massart applied to the wrong law's own
 *   empirical CDF): so n ≥ (√(ln(2/α)/2) + √(ln(2/β)/2))²/Δ² ≈ 35/Δ² at α ≈ β ≈ 1e-7.
 * - checkProportion (Clopper–Pearson) refuses to run unless n ≥ ((z_{1−α/2} + z_{1−β})·sd/δ)², sd the worst
 *   binomial sd over [p − δ, p + δ].
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { alphaFor, suiteKey } from '../src/stats/budget.js';
import { checkDKW, checkMean, checkProportion, dkwEpsilon, expectPass, expectReject, type CheckResult } from '../src/stats/assert.js';
import { zUpper } from '../src/stats/quantiles.js';
import { normalCdf } from '../src/special/normalCdf.js';
import { gammaCdf } from '../src/special/gammaCdf.js';
import { chiSquaredCdf } from '../src/special/chiSquaredCdf.js';
import { poissonCdf } from '../src/special/poissonCdf.js';
import { digamma } from '../src/special/digamma.js';
import { logGamma } from '../src/special/logGamma.js';
import type { Stream } from '../src/rng/stream.js';
import { fillStandardNormal, standardNormal } from '../src/rng/normal.js';
import { fillGamma, gammaVariate, logGammaVariate } from '../src/rng/gamma.js';
import { chiSquaredVariate } from '../src/rng/chiSquared.js';
import { poissonVariate } from '../src/rng/poisson.js';
import { bernoulliVariate } from '../src/rng/bernoulli.js';
import { aliasTable, fillCategorical } from '../src/rng/categorical.js';
import { fillMultivariateNormal } from '../src/rng/multivariateNormal.js';
import { wishartVariate } from '../src/rng/wishart.js';

// ---------------------------------------------------------------------------------------------------------
// Budget bookkeeping

const GAMMA_SHAPES = [0.01, 0.5, 1, 3.7, 100] as const;
const CHI_SQUARED_DFS = [1, 5, 30.5] as const;
const POISSON_MEANS = [1e-3, 0.7, 9.99, 10, 37.5, 1e3, 1e6] as const;
const BERNOULLI_PS = [0.3, 1e-3, 0.999] as const;
const CATEGORICAL_WEIGHTS = new Float64Array([5, 0, 1, 3.5, 0.01, 2, 0.25]);
const WISHART_DFS = [5.5, 2.3] as const;

/** Assertions per check id (the false-failure rate of the id is split evenly over them). */
const PLAN: Record<string, number> = {
  'engine.rng.normal': 5, // DKW, E Z, E Z², P(|Z| > 3), P(Z > 4)
  'engine.rng.normal.power': 5,
  // per shape: DKW + a mean (E X, or E ln X for shape 0.01); shape 1e-3: P(X = 0) and E ln X; rate ≠ 1: mean + DKW
  'engine.rng.gamma': 2 * GAMMA_SHAPES.length + 2 + 2,
  'engine.rng.gamma.power': 2 * GAMMA_SHAPES.length + 2 + 2,
  'engine.rng.chiSquared': 2 * CHI_SQUARED_DFS.length,
  'engine.rng.chiSquared.power': 2 * CHI_SQUARED_DFS.length,
  // per mean: DKW (discrete) + E K; mean 1e9: E K and E (K − λ)²
  'engine.rng.poisson': 2 * POISSON_MEANS.length + 2,
  'engine.rng.poisson.power': 2 * POISSON_MEANS.length + 2,
  'engine.rng.bernoulli': BERNOULLI_PS.length,
  'engine.rng.bernoulli.power': BERNOULLI_PS.length,
  'engine.rng.categorical': CATEGORICAL_WEIGHTS.length - 1, // one Clopper–Pearson per cell of positive weight
  'engine.rng.categorical.power': 2,
  'engine.rng.multivariateNormal': 3 + 6, // E x_i, E (x_i − μ_i)(x_j − μ_j)
  'engine.rng.multivariateNormal.power': 2,
  'engine.rng.wishart': WISHART_DFS.length * 12, // per df: E W_ij and E (W_ij − df V_ij)², i ≤ j
  'engine.rng.wishart.power': 3,
};
const used: Record<string, number> = {};

/** α (or β for a `.power` id) of one assertion under `id`. */
function rateOf(id: string): number {
  const count = PLAN[id];
  if (count === undefined) throw new Error(`no PLAN entry for ${id}`);
  used[id] = (used[id] ?? 0) + 1;
  return alphaFor(id) / count;
}
/** Rate of one assertion without counting it (to size samples before the assertion is made). */
function peekRate(id: string): number {
  return alphaFor(id) / PLAN[id];
}

const zSum = (alpha: number, beta: number) => zUpper(alpha / 2) + zUpper(beta);
/** Declared smallest detectable mean error of checkMean: 1.5·(z_{1−α/2} + z_{1−β})·σ/√n. */
const meanDetectable = (sd: number, n: number, alpha: number, beta: number) => (1.5 * zSum(alpha, beta) * sd) / Math.sqrt(n);
/** Smallest n at which DKW at level α detects a CDF error Δ with false-pass rate β: (ε-sum)² / Δ². */
const dkwSize = (delta: number, alpha: number, beta: number) =>
  Math.ceil(((Math.sqrt(Math.log(2 / alpha) / 2) + Math.sqrt(Math.log(2 / beta) / 2)) / delta) ** 2 * 1.05);

/** A DKW negative control: asserts the wrong law is far enough (shows the arithmetic), then that DKW rejects it. */
function expectDkwRejects(result: CheckResult, trueDistance: number, beta: number): void {
  const n = result.replications;
  const needed = dkwEpsilon(n, result.alpha) + dkwEpsilon(n, beta);
  expect(trueDistance, `wrong law is only ${trueDistance} away in CDF; detection needs ${needed}`).toBeGreaterThan(needed);
  expectReject(result);
}

/** sup over a grid of |F(x) − G(x)| (grid in log x from 1e-300 to `upper`, plus linear points). */
function supDistance(f: (x: number) => number, g: (x: number) => number, upper: number): number {
  let sup = 0;
  for (let i = 0; i <= 4000; i++) {
    const logX = -690 + ((Math.log(upper) + 690) * i) / 4000;
    sup = Math.max(sup, Math.abs(f(Math.exp(logX)) - g(Math.exp(logX))));
    const x = (upper * i) / 4000;
    sup = Math.max(sup, Math.abs(f(x) - g(x)));
  }
  return sup;
}

const fill = (n: number, draw: () => number) => {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw();
  return out;
};
const map = (x: Float64Array, f: (v: number) => number) => {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]);
  return out;
};
const streamFor = (id: string, ...labels: (string | number)[]): Stream => suiteKey().child(id, ...labels).stream();

// ---------------------------------------------------------------------------------------------------------

describe('standard normal (ziggurat)', () => {
  const id = 'engine.rng.normal';
  const powerId = 'engine.rng.normal.power';
  // Main sample: n = 1.5e6. DKW at α = 2e-7: ε = √(ln(1e7)/3e6) = 0.00232; with β = 2e-7 it detects any CDF
  // error Δ ≥ 2ε = 0.00464. sd 1.03 moves Φ by max_x |Φ(x/1.03) − Φ(x)| ≈ 0.03·φ(1) = 0.0071 (at x ≈ 1): detected.
  // E Z: σ = 1, δ = 1.5·10.27/√1.5e6 = 0.0126. E Z²: σ = √2, δ = 0.0178 (sd 1.03 gives E Z² = 1.0609: detected).
  const n = 1_500_000;
  let z: Float64Array = new Float64Array(0);
  beforeAll(() => {
    z = fillStandardNormal(streamFor(id, 'main'), new Float64Array(n));
  });
  const alpha = peekRate(id);
  const beta = peekRate(powerId);
  const meanDelta = meanDetectable(1, n, alpha, beta);
  const squareDelta = meanDetectable(Math.SQRT2, n, alpha, beta);

  it('has the N(0, 1) distribution (DKW against Φ) and moments E Z = 0, E Z² = 1', () => {
    expectPass(checkDKW({ label: 'ziggurat vs Φ', samples: z, cdf: normalCdf, alpha: rateOf(id) }));
    expectPass(checkMean({ label: 'E Z', samples: z, oracle: 0, alpha: rateOf(id), beta, detectable: meanDelta }));
    expectPass(checkMean({ label: 'E Z²', samples: map(z, (v) => v * v), oracle: 1, alpha: rateOf(id), beta, detectable: squareDelta }));
  });

  it('power: sd 1.03 fails DKW and E Z²; mean shifted by the declared δ fails E Z', () => {
    const wide = map(z, (v) => 1.03 * v);
    const distance = supDistance((x) => normalCdf(x / 1.03), normalCdf, 6);
    expectDkwRejects(checkDKW({ label: 'sd 1.03 vs Φ', samples: wide, cdf: normalCdf, alpha }), distance, rateOf(powerId));
    expectReject(checkMean({ label: 'E Z² at sd 1.03', samples: map(wide, (v) => v * v), oracle: 1, alpha, beta: rateOf(powerId), detectable: squareDelta }));
    expectReject(checkMean({ label: 'E Z shifted', samples: map(z, (v) => v + meanDelta), oracle: 0, alpha, beta: rateOf(powerId), detectable: meanDelta }));
  });

  // Tails, n = 8e6 (in chunks). Exact oracles: P(|Z| > 3) = 2Φ(−3) = 0.0026998, P(Z > 4) = Φ(−4) = 3.1671e-5.
  // P(|Z| > 3): declared δ = 10 % of p = 2.7e-4: needs n ≥ ((5.2 + 5.07)·√(0.00297)/2.7e-4)² = 4.3e6 ≤ 8e6.
  // P(Z > 4): declared δ = p (the whole tail mass, as lost by a cut tail): needs n ≥ (10.27·√(2p)/p)² = 6.7e6 ≤ 8e6.
  // A ziggurat whose tail is cut at 3.5 has P(|Z| > 3) = (2Φ(−3) − 2Φ(−3.5))/(1 − 2Φ(−3.5)) = 0.002236
  // (error 4.6e-4 > δ) and P(Z > 4) = 0 (error p = δ): both detected.
  const tailTrials = 8_000_000;
  const pAbove3 = 2 * normalCdf(-3);
  const pAbove4 = normalCdf(-4);
  function tailCounts(draw: (stream: Stream, out: Float64Array) => void, stream: Stream) {
    const chunk = new Float64Array(1 << 20);
    let above3 = 0;
    let above4 = 0;
    for (let done = 0; done < tailTrials; done += chunk.length) {
      const m = Math.min(chunk.length, tailTrials - done);
      const part = chunk.subarray(0, m);
      draw(stream, part);
      for (let i = 0; i < m; i++) {
        const v = part[i];
        if (v > 3 || v < -3) above3++;
        if (v > 4) above4++;
      }
    }
    return { above3, above4 };
  }
  const tailCheck = (c: { above3: number; above4: number }, alphaEach: number, betaEach: number) => [
    checkProportion({ label: 'P(|Z| > 3)', successes: c.above3, trials: tailTrials, p: pAbove3, alpha: alphaEach, beta: betaEach, detectable: 0.1 * pAbove3 }),
    checkProportion({ label: 'P(Z > 4)', successes: c.above4, trials: tailTrials, p: pAbove4, alpha: alphaEach, beta: betaEach, detectable: pAbove4 }),
  ];

  it('is exact in the tails: P(|Z| > 3) and P(Z > 4) at n = 8e6', () => {
    const counts = tailCounts((s, out) => fillStandardNormal(s, out), streamFor(id, 'tails'));
    const [three, four] = tailCheck(counts, alpha, beta);
    rateOf(id);
    expectPass(three);
    rateOf(id);
    expectPass(four);
  });

  it('power: a ziggurat with the tail cut at 3.5 fails both tail checks', () => {
    const cut = (s: Stream, out: Float64Array) => {
      for (let i = 0; i < out.length; i++) {
        let v = standardNormal(s);
        while (v > 3.5 || v < -3.5) v = standardNormal(s); // the sampler never returns |Z| > 3.5
        out[i] = v;
      }
    };
    const counts = tailCounts(cut, streamFor(powerId, 'tails'));
    const [three, four] = tailCheck(counts, alpha, beta);
    rateOf(powerId);
    expectReject(three);
    rateOf(powerId);
    expectReject(four);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('gamma (Marsaglia–Tsang; log-space boost below shape 1)', () => {
  const id = 'engine.rng.gamma';
  const powerId = 'engine.rng.gamma.power';
  const alpha = peekRate(id);
  const beta = peekRate(powerId);
  const streamForLog = streamFor(id, 'log-draws');
  const wrongStream = streamFor(powerId, 'rate');
  const rootStreamPair = (shape: number) => [streamFor(id, 'pair', shape), streamFor(id, 'pair', shape)];
  // DKW sizes from the exact CDF distance between Gamma(a) and Gamma(1.03a) (gammaCdf, computed below):
  // a = 0.01: Δ = 0.0109, 0.5: 0.0123, 1: 0.0146, 3.7: 0.0242, 100: 0.118 → n = 35.7/Δ²·1.05 ≈ 3.2e5, 2.5e5,
  // 1.8e5, 6.4e4, 2.7e3 (at least 2e4 so that the mean check is informative).
  for (const shape of GAMMA_SHAPES) {
    const rate = 1;
    const wrongShape = 1.03 * shape;
    const distance = supDistance((x) => gammaCdf(x, shape, rate), (x) => gammaCdf(x, wrongShape, rate), shape + 20 * Math.sqrt(shape) + 20);
    const n = Math.max(20_000, dkwSize(distance, alpha, beta));
    it(`shape ${shape}: DKW against gammaCdf, and its mean; power: shape ×1.03 and mean ×(1 + δ) rejected (n = ${n})`, () => {
      const x = fillGamma(streamFor(id, shape), shape, rate, new Float64Array(n));
      expectPass(checkDKW({ label: `Gamma(${shape})`, samples: x, cdf: (v) => gammaCdf(v, shape, rate), alpha: rateOf(id) }));
      const wrong = fillGamma(streamFor(powerId, shape), wrongShape, rate, new Float64Array(n));
      expectDkwRejects(checkDKW({ label: `Gamma(${wrongShape}) vs Gamma(${shape})`, samples: wrong, cdf: (v) => gammaCdf(v, shape, rate), alpha }), distance, rateOf(powerId));
      if (shape >= 0.5) {
        // E X = a/rate, σ = √a/rate: relative δ = 1.5·10.5/√(n·a) (a = 0.5: 0.045; 1: 0.037; 3.7: 0.04; 100: 0.011).
        const delta = meanDetectable(Math.sqrt(shape) / rate, n, alpha, beta);
        expectPass(checkMean({ label: `E Gamma(${shape})`, samples: x, oracle: shape / rate, alpha: rateOf(id), beta, detectable: delta }));
        const scaled = map(x, (v) => v * (1 + delta / (shape / rate))); // mean off by exactly δ
        expectReject(checkMean({ label: `E Gamma(${shape}) scaled`, samples: scaled, oracle: shape / rate, alpha, beta: rateOf(powerId), detectable: delta }));
      } else {
        // Shape 0.01: X has skewness 20, so its mean is a poor CLT target; test E ln X = ψ(a) − ln rate instead
        // (ln X ≈ ln U/a is nearly −Exp(1)/a: skewness 2). σ(ln X) = √ψ′(a) ≈ 1/a = 100: δ = 1.5·10.5·100/√n = 2.8.
        const logs = fill(n, () => logGammaVariate(streamForLog, shape, rate));
        const delta = meanDetectable(1 / shape, n, alpha, beta);
        expectPass(checkMean({ label: `E ln Gamma(${shape})`, samples: logs, oracle: digamma(shape) - Math.log(rate), alpha: rateOf(id), beta, detectable: delta }));
        expectReject(checkMean({ label: `E ln Gamma(${shape}) shifted`, samples: map(logs, (v) => v + delta), oracle: digamma(shape) - Math.log(rate), alpha, beta: rateOf(powerId), detectable: delta }));
      }
    });
  }
  it('rate ≠ 1: Gamma(3.7, rate 2.5) by DKW and its mean 1.48; power: rate 2.5/1.03 rejected', () => {
    const shape = 3.7;
    const rate = 2.5;
    const wrongRate = rate / 1.03;
    const distance = supDistance((x) => gammaCdf(x, shape, rate), (x) => gammaCdf(x, shape, wrongRate), 20);
    const n = Math.max(20_000, dkwSize(distance, alpha, beta));
    const x = fillGamma(streamFor(id, 'rate'), shape, rate, new Float64Array(n));
    expectPass(checkDKW({ label: 'Gamma(3.7, 2.5)', samples: x, cdf: (v) => gammaCdf(v, shape, rate), alpha: rateOf(id) }));
    const wrong = fill(n, () => gammaVariate(wrongStream, shape, wrongRate));
    expectDkwRejects(checkDKW({ label: 'Gamma(3.7, 2.5/1.03)', samples: wrong, cdf: (v) => gammaCdf(v, shape, rate), alpha }), distance, rateOf(powerId));
    const delta = meanDetectable(Math.sqrt(shape) / rate, n, alpha, beta);
    expectPass(checkMean({ label: 'E Gamma(3.7, 2.5)', samples: x, oracle: shape / rate, alpha: rateOf(id), beta, detectable: delta }));
    expectReject(checkMean({ label: 'E Gamma(3.7, 2.5/1.03)', samples: wrong, oracle: shape / rate, alpha, beta: rateOf(powerId), detectable: delta }));
  });
  it('tiny shape 1e-3: P(X = 0) = P(G < 2^−1075) = e^(−1075·ln2·a)/Γ(1 + a) ≈ 0.4750, and E ln X = ψ(a); power: shape ×1.03', () => {
    // Below 2^−1075 a double rounds to 0, so the correctly rounded draw is 0 exactly when G < 2^−1075; the law
    // gives P(G < x) = x^a/Γ(1 + a)·(1 + O(x)) (series of the incomplete gamma function). Shape 1.03e-3 moves
    // this to 0.4645 (error 0.0105). Declared δ = 0.0095: n ≥ (10.5·0.5/0.0095)² = 3.1e5; we use 3.5e5.
    // E ln X = ψ(1e-3) = −1000.42; σ(ln X) ≈ 1/a = 1000: δ = 1.5·10.64·1000/√3.5e5 = 27.0 < 29.1 = |ψ(1.03e-3) − ψ(1e-3)|.
    const shape = 1e-3;
    const n = 350_000;
    const pZero = (a: number) => Math.exp(-1075 * Math.LN2 * a - logGamma(1 + a));
    const zeroDelta = 0.0095;
    const logDelta = meanDetectable(1 / shape, n, alpha, beta);
    const run = (a: number, stream: Stream) => {
      const logs = new Float64Array(n);
      let zeros = 0;
      for (let i = 0; i < n; i++) {
        logs[i] = logGammaVariate(stream, a);
        if (Math.exp(logs[i]) === 0) zeros++;
      }
      return { logs, zeros };
    };
    // gammaVariate and logGammaVariate consume the stream identically; gammaVariate is exp of the log draw:
    const a = rootStreamPair(shape);
    for (let i = 0; i < 1000; i++) expect(gammaVariate(a[0], shape)).toBe(Math.exp(logGammaVariate(a[1], shape)));
    const good = run(shape, streamFor(id, 'tiny'));
    expectPass(checkProportion({ label: 'P(X = 0), shape 1e-3', successes: good.zeros, trials: n, p: pZero(shape), alpha: rateOf(id), beta, detectable: zeroDelta }));
    expectPass(checkMean({ label: 'E ln X, shape 1e-3', samples: good.logs, oracle: digamma(shape), alpha: rateOf(id), beta, detectable: logDelta }));
    const wrongShape = 1.03 * shape;
    expect(Math.abs(pZero(wrongShape) - pZero(shape))).toBeGreaterThan(zeroDelta);
    expect(Math.abs(digamma(wrongShape) - digamma(shape))).toBeGreaterThan(logDelta);
    const bad = run(wrongShape, streamFor(powerId, 'tiny'));
    expectReject(checkProportion({ label: 'P(X = 0), shape 1.03e-3', successes: bad.zeros, trials: n, p: pZero(shape), alpha, beta: rateOf(powerId), detectable: zeroDelta }));
    expectReject(checkMean({ label: 'E ln X, shape 1.03e-3', samples: bad.logs, oracle: digamma(shape), alpha, beta: rateOf(powerId), detectable: logDelta }));
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('chi-squared (Gamma(df/2, 1/2))', () => {
  const id = 'engine.rng.chiSquared';
  const powerId = 'engine.rng.chiSquared.power';
  const alpha = peekRate(id);
  const beta = peekRate(powerId);
  // df ×1.03 moves the CDF by Δ = 0.0123 (df 1), 0.0204 (df 5), 0.047 (df 30.5) → n = 2.6e5, 9.4e4, 1.8e4 (≥ 2e4).
  // Mean df, σ = √(2df): relative δ = 1.5·z·√(2/(n·df)).
  for (const df of CHI_SQUARED_DFS) {
    const wrongDf = 1.03 * df;
    const distance = supDistance((x) => chiSquaredCdf(x, df), (x) => chiSquaredCdf(x, wrongDf), df + 20 * Math.sqrt(df) + 20);
    const n = Math.max(20_000, dkwSize(distance, alpha, beta));
    it(`df ${df}: DKW against chiSquaredCdf and E X = df; power: df ×1.03, mean ×(1 + δ) (n = ${n})`, () => {
      const s = streamFor(id, df);
      const x = fill(n, () => chiSquaredVariate(s, df));
      expectPass(checkDKW({ label: `χ²(${df})`, samples: x, cdf: (v) => chiSquaredCdf(v, df), alpha: rateOf(id) }));
      const delta = meanDetectable(Math.sqrt(2 * df), n, alpha, beta);
      expectPass(checkMean({ label: `E χ²(${df})`, samples: x, oracle: df, alpha: rateOf(id), beta, detectable: delta }));
      const w = streamFor(powerId, df);
      const wrong = fill(n, () => chiSquaredVariate(w, wrongDf));
      expectDkwRejects(checkDKW({ label: `χ²(${wrongDf}) vs χ²(${df})`, samples: wrong, cdf: (v) => chiSquaredCdf(v, df), alpha }), distance, rateOf(powerId));
      expectReject(checkMean({ label: `E χ² scaled`, samples: map(x, (v) => v * (1 + delta / df)), oracle: df, alpha, beta: rateOf(powerId), detectable: delta }));
    });
  }
});

// ---------------------------------------------------------------------------------------------------------

describe('Poisson (inversion below 10, PTRS from 10)', () => {
  const id = 'engine.rng.poisson';
  const powerId = 'engine.rng.poisson.power';
  const alpha = peekRate(id);
  const beta = peekRate(powerId);
  // Discrete DKW compares F at the integers. Mean ×1.02 moves the CDF by Δ = 0.0069 (λ = 0.7), 0.025 (9.99, 10),
  // 0.049 (37.5), 0.25 (1e3), 1 (1e6) → n = 35.7/Δ²·1.05 = 7.9e5, 6.0e4, 1.6e4, … (at least 2e4).
  // λ = 1e-3: ×1.02 moves F(0) by only 2e-5 (needs n ≈ 1e11); the DKW check there is shown to detect a
  // mean of 8e-3 instead (F(0) error 0.0070 > ε_α + ε_β = 0.0059 at n = 1e6), and E K detects a relative error
  // of δ/λ = 1.5·z/√(nλ) = 0.5.
  // E K = λ, σ = √λ: relative δ = 1.5·z/√(nλ) (λ = 0.7: 0.022; 10: 0.02; 1e6: 4e-4).
  for (const mean of POISSON_MEANS) {
    const wrongMean = mean === 1e-3 ? 8e-3 : 1.02 * mean;
    // sup over a grid of integers (stride ≈ √λ/20 for large λ): a lower bound of the true distance, the safe side.
    let distance = 0;
    const lo = Math.max(0, Math.floor(mean - 8 * Math.sqrt(mean) - 5));
    const stride = Math.max(1, Math.floor(Math.sqrt(mean) / 20));
    for (let k = lo; k <= wrongMean + 8 * Math.sqrt(wrongMean) + 5; k += stride) distance = Math.max(distance, Math.abs(poissonCdf(k, mean) - poissonCdf(k, wrongMean)));
    const n = mean === 1e-3 ? 1_000_000 : Math.max(20_000, dkwSize(distance, alpha, beta));
    it(`mean ${mean}: DKW against poissonCdf at the integers and E K = λ; power: mean ${mean === 1e-3 ? '8e-3' : '×1.02'} (n = ${n})`, () => {
      const s = streamFor(id, mean);
      const k = fill(n, () => poissonVariate(s, mean));
      for (let i = 0; i < n; i++) if (!Number.isInteger(k[i]) || k[i] < 0) throw new Error(`non-integer draw ${k[i]}`);
      const cdf = (v: number) => poissonCdf(v, mean);
      expectPass(checkDKW({ label: `Poisson(${mean})`, samples: k, cdf, alpha: rateOf(id), discrete: true }));
      const delta = meanDetectable(Math.sqrt(mean), n, alpha, beta);
      expectPass(checkMean({ label: `E Poisson(${mean})`, samples: k, oracle: mean, alpha: rateOf(id), beta, detectable: delta }));
      const w = streamFor(powerId, mean);
      const wrong = fill(n, () => poissonVariate(w, wrongMean));
      expectDkwRejects(checkDKW({ label: `Poisson(${wrongMean}) vs Poisson(${mean})`, samples: wrong, cdf, alpha, discrete: true }), distance, rateOf(powerId));
      // Mean off by exactly δ: Poisson(λ + δ) itself (a sampler with the wrong mean).
      const shifted = fill(n, () => poissonVariate(w, mean + delta));
      expectReject(checkMean({ label: `E Poisson(${mean} + δ)`, samples: shifted, oracle: mean, alpha, beta: rateOf(powerId), detectable: delta }));
    });
  }

  it('mean 1e9 (PTRS, Loader saddle point): E K = λ and Var K = λ; power: mean ×(1 + 1e-4), variance ×1.1', () => {
    // poissonCdf is too slow at 1e9 for DKW; the two moments are checked instead. n = 2e4:
    // E K: σ = √λ = 31623, δ = 1.5·z·σ/√n = 3.5e3 (relative 3.5e-6). E (K − λ)²: σ = √(2λ² + λ) ≈ 1.414e9,
    // δ = 1.5·z·σ/√n = 0.16·λ (relative 16 %).
    const mean = 1e9;
    const n = 20_000;
    const s = streamFor(id, mean);
    const k = fill(n, () => poissonVariate(s, mean));
    const meanDelta = meanDetectable(Math.sqrt(mean), n, alpha, beta);
    const varDelta = meanDetectable(Math.sqrt(2 * mean * mean + mean), n, alpha, beta);
    const squares = map(k, (v) => (v - mean) ** 2);
    expectPass(checkMean({ label: 'E Poisson(1e9)', samples: k, oracle: mean, alpha: rateOf(id), beta, detectable: meanDelta }));
    expectPass(checkMean({ label: 'Var Poisson(1e9)', samples: squares, oracle: mean, alpha: rateOf(id), beta, detectable: varDelta }));
    const w = streamFor(powerId, mean);
    const wrong = fill(n, () => poissonVariate(w, mean + meanDelta));
    expectReject(checkMean({ label: 'E Poisson(1e9 + δ)', samples: wrong, oracle: mean, alpha, beta: rateOf(powerId), detectable: meanDelta }));
    // Spread too wide by the declared δ: K' = λ + (K − λ)·√(1 + δ/λ).
    const widened = map(k, (v) => ((v - mean) * Math.sqrt(1 + varDelta / mean)) ** 2);
    expectReject(checkMean({ label: 'Var of a widened Poisson(1e9)', samples: widened, oracle: mean, alpha, beta: rateOf(powerId), detectable: varDelta }));
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('Bernoulli', () => {
  const id = 'engine.rng.bernoulli';
  const powerId = 'engine.rng.bernoulli.power';
  // n = 1.2e6; declared δ: p = 0.3: 0.0075 (needs ((5.1 + 5.4)·0.46/0.0075)² = 4.2e5); p = 1e-3 and 0.999: 4e-4
  // (needs (10.5·√(1.4e-3)/4e-4)² = 9.6e5). The wrong sampler is Bernoulli(p + δ) (p − δ for 0.999).
  const n = 1_200_000;
  const deltas: Record<number, number> = { 0.3: 0.0075, 1e-3: 4e-4, 0.999: 4e-4 };
  for (const p of BERNOULLI_PS) {
    it(`p = ${p}: Clopper–Pearson; power: p ${p > 0.5 ? '−' : '+'} ${deltas[p]} rejected`, () => {
      const count = (q: number, stream: Stream) => {
        let ones = 0;
        for (let i = 0; i < n; i++) ones += bernoulliVariate(stream, q);
        return ones;
      };
      const delta = deltas[p];
      const alpha = peekRate(id);
      expectPass(checkProportion({ label: `Bernoulli(${p})`, successes: count(p, streamFor(id, p)), trials: n, p, alpha: rateOf(id), beta: peekRate(powerId), detectable: delta }));
      const wrong = p > 0.5 ? p - delta : p + delta;
      expectReject(checkProportion({ label: `Bernoulli(${wrong}) vs ${p}`, successes: count(wrong, streamFor(powerId, p)), trials: n, p, alpha, beta: rateOf(powerId), detectable: delta }));
    });
  }
  it('p = 0 and p = 1 are exact (no draw ever differs)', () => {
    const s = streamFor(id, 'exact');
    let ones = 0;
    let zeros = 0;
    for (let i = 0; i < 100_000; i++) {
      ones += bernoulliVariate(s, 0);
      zeros += 1 - bernoulliVariate(s, 1);
    }
    expect([ones, zeros]).toEqual([0, 0]);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('categorical (Vose alias table)', () => {
  const id = 'engine.rng.categorical';
  const powerId = 'engine.rng.categorical.power';
  const n = 1_000_000;
  const total = CATEGORICAL_WEIGHTS.reduce((a, b) => a + b, 0);
  const probabilities = Array.from(CATEGORICAL_WEIGHTS, (w) => w / total);
  // Per cell, declared δ_i = 1.2·(z_{1−α/2} + z_{1−β})·√(q_i(1 − q_i))/√n with q_i = p_i + δ_i solved by
  // iteration (largest cell p = 0.424: δ = 0.0063; cell p = 8.5e-4: δ = 4.1e-4).
  const alpha = peekRate(id);
  const beta = peekRate(powerId);
  const z = zSum(alpha, beta);
  const cellDelta = (p: number) => {
    let delta = (1.2 * z * Math.sqrt(p * (1 - p))) / Math.sqrt(n);
    for (let k = 0; k < 20; k++) {
      const q = Math.min(0.5, p + delta);
      delta = (1.2 * z * Math.sqrt(Math.max(p * (1 - p), q * (1 - q)))) / Math.sqrt(n);
    }
    return delta;
  };
  const counts = (weights: Float64Array, stream: Stream) => {
    const draws = fillCategorical(stream, aliasTable(weights), new Float64Array(n));
    const c = new Float64Array(weights.length);
    for (let i = 0; i < n; i++) c[draws[i]]++;
    return c;
  };

  it('every cell has probability w_i/Σw (Clopper–Pearson per cell); a zero weight is never drawn', () => {
    const c = counts(CATEGORICAL_WEIGHTS, streamFor(id, 'main'));
    for (let i = 0; i < CATEGORICAL_WEIGHTS.length; i++) {
      if (CATEGORICAL_WEIGHTS[i] === 0) {
        expect(c[i]).toBe(0); // exact: a zero weight has keep-probability 0 and is never an alias
        continue;
      }
      expectPass(checkProportion({ label: `cell ${i}`, successes: c[i], trials: n, p: probabilities[i], alpha: rateOf(id), beta, detectable: cellDelta(probabilities[i]) }));
    }
  });

  it('power: moving the declared δ of probability from cell 0 to cell 2 is rejected in both cells', () => {
    const delta = Math.max(cellDelta(probabilities[0]), cellDelta(probabilities[2]));
    const wrong = Float64Array.from(probabilities);
    wrong[0] -= delta;
    wrong[2] += delta;
    const c = counts(wrong, streamFor(powerId, 'shifted'));
    expectReject(checkProportion({ label: 'cell 0 (shifted)', successes: c[0], trials: n, p: probabilities[0], alpha, beta: rateOf(powerId), detectable: delta }));
    expectReject(checkProportion({ label: 'cell 2 (shifted)', successes: c[2], trials: n, p: probabilities[2], alpha, beta: rateOf(powerId), detectable: delta }));
  });
});

// ---------------------------------------------------------------------------------------------------------

/** Σ = L Lᵀ by its definition Σ_ij = Σ_k L_ik L_jk. */
function outerLower(lower: Float64Array, d: number): Float64Array {
  const s = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) s[i * d + j] += lower[i * d + k] * lower[j * d + k];
  return s;
}

describe('multivariate normal (μ + L z)', () => {
  const id = 'engine.rng.multivariateNormal';
  const powerId = 'engine.rng.multivariateNormal.power';
  const d = 3;
  const mu = new Float64Array([1, -2, 0.5]);
  const lower = new Float64Array([2, 0, 0, 0.6, 1.5, 0, -0.4, 0.3, 0.8]);
  const sigma = outerLower(lower, d);
  const n = 200_000;
  const alpha = peekRate(id);
  const beta = peekRate(powerId);
  // E x_i = μ_i: σ = √Σ_ii, δ_i = 1.5·z·√Σ_ii/√n (≈ 0.071 for Σ_00 = 4).
  // E (x_i − μ_i)(x_j − μ_j) = Σ_ij: by Isserlis Var = Σ_ii Σ_jj + Σ_ij², δ_ij = 1.5·z·√(Σ_ii Σ_jj + Σ_ij²)/√n.
  const meanDelta = (i: number) => meanDetectable(Math.sqrt(sigma[i * d + i]), n, alpha, beta);
  const productDelta = (i: number, j: number) => meanDetectable(Math.sqrt(sigma[i * d + i] * sigma[j * d + j] + sigma[i * d + j] ** 2), n, alpha, beta);
  const column = (x: Float64Array, f: (row: Float64Array) => number) => {
    const out = new Float64Array(n);
    for (let r = 0; r < n; r++) out[r] = f(x.subarray(r * d, r * d + d));
    return out;
  };

  it('means μ_i and covariances Σ_ij = (L Lᵀ)_ij (checkMean of products)', () => {
    const out = new Float64Array(n * d);
    const x = fillMultivariateNormal(streamFor(id, 'main'), mu, lower, n, out);
    expect(x).toBe(out);
    for (let i = 0; i < d; i++) {
      expectPass(checkMean({ label: `E x_${i}`, samples: column(x, (r) => r[i]), oracle: mu[i], alpha: rateOf(id), beta, detectable: meanDelta(i) }));
    }
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++) {
        const products = column(x, (r) => (r[i] - mu[i]) * (r[j] - mu[j]));
        expectPass(checkMean({ label: `Σ_${i}${j}`, samples: products, oracle: sigma[i * d + j], alpha: rateOf(id), beta, detectable: productDelta(i, j) }));
      }
    }
  });

  it('power: μ_0 off by δ_0 fails E x_0; L_10 changed so that Σ_10 is off by δ_10 fails the Σ_10 check', () => {
    const shiftedMu = Float64Array.from(mu);
    shiftedMu[0] += meanDelta(0);
    const a = fillMultivariateNormal(streamFor(powerId, 'mean'), shiftedMu, lower, n);
    expectReject(checkMean({ label: 'E x_0 (μ shifted)', samples: column(a, (r) => r[0]), oracle: mu[0], alpha, beta: rateOf(powerId), detectable: meanDelta(0) }));
    // Σ_10 = L_10·L_00: raising L_10 by δ/L_00 raises Σ_10 by δ (and Σ_11 slightly; Σ_10 is the tested entry).
    const wrongLower = Float64Array.from(lower);
    const delta = productDelta(1, 0);
    wrongLower[3] += delta / lower[0];
    const b = fillMultivariateNormal(streamFor(powerId, 'cov'), mu, wrongLower, n);
    expectReject(checkMean({ label: 'Σ_10 (L perturbed)', samples: column(b, (r) => (r[1] - mu[1]) * (r[0] - mu[0])), oracle: sigma[3], alpha, beta: rateOf(powerId), detectable: delta }));
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('Wishart (Bartlett)', () => {
  const id = 'engine.rng.wishart';
  const powerId = 'engine.rng.wishart.power';
  const d = 3;
  const lower = new Float64Array([1.2, 0, 0, 0.5, 0.9, 0, -0.3, 0.4, 0.7]);
  const scale = outerLower(lower, d); // V
  const n = 60_000;
  const alpha = peekRate(id);
  const beta = peekRate(powerId);
  const pairs: [number, number][] = [];
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) pairs.push([i, j]);
  const variance = (df: number, i: number, j: number) => df * (scale[i * d + j] ** 2 + scale[i * d + i] * scale[j * d + j]);
  const draws = (df: number, stream: Stream, sampler = wishartVariate) => {
    const out = new Float64Array(n * d * d);
    for (let r = 0; r < n; r++) sampler(stream, lower, d, df, out.subarray(r * d * d, (r + 1) * d * d));
    return out;
  };
  const entry = (w: Float64Array, i: number, j: number, f: (v: number) => number = (v) => v) => {
    const out = new Float64Array(n);
    for (let r = 0; r < n; r++) out[r] = f(w[r * d * d + i * d + j]);
    return out;
  };

  for (const df of WISHART_DFS) {
    // E W_ij = df·V_ij with σ_ij² = df(V_ij² + V_ii V_jj): δ_ij = 1.5·z·σ_ij/√n (relative ≈ 4–9 % at n = 6e4).
    // E (W_ij − df V_ij)² = σ_ij²: the sd of that square is estimated by a pilot run on a separate stream
    // (same n), and δ = 1.5·z·sd_pilot/√n (relative ≈ 10–25 %).
    it(`df = ${df} (d = 3): E W_ij = df·V_ij and Var W_ij = df(V_ij² + V_ii V_jj) for every i ≤ j`, () => {
      const w = draws(df, streamFor(id, df));
      const pilot = draws(df, streamFor(id, df, 'pilot'));
      for (const [i, j] of pairs) {
        const m = df * scale[i * d + j];
        const sd = Math.sqrt(variance(df, i, j));
        expectPass(checkMean({ label: `E W_${i}${j}`, samples: entry(w, i, j), oracle: m, alpha: rateOf(id), beta, detectable: meanDetectable(sd, n, alpha, beta) }));
        const pilotSquares = entry(pilot, i, j, (v) => (v - m) ** 2);
        let s2 = 0;
        let s1 = 0;
        for (const v of pilotSquares) {
          s1 += v;
          s2 += v * v;
        }
        const pilotSd = Math.sqrt(s2 / n - (s1 / n) ** 2);
        expectPass(checkMean({ label: `Var W_${i}${j}`, samples: entry(w, i, j, (v) => (v - m) ** 2), oracle: sd * sd, alpha: rateOf(id), beta, detectable: meanDetectable(pilotSd, n, alpha, beta) }));
      }
    });
  }

  it('power: the classic off-by-one A_ii² ~ χ²_df (instead of χ²_{df−i}) fails E W_22; W shifted by δ fails E W_01; a widened W fails Var W_00', () => {
    const df = 5.5;
    // Under the bug E[A Aᵀ] = diag(df, df + 1, df + 2), so E W = df·V + L diag(0, 1, 2) Lᵀ: E W_22 is off by
    // L_21² + 2 L_22² = 0.16 + 0.98 = 1.14, far above δ_22 = 1.5·10.6·√(5.5·2·0.74²)/√6e4 = 0.16.
    const buggy = (stream: Stream, l: Float64Array, dim: number, nu: number, out?: Float64Array) => {
      const a = new Float64Array(dim * dim);
      for (let i = 0; i < dim; i++) {
        a[i * dim + i] = Math.sqrt(chiSquaredVariate(stream, nu)); // BUG on purpose: should be nu − i
        for (let j = 0; j < i; j++) a[i * dim + j] = standardNormal(stream);
      }
      const b = new Float64Array(dim * dim);
      for (let i = 0; i < dim; i++) for (let j = 0; j <= i; j++) for (let k = j; k <= i; k++) b[i * dim + j] += l[i * dim + k] * a[k * dim + j];
      const target = out ?? new Float64Array(dim * dim);
      for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) {
        let sum = 0;
        for (let k = 0; k < dim; k++) sum += b[i * dim + k] * b[j * dim + k];
        target[i * dim + j] = sum;
      }
      return target;
    };
    const w = draws(df, streamFor(powerId, 'bug'), buggy);
    const sd22 = Math.sqrt(variance(df, 2, 2));
    const delta22 = meanDetectable(sd22, n, alpha, beta);
    expect(lower[7] ** 2 + 2 * lower[8] ** 2).toBeGreaterThan(delta22);
    expectReject(checkMean({ label: 'E W_22 (off-by-one Bartlett)', samples: entry(w, 2, 2), oracle: df * scale[8], alpha, beta: rateOf(powerId), detectable: delta22 }));
    // A sampler whose W_01 is off by exactly the declared δ_01.
    const good = draws(df, streamFor(powerId, 'shift'));
    const delta01 = meanDetectable(Math.sqrt(variance(df, 0, 1)), n, alpha, beta);
    expectReject(checkMean({ label: 'E W_01 + δ', samples: entry(good, 0, 1, (v) => v + delta01), oracle: df * scale[1], alpha, beta: rateOf(powerId), detectable: delta01 }));
    // Var W_00 too large by the declared δ: W'_00 = m + (W_00 − m)·√(1 + δ/Var W_00). Here W_00 = V_00·χ²_df exactly,
    // so sd((W_00 − m)²) = V_00²·√(8df² + 48df) (central moments of χ²_k: μ₄ = 12k(k + 4), so Var((χ² − k)²) =
    // 12k(k + 4) − 4k²): δ = 1.5·10.6·√(8·5.5² + 48·5.5)·V_00²/√6e4 ≈ 0.14·Var W_00 (Var W_00 = 2·df·V_00²).
    const m00 = df * scale[0];
    const var00 = variance(df, 0, 0);
    const sdSquare00 = Math.sqrt(8 * df * df + 48 * df) * scale[0] ** 2;
    const delta00 = meanDetectable(sdSquare00, n, alpha, beta);
    const widened = entry(good, 0, 0, (v) => ((v - m00) * Math.sqrt(1 + delta00 / var00)) ** 2);
    expectReject(checkMean({ label: 'Var W_00 + δ', samples: widened, oracle: var00, alpha, beta: rateOf(powerId), detectable: delta00 }));
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('budget', () => {
  it('made exactly the planned number of assertions per check id (so the Bonferroni split is honest)', () => {
    expect(used).toEqual(PLAN);
  });
});
