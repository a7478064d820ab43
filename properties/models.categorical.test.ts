/**
 * The categorical model: weighted frequencies (closed form by per-point loops), invariances, sampling
 * wiring, metrics, validation and bad input.
 * Statistical (engine.models.categorical): E Σ_c(p̂_c − p_c)² = (1 − Σ_c p_c²)/n for the frequencies of n
 * draws (CLAIMS.md §1.10, err_0 of the discrete analogue), with a perturbed sampler as negative control.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { categoricalModel, type CategoricalTheta } from '../src/models/categorical.js';
import type { Dataset, WeightedSource } from '../src/models/types.js';
import { InvalidArgumentError } from '../src/errors.js';
import { rootKey } from '../src/rng/stream.js';
import { aliasTable, fillCategorical } from '../src/rng/categorical.js';
import { alphaFor, suiteKey } from '../src/stats/budget.js';
import { checkMean, expectPass, expectReject } from '../src/stats/assert.js';
import { refused } from './helpers/refused.js';

const data = (x: number[] | Float64Array): Dataset => ({ size: x.length, dim: 1, x: Float64Array.from(x), y: null });

function sourcesArb(k: number) {
  return fc.array(
    fc
      .record({ size: fc.integer({ min: 1, max: 12 }), weight: fc.double({ min: 0.01, max: 10, noNaN: true }) })
      .chain(({ size, weight }) =>
        fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: size, maxLength: size }).map((v): WeightedSource => ({ data: data(v), weight })),
      ),
    { minLength: 1, maxLength: 4 },
  );
}
const arb = fc.integer({ min: 1, max: 6 }).chain((k) => sourcesArb(k).map((sources) => ({ k, sources })));

describe('categoricalModel.fit', () => {
  it('p̂_c = Σ_i ω_i 1{x_i = c} with ω_i = w_s/(W·size_s), by per-point loops; sums to 1', () => {
    fc.assert(
      fc.property(arb, ({ k, sources }) => {
        const W = sources.reduce((s, src) => s + src.weight, 0);
        const expected = new Array<number>(k).fill(0);
        for (const { data: d, weight } of sources) for (const x of d.x) expected[x] += weight / (W * d.size);
        const fit = categoricalModel(k).fit(sources);
        for (let c = 0; c < k; c++) expect(Math.abs(fit.probs[c] - expected[c])).toBeLessThan(1e-14);
        expect(Math.abs(fit.probs.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-13);
        categoricalModel(k).validate(fit);
      }),
      { seed: 0x6a5001, numRuns: 200 },
    );
  });

  it('hand example: {0, 2, 2, 1} weight 1 → (¼, ¼, ½); with {1} weight 3 → (1/16, 13/16, 1/8)', () => {
    const m = categoricalModel(3);
    expect(Array.from(m.fit([{ data: data([0, 2, 2, 1]), weight: 1 }]).probs)).toEqual([0.25, 0.25, 0.5]);
    expect(Array.from(m.fit([{ data: data([0, 2, 2, 1]), weight: 1 }, { data: data([1]), weight: 3 }]).probs)).toEqual([1 / 16, 13 / 16, 1 / 8]);
  });

  it('row order, weight scale (exact for 2^k, 1e−15 otherwise) and weight-0 sources do not change the fit', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 50 }), fc.integer({ min: -20, max: 20 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ({ k, sources }, shift, e, c) => {
        const m = categoricalModel(k);
        const base = m.fit(sources);
        const permuted = sources.map(({ data: d, weight }) => ({ data: data(Array.from(d.x, (_, i) => d.x[(i + shift) % d.size])), weight }));
        expect(m.fit(permuted)).toEqual(base); // counts do not depend on order
        expect(m.fit(sources.map((s) => ({ data: s.data, weight: s.weight * 2 ** e })))).toEqual(base);
        const scaled = m.fit(sources.map((s) => ({ data: s.data, weight: s.weight * c })));
        for (let j = 0; j < k; j++) expect(Math.abs(scaled.probs[j] - base.probs[j])).toBeLessThan(1e-15);
        expect(m.fit([{ data: data([0, 0, 0]), weight: 0 }, ...sources, { data: data([]), weight: 0 }])).toEqual(base);
      }),
      { seed: 0x6a5002, numRuns: 150 },
    );
  });
});

describe('categoricalModel: sampling, metrics, validation, bad input', () => {
  const m = categoricalModel(3);
  const truth: CategoricalTheta = { probs: Float64Array.of(0.2, 0.5, 0.3) };

  it('sample draws labels with the alias table on the same stream', () => {
    const key = rootKey('models.categorical.test').child('wiring');
    const drawn = m.sample(truth, 40, key.stream());
    expect(drawn).toMatchObject({ size: 40, dim: 1, y: null });
    expect(Array.from(drawn.x)).toEqual(Array.from(fillCategorical(key.stream(), aliasTable(truth.probs), new Float64Array(40))));
  });

  it('metrics sq = Σ(p̂ − p)² and tv = ½Σ|p̂ − p| (hand values)', () => {
    expect(Object.keys(m.metrics)).toEqual(['sq', 'tv']);
    const estimate = { probs: Float64Array.of(0.5, 0.5, 0) };
    expect(m.metrics.sq(estimate, truth)).toBeCloseTo(0.09 + 0 + 0.09, 15);
    expect(m.metrics.tv(estimate, truth)).toBeCloseTo(0.3, 15);
  });

  it('bad input names the parameter', () => {
    refused(() => m.fit([{ data: data([0, 3]), weight: 1 }]), 'sources[0].data.x[1]');
    refused(() => m.fit([{ data: data([0, 1.5]), weight: 1 }]), 'sources[0].data.x[1]');
    refused(() => m.fit([{ data: data([0, -1]), weight: 1 }]), 'sources[0].data.x[1]');
    refused(() => m.fit([{ data: data([0, NaN]), weight: 1 }]), 'sources[0].data.x[1]');
    refused(() => m.fit([{ data: data([0]), weight: -2 }]), 'sources[0].weight');
    refused(() => m.fit([{ data: data([0]), weight: 0 }]), 'sources (sum of weights)');
    refused(() => m.fit([{ data: { size: 1, dim: 2, x: Float64Array.of(0, 1), y: null }, weight: 1 }]), 'sources[0].data.dim');
    refused(() => m.validate({ probs: Float64Array.of(0.5, 0.5) }), 'theta.probs.length');
    refused(() => m.validate({ probs: Float64Array.of(0.5, 0.6, -0.1) }), 'theta.probs[2]');
    refused(() => m.validate({ probs: Float64Array.of(0.5, 0.6, 0.1) }), 'theta.probs (sum of entries)');
    refused(() => categoricalModel(0), 'k');
    refused(() => categoricalModel(2.5), 'k');
  });
});

describe('categoricalModel: E Σ(p̂ − p)² = (1 − Σp²)/n (engine.models.categorical)', () => {
  // p = (0.2, 0.5, 0.3), n = 20: oracle (1 − 0.38)/20 = 0.031. R = 10 000 (se ≈ 3e−4), detectable 0.005.
  // Control: sampling from q = (0.25, 0.45, 0.3) while measuring against p gives
  // E = (1 − Σq²)/n + Σ(q − p)² = 0.03225 + 0.005, i.e. 0.00625 above the oracle.
  const m = categoricalModel(3);
  const p = Float64Array.of(0.2, 0.5, 0.3);
  const n = 20;
  const R = 10_000;
  const alpha = alphaFor('engine.models.categorical');
  const beta = alphaFor('engine.models.categorical.power');

  function errors(sampler: Float64Array): Float64Array {
    const key = suiteKey().child('engine.models.categorical', 'err0', sampler[0]);
    const out = new Float64Array(R);
    for (let r = 0; r < R; r++) out[r] = m.metrics.sq(m.fit([{ data: m.sample({ probs: sampler }, n, key.child(r).stream()), weight: 1 }]), { probs: p });
    return out;
  }

  it('matches the oracle; a sampler perturbed to q (E shifted by 0.00625) is rejected', () => {
    const oracle = (1 - (0.04 + 0.25 + 0.09)) / n;
    expectPass(checkMean({ label: 'E sq, n = 20', samples: errors(p), oracle, alpha, beta, detectable: 0.005 }));
    expectReject(checkMean({ label: 'E sq, sampler q', samples: errors(Float64Array.of(0.25, 0.45, 0.3)), oracle, alpha, beta, detectable: 0.005 }));
  });
});
