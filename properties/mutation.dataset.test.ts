/**
 * Direct tests that kill surviving mutants of src/models/dataset.ts (dataset, takeRows, concatRows and the
 * internal checkDatasetShape / checkFiniteRange, sampleWithoutReplacement) and src/models/sourceWeights.ts
 * (normalisedSourceWeights, sourceWeightsDeferringEntries); the mutant list is /tmp/mut/E/survivors.md, the
 * equivalent ones are argued in /tmp/mut/E/equivalent.md.
 *
 * Expected values come from the documented contracts and hand computation: error messages are the house format
 * `<parameter> must be <allowed>; received <value>` (src/errors.ts) with the parameter, the allowed text and the
 * value written out by hand from the doc comments (e.g. a 2×2 dataset whose x has 3 entries must report
 * `data.x.length must be 4 (size·dim); received 3`); copied rows are checked entry by entry against the
 * input written in the test; normalised weights are hand fractions (3/4, 1/4, …); sampleWithoutReplacement is
 * compared with a direct transcription of its documented algorithm (partial Fisher–Yates, both swapped positions
 * written back, on a map-backed array, driven by a second stream with the same key, then sorted; the two streams
 * must also end in the same state, i.e. exactly `size` draws), and its documented memory contract (a dense
 * Int32Array(population) only when population ≤ 65536 or ≤ 4·size, otherwise O(size) memory) is checked by
 * recording the lengths of the Int32Arrays it allocates. sourceWeightsDeferringEntries is checked against its
 * contract: the same result and errors as normalisedSourceWeights, except that it does not scan the entries of
 * sources of positive weight (so a NaN there is NOT reported by it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { concatRows, dataset, sampleWithoutReplacement, takeRows } from '../src/models/dataset.js';
import { normalisedSourceWeights, sourceWeightsDeferringEntries } from '../src/models/sourceWeights.js';
import type { Dataset, WeightedSource } from '../src/models/types.js';
import { InvalidArgumentError } from '../src/errors.js';
import { rootKey } from '../src/rng/stream.js';
import { refused } from './helpers/refused.js';
import type { Stream } from '../src/rng/stream.js';

/** Runs `call`, expects an InvalidArgumentError with exactly this parameter (`refused`) and this message; returns it. */
function expectArgError(call: () => unknown, parameter: string, message: string): InvalidArgumentError {
  const error = refused(call, parameter);
  expect(error.message).toBe(message);
  return error;
}

const f64 = (...v: number[]): Float64Array => Float64Array.of(...v);
const asAny = <T>(v: unknown): T => v as T;

describe('dataset (construction and validation)', () => {
  it('builds with the default name and checks nothing else fails on valid input', () => {
    const d = dataset(f64(1, 2, 3, 4), 2);
    expect(d.size).toBe(2);
    expect(d.dim).toBe(2);
    expect(Array.from(d.x)).toEqual([1, 2, 3, 4]);
    expect(d.y).toBeNull();
    const withY = dataset(f64(1, 2, 3, 4), 2, f64(5, 6));
    expect(Array.from(withY.y as Float64Array)).toEqual([5, 6]);
    // default name 'data' appears in the error messages
    expectArgError(() => dataset(f64(1), 0), 'data.dim', 'data.dim must be an integer ≥ 1; received 0');
    expectArgError(() => dataset(f64(1), 0, null, undefined), 'data.dim', 'data.dim must be an integer ≥ 1; received 0');
  });

  it('refuses x that is not a Float64Array', () => {
    expectArgError(() => dataset(asAny<Float64Array>([1, 2]), 1), 'data.x', 'data.x must be a Float64Array; received an array of length 2');
  });

  it('refuses x whose length is not a multiple of dim, accepts exact multiples', () => {
    expectArgError(() => dataset(f64(1, 2, 3), 2, null, 'real'), 'real.x.length', 'real.x.length must be a multiple of dim = 2; received 3');
    expect(dataset(f64(1, 2, 3), 3).size).toBe(1);
  });

  it('refuses a non-finite x entry, naming its index', () => {
    expectArgError(() => dataset(f64(1, NaN, 3), 1), 'data.x[1]', 'data.x[1] must be a finite number; received NaN');
  });

  it('refuses y that is not a Float64Array (and accepts a Float64Array or null)', () => {
    expectArgError(
      () => dataset(f64(1, 2), 1, asAny<Float64Array>([1, 2])),
      'data.y',
      'data.y must be a Float64Array or null; received an array of length 2',
    );
    expect(dataset(f64(1, 2), 1, f64(0, 0)).y).not.toBeNull();
  });

  it('refuses y of the wrong length on both sides (size − 1, size + 1)', () => {
    // x has 3 rows of dim 2: size = 6 / 2 = 3
    expectArgError(() => dataset(f64(1, 2, 3, 4, 5, 6), 2, f64(1, 2)), 'data.y.length', 'data.y.length must be 3 (one response per row); received 2');
    expectArgError(
      () => dataset(f64(1, 2, 3, 4, 5, 6), 2, f64(1, 2, 3, 4)),
      'data.y.length',
      'data.y.length must be 3 (one response per row); received 4',
    );
    expect(dataset(f64(1, 2, 3, 4, 5, 6), 2, f64(1, 2, 3)).size).toBe(3);
  });

  it('refuses a non-finite y entry at the first and at the last index', () => {
    expectArgError(() => dataset(f64(1, 2, 3), 1, f64(-Infinity, 2, 3)), 'data.y[0]', 'data.y[0] must be a finite number; received -Infinity');
    expectArgError(() => dataset(f64(1, 2, 3), 1, f64(1, 2, NaN)), 'data.y[2]', 'data.y[2] must be a finite number; received NaN');
  });
});

/** A 3-row dataset of dim 2: row r = (10r, 10r + 1), response 100 + r. */
function threeRows(withY: boolean): Dataset {
  return { size: 3, dim: 2, x: f64(0, 1, 10, 11, 20, 21), y: withY ? f64(100, 101, 102) : null };
}

describe('takeRows (dataset shape checks and row selection)', () => {
  it('refuses a non-object dataset', () => {
    expectArgError(() => takeRows(asAny<Dataset>(null), [0]), 'data', 'data must be a Dataset { size, dim, x, y }; received null');
  });

  it('names data.size in the size check', () => {
    expectArgError(
      () => takeRows({ size: -1, dim: 1, x: f64(), y: null }, [0]),
      'data.size',
      'data.size must be an integer ≥ 0; received -1',
    );
  });

  it('refuses x that is not a Float64Array even when its length fits', () => {
    expectArgError(
      () => takeRows(asAny<Dataset>({ size: 2, dim: 1, x: [1, 2], y: null }), [0]),
      'data.x',
      'data.x must be a Float64Array; received an array of length 2',
    );
  });

  it('refuses x.length ≠ size·dim, reporting size·dim (2·2 = 4)', () => {
    expectArgError(
      () => takeRows({ size: 2, dim: 2, x: f64(1, 2, 3), y: null }, [0]),
      'data.x.length',
      'data.x.length must be 4 (size·dim); received 3',
    );
    expectArgError(() => takeRows({ size: 3, dim: 1, x: f64(1, 2), y: null }, [2]), 'data.x.length', 'data.x.length must be 3 (size·dim); received 2');
  });

  it('refuses y that is not a Float64Array, and y of the wrong length', () => {
    expectArgError(
      () => takeRows(asAny<Dataset>({ size: 2, dim: 1, x: f64(1, 2), y: [1, 2] }), [0]),
      'data.y',
      'data.y must be a Float64Array or null; received an array of length 2',
    );
    expectArgError(
      () => takeRows({ size: 3, dim: 1, x: f64(1, 2, 3), y: f64(1, 2) }, [0]),
      'data.y.length',
      'data.y.length must be 3 (one response per row); received 2',
    );
  });

  it('refuses indices that are not an array or typed array', () => {
    expectArgError(
      () => takeRows(threeRows(false), asAny<number[]>(5)),
      'indices',
      'indices must be an array or typed array of row indices; received 5',
    );
  });

  it('copies the chosen rows (repeats allowed) with their responses, in order', () => {
    const out = takeRows(threeRows(true), [2, 0, 2, 1]);
    expect(out.size).toBe(4);
    expect(out.dim).toBe(2);
    expect(Array.from(out.x)).toEqual([20, 21, 0, 1, 20, 21, 10, 11]);
    expect(Array.from(out.y as Float64Array)).toEqual([102, 100, 102, 101]);
    const noY = takeRows(threeRows(false), Int32Array.of(1));
    expect(Array.from(noY.x)).toEqual([10, 11]);
    expect(noY.y).toBeNull();
  });

  it('accepts the boundary indices 0 and size − 1, refuses −1, size, size + 2 and 0.5 with the allowed range [0, size − 1]', () => {
    expect(Array.from(takeRows(threeRows(true), [0, 2]).x)).toEqual([0, 1, 20, 21]);
    for (const [indices, r, shown] of [
      [[-1], 0, '-1'],
      [[0, 3], 1, '3'],
      [[5], 0, '5'],
      [[0.5], 0, '0.5'],
    ] as const) {
      expectArgError(() => takeRows(threeRows(true), indices), `indices[${r}]`, `indices[${r}] must be an integer in [0, 2]; received ${shown}`);
    }
  });

  it('refuses a non-finite entry of a row it takes, naming its flat index i·dim + j', () => {
    // row 1, column 1 of a dim-2 dataset is x[1·2 + 1] = x[3]
    const d: Dataset = { size: 3, dim: 2, x: f64(0, 1, 10, NaN, 20, 21), y: null };
    expect(Array.from(takeRows(d, [0, 2]).x)).toEqual([0, 1, 20, 21]); // row 1 not taken: not checked
    expectArgError(() => takeRows(d, [1]), 'data.x[3]', 'data.x[3] must be a finite number; received NaN');
  });

  it('refuses a non-finite response of a row it takes', () => {
    const d: Dataset = { size: 3, dim: 1, x: f64(1, 2, 3), y: f64(1, 2, Infinity) };
    expect(Array.from(takeRows(d, [1, 0]).y as Float64Array)).toEqual([2, 1]);
    expectArgError(() => takeRows(d, [0, 2]), 'data.y[2]', 'data.y[2] must be a finite number; received Infinity');
  });
});

describe('concatRows', () => {
  it('refuses an empty list', () => {
    expectArgError(() => concatRows([]), 'parts', 'parts must be a non-empty array of datasets; received an array of length 0');
  });

  it('stacks parts with responses, in order', () => {
    const a: Dataset = { size: 2, dim: 2, x: f64(1, 2, 3, 4), y: f64(10, 20) };
    const b: Dataset = { size: 1, dim: 2, x: f64(5, 6), y: f64(30) };
    const out = concatRows([a, b]);
    expect(out.size).toBe(3);
    expect(out.dim).toBe(2);
    expect(Array.from(out.x)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(out.y as Float64Array)).toEqual([10, 20, 30]);
    const noY = concatRows([{ size: 1, dim: 1, x: f64(7), y: null }, { size: 2, dim: 1, x: f64(8, 9), y: null }]);
    expect(Array.from(noY.x)).toEqual([7, 8, 9]);
    expect(noY.y).toBeNull();
  });

  it('refuses a part of another dim', () => {
    expectArgError(
      () => concatRows([{ size: 2, dim: 1, x: f64(1, 2), y: null }, { size: 1, dim: 2, x: f64(3, 4), y: null }]),
      'parts[1].dim',
      'parts[1].dim must be 1 (the dim of parts[0]); received 2',
    );
  });

  it('refuses mixing parts with and without responses, both ways', () => {
    const withY: Dataset = { size: 1, dim: 1, x: f64(1), y: f64(2) };
    const without: Dataset = { size: 1, dim: 1, x: f64(3), y: null };
    expectArgError(() => concatRows([without, withY]), 'parts[1].y', 'parts[1].y must be null, like parts[0]; received Float64Array(length 1)');
    expectArgError(() => concatRows([withY, without]), 'parts[1].y', 'parts[1].y must be responses, like parts[0]; received null');
  });

  it('refuses non-finite entries of x and y, naming the part and the index', () => {
    const good: Dataset = { size: 1, dim: 1, x: f64(1), y: f64(1) };
    expectArgError(
      () => concatRows([good, { size: 2, dim: 1, x: f64(2, NaN), y: f64(1, 1) }]),
      'parts[1].x[1]',
      'parts[1].x[1] must be a finite number; received NaN',
    );
    expectArgError(
      () => concatRows([good, { size: 2, dim: 1, x: f64(2, 3), y: f64(-Infinity, 1) }]),
      'parts[1].y[0]',
      'parts[1].y[0] must be a finite number; received -Infinity',
    );
  });
});

/** The documented algorithm, written directly: partial Fisher–Yates (a plain two-way swap) on a map-backed array, then sorted. */
function referenceSample(population: number, size: number, stream: Stream): number[] {
  const pool = new Map<number, number>(); // pool[k] = pool.get(k) ?? k (a plain swap, both positions written)
  const at = (k: number): number => pool.get(k) ?? k;
  const out: number[] = [];
  for (let i = 0; i < size; i++) {
    const j = i + stream.nextInt(population - i);
    const a = at(i);
    const b = at(j);
    pool.set(i, b);
    pool.set(j, a);
    out.push(b);
  }
  return out.sort((p, q) => p - q);
}

/** Calls `run` with globalThis.Int32Array replaced by a recording proxy; returns the allocated lengths. */
function int32Allocations(run: () => void): number[] {
  const real = globalThis.Int32Array;
  const lengths: number[] = [];
  globalThis.Int32Array = new Proxy(real, {
    construct(target, args, newTarget) {
      if (typeof args[0] === 'number') lengths.push(args[0]);
      return Reflect.construct(target, args, newTarget === globalThis.Int32Array ? target : newTarget);
    },
  });
  try {
    run();
  } finally {
    globalThis.Int32Array = real;
  }
  return lengths;
}

describe('sampleWithoutReplacement', () => {
  afterEach(() => {
    expect(globalThis.Int32Array.name).toBe('Int32Array');
  });

  it('refuses population 2^31 (allowed up to 2^31 − 1)', () => {
    const stream = rootKey('mutation.dataset').child('pop').stream();
    expectArgError(
      () => sampleWithoutReplacement(2 ** 31, 0, stream),
      'population',
      'population must be an integer ≥ 1 and ≤ 2147483647; received 2147483648',
    );
  });

  it('equals the reference partial Fisher–Yates on both storage paths, and consumes exactly `size` draws', () => {
    const cases: Array<[number, number]> = [
      [10, 3],
      [65536, 5],
      [100000, 25000],
      [1_000_000, 40],
      [2 ** 31 - 1, 7],
    ];
    for (const [population, size] of cases) {
      const key = rootKey('mutation.dataset').child('swor').child(population);
      const a = key.stream();
      const b = key.stream();
      const got = sampleWithoutReplacement(population, size, a);
      const want = referenceSample(population, size, b);
      expect(Array.from(got)).toEqual(want);
      expect(new Set(want).size).toBe(size);
      // the same number of draws: the streams are in the same state afterwards
      expect(a.nextU32()).toBe(b.nextU32());
    }
  });

  it('stores the pool densely iff population ≤ 65536 or population ≤ 4·size (documented memory contract)', () => {
    const stream = rootKey('mutation.dataset').child('dense').stream();
    const dense = (population: number, size: number): boolean => {
      const lengths = int32Allocations(() => sampleWithoutReplacement(population, size, stream));
      expect(lengths).toContain(size); // the output array
      return lengths.includes(population);
    };
    expect(dense(10, 1)).toBe(true); // population ≤ 65536
    expect(dense(65536, 3)).toBe(true); // population = 65536, boundary included
    expect(dense(65537, 3)).toBe(false); // just above, 4·size = 12
    expect(dense(100000, 25000)).toBe(true); // population = 4·size, boundary included
    expect(dense(100001, 25000)).toBe(false); // population = 4·size + 1
    expect(dense(100000, 24999)).toBe(false); // 4·size = 99996 < population
    expect(dense(1_000_000, 10)).toBe(false);
  });
});

/** A source of dim 2 with `rows` rows, entries 1, 2, …; entry `nanAt` (if given) replaced by NaN. */
function source(weight: number, rows: number, nanAt = -1, dim = 2): WeightedSource {
  const x = new Float64Array(rows * dim);
  for (let i = 0; i < x.length; i++) x[i] = i === nanAt ? NaN : i + 1;
  return { data: { size: rows, dim, x, y: null }, weight };
}

describe('normalisedSourceWeights', () => {
  it('normalises w_s / Σ w (3/4, 1/4 and 0 for a zero-weight source)', () => {
    expect(Array.from(normalisedSourceWeights([source(3, 1), source(0, 2), source(1, 2)], 2))).toEqual([0.75, 0, 0.25]);
    expect(Array.from(normalisedSourceWeights([source(3, 1)], 2))).toEqual([1]);
  });

  it('refuses a non-object source', () => {
    expectArgError(
      () => normalisedSourceWeights([asAny<WeightedSource>(null)], 2),
      'sources[0]',
      'sources[0] must be an object { data, weight }; received null',
    );
  });

  it('refuses a negative, non-number or non-finite weight with the weight message', () => {
    for (const [w, shown] of [
      [-1, '-1'],
      [null, 'null'],
      ['1', '"1"'],
      [Infinity, 'Infinity'],
    ] as const) {
      const s = { data: source(1, 1).data, weight: asAny<number>(w) };
      expectArgError(
        () => normalisedSourceWeights([source(1, 1), s], 2, 1, 'train'),
        'train[1].weight',
        `train[1].weight must be a finite number ≥ 0; received ${shown}`,
      );
    }
  });

  it('refuses a non-object data', () => {
    expectArgError(
      () => normalisedSourceWeights([{ data: asAny<Dataset>(null), weight: 1 }], 2),
      'sources[0].data',
      'sources[0].data must be a Dataset { size, dim, x, y }; received null',
    );
  });

  it('refuses a negative or fractional size with the size message', () => {
    expectArgError(
      () => normalisedSourceWeights([{ data: { size: -1, dim: 2, x: f64(), y: null }, weight: 1 }], 2),
      'sources[0].data.size',
      'sources[0].data.size must be an integer ≥ 0; received -1',
    );
    expectArgError(
      () => normalisedSourceWeights([{ data: { size: 1.5, dim: 2, x: f64(1, 2, 3), y: null }, weight: 1 }], 2),
      'sources[0].data.size',
      'sources[0].data.size must be an integer ≥ 0; received 1.5',
    );
  });

  it('refuses x that is not a Float64Array, and reports size·dim (2·2 = 4) for a wrong length', () => {
    expectArgError(
      () => normalisedSourceWeights([{ data: asAny<Dataset>({ size: 1, dim: 2, x: [1, 2], y: null }), weight: 1 }], 2),
      'sources[0].data.x',
      'sources[0].data.x must be a Float64Array; received an array of length 2',
    );
    expectArgError(
      () => normalisedSourceWeights([{ data: { size: 2, dim: 2, x: f64(1, 2, 3), y: null }, weight: 1 }], 2),
      'sources[0].data.x.length',
      'sources[0].data.x.length must be 4 (size·dim); received 3',
    );
  });
});

describe('sourceWeightsDeferringEntries (same result and errors, positive-weight entries not scanned)', () => {
  it('does not scan the entries of sources of positive weight (NaN there is left to the caller)', () => {
    // dim 2, sizes equal to minSize = 2; normalised weights 1/4, 3/4
    const sources = [source(1, 2, 3), source(3, 2, 0)];
    expect(() => normalisedSourceWeights(sources, 2, 2)).toThrow(InvalidArgumentError);
    expect(Array.from(sourceWeightsDeferringEntries(sources, 2, 2))).toEqual([0.25, 0.75]);
  });

  it('accepts zero-weight sources (empty or not, smaller than minSize) next to a positive source with a NaN', () => {
    const sources = [source(0, 0), source(0, 1), source(2, 3, 5)];
    expect(Array.from(sourceWeightsDeferringEntries(sources, 2, 2))).toEqual([0, 0, 1]);
  });

  it('scans the entries of zero-weight sources and reports their first NaN like normalisedSourceWeights', () => {
    const sources = [source(1, 1), source(0, 2, 2)];
    expectArgError(() => sourceWeightsDeferringEntries(sources, 2), 'sources[1].data.x[2]', 'sources[1].data.x[2] must be a finite number; received NaN');
  });

  it('reports the errors of normalisedSourceWeights', () => {
    expectArgError(() => sourceWeightsDeferringEntries([], 2), 'sources', 'sources must be a non-empty array of { data, weight }; received an array of length 0');
    expectArgError(
      () => sourceWeightsDeferringEntries([source(1, 1), asAny<WeightedSource>(undefined)], 2),
      'sources[1]',
      'sources[1] must be an object { data, weight }; received undefined',
    );
    for (const [w, shown] of [
      [-1, '-1'],
      [null, 'null'],
      [true, 'true'],
    ] as const) {
      expectArgError(
        () => sourceWeightsDeferringEntries([source(1, 1), { data: source(1, 1).data, weight: asAny<number>(w) }], 2),
        'sources[1].weight',
        `sources[1].weight must be a finite number ≥ 0; received ${shown}`,
      );
    }
    // a dataset whose own dim differs from the model's, though x.length = size · (model dim)
    expectArgError(
      () => sourceWeightsDeferringEntries([{ data: { size: 2, dim: 2, x: f64(1, 2), y: null }, weight: 1 }], 1),
      'sources[0].data.dim',
      "sources[0].data.dim must be 1 (the model's dimension); received 2",
    );
    // a negative size whose x.length = size·dim (−1 · −2 = 2; possible only with an invalid dim): the size
    // check sends it to normalisedSourceWeights, which reports the dim first
    expectArgError(
      () =>
        sourceWeightsDeferringEntries(
          [
            { data: { size: -1, dim: -2, x: f64(1, 2), y: null }, weight: 0 },
            { data: { size: 0, dim: -2, x: f64(), y: null }, weight: 1 },
          ],
          -2,
          0,
        ),
      'dim',
      'dim must be an integer ≥ 1; received -2',
    );
    expectArgError(
      () => sourceWeightsDeferringEntries([source(0, 1), source(0, 2)], 2),
      'sources (sum of weights)',
      'sources (sum of weights) must be a finite number > 0; received 0',
    );
    expectArgError(
      () => sourceWeightsDeferringEntries([source(1, 1), source(1, 1)], 2, 2),
      'sources[0].data.size',
      'sources[0].data.size must be at least 2 for a source of positive weight (1); received 1',
    );
  });
  it('validates dim, minSize and name itself, also when the sources alone would pass (regression: it returned [1])', () => {
    const one = [{ data: { size: 2, dim: 1, x: f64(1, 2), y: null }, weight: 1 }];
    expectArgError(() => sourceWeightsDeferringEntries([{ data: { size: 2, dim: 0, x: f64(), y: null }, weight: 1 }], 0), 'dim', 'dim must be an integer ≥ 1; received 0');
    for (const minSize of [-1, 1.5, Number.NaN]) {
      expect(() => sourceWeightsDeferringEntries(one, 1, minSize)).toThrow(InvalidArgumentError);
      expect(() => sourceWeightsDeferringEntries(one, 1, minSize)).toThrow(/^minSize must be an integer ≥ 0/);
    }
    expect(() => sourceWeightsDeferringEntries(one, 1, 1, '')).toThrow(InvalidArgumentError);
    // and the same valid result as normalisedSourceWeights otherwise
    expect(Array.from(sourceWeightsDeferringEntries(one, 1, 0, 'parts'))).toEqual(Array.from(normalisedSourceWeights(one, 1, 0, 'parts')));
  });
});
