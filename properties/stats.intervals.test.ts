/**
 * The statistical layer's deterministic pieces against independent references: exact closed forms of the
 * Clopper–Pearson interval at k = 0 and k = n, a published interval, the textbook sample-size formula, and
 * two-pass moments.
 */
import { describe, expect, it } from 'vitest';
import { clopperPearson } from '../src/stats/clopperPearson.js';
import { requiredReplications } from '../src/stats/power.js';
import { OnlineMoments, summarize } from '../src/stats/welford.js';
import { batchMeansVariance, timeAverage } from '../src/stats/timeAverage.js';
import { dkwEpsilon } from '../src/stats/checkDKW.js';
import { zUpper } from '../src/stats/quantiles.js';
import { boundedMeanHalfWidth } from '../src/stats/checkBoundedMean.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('Clopper–Pearson', () => {
  it('has the closed forms 1 − (α/2)^(1/n) at k = 0 and (α/2)^(1/n) at k = n', () => {
    for (const [n, alpha] of [[10, 0.05], [1000, 1e-6], [3, 0.5]] as const) {
      expect(clopperPearson(0, n, alpha)[0]).toBe(0);
      expect(rel(clopperPearson(0, n, alpha)[1], 1 - (alpha / 2) ** (1 / n))).toBeLessThan(1e-10);
      expect(rel(clopperPearson(n, n, alpha)[0], (alpha / 2) ** (1 / n))).toBeLessThan(1e-10);
      expect(clopperPearson(n, n, alpha)[1]).toBe(1);
    }
  });
  it('matches the published 95 % interval for 5/10: [0.187086, 0.812914] (e.g. R binom.test)', () => {
    const [lo, hi] = clopperPearson(5, 10, 0.05);
    expect(Math.abs(lo - 0.1870860)).toBeLessThan(5e-7);
    expect(Math.abs(hi - 0.8129140)).toBeLessThan(5e-7);
  });
  it('k = 1, n = 1: lower = α/2 exactly (the Beta(1, 1) quantile)', () => {
    expect(rel(clopperPearson(1, 1, 0.1)[0], 0.05)).toBeLessThan(1e-12);
  });
  it('rejects bad input naming the parameter', () => {
    expect(() => clopperPearson(11, 10, 0.05)).toThrow(/successes/);
    expect(() => clopperPearson(1, 0, 0.05)).toThrow(/trials/);
    expect(() => clopperPearson(1, 10, NaN)).toThrow(/alpha/);
  });
});

describe('critical values and power', () => {
  it('z_{0.025} = 1.959963984540054 and z_{0.2} = 0.8416212335729143 (published normal table)', () => {
    expect(rel(zUpper(0.025), 1.959963984540054)).toBeLessThan(1e-13);
    expect(rel(zUpper(0.2), 0.8416212335729143)).toBeLessThan(1e-12);
  });
  it('requiredReplications is the textbook n = ((z_{α/2} + z_β)σ/δ)²: 785 for σ = 1, δ = 0.1, α = 0.05, β = 0.2', () => {
    expect(requiredReplications({ sd: 1, detectable: 0.1, alpha: 0.05, beta: 0.2 })).toBe(785);
    expect(requiredReplications({ sd: 2, detectable: 0.1, alpha: 0.05, beta: 0.2 })).toBe(3140);
  });
  it('DKW ε = √(ln(2/α)/(2n)): 0.0429 for n = 1000, α = 0.05', () => {
    expect(rel(dkwEpsilon(1000, 0.05), Math.sqrt(Math.log(40) / 2000))).toBeLessThan(1e-15);
  });
  it('bounded-mean half-width is never wider than Hoeffding at α/2', () => {
    expect(boundedMeanHalfWidth(1000, 1, 0.25, 1e-3)).toBeLessThanOrEqual(Math.sqrt(Math.log(4e3) / 2000) + 1e-15);
    // small variance: empirical Bernstein is much tighter
    expect(boundedMeanHalfWidth(10000, 1, 1e-4, 1e-6)).toBeLessThan(0.25 * Math.sqrt(Math.log(4e6) / 20000));
  });
});

describe('moments', () => {
  it('Welford equals the two-pass formulas, and merging equals one pass', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 1e6 + 1e9);
    const mean = xs.reduce((a, b) => a + b) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
    const s = summarize(xs);
    expect(rel(s.mean, mean)).toBeLessThan(1e-14);
    expect(rel(s.variance, variance)).toBeLessThan(1e-9);
    const a = new OnlineMoments();
    const b = new OnlineMoments();
    xs.forEach((x, i) => (i < 300 ? a : b).push(x));
    a.merge(b);
    expect(rel(a.variance, variance)).toBeLessThan(1e-9);
    expect(a.count).toBe(1000);
  });
  it('timeAverage and batch means on exact series', () => {
    expect(timeAverage(Float64Array.of(1, 2, 3, 4), 2, 4)).toBe(3.5);
    // two batches with means 1 and 3: s² = 2, Var(x̄) = 2/2 = 1
    expect(batchMeansVariance(Float64Array.of(1, 1, 3, 3), 2)).toBe(1);
    expect(() => timeAverage(Float64Array.of(1, 2), 2)).toThrow(/start/);
  });
});

describe('p-values agree with the decisions', () => {
  it('binomial p-value: below α exactly when the Clopper–Pearson interval excludes p (exhaustive small cases)', async () => {
    const { binomialPValue } = await import('../src/stats/checkProportion.js');
    for (const n of [1, 7, 30]) for (let k = 0; k <= n; k++) for (const p of [0.01, 0.2, 0.5, 0.77]) for (const alpha of [0.01, 0.1]) {
      const [lo, hi] = clopperPearson(k, n, alpha);
      const inside = lo <= p && p <= hi;
      const pv = binomialPValue(k, n, p, 'two-sided');
      if (Math.abs(pv - alpha) > 1e-9) expect(pv > alpha).toBe(inside);
    }
  });
  it('checkMean: pass ⇔ p-value > α', async () => {
    const { checkMean } = await import('../src/stats/checkMean.js');
    for (const shift of [0, 0.01, 0.02, 0.03, 0.05]) {
      const samples = Float64Array.from({ length: 400 }, (_, i) => ((i * 0.618034) % 1) + shift);
      const r = checkMean({ label: 'p', samples, oracle: 0.5, alpha: 0.05, detectable: 0.2 });
      expect(r.pass).toBe((r.pValue as number) > 0.05);
    }
  });
});
