/**
 * Deterministic properties of the two planners of R for the theorem suite's CLT checks, with a recording `draw`
 * (no simulation):
 * - `plannedSample` (theorems/support/accumulate.ts), Stein's two-stage design: what makes it valid is
 *   structural — R depends only on the pilot (drawn once, by its own sampler, on its own key in every claim),
 *   and the checked sample is exactly replications [0, R), topped up only by replications [R, R′) of the same
 *   draw when its own sd says R is short. R's formula is recomputed here from the documented pilotSd
 *   (sd·max(1.25, 1 + 6·√((κ̂ − 1)/(4P)))) and requiredReplications.
 * - `replicateUntilPowered` (theorems/support/nonparametric.ts), the sequential (Chow–Robbins) rule.
 * The statistical consequence (GR-17's calibration) is measured by `collapse-lab calibrate` (docs/calibration.md).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { replicateUntilPowered } from '../theorems/support/nonparametric.js';
import { plannedSample } from '../theorems/support/accumulate.js';
import { requiredReplications } from '../src/stats/assert.js';
import { rootKey } from '../src/rng/index.js';
import { InvalidArgumentError } from '../src/errors.js';
import type { ClaimContext } from '../src/stats/claim.js';

/** A draw whose value for replication r (column c) is r·width + c, recording every call. */
function recordingDraw(width: number) {
  const calls: Array<[number, number]> = [];
  const draw = (first: number, count: number) => {
    calls.push([first, count]);
    const out = new Float64Array(count * width);
    for (let i = 0; i < count; i++) for (let c = 0; c < width; c++) out[i * width + c] = (first + i) * width + c;
    return out;
  };
  return { calls, draw };
}

const ctx = (mode: 'claim' | 'negative'): ClaimContext => ({ alpha: 0.01, beta: 0.01, key: rootKey('plans'), simulationSeed: 0, mode });

/** The documented inflated pilot sd, written out: two passes, population moments, ddof-1 sd. */
function inflatedSd(pilot: readonly number[]): number {
  const P = pilot.length;
  const mean = pilot.reduce((a, b) => a + b, 0) / P;
  const m2 = pilot.reduce((a, x) => a + (x - mean) ** 2, 0) / P;
  const m4 = pilot.reduce((a, x) => a + (x - mean) ** 4, 0) / P;
  const kurtosis = m4 / (m2 * m2);
  return Math.sqrt(m2 * P / (P - 1)) * Math.max(1.25, 1 + 6 * Math.sqrt((kurtosis - 1) / (4 * P)));
}

describe('plannedSample, two-stage design (independent pilot)', () => {
  it('R comes from the pilot alone (inflated sd); the checked sample is exactly replications [0, R), drawn once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 50, maxLength: 400 }),
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        fc.constantFrom<'claim' | 'negative'>('claim', 'negative'),
        (pilot, detectable, mode) => {
          fc.pre(pilot.some((x) => x !== pilot[0]));
          let pilotCalls = 0;
          const calls: Array<[number, number]> = [];
          // constant checked values: sd 0, so the sample is powered and never topped up
          const draw = (first: number, count: number) => {
            calls.push([first, count]);
            return new Float64Array(count).fill(7);
          };
          const values = plannedSample(ctx(mode), {
            detectable,
            alpha: 0.01,
            pilot: () => {
              pilotCalls++;
              return Float64Array.from(pilot);
            },
            draw,
          });
          const R = requiredReplications({ sd: inflatedSd(pilot), detectable, alpha: 0.01, beta: 0.01 });
          expect(pilotCalls).toBe(1);
          expect(calls).toEqual([[0, R]]);
          expect(values.length).toBe(R);
        },
      ),
      { numRuns: 100, seed: 9101 },
    );
  });

  it('the pilot sd is inflated by at least 1.25 (a light-tailed pilot) and by 1 + 6·√((κ̂ − 1)/(4P)) for a heavy-tailed one', () => {
    // two-point pilot ±1 (κ = 1): inflation 1.25 exactly; sd = √(P/(P − 1))
    const P = 100;
    const light = Array.from({ length: P }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const { draw, calls } = recordingDraw(1);
    const constant = (first: number, count: number) => (draw(first, count), new Float64Array(count));
    plannedSample(ctx('claim'), { detectable: 0.1, alpha: 0.01, pilot: () => Float64Array.from(light), draw: constant });
    expect(calls[0][1]).toBe(requiredReplications({ sd: 1.25 * Math.sqrt(P / (P - 1)), detectable: 0.1, alpha: 0.01, beta: 0.01 }));
    // one outlier in 100 zeros: m2 = 99/10⁴, m4 = 99·(1 + 99³/... ) — written out: x = 100 at one point, mean 1
    const heavy = Array.from({ length: P }, (_, i) => (i === 0 ? 100 : 0));
    const m2 = (99 ** 2 + 99 * 1) / P; // (100 − 1)² once, (0 − 1)² 99 times
    const m4 = (99 ** 4 + 99 * 1) / P;
    const inflation = 1 + 6 * Math.sqrt((m4 / (m2 * m2) - 1) / (4 * P));
    expect(inflation).toBeGreaterThan(1.25);
    const before = calls.length;
    plannedSample(ctx('claim'), { detectable: 0.1, alpha: 0.01, pilot: () => Float64Array.from(heavy), draw: constant });
    expect(calls[before][1]).toBe(requiredReplications({ sd: Math.sqrt((m2 * P) / (P - 1)) * inflation, detectable: 0.1, alpha: 0.01, beta: 0.01 }));
  });

  it('tops up replications [R, R′) of the same draw, R′ = ⌈1.1·need⌉, at most three times, while the realised sd says R is short', () => {
    const calls: Array<[number, number]> = [];
    // replication r's value is ±√(r + 1) (+ for even r): the realised sd grows like √(R/2), so with detectable
    // δ = 2.8 the need ≈ 24.03·(R/2)/δ² ≈ 1.53·R exceeds R every round
    const valueOf = (r: number) => (r % 2 === 0 ? 1 : -1) * Math.sqrt(r + 1);
    const draw = (first: number, count: number) => {
      calls.push([first, count]);
      return Float64Array.from({ length: count }, (_, i) => valueOf(first + i));
    };
    // pilot ±0.01: R = 100 (requiredReplications' floor)
    const pilot = Float64Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 0.01 : -0.01));
    const detectable = 2.8;
    const values = plannedSample(ctx('claim'), { detectable, alpha: 0.01, pilot: () => pilot, draw });
    const sdOfFirst = (n: number) => {
      const xs = Array.from({ length: n }, (_, r) => valueOf(r));
      const mean = xs.reduce((a, b) => a + b, 0) / n;
      return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
    };
    const need = (n: number) => requiredReplications({ sd: sdOfFirst(n), detectable, alpha: 0.01, beta: 0.01 });
    const sizes = [100];
    for (let k = 0; k < 3; k++) {
      expect(need(sizes[k])).toBeGreaterThan(sizes[k]);
      sizes.push(Math.ceil(1.1 * need(sizes[k])));
    }
    expect(need(sizes[3])).toBeGreaterThan(sizes[3]); // still short: the fourth top-up is not taken
    expect(calls).toEqual([[0, 100], [100, sizes[1] - 100], [sizes[1], sizes[2] - sizes[1]], [sizes[2], sizes[3] - sizes[2]]]);
    expect(values.length).toBe(sizes[3]);
    let inOrder = true;
    for (let r = 0; r < values.length; r++) inOrder &&= values[r] === valueOf(r);
    expect(inOrder).toBe(true);
  });

  it('a pilot shorter than 50 replications, or one with a NaN, is refused with an error naming it (never a NaN R)', () => {
    const draw = (_first: number, count: number) => new Float64Array(count);
    expect(() => plannedSample(ctx('claim'), { detectable: 0.1, alpha: 0.01, pilot: () => new Float64Array(49), draw })).toThrow(InvalidArgumentError);
    expect(() => plannedSample(ctx('claim'), { detectable: 0.1, alpha: 0.01, pilot: () => new Float64Array(49), draw })).toThrow(/pilot\.length/);
    const withNaN = Float64Array.from({ length: 60 }, (_, i) => (i === 3 ? Number.NaN : i));
    expect(() => plannedSample(ctx('claim'), { detectable: 0.1, alpha: 0.01, pilot: () => withNaN, draw })).toThrow(/sd/);
  });
});

describe('replicateUntilPowered, sequential design (no pilot)', () => {
  it('starts at replications [0, initial) and grows to ⌈1.05·needed⌉ while short, at most six times', () => {
    const { calls, draw } = recordingDraw(1);
    const { replications } = replicateUntilPowered({ initial: 100, max: 1e6, draw, needed: (_v, R) => 2 * R });
    const sizes = [100];
    for (let k = 0; k < 6; k++) sizes.push(Math.ceil(1.05 * 2 * sizes[sizes.length - 1]));
    expect(calls[0]).toEqual([0, 100]);
    expect(calls.length).toBe(7);
    expect(replications).toBe(sizes[6]);
  });
});
