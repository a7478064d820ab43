/**
 * Deterministic properties of the sample-size schedules c_t (src/loop/schedule.ts): closed-form values of
 * c_t, the rounding of n·c_t, S_T = Σ 1/c_t against independent references (exact rationals with BigInt,
 * ζ values with Euler–Maclaurin tails, geometric sums, the table of CLAIMS.md §2.5), and bad input.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scheduleMultiplier, scheduleSum, syntheticSize, validateSchedule } from '../src/loop/index.js';
import type { Schedule } from '../src/loop/index.js';
import { InvalidArgumentError } from '../src/errors.js';

const FC = { seed: 20240611, numRuns: 200 } as const;

/** Runs `fn`, expecting an InvalidArgumentError whose parameter is `parameter`; returns it. */
function invalid(fn: () => unknown, parameter: string): InvalidArgumentError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    const e = error as InvalidArgumentError;
    expect(e.parameter).toBe(parameter);
    expect(e.message).toContain(parameter);
    return e;
  }
  throw new Error(`expected an InvalidArgumentError naming ${parameter}, nothing was thrown`);
}

/** H_T = Σ_{t≤T} 1/t as an exact fraction (BigInt), converted to a double at the end. */
function harmonicExact(T: number): number {
  let num = 0n;
  let den = 1n;
  for (let t = 1n; t <= BigInt(T); t++) {
    num = num * t + den;
    den = den * t;
  }
  // 30 significant digits of num/den, then one rounding to double.
  const scaled = (num * 10n ** 30n) / den;
  return Number(scaled) / 1e30;
}

describe('scheduleMultiplier: c_t of each kind', () => {
  it('matches the definitions at hand-computed points', () => {
    expect(scheduleMultiplier({ kind: 'constant' }, 7)).toBe(1);
    expect(scheduleMultiplier({ kind: 'constant', c: 2.5 }, 7)).toBe(2.5);
    expect(scheduleMultiplier({ kind: 'linear' }, 7)).toBe(7);
    expect(scheduleMultiplier({ kind: 'linear', slope: 0.5 }, 7)).toBe(3.5);
    expect(scheduleMultiplier({ kind: 'polynomial', s: 1 }, 3)).toBe(9);
    expect(scheduleMultiplier({ kind: 'polynomial', s: 0 }, 3)).toBe(3);
    expect(scheduleMultiplier({ kind: 'polynomial', s: -0.5 }, 16)).toBe(4);
    expect(scheduleMultiplier({ kind: 't-log-t' }, 1)).toBe(1);
    expect(scheduleMultiplier({ kind: 't-log-t' }, 2)).toBeCloseTo(1.3862943611198906, 15); // 2·ln 2
    expect(scheduleMultiplier({ kind: 'exponential', base: 3 }, 4)).toBe(81);
    expect(scheduleMultiplier({ kind: 'exponential', base: 1 }, 1000)).toBe(1);
    expect(scheduleMultiplier({ kind: 'function', c: (t) => t + 0.25 }, 4)).toBe(4.25);
  });
});

describe('syntheticSize = max(1, round(n·c_t))', () => {
  it('rounds half up and never returns 0', () => {
    expect(syntheticSize(10, { kind: 'linear', slope: 0.25 }, 3)).toBe(8); // 7.5 → 8
    expect(syntheticSize(10, { kind: 'linear', slope: 0.25 }, 1)).toBe(3); // 2.5 → 3
    expect(syntheticSize(10, { kind: 'constant', c: 0.01 }, 1)).toBe(1); // 0.1 → 0 → 1
    expect(syntheticSize(20, { kind: 'polynomial', s: 1 }, 5)).toBe(500);
  });

  it('is an integer ≥ 1 within ½ of n·c_t whenever n·c_t ≥ ½ (any positive c_t)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.integer({ min: 1, max: 500 }),
        (n, c, t) => {
          const size = syntheticSize(n, { kind: 'function', c: () => c }, t);
          expect(Number.isInteger(size) && size >= 1).toBe(true);
          if (n * c >= 0.5) expect(Math.abs(size - n * c)).toBeLessThanOrEqual(0.5);
          else expect(size).toBe(1);
        },
      ),
      FC,
    );
  });
});

describe('scheduleSum S_T = Σ_{t=1}^T 1/c_t against independent references', () => {
  it('is 0 for T = 0 and T/c for a constant schedule', () => {
    expect(scheduleSum({ kind: 'linear' }, 0)).toBe(0);
    expect(scheduleSum({ kind: 'constant', c: 4 }, 10)).toBe(2.5);
    expect(scheduleSum({ kind: 'constant' }, 1000)).toBe(1000);
  });

  it('c_t = t gives the harmonic number H_T (exact fraction computed with BigInt)', () => {
    for (const T of [1, 2, 3, 10, 50, 200]) {
      expect(Math.abs(scheduleSum({ kind: 'linear' }, T) - harmonicExact(T))).toBeLessThanOrEqual(4e-16 * harmonicExact(T));
    }
    // CLAIMS.md §2.5 table: S_50 = 4.499 for c_t = t.
    expect(scheduleSum({ kind: 'linear' }, 50)).toBeCloseTo(4.499, 3);
  });

  it('c_t = t² tends to π²/6 (tail ψ₁(T+1) from its asymptotic series)', () => {
    const T = 100_000;
    const tail = 1 / T - 1 / (2 * T * T) + 1 / (6 * T ** 3);
    expect(Math.abs(scheduleSum({ kind: 'polynomial', s: 1 }, T) - (Math.PI ** 2 / 6 - tail))).toBeLessThan(1e-13);
  });

  it('c_t = t^1.5 tends to ζ(3/2) = 2.6123753486854883 (Euler–Maclaurin tail); S_50 = 2.330 (CLAIMS.md §2.5)', () => {
    const T = 10_000;
    const f = (x: number) => x ** -1.5;
    const df = (x: number) => -1.5 * x ** -2.5;
    const d3f = (x: number) => -1.5 * -2.5 * -3.5 * x ** -4.5;
    const tail = 2 / Math.sqrt(T) - f(T) / 2 - df(T) / 12 + d3f(T) / 720; // Σ_{t>T} t^{-3/2}
    expect(Math.abs(scheduleSum({ kind: 'polynomial', s: 0.5 }, T) - (2.6123753486854883 - tail))).toBeLessThan(1e-12);
    expect(Math.abs(scheduleSum({ kind: 'polynomial', s: 0.5 }, 50) - 2.330)).toBeLessThan(1e-3); // table printed to 3 decimals (truncated)
  });

  it('c_t = b^t is the geometric sum (1 − b^{−T})/(b − 1)', () => {
    expect(scheduleSum({ kind: 'exponential', base: 2 }, 10)).toBe(1 - 1 / 1024); // exact in binary
    const b = 1.3;
    const T = 40;
    expect(scheduleSum({ kind: 'exponential', base: b }, T)).toBeCloseTo((1 - b ** -T) / (b - 1), 13);
  });

  it('t-log-t: S_1 = 1, S_2 = 1 + 1/(2 ln 2), and it diverges (S_T grows like ln ln T)', () => {
    expect(scheduleSum({ kind: 't-log-t' }, 1)).toBe(1);
    expect(scheduleSum({ kind: 't-log-t' }, 2)).toBeCloseTo(1 + 1 / (2 * Math.LN2), 15);
    const s1e3 = scheduleSum({ kind: 't-log-t' }, 1000);
    const s1e5 = scheduleSum({ kind: 't-log-t' }, 100_000);
    // Σ_{t=1000}^{100000} 1/(t ln t) ≈ ln ln 1e5 − ln ln 1e3 = ln(5/3) ≈ 0.511
    expect(s1e5 - s1e3).toBeCloseTo(Math.log(5 / 3), 2);
  });

  it('is additive over T and increasing in every c_t (fast-check)', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.9, max: 2, noNaN: true }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (s, T, extra) => {
        const sched: Schedule = { kind: 'polynomial', s };
        const a = scheduleSum(sched, T);
        const b = scheduleSum(sched, T + extra);
        const gap = scheduleSum({ kind: 'function', c: (t) => (T + t) ** (1 + s) }, extra);
        expect(Math.abs(b - (a + gap))).toBeLessThanOrEqual(1e-12 * b);
        expect(scheduleSum({ kind: 'polynomial', s: s + 0.05 }, T)).toBeLessThanOrEqual(a);
      }),
      FC,
    );
  });
});

describe('schedule bad input', () => {
  it('a function schedule returning NaN, 0, a negative number or Infinity names schedule.c(t) with t and the value', () => {
    const bad: Array<[number, string]> = [
      [NaN, 'NaN'],
      [0, '0'],
      [-2, '-2'],
      [Infinity, 'Infinity'],
    ];
    for (const [value, shown] of bad) {
      const sched: Schedule = { kind: 'function', c: (t) => (t === 3 ? value : 1) };
      expect(scheduleMultiplier(sched, 2)).toBe(1);
      const e = invalid(() => scheduleMultiplier(sched, 3), 'schedule.c(3)');
      expect(e.message).toContain(`received ${shown}`);
      expect(e.message).toContain('t = 3');
      invalid(() => scheduleSum(sched, 5), 'schedule.c(3)');
      invalid(() => syntheticSize(10, sched, 3), 'schedule.c(3)');
    }
    invalid(() => scheduleMultiplier({ kind: 'function', c: (() => 'big') as unknown as (t: number) => number }, 1), 'schedule.c(1)');
  });

  it('refuses out-of-domain parameters, naming the field', () => {
    invalid(() => validateSchedule({ kind: 'polynomial', s: -1 }), 'schedule.s');
    invalid(() => validateSchedule({ kind: 'polynomial', s: NaN }), 'schedule.s');
    invalid(() => validateSchedule({ kind: 'polynomial' } as unknown as Schedule), 'schedule.s');
    invalid(() => validateSchedule({ kind: 'exponential', base: 0.99 }), 'schedule.base');
    invalid(() => validateSchedule({ kind: 'exponential', base: Infinity }), 'schedule.base');
    invalid(() => validateSchedule({ kind: 'constant', c: 0 }), 'schedule.c');
    invalid(() => validateSchedule({ kind: 'constant', c: -1 }), 'schedule.c');
    invalid(() => validateSchedule({ kind: 'linear', slope: 0 }), 'schedule.slope');
    invalid(() => validateSchedule({ kind: 'function', c: 3 } as unknown as Schedule), 'schedule.c');
    invalid(() => validateSchedule({ kind: 'function', c: () => 1, label: 5 } as unknown as Schedule), 'schedule.label');
    invalid(() => validateSchedule({ kind: 'quadratic' } as unknown as Schedule), 'schedule.kind');
    invalid(() => validateSchedule(null), 'schedule');
    invalid(() => validateSchedule({ kind: 'linear', base: 2 } as unknown as Schedule), 'schedule.base'); // field of another kind
    invalid(() => scheduleMultiplier({ kind: 'linear' }, 0), 't');
    invalid(() => scheduleMultiplier({ kind: 'linear' }, 1.5), 't');
    invalid(() => scheduleSum({ kind: 'linear' }, -1), 'T');
    invalid(() => syntheticSize(0, { kind: 'linear' }, 1), 'n');
    invalid(() => syntheticSize(2.5, { kind: 'linear' }, 1), 'n');
  });

  it('an exponential overflow to Infinity is reported, not returned', () => {
    invalid(() => scheduleMultiplier({ kind: 'exponential', base: 10 }, 400), 'schedule.c(400)');
    invalid(() => syntheticSize(1000, { kind: 'exponential', base: 10 }, 300), 'schedule at t = 300'); // 1e303 points: not a safe integer
  });
});
