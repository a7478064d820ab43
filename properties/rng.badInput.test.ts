/**
 * Bad input to the samplers of src/rng: every invalid parameter throws InvalidArgumentError naming the parameter
 * (and the value); numerical overflow throws NumericalError('overflow'); valid edge cases return finite values,
 * never NaN. Deterministic.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';
import { rootKey } from '../src/rng/stream.js';
import { fillStandardNormal, standardNormal } from '../src/rng/normal.js';
import { fillGamma, gammaVariate, logGammaVariate } from '../src/rng/gamma.js';
import { chiSquaredVariate } from '../src/rng/chiSquared.js';
import { POISSON_MAX_MEAN, poissonVariate } from '../src/rng/poisson.js';
import { bernoulliVariate } from '../src/rng/bernoulli.js';
import { aliasTable, fillCategorical, sampleAlias, type AliasTable } from '../src/rng/categorical.js';
import { fillMultivariateNormal } from '../src/rng/multivariateNormal.js';
import { wishartVariate } from '../src/rng/wishart.js';
import { refused } from './helpers/refused.js';

const stream = () => rootKey('rng-bad-input').stream();

const nonFinite = [NaN, Infinity, -Infinity];
const notPositive = [0, -0, -1, -1e-300, ...nonFinite];

describe('normal', () => {
  it('fillStandardNormal validates out, start and end', () => {
    refused(() => fillStandardNormal(stream(), [1, 2] as unknown as Float64Array), 'out');
    refused(() => fillStandardNormal(stream(), new Float64Array(4), 0, 5), 'end');
    refused(() => fillStandardNormal(stream(), new Float64Array(4), 3, 2), 'start');
    refused(() => fillStandardNormal(stream(), new Float64Array(4), -1), 'start');
    refused(() => fillStandardNormal(stream(), new Float64Array(4), 0.5), 'start');
    refused(() => fillStandardNormal(stream(), new Float64Array(4), 0, NaN), 'end');
    expect(fillStandardNormal(stream(), new Float64Array(0)).length).toBe(0);
    expect(Number.isFinite(standardNormal(stream()))).toBe(true);
  });
});

describe('gamma and chi-squared', () => {
  it('shape, rate and df must be finite and > 0', () => {
    for (const bad of notPositive) {
      refused(() => gammaVariate(stream(), bad), 'shape');
      refused(() => gammaVariate(stream(), 2, bad), 'rate');
      refused(() => logGammaVariate(stream(), bad), 'shape');
      refused(() => fillGamma(stream(), bad, 1, new Float64Array(2)), 'shape');
      refused(() => fillGamma(stream(), 1, bad, new Float64Array(2)), 'rate');
      refused(() => chiSquaredVariate(stream(), bad), 'df');
    }
    refused(() => gammaVariate(stream(), '2' as unknown as number), 'shape');
    refused(() => fillGamma(stream(), 1, 1, null as unknown as Float64Array), 'out');
  });

  it('extreme but valid parameters give finite, non-negative draws (never NaN); overflow is reported', () => {
    const s = stream();
    for (const shape of [1e-300, 1e-10, 1e-3, 0.999999, 1, 1.000001, 1e6, 1e15]) {
      for (let i = 0; i < 50; i++) {
        const x = gammaVariate(s, shape);
        expect(x >= 0 && Number.isFinite(x), `Gamma(${shape}) gave ${x}`).toBe(true);
        expect(Number.isNaN(logGammaVariate(s, shape))).toBe(false);
      }
    }
    // Shape 1e-300: ln X ≈ (ln U)/a ≈ −1e300 → X underflows to exactly 0 (the correctly rounded value); the log is finite.
    expect(gammaVariate(s, 1e-300)).toBe(0);
    expect(Number.isFinite(logGammaVariate(s, 1e-300))).toBe(true);
    expect(() => gammaVariate(s, 1e6, 1e-310)).toThrow(NumericalError);
    let kind: unknown;
    try {
      fillGamma(s, 2, 1e-320, new Float64Array(3));
    } catch (error) {
      kind = (error as NumericalError).kind;
    }
    expect(kind).toBe('overflow');
    expect(Number.isFinite(chiSquaredVariate(s, 1e-8))).toBe(true);
  });
});

describe('Poisson', () => {
  it(`mean must be finite and in [0, ${POISSON_MAX_MEAN}]`, () => {
    for (const bad of [-1, -1e-300, 1e12 * 1.0000001, 1e13, ...nonFinite]) refused(() => poissonVariate(stream(), bad), 'mean');
    refused(() => poissonVariate(stream(), '3' as unknown as number), 'mean');
  });
  it('valid edge means give non-negative integers: 0 → 0, 1e-300, 9.999999, 10, 1e12', () => {
    const s = stream();
    expect(poissonVariate(s, 0)).toBe(0);
    expect(poissonVariate(s, -0)).toBe(0);
    for (const mean of [1e-300, 1e-3, 9.999999, 10, 1e9, POISSON_MAX_MEAN]) {
      for (let i = 0; i < 200; i++) {
        const k = poissonVariate(s, mean);
        if (!(Number.isSafeInteger(k) && k >= 0)) throw new Error(`Poisson(${mean}) gave ${k}`);
        if (mean >= 1e9 && Math.abs(k - mean) > 10 * Math.sqrt(mean)) throw new Error(`Poisson(${mean}) gave ${k}: beyond 10 sd`);
      }
    }
  });
});

describe('Bernoulli', () => {
  it('p must be in [0, 1]', () => {
    for (const bad of [-1e-12, 1 + 1e-12, 2, ...nonFinite]) refused(() => bernoulliVariate(stream(), bad), 'p');
  });
});

describe('categorical', () => {
  it('weights: a non-empty Float64Array of finite, non-negative numbers, not all zero', () => {
    refused(() => aliasTable([1, 2] as unknown as Float64Array), 'weights');
    refused(() => aliasTable(new Float64Array(0)), 'weights.length');
    refused(() => aliasTable(new Float64Array([0, 0, 0])), 'weights');
    refused(() => aliasTable(new Float64Array([1, -0.5])), 'weights[1]');
    refused(() => aliasTable(new Float64Array([1, NaN])), 'weights[1]');
    refused(() => aliasTable(new Float64Array([Infinity, 1])), 'weights[0]');
  });

  it('huge and tiny weights do not overflow: [1e308, 1e308, 1e-300] gives probabilities ½, ½, ~0 exactly as a table', () => {
    const table = aliasTable(new Float64Array([1e308, 1e308, 1e-300]));
    for (let i = 0; i < 3; i++) expect(Number.isFinite(table.probability[i]) && table.probability[i] >= 0 && table.probability[i] <= 1).toBe(true);
    // Implied law: P(i) = (probability[i] + Σ_{s: alias[s] = i} (1 − probability[s]))/n.
    const implied = [0, 0, 0];
    for (let c = 0; c < 3; c++) {
      implied[c] += table.probability[c] / 3;
      implied[table.alias[c]] += (1 - table.probability[c]) / 3;
    }
    expect(implied[0]).toBeCloseTo(0.5, 14);
    expect(implied[1]).toBeCloseTo(0.5, 14);
    expect(implied[2]).toBeLessThan(1e-300);
  });

  it('the alias table reproduces every weight vector exactly (property: implied law = w/Σw to 1e-12)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 40 }), (weights) => {
        fc.pre(weights.some((w) => w > 0));
        const w = Float64Array.from(weights);
        const table = aliasTable(w);
        const total = weights.reduce((a, b) => a + b, 0);
        const implied = new Float64Array(w.length);
        for (let c = 0; c < w.length; c++) {
          implied[c] += table.probability[c] / w.length;
          implied[table.alias[c]] += (1 - table.probability[c]) / w.length;
        }
        for (let i = 0; i < w.length; i++) {
          if (Math.abs(implied[i] - w[i] / total) > 1e-12) return false;
          if (w[i] === 0 && implied[i] !== 0) return false;
        }
        return true;
      }),
      { numRuns: 300, seed: 20240601 },
    );
  });

  it('sampleAlias and fillCategorical reject a table not built by aliasTable, and a bad out', () => {
    const fake = { size: 2, probability: new Float64Array(1), alias: new Int32Array(2) } as AliasTable;
    refused(() => sampleAlias(fake, stream()), 'table');
    refused(() => fillCategorical(stream(), null as unknown as AliasTable, new Float64Array(2)), 'table');
    refused(() => fillCategorical(stream(), aliasTable(new Float64Array([1])), [0] as unknown as Float64Array), 'out');
    expect(sampleAlias(aliasTable(new Float64Array([3])), stream())).toBe(0);
  });
});

describe('multivariate normal', () => {
  const mu = new Float64Array([0, 1]);
  const lower = new Float64Array([1, 0, 0.5, 2]);
  it('validates mean, lower (finite, d×d, lower-triangular), rows and out', () => {
    refused(() => fillMultivariateNormal(stream(), new Float64Array(0), lower, 1), 'mean');
    refused(() => fillMultivariateNormal(stream(), [0, 1] as unknown as Float64Array, lower, 1), 'mean');
    refused(() => fillMultivariateNormal(stream(), new Float64Array([0, NaN]), lower, 1), 'mean[1]');
    refused(() => fillMultivariateNormal(stream(), mu, new Float64Array([1, 0, 0.5]), 1), 'lower.length');
    refused(() => fillMultivariateNormal(stream(), mu, new Float64Array([1, 0, Infinity, 2]), 1), 'lower[2]');
    // Σ passed instead of its Cholesky factor: the upper triangle is not zero.
    refused(() => fillMultivariateNormal(stream(), mu, new Float64Array([1, 0.5, 0.5, 2]), 1), 'lower[1]');
    for (const bad of [-1, 1.5, NaN, Infinity]) refused(() => fillMultivariateNormal(stream(), mu, lower, bad), 'rows');
    refused(() => fillMultivariateNormal(stream(), mu, lower, 3, new Float64Array(5)), 'out.length');
    expect(fillMultivariateNormal(stream(), mu, lower, 0).length).toBe(0);
  });
});

describe('Wishart', () => {
  const lower = new Float64Array([1, 0, 0, 0.3, 1, 0, 0.1, 0.2, 1]);
  it('df must be finite and > d − 1; d a positive integer; lower d×d lower-triangular; out long enough', () => {
    for (const bad of [2, 1.5, 0, -1, NaN, Infinity]) refused(() => wishartVariate(stream(), lower, 3, bad), 'df');
    for (const bad of [0, -1, 2.5, NaN]) refused(() => wishartVariate(stream(), lower, bad, 5), 'd');
    refused(() => wishartVariate(stream(), lower, 2, 5), 'lower.length');
    refused(() => wishartVariate(stream(), new Float64Array([1, 0.3, 0, 0.3, 1, 0, 0.1, 0.2, 1]), 3, 5), 'lower[1]');
    refused(() => wishartVariate(stream(), lower, 3, 5, new Float64Array(8)), 'out.length');
  });
  it('df just above d − 1 gives a finite symmetric draw', () => {
    const s = stream();
    for (let i = 0; i < 100; i++) {
      const w = wishartVariate(s, lower, 3, 2 + 1e-9);
      for (let k = 0; k < 9; k++) expect(Number.isFinite(w[k])).toBe(true);
      expect(w[1]).toBe(w[3]);
      expect(w[2]).toBe(w[6]);
      expect(w[5]).toBe(w[7]);
    }
  });
});
