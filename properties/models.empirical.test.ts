/**
 * The empirical model: the fit is the weighted empirical distribution (atoms w_s/(W·size_s), weight-0
 * sources dropped), its invariances, sampling wiring (alias table on the atoms; inverse cdf of the
 * continuous truth), the cvm metric, validation and bad input.
 * Statistical (engine.models.empirical): E cvm(PMF of n draws from N(0,1)) = 1/(6n) (CLAIMS.md §1.10,
 * Err_0 of Theorem 3, i.e. E W² = 1/6 for the classical statistic), with a shifted truth as negative control.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { empiricalModel, standardNormalTruth, continuousTruth, type EmpiricalAtoms, type EmpiricalTheta } from '../src/models/empirical.js';
import type { Dataset, WeightedSource } from '../src/models/types.js';
import { cramerVonMises } from '../src/metrics/cramerVonMises.js';
import { InvalidArgumentError } from '../src/errors.js';
import { rootKey } from '../src/rng/stream.js';
import { aliasTable, fillCategorical } from '../src/rng/categorical.js';
import { normalCdf } from '../src/special/normalCdf.js';
import { normalQuantile } from '../src/special/normalQuantile.js';
import { alphaFor, suiteKey } from '../src/stats/budget.js';
import { checkMean, expectPass, expectReject } from '../src/stats/assert.js';
import { refused } from './helpers/refused.js';

const data = (x: number[] | Float64Array): Dataset => ({ size: x.length, dim: 1, x: Float64Array.from(x), y: null });
const model = empiricalModel();
const truth = standardNormalTruth();

const sourcesArb = fc.array(
  fc
    .record({ size: fc.integer({ min: 1, max: 10 }), weight: fc.double({ min: 0.01, max: 10, noNaN: true }) })
    .chain(({ size, weight }) =>
      fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: size, maxLength: size }).map((v): WeightedSource => ({ data: data(v), weight })),
    ),
  { minLength: 1, maxLength: 4 },
);

const asAtoms = (theta: EmpiricalTheta): EmpiricalAtoms => {
  if (theta.kind !== 'atoms') throw new Error('expected atoms');
  return theta;
};

describe('empiricalModel.fit', () => {
  it('atoms are every point of every source, point i of source s weighted w_s/(W·size_s)', () => {
    fc.assert(
      fc.property(sourcesArb, (sources) => {
        const fit = asAtoms(model.fit(sources));
        const W = sources.reduce((s, src) => s + src.weight, 0);
        const atoms: number[] = [];
        const weights: number[] = [];
        for (const { data: d, weight } of sources) for (const x of d.x) { atoms.push(x); weights.push(weight / (W * d.size)); }
        expect(Array.from(fit.atoms)).toEqual(atoms);
        for (let i = 0; i < weights.length; i++) expect(Math.abs(fit.weights[i] - weights[i])).toBeLessThan(1e-15);
        expect(Math.abs(fit.weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
        model.validate(fit);
      }),
      { seed: 0x6a4001, numRuns: 200 },
    );
  });

  it('hand example: {0, 1} weight 0.6 and {5} weight 0.4 → weights 0.3, 0.3, 0.4', () => {
    const fit = asAtoms(model.fit([{ data: data([0, 1]), weight: 0.6 }, { data: data([5]), weight: 0.4 }]));
    expect(Array.from(fit.atoms)).toEqual([0, 1, 5]);
    expect(Array.from(fit.weights)).toEqual([0.3, 0.3, 0.4]);
  });

  it('weight-0 sources are dropped; scaling the weights by 2^k is exact, by any c within 1e−15', () => {
    fc.assert(
      fc.property(sourcesArb, fc.integer({ min: -20, max: 20 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (sources, k, c) => {
        const base = asAtoms(model.fit(sources));
        expect(model.fit([{ data: data([99, 98]), weight: 0 }, ...sources, { data: data([]), weight: 0 }])).toEqual(base);
        expect(model.fit(sources.map((s) => ({ data: s.data, weight: s.weight * 2 ** k })))).toEqual(base);
        const scaled = asAtoms(model.fit(sources.map((s) => ({ data: s.data, weight: s.weight * c }))));
        expect(Array.from(scaled.atoms)).toEqual(Array.from(base.atoms));
        for (let i = 0; i < base.weights.length; i++) expect(Math.abs(scaled.weights[i] - base.weights[i])).toBeLessThan(1e-15);
      }),
      { seed: 0x6a4002, numRuns: 150 },
    );
  });

  it('permuting rows within a source leaves the fitted distribution (its cvm against the truth) unchanged', () => {
    fc.assert(
      fc.property(sourcesArb, fc.integer({ min: 1, max: 50 }), (sources, shift) => {
        const permuted = sources.map(({ data: d, weight }) => ({ data: data(Array.from(d.x, (_, i) => d.x[(i + shift) % d.size])), weight }));
        const a = model.metrics.cvm(model.fit(sources), truth);
        const b = model.metrics.cvm(model.fit(permuted), truth);
        expect(Math.abs(a - b)).toBeLessThan(1e-15);
      }),
      { seed: 0x6a4003, numRuns: 150 },
    );
  });
});

describe('empiricalModel.sample', () => {
  it('from atoms: the alias table on the weights, on the same stream, mapped to atoms', () => {
    const fit: EmpiricalAtoms = { kind: 'atoms', atoms: Float64Array.of(-1.5, 0.25, 7), weights: Float64Array.of(0.2, 0.5, 0.3) };
    const key = rootKey('models.empirical.test').child('atoms');
    const drawn = model.sample(fit, 50, key.stream());
    expect(drawn).toMatchObject({ size: 50, dim: 1, y: null });
    const indices = fillCategorical(key.stream(), aliasTable(fit.weights), new Float64Array(50));
    expect(Array.from(drawn.x)).toEqual(Array.from(indices, (i) => fit.atoms[i]));
  });

  it('from the continuous truth: F⁻¹(U) with U = nextOpenDouble() of the same stream', () => {
    const key = rootKey('models.empirical.test').child('continuous');
    const drawn = model.sample(truth, 20, key.stream());
    const stream = key.stream();
    expect(Array.from(drawn.x)).toEqual(Array.from({ length: 20 }, () => normalQuantile(stream.nextOpenDouble())));
  });

  it('a weight-0 atom is never drawn', () => {
    const fit: EmpiricalAtoms = { kind: 'atoms', atoms: Float64Array.of(1, 2, 3), weights: Float64Array.of(0.5, 0, 0.5) };
    const drawn = model.sample(fit, 2000, rootKey('models.empirical.test').child('zero').stream());
    expect(drawn.x.includes(2)).toBe(false);
  });
});

describe('empiricalModel: metric, truths, validation, bad input', () => {
  it('cvm is the exact Cramér–von Mises distance; the estimate must be atoms and the truth continuous', () => {
    const fit = model.fit([{ data: data([0]), weight: 1 }]);
    expect(model.metrics.cvm(fit, truth)).toBeCloseTo(1 / 12, 15);
    const f2 = asAtoms(model.fit([{ data: data([-1, 0.3, 2]), weight: 1 }]));
    expect(model.metrics.cvm(f2, truth)).toBe(cramerVonMises(f2.atoms, f2.weights, normalCdf));
    refused(() => model.metrics.cvm(truth, truth), 'estimate.kind');
    refused(() => model.metrics.cvm(fit, fit), 'truth.kind');
  });

  it('standardNormalTruth and continuousTruth validate; a cdf/quantile pair that are not inverse is rejected', () => {
    model.validate(truth);
    const logistic = continuousTruth((x) => 1 / (1 + Math.exp(-x)), (u) => Math.log(u / (1 - u)), 'Logistic(0,1)');
    model.validate(logistic);
    expect(model.sample(logistic, 3, rootKey('l').stream()).size).toBe(3);
    refused(() => continuousTruth(normalCdf, (u) => 2 * normalQuantile(u), 'wrong'), 'truth.cdf(truth.quantile(0.01))');
    refused(() => continuousTruth(normalCdf, undefined as never, 'x'), 'truth.quantile');
    refused(() => model.validate({ kind: 'other' } as never), 'theta.kind');
  });

  it('atoms: weights must be a probability vector matching the atoms', () => {
    refused(() => model.validate({ kind: 'atoms', atoms: Float64Array.of(1, 2), weights: Float64Array.of(0.5, 0.6) }), 'theta.weights (sum of entries)');
    refused(() => model.validate({ kind: 'atoms', atoms: Float64Array.of(1, 2), weights: Float64Array.of(1) }), 'theta.weights.length');
    refused(() => model.validate({ kind: 'atoms', atoms: Float64Array.of(1, NaN), weights: Float64Array.of(0.5, 0.5) }), 'theta.atoms[1]');
    refused(() => model.validate({ kind: 'atoms', atoms: new Float64Array(0), weights: new Float64Array(0) }), 'theta.atoms.length');
  });

  it('fit: bad sources name the parameter', () => {
    refused(() => model.fit([{ data: data([1, NaN]), weight: 1 }]), 'sources[0].data.x[1]');
    refused(() => model.fit([{ data: data([1]), weight: -1 }]), 'sources[0].weight');
    refused(() => model.fit([{ data: data([1]), weight: 0 }]), 'sources (sum of weights)');
    refused(() => model.fit([{ data: { size: 1, dim: 2, x: Float64Array.of(1, 2), y: null }, weight: 1 }]), 'sources[0].data.dim');
    refused(() => model.sample(truth, -3, rootKey('x').stream()), 'size');
  });
});

describe('empiricalModel: E cvm of n draws = 1/(6n) (engine.models.empirical)', () => {
  // n = 10, R = 10 000. Var(n·cvm) ≈ 1/45 (Anderson & Darling 1952: Var W² = 1/45 − 1/(60n)) → se ≈ 1.5e−4;
  // detectable 0.003 (18 % of 1/60). Control: data from N(0.25, 1) measured against N(0, 1) adds
  // ∫(Φ(x − 0.25) − Φ(x))² dΦ ≈ 0.25²/(2π√3) ≈ 0.0057 to the expectation.
  const n = 10;
  const R = 10_000;
  const alpha = alphaFor('engine.models.empirical');
  const beta = alphaFor('engine.models.empirical.power');
  const detectable = 0.003;

  function cvms(shift: number): Float64Array {
    const key = suiteKey().child('engine.models.empirical', 'err0', shift);
    const drawTruth = shift === 0 ? truth : continuousTruth((x) => normalCdf(x - shift), (u) => normalQuantile(u) + shift, `N(${shift},1)`);
    const out = new Float64Array(R);
    for (let r = 0; r < R; r++) out[r] = model.metrics.cvm(model.fit([{ data: model.sample(drawTruth, n, key.child(r).stream()), weight: 1 }]), truth);
    return out;
  }

  it('E cvm = 1/(6n); a truth shifted by 0.25 is rejected', () => {
    expectPass(checkMean({ label: 'E cvm, n = 10', samples: cvms(0), oracle: 1 / (6 * n), alpha, beta, detectable }));
    expectReject(checkMean({ label: 'E cvm, data from N(0.25, 1)', samples: cvms(0.25), oracle: 1 / (6 * n), alpha, beta, detectable }));
  });
});
