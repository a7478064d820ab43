/**
 * Fuzzed inputs for src/special (issue 7): every special function on arbitrary arguments (edge numbers such as
 * 0, −0, NaN, ±Infinity, 1e308, 5e-324, huge integers, and wrong types) either returns a finite value in its
 * range or throws InvalidArgumentError / NumericalError naming the parameter (contract in fuzz.harness.ts).
 * Ranges checked besides finiteness: CDFs and regularised ratios in [0, 1], quantiles of Beta in [0, 1], ψ′ > 0.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anyNumber, edgeNumber, fuzz, mostly, seedOf, expectContract, type FuzzTarget } from './fuzz.harness.js';
import {
  normalCdf, normalQuantile, logGamma, logBeta, digamma, trigamma, regularizedGammaP, regularizedGammaQ, chiSquaredCdf,
  gammaCdf, poissonCdf, regularizedBeta, regularizedBetaComplement, betaQuantile, binomialCdf,
} from '../src/special/index.js';

const RUNS = 300;

const probability = (v: unknown) => expect((v as number) >= 0 && (v as number) <= 1).toBe(true);
/** A positive parameter: modest, tiny or huge. */
const positive = fc.oneof(fc.double({ min: 1e-3, max: 100, noNaN: true }), fc.constantFrom(5e-324, 1e-300, 1e-10, 1e6, 1e12, 1e300, 1e308, Number.MAX_VALUE));
const unit = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 5e-324, 1e-300, 0.5, 1 - 2 ** -53));
const integer = fc.oneof(fc.integer({ min: -5, max: 200 }), fc.constantFrom(2 ** 31, Number.MAX_SAFE_INTEGER));

const targets: FuzzTarget[] = [
  { name: 'normalCdf', args: fc.tuple(mostly(anyNumber)), call: (x) => normalCdf(x as number), options: { check: probability } },
  { name: 'normalQuantile', args: fc.tuple(mostly(unit)), call: (p) => normalQuantile(p as number) },
  { name: 'logGamma', args: fc.tuple(mostly(positive)), call: (x) => logGamma(x as number) },
  { name: 'logBeta', args: fc.tuple(mostly(positive), mostly(positive)), call: (a, b) => logBeta(a as number, b as number) },
  { name: 'digamma', args: fc.tuple(mostly(positive)), call: (x) => digamma(x as number) },
  { name: 'trigamma', args: fc.tuple(mostly(positive)), call: (x) => trigamma(x as number), options: { check: (v) => expect(v as number).toBeGreaterThan(0) } },
  { name: 'regularizedGammaP', args: fc.tuple(mostly(positive), mostly(fc.oneof(positive, fc.constant(0)))), call: (a, x) => regularizedGammaP(a as number, x as number), options: { check: probability } },
  { name: 'regularizedGammaQ', args: fc.tuple(mostly(positive), mostly(fc.oneof(positive, fc.constant(0)))), call: (a, x) => regularizedGammaQ(a as number, x as number), options: { check: probability } },
  { name: 'chiSquaredCdf', args: fc.tuple(mostly(anyNumber), mostly(positive)), call: (x, df) => chiSquaredCdf(x as number, df as number), options: { check: probability } },
  { name: 'gammaCdf', args: fc.tuple(mostly(anyNumber), mostly(positive), mostly(positive)), call: (x, a, b) => gammaCdf(x as number, a as number, b as number), options: { check: probability } },
  { name: 'poissonCdf', args: fc.tuple(mostly(integer), mostly(fc.oneof(positive, fc.constant(0)))), call: (k, m) => poissonCdf(k as number, m as number), options: { check: probability } },
  { name: 'regularizedBeta', args: fc.tuple(mostly(unit), mostly(positive), mostly(positive)), call: (x, a, b) => regularizedBeta(x as number, a as number, b as number), options: { check: probability } },
  { name: 'regularizedBetaComplement', args: fc.tuple(mostly(unit), mostly(positive), mostly(positive)), call: (x, a, b) => regularizedBetaComplement(x as number, a as number, b as number), options: { check: probability } },
  { name: 'betaQuantile', args: fc.tuple(mostly(unit), mostly(positive), mostly(positive)), call: (p, a, b) => betaQuantile(p as number, a as number, b as number), options: { check: probability } },
  { name: 'binomialCdf', args: fc.tuple(mostly(integer), mostly(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom(2 ** 40, Number.MAX_SAFE_INTEGER))), mostly(unit)), call: (k, n, p) => binomialCdf(k as number, n as number, p as number), options: { check: probability } },
];

describe('fuzz src/special: every call returns a finite value in range or throws InvalidArgumentError / NumericalError', () => {
  for (const target of targets) {
    it(target.name, () => {
      fuzz(target, RUNS, seedOf(target.name));
    });
  }
});

describe('fuzz src/special: every pair and triple of edge numbers', () => {
  it('two-argument functions on all pairs of edge values', () => {
    fc.assert(
      fc.property(edgeNumber, edgeNumber, (a, b) => {
        for (const [name, f] of [
          ['logBeta', logBeta], ['regularizedGammaP', regularizedGammaP], ['regularizedGammaQ', regularizedGammaQ],
          ['chiSquaredCdf', chiSquaredCdf], ['poissonCdf', poissonCdf],
        ] as const) expectContract(`${name}(${a}, ${b})`, () => f(a, b));
      }),
      { seed: 7, numRuns: 600 },
    );
  });
  it('three-argument functions on triples of edge values', () => {
    fc.assert(
      fc.property(edgeNumber, edgeNumber, edgeNumber, (a, b, c) => {
        for (const [name, f] of [
          ['gammaCdf', gammaCdf], ['regularizedBeta', regularizedBeta], ['regularizedBetaComplement', regularizedBetaComplement],
          ['betaQuantile', betaQuantile], ['binomialCdf', binomialCdf],
        ] as const) expectContract(`${name}(${a}, ${b}, ${c})`, () => f(a, b, c));
      }),
      { seed: 8, numRuns: 1000 },
    );
  });
});
