/**
 * Kills surviving mutants of src/models (docs/mutation.md): direct, deterministic unit tests of
 * src/models/categorical.ts, src/models/uniform.ts and src/models/glm/quadrature.ts. Expected values come from
 * independent references: hand-computed frequencies, exact ratios (|log 1.5|), published Gauss–Hermite and
 * Gauss–Legendre tables (Abramowitz & Stegun 25.4.29 / 25.4.46), and the exactness of an n-point Gauss rule
 * on monomials of degree ≤ 2n − 1 (∫ t^{2k} e^{−t²} dt = Γ(k + ½), ∫_{−1}^{1} t^{2k} dt = 2/(2k + 1)).
 *
 * Equivalent survivors (not targeted): categorical 60:23 / uniform 55:23 (`i <= size`: x.length = size is
 * enforced, x[size] is undefined and ignored), categorical 62:23 (`c <= classes`: write past a Float64Array's
 * end is a no-op), categorical/uniform `parameterName(name, '')` (the default `name = 'theta'` means the
 * fallback is never used), uniform 55:42 (`>=`: ties keep the same value; −0 still ends degenerate), and the
 * quadrature Newton tolerances / iteration caps / initial guesses (Newton converges to the same root; at
 * most last-ulp differences).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { categoricalModel } from '../src/models/categorical.js';
import { uniformModel } from '../src/models/uniform.js';
import { gaussHermite, gaussLegendre } from '../src/models/glm/quadrature.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';
import { rootKey } from '../src/rng/index.js';
import type { Stream } from '../src/rng/stream.js';

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function expectInvalid(f: () => unknown, parameter: string, allowed?: string): InvalidArgumentError {
  const error = catchError(f);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  const e = error as InvalidArgumentError;
  expect(e.parameter).toBe(parameter);
  if (allowed !== undefined) expect(e.allowed).toBe(allowed);
  return e;
}

describe('categoricalModel', () => {
  it('is named categorical and exposes the sq and tv metrics', () => {
    const model = categoricalModel(3);
    expect(model.name).toBe('categorical');
    expect(Object.keys(model.metrics).sort()).toEqual(['sq', 'tv']);
    const a = { probs: Float64Array.of(0.5, 0.25, 0.25) };
    const b = { probs: Float64Array.of(0.25, 0.25, 0.5) };
    // Hand-computed: sq = 0.0625 + 0 + 0.0625, tv = ½(0.25 + 0.25).
    expect(model.metrics.sq(a, b)).toBeCloseTo(0.125, 15);
    expect(model.metrics.tv(a, b)).toBeCloseTo(0.25, 15);
  });

  it('k is an integer in [1, 2^31 − 1]', () => {
    expectInvalid(() => categoricalModel(2 ** 31), 'k');
    expectInvalid(() => categoricalModel(0), 'k');
    expect(() => categoricalModel(1)).not.toThrow();
  });

  it('fit: weighted frequencies (hand-computed), labels out of range name the entry and [0, K − 1]', () => {
    const model = categoricalModel(3);
    const d1 = { size: 4, dim: 1, x: Float64Array.of(0, 2, 2, 1), y: null };
    const d2 = { size: 2, dim: 1, x: Float64Array.of(1, 1), y: null };
    expect(Array.from(model.fit([{ data: d1, weight: 1 }]).probs)).toEqual([0.25, 0.25, 0.5]);
    // weights 1 and 3: ¼·(¼, ¼, ½) + ¾·(0, 1, 0)
    const p = model.fit([{ data: d1, weight: 1 }, { data: d2, weight: 3 }]).probs;
    [1 / 16, 1 / 16 + 3 / 4, 1 / 8].forEach((v, c) => expect(p[c]).toBeCloseTo(v, 15));
    const bad = { size: 2, dim: 1, x: Float64Array.of(0, 3), y: null };
    const e = expectInvalid(() => model.fit([{ data: d1, weight: 1 }, { data: bad, weight: 0 }]), 'sources[1].data.x[1]');
    expect(e.allowed).toBe('a category label: an integer in [0, 2]');
  });

  it('validate: non-objects name theta, non-Float64Array probs name theta.probs', () => {
    const model = categoricalModel(3);
    expectInvalid(() => model.validate(5 as never), 'theta', 'an object { probs }');
    expectInvalid(() => model.validate(null as never), 'theta', 'an object { probs }');
    expectInvalid(() => model.validate(5 as never, 'prior'), 'prior', 'an object { probs }');
    expectInvalid(() => model.validate({ probs: [0.5, 0.25, 0.25] } as never), 'theta.probs', 'a Float64Array of length 3');
    expectInvalid(() => model.validate({ probs: [0.5, 0.5] } as never, 'prior'), 'prior.probs', 'a Float64Array of length 3');
    expect(() => model.validate({ probs: Float64Array.of(0.5, 0.25, 0.25) })).not.toThrow();
  });

  it('metrics reject a non-object argument naming estimate / truth', () => {
    const model = categoricalModel(2);
    const ok = { probs: Float64Array.of(0.5, 0.5) };
    for (const bad of [5, 'x', undefined, null, true]) {
      expectInvalid(() => model.metrics.sq(bad as never, ok), 'estimate', 'an object { probs }');
      expectInvalid(() => model.metrics.tv(ok, bad as never), 'truth', 'an object { probs }');
    }
  });

  it('sample of size 0 draws nothing (the stream is not touched)', () => {
    const model = categoricalModel(2);
    const data = model.sample({ probs: Float64Array.of(0.5, 0.5) }, 0, null as unknown as Stream);
    expect(data.size).toBe(0);
    expect(data.x.length).toBe(0);
    const s = model.sample({ probs: Float64Array.of(0, 1) }, 5, rootKey('cat').stream());
    expect(Array.from(s.x)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('uniformModel', () => {
  const model = uniformModel();

  it('is named uniform; validate names theta and requires an object', () => {
    expect(model.name).toBe('uniform');
    expectInvalid(() => model.validate(3 as never), 'theta', 'an object { upper }');
    expectInvalid(() => model.validate(null as never, 'prior'), 'prior', 'an object { upper }');
    expectInvalid(() => model.validate({ upper: 0 }), 'theta.upper');
  });

  it('fit: all-zero data of positive weight → NumericalError degenerate with details { maximum: 0 }', () => {
    const data = { size: 3, dim: 1, x: Float64Array.of(0, 0, 0), y: null };
    const other = { size: 1, dim: 1, x: Float64Array.of(7), y: null };
    const error = catchError(() => model.fit([{ data, weight: 1 }, { data: other, weight: 0 }]));
    expect(error).toBeInstanceOf(NumericalError);
    expect((error as NumericalError).kind).toBe('degenerate');
    expect((error as NumericalError).details).toEqual({ maximum: 0 });
    expect(model.fit([{ data, weight: 1 }, { data: other, weight: 2 }]).upper).toBe(7);
  });

  it('sample: one nextDouble per point, in order, x_i = θ·U_i; bad streams name stream', () => {
    let calls = 0;
    const stub = { nextDouble: () => [0.5, 0.25, 0.75][calls++] ?? 0.125 } as unknown as Stream;
    const d = model.sample({ upper: 4 }, 3, stub);
    expect(Array.from(d.x)).toEqual([2, 1, 3]);
    expect(calls).toBe(3);
    const fn = Object.assign(() => 0, { nextDouble: () => 0.5 });
    for (const bad of [null, fn, 5, 'stream', {}]) {
      expectInvalid(() => model.sample({ upper: 1 }, 0, bad as unknown as Stream), 'stream', 'a Stream (src/rng/stream.ts)');
    }
  });

  it('sq overflow is reported as NumericalError naming the squared error', () => {
    const error = catchError(() => model.metrics.sq({ upper: 1e308 }, { upper: 1e-300 }));
    expect(error).toBeInstanceOf(NumericalError);
    expect((error as NumericalError).kind).toBe('overflow');
    expect((error as NumericalError).message).toContain('the squared error (θ̂ − θ)²');
    expect(model.metrics.sq({ upper: 3 }, { upper: 1 })).toBe(4);
  });

  it('logRatio uses the exact ratio when it is finite (|log 1.5| to 1 ulp), the log difference otherwise', () => {
    const log15 = 0.4054651081081644; // ln 1.5 (tables)
    for (const b of [2 ** -1000, 1e300, 2 ** 1000, 1e-300]) {
      const a = 1.5 * b; // exact: multiplying by 1.5 = 1 + 2^-1 (no rounding in these ranges)
      expect(a / b).toBe(1.5);
      expect(Math.abs(model.metrics.logRatio({ upper: a }, { upper: b }) - log15)).toBeLessThanOrEqual(1.2e-16);
      expect(Math.abs(model.metrics.logRatio({ upper: b }, { upper: a }) - log15)).toBeLessThanOrEqual(1.2e-16);
    }
    // 1e308 / 5e-324 overflows: ln 1e308 − ln 2^-1074 = 308 ln 10 + 1074 ln 2.
    const expected = 308 * Math.LN10 + 1074 * Math.LN2;
    expect(model.metrics.logRatio({ upper: 1e308 }, { upper: 5e-324 })).toBeCloseTo(expected, 9);
  });
});

/** Γ(k + ½) = (2k − 1)!!·√π / 2^k. */
function hermiteMoment(degree: number): number {
  if (degree % 2 === 1) return 0;
  let v = Math.sqrt(Math.PI);
  for (let j = 1; j <= degree / 2; j++) v *= (2 * j - 1) / 2;
  return v;
}

function ruleSum(rule: { nodes: Float64Array; weights: Float64Array }, f: (t: number) => number): number {
  let s = 0;
  for (let k = 0; k < rule.nodes.length; k++) s += rule.weights[k] * f(rule.nodes[k]);
  return s;
}

describe('gaussHermite', () => {
  it('matches the published tables for n = 2..5', () => {
    const tables: Record<number, [number[], number[]]> = {
      2: [[0.7071067811865476], [0.886226925452758]],
      3: [[1.224744871391589, 0], [0.2954089751509193, 1.181635900603677]],
      4: [[1.650680123885785, 0.5246476232752903], [0.08131283544724518, 0.8049140900055128]],
      5: [[2.020182870456086, 0.9585724646138185, 0], [0.01995324205904591, 0.3936193231522412, 0.9453087204829419]],
    };
    for (const [key, [t, w]] of Object.entries(tables)) {
      const n = Number(key);
      const rule = gaussHermite(n);
      expect(rule.nodes.length).toBe(n);
      for (let i = 0; i < t.length; i++) {
        expect(rule.nodes[i]).toBeCloseTo(t[i], 13);
        expect(rule.nodes[n - 1 - i]).toBeCloseTo(-t[i], 13);
        expect(rule.weights[i]).toBeCloseTo(w[i], 13);
        expect(rule.weights[n - 1 - i]).toBeCloseTo(w[i], 13);
      }
    }
    expect(gaussHermite(1).nodes[0] === 0).toBe(true);
    expect(gaussHermite(1).weights[0]).toBeCloseTo(Math.sqrt(Math.PI), 14);
  });

  it('every order 1..150: strictly decreasing, antisymmetric nodes, symmetric weights, exact on low monomials', () => {
    for (let n = 1; n <= 150; n++) {
      const { nodes, weights } = gaussHermite(n);
      for (let i = 0; i < n; i++) {
        if (2 * i !== n - 1) expect(nodes[i] === -nodes[n - 1 - i]).toBe(true);
        expect(weights[i]).toBe(weights[n - 1 - i]);
        expect(weights[i]).toBeGreaterThan(0);
        if (i > 0 && !(nodes[i] < nodes[i - 1])) throw new Error(`n = ${n}: nodes not decreasing at ${i}`);
      }
      for (let d = 0; d <= Math.min(2 * n - 1, 9); d++) {
        const got = ruleSum({ nodes, weights }, (t) => t ** d);
        const want = hermiteMoment(d);
        if (!(Math.abs(got - want) <= 1e-10 * Math.max(1, want))) throw new Error(`n = ${n}, degree ${d}: ${got} vs ${want}`);
      }
    }
  });

  it('exact up to degree 2n − 1 for n ≤ 12 (fast-check, fixed seed); cached per order; n validated', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(), (n, raw) => {
        const d = raw % (2 * n);
        const got = ruleSum(gaussHermite(n), (t) => t ** d);
        const want = hermiteMoment(d);
        return Math.abs(got - want) <= 1e-11 * Math.max(1, want);
      }),
      { numRuns: 200, seed: 4242 },
    );
    expect(gaussHermite(7)).toBe(gaussHermite(7));
    for (const bad of [0, 151, 2.5, Number.NaN]) expectInvalid(() => gaussHermite(bad), 'n');
  });
});

describe('gaussLegendre', () => {
  it('matches the published tables for n = 1..5', () => {
    const tables: Record<number, [number[], number[]]> = {
      1: [[0], [2]],
      2: [[-0.5773502691896258], [1]],
      3: [[-0.7745966692414834, 0], [5 / 9, 8 / 9]],
      4: [[-0.8611363115940526, -0.3399810435848563], [0.3478548451374538, 0.6521451548625461]],
      5: [[-0.906179845938664, -0.5384693101056831, 0], [0.2369268850561891, 0.4786286704993665, 128 / 225]],
    };
    for (const [key, [t, w]] of Object.entries(tables)) {
      const n = Number(key);
      const rule = gaussLegendre(n);
      expect(rule.nodes.length).toBe(n);
      for (let i = 0; i < t.length; i++) {
        expect(rule.nodes[i]).toBeCloseTo(t[i], 14);
        expect(rule.nodes[n - 1 - i]).toBeCloseTo(-t[i], 14);
        expect(rule.weights[i]).toBeCloseTo(w[i], 14);
        expect(rule.weights[n - 1 - i]).toBeCloseTo(w[i], 14);
      }
    }
  });

  it('orders 1..200: strictly increasing in (−1, 1), symmetric, exact on monomials up to degree min(2n − 1, 15)', () => {
    for (let n = 1; n <= 200; n++) {
      const { nodes, weights } = gaussLegendre(n);
      for (let i = 0; i < n; i++) {
        if (2 * i !== n - 1) expect(nodes[i] === -nodes[n - 1 - i]).toBe(true);
        expect(weights[i]).toBe(weights[n - 1 - i]);
        if (!(nodes[i] > -1 && nodes[i] < 1 && weights[i] > 0)) throw new Error(`n = ${n}: entry ${i}`);
        if (i > 0 && !(nodes[i] > nodes[i - 1])) throw new Error(`n = ${n}: nodes not increasing at ${i}`);
      }
      for (let d = 0; d <= Math.min(2 * n - 1, 15); d++) {
        const got = ruleSum({ nodes, weights }, (t) => t ** d);
        const want = d % 2 === 1 ? 0 : 2 / (d + 1);
        if (!(Math.abs(got - want) <= 1e-12)) throw new Error(`n = ${n}, degree ${d}: ${got} vs ${want}`);
      }
    }
  });

  it('cached per order; n validated', () => {
    expect(gaussLegendre(9)).toBe(gaussLegendre(9));
    for (const bad of [0, 1001, 1.5, -3]) expectInvalid(() => gaussLegendre(bad), 'n');
  });
});
