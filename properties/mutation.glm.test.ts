/**
 * Direct tests that kill surviving mutants of src/models/glm (docs/mutation.md; the list is in
 * docs/mutation-models-survivors.md): family.ts (logisticSigmoid, logisticVariance), logisticBernoulli.ts
 * (the squeezed inversion draw) and factor.ts (factorGram / factorGramOrThrow).
 *
 * Expected values come from independent references: the identities σ(η) = (1 + tanh(η/2))/2 and
 * σ(η)(1 − σ(η)) = 1/(4 cosh²(η/2)), the tail expansions σ(−x) = e^(−x) − e^(−2x) + … and
 * v(x) = e^(−x) − 2e^(−2x) + … for large x, hand-computed 2×2 / 3×3 Cholesky factors, and the documented
 * contracts: the draw is [U < p] with the reference p and one nextDouble, σ(η) is evaluated only when U falls
 * in the grid bracket or |η| ≥ 16 (module comment of logisticBernoulli.ts, checked by counting Math.exp
 * calls), the rank test rejects L_jj²/A_jj < RELATIVE_PIVOT_FLOOR (strictly), and errors carry their kind
 * and the parameter's name.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { logisticSigmoid, logisticVariance } from '../src/models/glm/family.js';
import { logisticBernoulli, logisticBernoulliUnchecked } from '../src/models/glm/logisticBernoulli.js';
import { RELATIVE_PIVOT_FLOOR, factorGram, factorGramOrThrow } from '../src/models/glm/factor.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';
import type { Stream } from '../src/rng/stream.js';

/** A test double: every nextDouble() returns `u`; counts the calls. */
function fixedStream(u: number): { stream: Stream; calls: () => number } {
  let calls = 0;
  const stream = {
    nextU32: () => 0,
    nextDouble: () => {
      calls++;
      return u;
    },
    nextOpenDouble: () => u,
    nextInt: () => 0,
  } as unknown as Stream;
  return { stream, calls: () => calls };
}

/** σ by the tanh identity (a different computation from the code's e^(−|η|) form). */
const sigmaTanh = (eta: number): number => 0.5 + 0.5 * Math.tanh(eta / 2);

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('logisticSigmoid (family.ts)', () => {
  it('σ(0) = 1/2, σ(±800) = 1 / 0 without overflow or NaN', () => {
    expect(logisticSigmoid(0)).toBe(0.5);
    expect(logisticSigmoid(-0)).toBe(0.5);
    expect(logisticSigmoid(800)).toBe(1);
    expect(logisticSigmoid(-800)).toBe(0);
  });

  it('matches (1 + tanh(η/2))/2 at moderate η on both sides of 0', () => {
    for (const eta of [-5, -2, -1, -0.25, 0.25, 1, 2, 5]) {
      expect(relErr(logisticSigmoid(eta), sigmaTanh(eta))).toBeLessThan(1e-14);
    }
    // hand values: σ(2) = 0.8807970779778823, σ(−1) = 0.2689414213699951
    expect(logisticSigmoid(2)).toBeCloseTo(0.8807970779778823, 15);
    expect(logisticSigmoid(-1)).toBeCloseTo(0.2689414213699951, 15);
  });

  it('keeps full relative precision in the lower tail: σ(−x) = e^(−x) − e^(−2x) + e^(−3x) − …', () => {
    for (const x of [20, 40, 100, 700]) {
      const e = Math.exp(-x);
      const series = e - e * e + e * e * e;
      expect(relErr(logisticSigmoid(-x), series)).toBeLessThan(1e-15);
    }
  });

  it('fixed-seed property: σ(η) + σ(−η) = 1 and σ agrees with the tanh form', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (eta) => {
        expect(Math.abs(logisticSigmoid(eta) + logisticSigmoid(-eta) - 1)).toBeLessThan(1e-15);
        expect(Math.abs(logisticSigmoid(eta) - sigmaTanh(eta))).toBeLessThan(1e-15);
      }),
      { numRuns: 200, seed: 20240611 },
    );
  });
});

describe('logisticVariance (family.ts)', () => {
  it('v(0) = 1/4 and v(η) = 1/(4 cosh²(η/2))', () => {
    expect(logisticVariance(0)).toBe(0.25);
    for (const eta of [-6, -1, 0.5, 3]) {
      const c = Math.cosh(eta / 2);
      expect(relErr(logisticVariance(eta), 1 / (4 * c * c))).toBeLessThan(1e-14);
    }
  });

  it('large |η|: v = e^(−|η|) − 2e^(−2|η|) + … with full relative precision, 0 (not NaN) beyond the range', () => {
    for (const x of [50, 400, 700]) {
      const e = Math.exp(-x);
      const series = e - 2 * e * e;
      expect(relErr(logisticVariance(x), series)).toBeLessThan(1e-15);
      expect(relErr(logisticVariance(-x), series)).toBeLessThan(1e-15);
    }
    expect(logisticVariance(800)).toBe(0);
    expect(logisticVariance(-800)).toBe(0);
  });
});

describe('logisticBernoulli (logisticBernoulli.ts)', () => {
  it('y = [U < p] at the exact boundary U = p (η = 0 on the grid, η = ±20 off it)', () => {
    expect(logisticBernoulliUnchecked(fixedStream(0.5).stream, 0)).toBe(0);
    expect(logisticBernoulliUnchecked(fixedStream(0.5 - 2 ** -53).stream, 0)).toBe(1);
    // off the grid: p(20) = 1/(1 + e^(−20)) computed as documented (the reference of bernoulliVariate)
    const p20 = 1 / (1 + Math.exp(-20));
    expect(logisticBernoulliUnchecked(fixedStream(p20).stream, 20)).toBe(0);
    const pm20 = Math.exp(-20) / (1 + Math.exp(-20));
    expect(logisticBernoulliUnchecked(fixedStream(pm20).stream, -20)).toBe(0);
  });

  it('upper tail: U = 1 − 1e−10 > σ(20) ≈ 1 − 2.06e−9 gives 0; U just below σ(20) gives 1', () => {
    const tail = Math.exp(-20); // 1 − σ(20) ≈ e^(−20) − e^(−40)
    expect(logisticBernoulliUnchecked(fixedStream(1 - 1e-10).stream, 20)).toBe(0);
    expect(logisticBernoulliUnchecked(fixedStream(1 - 2 * tail).stream, 20)).toBe(1);
    expect(logisticBernoulliUnchecked(fixedStream(1 - 1e-10).stream, 10)).toBe(0); // σ(10) ≈ 1 − 4.54e−5
  });

  it('lower side: σ(−1) ≈ 0.2689, σ(−20) ≈ 2.06e−9', () => {
    expect(logisticBernoulliUnchecked(fixedStream(0.4).stream, -1)).toBe(0);
    expect(logisticBernoulliUnchecked(fixedStream(0.25).stream, -1)).toBe(1);
    expect(logisticBernoulliUnchecked(fixedStream(3e-9).stream, -20)).toBe(0);
    expect(logisticBernoulliUnchecked(fixedStream(1e-9).stream, -20)).toBe(1);
  });

  it('U just inside the upper margin of the bracket below a grid point: decided by the exact p', () => {
    // η = −1e−14 lies in the bracket [η_1023, η_1024 = 0]; p = σ(−1e−14) ≈ 1/2 − 2.5e−15 > U = 1/2 − 5e−13.
    expect(sigmaTanh(-1e-14)).toBeGreaterThan(0.5 - 5e-13);
    expect(logisticBernoulliUnchecked(fixedStream(0.5 - 5e-13).stream, -1e-14)).toBe(1);
    // U = 1/2 exactly, η = 1e−14: p ≈ 1/2 + 2.5e−15 > U → 1 (U is inside the lower margin of the bracket)
    expect(logisticBernoulliUnchecked(fixedStream(0.5).stream, 1e-14)).toBe(1);
  });

  it('σ is evaluated (Math.exp called) only in the bracket or for |η| ≥ 16 — the documented cost contract', () => {
    const draw = (u: number, eta: number): { y: number; exps: number } => {
      const spy = vi.spyOn(Math, 'exp');
      const y = logisticBernoulliUnchecked(fixedStream(u).stream, eta);
      const exps = spy.mock.calls.length;
      spy.mockRestore();
      return { y, exps };
    };
    // inside the grid, U far from p: decided by the table alone
    expect(draw(0.1, 0)).toEqual({ y: 1, exps: 0 });
    expect(draw(0.9, 0)).toEqual({ y: 0, exps: 0 });
    expect(draw(0.9, -16)).toEqual({ y: 0, exps: 0 }); // η = −16 is grid point 0 (position 0 is inside)
    expect(draw(0.5 + 1e-12, -0.5 / 64)).toEqual({ y: 0, exps: 0 }); // U = table[1024] + δ exactly: ≥ decides 0
    expect(draw(0.1, 15.99)).toEqual({ y: 1, exps: 0 });
    // U = table[1024] − δ exactly (η = 0): not < , so p is computed; U < p = 1/2 → 1
    expect(draw(0.5 - 1e-12, 0)).toEqual({ y: 1, exps: 1 });
    // |η| ≥ 16: always the exact p (η = 16 is the last grid point, outside the half-open range)
    expect(draw(0.1, 16)).toEqual({ y: 1, exps: 1 });
    expect(draw(0.1, 16 + 0.5 / 64)).toEqual({ y: 1, exps: 1 });
    expect(draw(0.1, 40)).toEqual({ y: 1, exps: 1 });
    expect(draw(0.9, -16 - 0.5 / 64)).toEqual({ y: 0, exps: 1 });
    expect(draw(0.9, -40)).toEqual({ y: 0, exps: 1 });
  });

  it('fixed-seed property: the draw equals [U < σ(η)] (U away from σ by > 1e−9) with exactly one nextDouble', () => {
    fc.assert(
      fc.property(fc.double({ min: -25, max: 25, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (eta, u) => {
        const p = sigmaTanh(eta);
        fc.pre(Math.abs(u - p) > 1e-9);
        const s = fixedStream(u);
        expect(logisticBernoulli(s.stream, eta)).toBe(u < p ? 1 : 0);
        expect(s.calls()).toBe(1);
      }),
      { numRuns: 200, seed: 7331 },
    );
  });

  it('logisticBernoulli checks its arguments: InvalidArgumentError naming `eta` / `stream`', () => {
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      let caught: unknown;
      try {
        logisticBernoulli(fixedStream(0.5).stream, bad);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidArgumentError);
      expect((caught as InvalidArgumentError).parameter).toBe('eta');
    }
    expect(() => logisticBernoulli(null as unknown as Stream, 0)).toThrow(InvalidArgumentError);
    try {
      logisticBernoulli({} as unknown as Stream, 0);
    } catch (error) {
      expect((error as InvalidArgumentError).parameter).toBe('stream');
    }
    expect(logisticBernoulli(fixedStream(0.1).stream, 0)).toBe(1);
    expect(logisticBernoulli(fixedStream(0.9).stream, 0)).toBe(0);
  });
});

describe('factorGram / factorGramOrThrow (factor.ts)', () => {
  it('a positive definite matrix: −1 and the hand-computed factor', () => {
    // [[4, 2], [2, 5]] = L Lᵀ with L = [[2, 0], [1, 2]]
    const lower = new Float64Array(4);
    expect(factorGram(new Float64Array([4, 2, 2, 5]), 2, lower)).toBe(-1);
    expect(Array.from(lower)).toEqual([2, 0, 1, 2]);
    // 3×3: L = [[1,0,0],[2,3,0],[4,5,6]] → A = [[1,2,4],[2,13,23],[4,23,77]]
    const l3 = new Float64Array(9);
    expect(factorGram(new Float64Array([1, 2, 4, 2, 13, 23, 4, 23, 77]), 3, l3)).toBe(-1);
    expect(Array.from(l3)).toEqual([1, 0, 0, 2, 3, 0, 4, 5, 6]);
  });

  it('the documented example: column 1 = 2·column 0 → 1', () => {
    expect(factorGram(new Float64Array([1, 2, 2, 4]), 2, new Float64Array(4))).toBe(1);
  });

  it('rank test: L_11²/A_11 ≈ 1e−12 < RELATIVE_PIVOT_FLOOR though cholesky accepts the pivot → 1', () => {
    // A = [[1, 1], [1, 1 + 1e−12]]: L_11² = A_11 − 1 ≈ 1e−12, far above cholesky's threshold 2ε but below 1e−10.
    const a = new Float64Array([1, 1, 1, 1 + 1e-12]);
    expect(factorGram(a, 2, new Float64Array(4))).toBe(1);
    // the same matrix at relative pivot 1e−8 passes
    expect(factorGram(new Float64Array([1, 1, 1, 1 + 1e-8]), 2, new Float64Array(4))).toBe(-1);
    // collinearity in column 2 only (column 1 is fine): 2
    const b = new Float64Array([1, 0, 1, 0, 1, 1, 1, 1, 2 + 1e-12]);
    expect(factorGram(b, 3, new Float64Array(9))).toBe(2);
  });

  it('the rank test is strict: L_jj² = RELATIVE_PIVOT_FLOOR·A_jj exactly is accepted (−1)', () => {
    // L = [[1,0,0],[0,1,0],[1,y,z]] → A = [[1,0,1],[0,1,y],[1,y,d]]; the factor's last pivot² is
    // fl(sqrt(fl((d − 1) − fl(y²))))² (closed form of Cholesky with this L). Search d, y so that it equals fl(1e−10·d).
    // Brute-force search over d = 1 + 2^−32 + m·2^−52 and y on its ulp grid (the constructed L must hit the boundary).
    let d = 0;
    let y = 0;
    let target = 0;
    let found = false;
    for (let m = 0; m < 64 && !found; m++) {
      d = 1 + 2 ** -32 + m * 2 ** -52;
      const sum = d - 1; // exact
      target = RELATIVE_PIVOT_FLOOR * d;
      const y0 = Math.sqrt(sum - target);
      const ulp = 2 ** (Math.floor(Math.log2(y0)) - 52);
      for (let k = -50; k <= 50 && !found; k++) {
        const candidate = y0 + k * ulp;
        const pivot = Math.sqrt(sum - candidate * candidate);
        if (pivot * pivot === target) {
          y = candidate;
          found = true;
        }
      }
    }
    expect(found).toBe(true);
    const lower = new Float64Array(9);
    const result = factorGram(new Float64Array([1, 0, 1, 0, 1, y, 1, y, d]), 3, lower);
    expect(lower[8] * lower[8]).toBe(target); // precondition: the boundary is hit exactly
    expect(result).toBe(-1);
  });

  it('a non-positive-definite matrix reports the failing pivot (cholesky throws), even into a reused buffer', () => {
    // [[1, 2], [2, 1]]: 1 − 2²/1 = −3 < 0 → column 1
    expect(factorGram(new Float64Array([1, 2, 2, 1]), 2, new Float64Array(4))).toBe(1);
    const reused = new Float64Array([1, 1, 1, 1]);
    expect(factorGram(new Float64Array([1, 2, 2, 1]), 2, reused)).toBe(1);
    // zero / negative diagonal: that column
    expect(factorGram(new Float64Array([0]), 1, new Float64Array(1))).toBe(0);
    expect(factorGram(new Float64Array([4, 0, 0, -1]), 2, new Float64Array(4))).toBe(1);
  });

  it('an asymmetric input is reported as failing (a non-negative integer index), not undefined', () => {
    const r = factorGram(new Float64Array([1, 5, 0, 1]), 2, new Float64Array(4));
    expect(Number.isInteger(r)).toBe(true);
    expect(r).toBeGreaterThanOrEqual(0);
  });

  it('errors that are not NumericalError propagate (a too-short `lower` → InvalidArgumentError)', () => {
    let caught: unknown;
    try {
      factorGram(new Float64Array([4, 2, 2, 5]), 2, new Float64Array(1));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidArgumentError);
    expect((caught as InvalidArgumentError).parameter).toMatch(/^out/);
  });

  it('a non-finite entry anywhere → NumericalError(overflow) naming `sources`, the entry and its value', () => {
    for (const [k, v] of [
      [1, Infinity],
      [2, -Infinity],
      [3, Number.NaN],
      [0, Infinity],
    ] as const) {
      const a = new Float64Array([1, 0, 0, 1]);
      a[k] = v;
      let caught: unknown;
      try {
        factorGram(a, 2, new Float64Array(4));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(NumericalError);
      const e = caught as NumericalError;
      expect(e.kind).toBe('overflow');
      expect(e.details.parameter).toBe('sources');
      expect(e.details.index).toBe(k);
      expect(Object.is(e.details.value, v)).toBe(true);
      expect(e.message).toContain(`entry ${k}`);
      expect(e.message).toContain('2×2');
      expect(e.message).toContain('beyond the double range');
    }
  });

  it('factorGramOrThrow: NumericalError(singular) for any failing column including 0, with what/column/details', () => {
    const cases: Array<[Float64Array, number, number]> = [
      [new Float64Array([0]), 1, 0],
      [new Float64Array([0, 0, 0, 1]), 2, 0],
      [new Float64Array([1, 2, 2, 4]), 2, 1],
    ];
    for (const [a, p, column] of cases) {
      let caught: unknown;
      try {
        factorGramOrThrow(a, p, new Float64Array(p * p), 'the test Gram matrix', { step: 7 });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(NumericalError);
      const e = caught as NumericalError;
      expect(e.kind).toBe('singular');
      expect(e.details.column).toBe(column);
      expect(e.details.step).toBe(7);
      expect(e.message).toContain('the test Gram matrix');
      expect(e.message).toContain(`column ${column}`);
    }
    const lower = new Float64Array(4);
    expect(() => factorGramOrThrow(new Float64Array([4, 2, 2, 5]), 2, lower, 'x')).not.toThrow();
    expect(Array.from(lower)).toEqual([2, 0, 1, 2]);
  });
});
