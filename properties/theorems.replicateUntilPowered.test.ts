/**
 * Deterministic properties of `replicateUntilPowered` (theorems/support/nonparametric.ts), the planner of R for
 * the nonparametric claims. What makes its two-stage design valid is structural — the checked replications are
 * independent of the pilot that chose R, and are exactly replications [0, R) — so that is what is checked here,
 * with a recording `draw` (no simulation). The statistical consequence (GR-17's calibration) is measured by
 * `collapse-lab calibrate` (docs/calibration.md).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { replicateUntilPowered, PILOT_FIRST, PILOT_MARGIN } from '../theorems/support/nonparametric.js';

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

describe('replicateUntilPowered, two-stage design (pilot)', () => {
  it('plans R = max(initial, ⌈1.25·needed(pilot)⌉) from replications [2^40, 2^40 + pilot) and returns exactly replications [0, R)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 300 }),
        fc.integer({ min: 10, max: 300 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 2000 }),
        (pilot, initial, width, pilotNeed) => {
          const { calls, draw } = recordingDraw(width);
          let call = 0;
          // the pilot's plan is pilotNeed; the checked sample is already powered
          const needed = (values: Float64Array, replications: number) => {
            expect(values.length).toBe(replications * width);
            return call++ === 0 ? pilotNeed : 0;
          };
          const { values, replications } = replicateUntilPowered({ pilot, initial, max: 100_000, width, draw, needed });
          const expected = Math.max(initial, Math.ceil(PILOT_MARGIN * pilotNeed));
          expect(replications).toBe(expected);
          expect(calls).toEqual([[PILOT_FIRST, pilot], [0, expected]]);
          expect(values.length).toBe(expected * width);
          let inOrder = true; // replication r, column c at r·width + c
          for (let k = 0; k < values.length; k++) inOrder &&= values[k] === k;
          expect(inOrder).toBe(true);
        },
      ),
      { numRuns: 100, seed: 9101 },
    );
  });

  it('the pilot range never meets the checked range (R ≤ max ≪ 2^40)', () => {
    const { calls, draw } = recordingDraw(1);
    // a pilot that asks for more than max: R is capped at max, and the checked sample stays below the pilot
    replicateUntilPowered({ pilot: 50, initial: 10, max: 5_000, draw, needed: () => 1e12 });
    for (const [first, count] of calls.slice(1)) expect(first + count).toBeLessThanOrEqual(5_000);
    expect(calls[0]).toEqual([PILOT_FIRST, 50]);
    expect(5_000).toBeLessThan(PILOT_FIRST);
  });

  it('tops up replications [R, R′) of the same stream, at most three times, when the checked sample is short', () => {
    const { calls, draw } = recordingDraw(1);
    // pilot plans 100 → R = 125; the sample keeps asking for 1.5× more
    const { replications } = replicateUntilPowered({ pilot: 40, initial: 10, max: 1e6, draw, needed: (_v, R) => (R === 40 ? 100 : 1.5 * R) });
    const sizes = [125];
    for (let k = 0; k < 3; k++) sizes.push(Math.ceil(1.05 * 1.5 * sizes[sizes.length - 1]));
    expect(calls).toEqual([[PILOT_FIRST, 40], [0, 125], [125, sizes[1] - 125], [sizes[1], sizes[2] - sizes[1]], [sizes[2], sizes[3] - sizes[2]]]);
    expect(replications).toBe(sizes[3]);
  });

  it('a non-finite pilot plan (e.g. a NaN sd) uses max replications, never NaN', () => {
    const { calls, draw } = recordingDraw(1);
    const { replications } = replicateUntilPowered({ pilot: 20, initial: 10, max: 700, draw, needed: (_v, R) => (R === 20 ? Number.NaN : 0) });
    expect(replications).toBe(700);
    expect(calls[1]).toEqual([0, 700]);
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
