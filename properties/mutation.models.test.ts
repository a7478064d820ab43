/**
 * Kills surviving mutants of src/models (docs/mutation.md): direct, deterministic unit tests of
 * src/models/choleskyCache.ts and src/models/rowStorage.ts, whose expected values come from independent
 * references (a fresh `cholesky` from src/linalg, hand-built arrays, brute-force bookkeeping), never from
 * the code under test.
 *
 * - `CholeskyCache`: lower(cov) equals a fresh cholesky(cov) bit for bit; a matrix differing in one entry
 *   (every position of d×d, d = 1..4; +0 vs −0) is a cache miss with its own factor; hits return the stored
 *   array; two slots replaced alternately, a third matrix evicts the older one; cholesky's errors propagate
 *   and leave nothing (and no half-written factor) cached.
 * - `choleskyInto`: the inline 2×2 path gives exactly cholesky's numbers or cholesky's error, on random SPD
 *   matrices, near-tolerance asymmetries, pivots at the threshold, and wrong shapes.
 * - `rowStorage` / `enterRecursion` / `exitRecursion`: plain arrays outside a recursion and for lengths
 *   outside [16, 2048]; zeroed, disjoint 64 KiB-chunk views inside; nesting, the release at the outermost
 *   exit, the clamp of a stray exit, and the behaviour of `new Float64Array` for odd lengths.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CholeskyCache, choleskyInto } from '../src/models/choleskyCache.js';
import { enterRecursion, exitRecursion, rowStorage } from '../src/models/rowStorage.js';
import { cholesky } from '../src/linalg/cholesky.js';
import { NumericalError } from '../src/errors.js';

const EPS = Number.EPSILON;

/** Bit-for-bit equality of two arrays of doubles (Object.is: +0 ≠ −0, NaN = NaN). */
function expectSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) throw new Error(`entry ${i}: ${actual[i]} vs ${expected[i]} (${Array.from(actual)} vs ${Array.from(expected)})`);
  }
}

/** A fresh factor, computed on a copy so nothing is shared with the cache. */
function fresh(a: Float64Array, d: number): Float64Array {
  return cholesky(Float64Array.from(a), d);
}

/** A diagonally dominant SPD d×d matrix with distinct entries (zero where |i − j| > 1 when `sparse`). */
function spd(d: number, sparse = false): Float64Array {
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      if (i === j) a[i * d + j] = 3 * d + i + 1;
      else if (!sparse || Math.abs(i - j) === 1) a[i * d + j] = 0.5 + 0.25 * Math.min(i, j) + 0.125 * Math.max(i, j);
    }
  }
  return a;
}

type Outcome = { ok: true; values: number[] } | { ok: false; name: string; message: string; kind?: string };

function outcome(f: () => Float64Array): Outcome {
  try {
    return { ok: true, values: Array.from(f()) };
  } catch (error) {
    const e = error as Error & { kind?: string };
    return { ok: false, name: e.name, message: e.message, kind: e.kind };
  }
}

function expectSameOutcome(actual: Outcome, expected: Outcome): void {
  if (expected.ok && actual.ok) expectSameBits(actual.values, expected.values);
  else expect(actual).toEqual(expected);
}

describe('CholeskyCache: factors equal a fresh cholesky, bit for bit', () => {
  it('the documented example: [4, 2, 2, 5] → [2, 0, 1, 2], factored then cached', () => {
    const cache = new CholeskyCache(2);
    const first = cache.lower(Float64Array.of(4, 2, 2, 5));
    expectSameBits(first, [2, 0, 1, 2]);
    const second = cache.lower(Float64Array.of(4, 2, 2, 5));
    expect(second).toBe(first);
    expectSameBits(second, [2, 0, 1, 2]);
  });

  it('random SPD matrices, d = 1..4, first call and repeated call', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 16, maxLength: 16 }), (d, raw) => {
        // A = B Bᵀ + d·I, symmetric by construction
        const a = new Float64Array(d * d);
        for (let i = 0; i < d; i++) {
          for (let j = 0; j <= i; j++) {
            let s = i === j ? d : 0;
            for (let k = 0; k < d; k++) s += raw[i * 4 + k] * raw[j * 4 + k];
            a[i * d + j] = s;
            a[j * d + i] = s;
          }
        }
        const cache = new CholeskyCache(d);
        const expected = fresh(a, d);
        expectSameBits(cache.lower(a), expected);
        expectSameBits(cache.lower(Float64Array.from(a)), expected);
      }),
      { numRuns: 150, seed: 4242 },
    );
  });
});

describe('CholeskyCache: a different matrix is a miss with its own factor', () => {
  for (let d = 1; d <= 4; d++) {
    it(`one entry changed, every position of ${d}×${d}`, () => {
      const a = spd(d);
      for (let p = 0; p < d * d; p++) {
        const i = Math.floor(p / d);
        const j = p % d;
        // diagonal: +0.5 keeps B SPD; off-diagonal: a relative bump of 1e-14 stays within the symmetry tolerance
        const b = Float64Array.from(a);
        b[p] = i === j ? a[p] + 0.5 : a[p] * (1 + 1e-14);
        expect(b[p]).not.toBe(a[p]);
        const cache = new CholeskyCache(d);
        const la = cache.lower(a);
        expectSameBits(la, fresh(a, d));
        const lb = cache.lower(b);
        expect(lb).not.toBe(la);
        expectSameBits(lb, fresh(b, d));
        expect(cache.lower(a)).toBe(la); // A still cached in its slot
        expectSameBits(la, fresh(a, d));
        if (j !== i) {
          // a large change of one off-diagonal entry only makes the matrix asymmetric: must be factored (and rejected)
          const c = Float64Array.from(a);
          c[p] = a[p] + 1;
          expect(() => cache.lower(c)).toThrow(NumericalError);
        }
      }
    });

    it(`+0 and −0 differ, every zero position of ${d}×${d}`, () => {
      const a = spd(d, true);
      let zeros = 0;
      for (let p = 0; p < d * d; p++) {
        if (a[p] !== 0) continue;
        zeros++;
        const neg = Float64Array.from(a);
        neg[p] = -0;
        for (const [x, y] of [[a, neg], [neg, a]] as const) {
          const cache = new CholeskyCache(d);
          const lx = cache.lower(x);
          expectSameBits(lx, fresh(x, d));
          const ly = cache.lower(y);
          expect(ly).not.toBe(lx);
          expectSameBits(ly, fresh(y, d));
        }
      }
      expect(zeros).toBe(d <= 2 ? 0 : (d - 1) * (d - 2));
    });
  }

  it('a −0 in the lower triangle gives a −0 in the factor (not the cached +0)', () => {
    const cache = new CholeskyCache(2);
    expectSameBits(cache.lower(Float64Array.of(1, 0, 0, 1)), [1, 0, 0, 1]);
    expectSameBits(cache.lower(Float64Array.of(1, 0, -0, 1)), [1, 0, -0, 1]);
    const cache3 = new CholeskyCache(3);
    const i3 = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1);
    expectSameBits(cache3.lower(i3), fresh(i3, 3));
    const n3 = Float64Array.of(1, 0, 0, 0, 1, 0, 0, -0, 1);
    expectSameBits(cache3.lower(n3), fresh(n3, 3));
    expect(Object.is(cache3.lower(n3)[7], -0)).toBe(true);
  });

  it('only the first d² entries are the key (a longer array with the same head is a hit)', () => {
    const cache = new CholeskyCache(1);
    const l = cache.lower(Float64Array.of(9));
    expectSameBits(l, [3]);
    expect(cache.lower(Float64Array.of(9, 123))).toBe(l);
    const m = cache.lower(Float64Array.of(16));
    expect(m).not.toBe(l);
    expectSameBits(m, [4]);
  });
});

describe('CholeskyCache: hits, two alternating slots, eviction', () => {
  it('a hit returns the stored array without refactoring it', () => {
    for (const d of [1, 2, 3]) {
      const a = spd(d);
      const cache = new CholeskyCache(d);
      const l = cache.lower(a);
      l[0] = 12345; // the array belongs to the cache: a hit hands it back as is
      expect(cache.lower(Float64Array.from(a))[0]).toBe(12345);
    }
  });

  it('A, B, A, B are all cached after the first two; C evicts the older slot (A), then A evicts B', () => {
    const d = 2;
    const a = Float64Array.of(4, 2, 2, 5);
    const b = Float64Array.of(9, 3, 3, 5);
    const c = Float64Array.of(1, 0.5, 0.5, 2);
    const cache = new CholeskyCache(d);
    const la = cache.lower(a);
    const lb = cache.lower(b);
    expect(lb).not.toBe(la);
    la[3] = -1; // markers: a recomputation would overwrite them
    lb[3] = -2;
    expect(cache.lower(a)).toBe(la);
    expect(cache.lower(b)).toBe(lb);
    expect(cache.lower(a)[3]).toBe(-1);
    expect(cache.lower(b)[3]).toBe(-2);
    // C: a miss, into the slot filled first (A's), whatever the order of the hits since
    const lc = cache.lower(c);
    expect(lc).toBe(la);
    expectSameBits(lc, fresh(c, d));
    expect(cache.lower(b)).toBe(lb); // B survived
    expect(lb[3]).toBe(-2);
    // A again: a miss, into B's slot (the older one now)
    const la2 = cache.lower(a);
    expect(la2).toBe(lb);
    expectSameBits(la2, fresh(a, d));
    expect(cache.lower(c)).toBe(la); // C survived
    expectSameBits(la, fresh(c, d));
    // B again: a miss, into C's slot
    expect(cache.lower(b)).toBe(la);
    expectSameBits(la, fresh(b, d));
    expect(cache.lower(a)).toBe(lb);
  });

  it('the same in dimension 3 (general path)', () => {
    const d = 3;
    const a = spd(3);
    const b = spd(3, true);
    const c = Float64Array.from(a, (x, i) => (i % 4 === 0 ? x * 2 : x));
    const cache = new CholeskyCache(d);
    const la = cache.lower(a);
    const lb = cache.lower(b);
    expect(cache.lower(a)).toBe(la);
    expect(cache.lower(c)).toBe(la);
    expectSameBits(la, fresh(c, d));
    expect(cache.lower(b)).toBe(lb);
    expectSameBits(lb, fresh(b, d));
  });
});

describe('CholeskyCache: errors propagate and leave nothing cached', () => {
  it('a singular / non-SPD / asymmetric matrix throws NumericalError on every call', () => {
    for (const [d, bad] of [
      [1, Float64Array.of(0)],
      [1, Float64Array.of(-1)],
      [2, Float64Array.of(1, 1, 1, 1)],
      [2, Float64Array.of(1, 0, 0.5, 1)],
      [3, Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, -1)],
    ] as const) {
      const cache = new CholeskyCache(d);
      const expected = outcome(() => cholesky(Float64Array.from(bad), d));
      expect(expected.ok).toBe(false);
      expect(() => cache.lower(bad)).toThrow(NumericalError);
      expectSameOutcome(outcome(() => cache.lower(bad)), expected);
      expectSameOutcome(outcome(() => cache.lower(bad)), expected);
    }
  });

  it('a failure in an occupied slot invalidates it (no half-written factor is served)', () => {
    const d = 3;
    const a = Float64Array.of(4, 2, 0, 2, 5, 0, 0, 0, 9); // L = [2,0,0; 1,2,0; 0,0,3]
    const b = spd(3);
    const bad = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, -1); // fails at pivot 2, after writing rows 0-1
    const cache = new CholeskyCache(d);
    cache.lower(a); // slot 0
    cache.lower(b); // slot 1; next = slot 0
    expect(() => cache.lower(bad)).toThrow(NumericalError);
    expectSameBits(cache.lower(a), [2, 0, 0, 1, 2, 0, 0, 0, 3]);
    expectSameBits(cache.lower(b), fresh(b, d));
  });

  it('2×2: a failure in an occupied slot leaves the other slot cached', () => {
    const cache = new CholeskyCache(2);
    const a = Float64Array.of(4, 2, 2, 5);
    const la = cache.lower(a);
    expect(() => cache.lower(Float64Array.of(1, 2, 2, 1))).toThrow(NumericalError);
    expect(cache.lower(a)).toBe(la);
    expectSameBits(la, [2, 0, 1, 2]);
  });
});

describe('choleskyInto: the inline 2×2 path agrees with cholesky', () => {
  const check = (a: Float64Array, d = 2, outLength = d * d): void => {
    const expected = outcome(() => cholesky(Float64Array.from(a), d, new Float64Array(outLength)));
    const out = new Float64Array(outLength).fill(7);
    const actual = outcome(() => choleskyInto(a, d, out));
    expectSameOutcome(actual, expected);
    if (actual.ok) expectSameBits(out, actual.values); // written into `out`
  };

  it('returns `out` itself, filled with the factor (documented example)', () => {
    const out = new Float64Array(4).fill(9);
    expect(choleskyInto(Float64Array.of(4, 2, 2, 5), 2, out)).toBe(out);
    expectSameBits(out, [2, 0, 1, 2]);
  });

  it('random SPD 2×2 matrices (L Lᵀ), with small asymmetries around the tolerance', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 0, max: 1e3, noNaN: true }),
        fc.constantFrom(0, 0.5e-12, 0.99e-12, 1.01e-12, 2e-12, -0.99e-12, -1.01e-12),
        fc.boolean(),
        (l00, l10, l11, asym, upper) => {
          const a10 = l00 * l10;
          const a = Float64Array.of(l00 * l00, a10, a10, l10 * l10 + l11 * l11);
          const scale = Math.max(Math.abs(a10), Math.sqrt(a[0] * a[3]));
          a[upper ? 1 : 2] += asym * scale;
          check(a);
        },
      ),
      { numRuns: 200, seed: 4242 },
    );
  });

  it('pivots at and around the threshold d·ε·max diagonal', () => {
    check(Float64Array.of(2 * EPS, 0, 0, 1)); // a00 = threshold: rejected
    check(Float64Array.of(4 * EPS, 0, 0, 1)); // a00 > threshold
    check(Float64Array.of(8 * EPS, 0, 0, 4)); // threshold from a11
    check(Float64Array.of(16 * EPS, 0, 0, 4));
    check(Float64Array.of(1, 0, 0, 2 * EPS)); // second pivot = threshold
    check(Float64Array.of(1, 0, 0, 4 * EPS));
    for (let k = 0; k <= 8; k++) check(Float64Array.of(1, 1, 1, 1 + k * EPS));
    check(Float64Array.of(0, 0, 0, 1));
    check(Float64Array.of(-1, 0, 0, 1));
    check(Float64Array.of(1, 0, 0, -1));
    check(Float64Array.of(-4, 0, 0, -4));
  });

  it('asymmetry measured against max(|a10|, |a01|, √|a00 a11|)', () => {
    check(Float64Array.of(1, 1e-13, 0, 1)); // relative to √(a00 a11) = 1: accepted
    check(Float64Array.of(1, 2e-12, 0, 1)); // rejected
    check(Float64Array.of(1e-6, 1, 1 + 5e-13, 1e7)); // relative to |a01| ≈ 1: accepted
    check(Float64Array.of(1e-6, 1 + 5e-13, 1, 1e7)); // relative to |a01|
    check(Float64Array.of(1e-6, 1, 1 + 3e-12, 1e7)); // rejected
    check(Float64Array.of(4, 0.5, 0.5 + 1e-11, 9)); // rejected (scale 6)
    check(Float64Array.of(4, 0.5, 0.5 + 1e-12, 9)); // accepted
  });

  it('non-finite entries, wrong shapes and other dimensions go to cholesky (same error or result)', () => {
    for (const x of [NaN, Infinity, -Infinity]) {
      for (let p = 0; p < 4; p++) {
        const a = Float64Array.of(4, 2, 2, 5);
        a[p] = x;
        check(a);
      }
    }
    check(Float64Array.of(4, 2, 2, 5), 2, 3); // wrong `out` length
    check(Float64Array.of(4, 2, 2, 5), 2, 5);
    check(Float64Array.of(4, 2, 2, 5, 1), 2); // wrong `a` length
    check(Float64Array.of(4, 2, 2), 2);
    check(Float64Array.of(9), 1);
    check(spd(3), 3);
    check(Float64Array.of(4, 2, 2, 5), 1);
  });
});

describe('rowStorage: plain arrays outside a recursion and outside [16, 2048]', () => {
  afterEach(() => {
    for (let k = 0; k < 8; k++) exitRecursion();
  });

  const expectPlain = (x: Float64Array, length: number): void => {
    expect(x).toBeInstanceOf(Float64Array);
    expect(x.length).toBe(length);
    expect(x.byteOffset).toBe(0);
    expect(x.buffer.byteLength).toBe(length * 8);
    expect(Array.from(x).every((v) => Object.is(v, 0))).toBe(true);
  };

  it('outside a recursion every length is a plain zeroed array', () => {
    for (const n of [0, 1, 15, 16, 17, 100, 2047, 2048, 2049, 5000]) expectPlain(rowStorage(n), n);
  });

  it('inside a recursion: lengths below 16 or above 2048 stay plain; 16 and 2048 come from a 64 KiB chunk', () => {
    enterRecursion();
    for (const n of [0, 1, 15, 2049, 4096]) expectPlain(rowStorage(n), n);
    for (const n of [16, 17, 2048]) {
      const v = rowStorage(n);
      expect(v.length).toBe(n);
      expect(v.buffer.byteLength).toBe(1 << 16);
    }
  });

  it('odd lengths behave as for new Float64Array, inside and outside', () => {
    for (const inside of [false, true]) {
      if (inside) enterRecursion();
      for (const n of [16.5, 100.25, NaN, -0, 0.5]) {
        const x = rowStorage(n);
        expectPlain(x, new Float64Array(n).length);
      }
      for (const n of [-1, -16, Infinity]) {
        expect(() => rowStorage(n)).toThrow(RangeError);
        expect(() => new Float64Array(n)).toThrow(RangeError);
      }
    }
  });
});

describe('rowStorage: chunk views inside a recursion', () => {
  afterEach(() => {
    for (let k = 0; k < 8; k++) exitRecursion();
  });

  const overlaps = (x: Float64Array, y: Float64Array): boolean =>
    x.buffer === y.buffer && x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;

  it('views are zeroed, disjoint, and share chunks (four 2048-entry views fill one chunk exactly)', () => {
    enterRecursion();
    const views = [rowStorage(2048), rowStorage(2048), rowStorage(2048), rowStorage(2048)];
    for (const v of views) expect(v.buffer).toBe(views[0].buffer);
    const fifth = rowStorage(16);
    expect(fifth.buffer).not.toBe(views[0].buffer);
    expect(fifth.byteOffset).toBe(0);
    views.push(fifth);
    for (let i = 0; i < views.length; i++) for (let j = 0; j < i; j++) expect(overlaps(views[i], views[j])).toBe(false);
    const small = [rowStorage(16), rowStorage(100), rowStorage(17)];
    for (const v of small) expect(v.buffer).toBe(fifth.buffer);
    expect(small[0].byteOffset).toBe(16 * 8); // right after `fifth`
  });

  it('a view that does not fit opens a new chunk; the old views stay intact', () => {
    enterRecursion();
    const a = rowStorage(2000);
    const b = rowStorage(2000);
    const c = rowStorage(2000);
    const d = rowStorage(2000); // 4 × 16000 = 64000 bytes: fits
    const e = rowStorage(200); // 64000 + 1600 > 65536: new chunk
    expect(d.buffer).toBe(a.buffer);
    expect(e.buffer).not.toBe(a.buffer);
    const all = [a, b, c, d, e];
    all.forEach((v, k) => v.fill(k + 1));
    all.forEach((v, k) => expect(v.every((x) => x === k + 1)).toBe(true));
  });

  it('nested recursions share the chunk; the outermost exit releases it; views are never handed out twice', () => {
    enterRecursion();
    enterRecursion();
    const v = rowStorage(64).fill(7);
    exitRecursion(); // inner
    const w = rowStorage(64);
    expect(w.buffer).toBe(v.buffer);
    expect(w.every((x) => x === 0)).toBe(true);
    expect(overlaps(v, w)).toBe(false);
    w.fill(8);
    exitRecursion(); // outermost
    const plain = rowStorage(64);
    expect(plain.buffer.byteLength).toBe(64 * 8);
    enterRecursion();
    const u = rowStorage(64);
    expect(u.buffer).not.toBe(v.buffer);
    expect(u.byteOffset).toBe(0);
    expect(u.every((x) => x === 0)).toBe(true);
    u.fill(9);
    expect(v.every((x) => x === 7)).toBe(true);
    expect(w.every((x) => x === 8)).toBe(true);
  });

  it('a stray exitRecursion outside a recursion is harmless (depth stays at 0)', () => {
    exitRecursion();
    exitRecursion();
    expect(rowStorage(64).buffer.byteLength).toBe(64 * 8);
    enterRecursion();
    expect(rowStorage(64).buffer.byteLength).toBe(1 << 16);
    exitRecursion();
    expect(rowStorage(64).buffer.byteLength).toBe(64 * 8);
  });

  it('random sequences of enter / exit / allocate: right length, zeroed, disjoint, plain exactly when documented', () => {
    const op = fc.oneof(
      { weight: 1, arbitrary: fc.constant<'enter' | 'exit'>('enter') },
      { weight: 1, arbitrary: fc.constant<'enter' | 'exit'>('exit') },
      { weight: 6, arbitrary: fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.constantFrom(15, 16, 2048, 2049)) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        for (let k = 0; k < 64; k++) exitRecursion();
        let depth = 0;
        const live: { view: Float64Array; id: number }[] = [];
        for (const o of ops) {
          if (o === 'enter') {
            enterRecursion();
            depth++;
          } else if (o === 'exit') {
            exitRecursion();
            depth = Math.max(0, depth - 1);
          } else {
            const v = rowStorage(o);
            expect(v.length).toBe(o);
            expect(v.every((x) => x === 0)).toBe(true);
            const chunked = depth > 0 && o >= 16 && o <= 2048;
            expect(v.buffer.byteLength).toBe(chunked ? 1 << 16 : o * 8);
            const id = live.length + 1;
            v.fill(id);
            live.push({ view: v, id });
          }
        }
        for (const { view, id } of live) expect(view.every((x) => x === id)).toBe(true);
        for (let k = 0; k < 64; k++) exitRecursion();
      }),
      { numRuns: 100, seed: 4242 },
    );
  });
});
