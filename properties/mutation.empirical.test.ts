/**
 * Direct tests that kill surviving mutants of src/models/empirical.ts (empiricalModel: validation, the
 * validated-truth cache of sampling, the alias-table sampler, inverse-cdf sampling, the cvm metric),
 * src/models/summaryWeights.ts (checkSummaryShape, normalisedSummaryWeights and its well-shaped fast check)
 * and src/models/categoricalSummaries.ts (the multinomial summary sampler, fromData, pool, fit).
 *
 * Expected values come from independent references: the documented error format of src/errors.ts
 * (`<parameter> must be <allowed>; received <value>`) with the parameter names and allowed ranges stated in
 * the modules' doc comments; hand computations written out below (the Cramér–von Mises distance of one atom
 * at 0 against N(0, 1) is ∫₀^½ u² du + ∫_½^1 (1 − u)² du = 1/12; pooled counts and weighted fits by hand);
 * exact structural facts of the laws (a class / atom of probability 0 is never drawn, counts sum to the
 * size, an inverse-cdf draw is F⁻¹(U) with one nextOpenDouble per draw, checked against a fresh copy of the
 * same seeded stream); and the documented caching contract of sampling (the five round-trip probes of a
 * continuous truth run once, and again only when its cdf, quantile or label is replaced), checked by counting
 * calls of the user's functions.
 */
import { describe, expect, it } from 'vitest';
import { empiricalModel, standardNormalTruth, continuousTruth, type EmpiricalAtoms, type EmpiricalTheta } from '../src/models/empirical.js';
import { checkSummaryShape, normalisedSummaryWeights, type SummarySource } from '../src/models/summaryWeights.js';
import { categoricalSummaries } from '../src/models/categoricalSummaries.js';
import type { CategoricalTheta } from '../src/models/categorical.js';
import type { Dataset, Summary } from '../src/models/types.js';
import { InvalidArgumentError } from '../src/errors.js';
import { rootKey, type Stream } from '../src/rng/stream.js';
import { normalCdf } from '../src/special/normalCdf.js';
import { normalQuantile } from '../src/special/normalQuantile.js';

/** `call` throws an InvalidArgumentError whose message is exactly `message` (the src/errors.ts format). */
function refusedWith(call: () => unknown, message: string): void {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected InvalidArgumentError: ${message}`).toBeInstanceOf(InvalidArgumentError);
  expect((caught as Error).message).toBe(message);
}

/** Anything, typed as T: for feeding deliberately malformed input through the typed API. */
const bad = <T>(value: unknown): T => value as T;

const stream = (label: string): Stream => rootKey('mutation.empirical').child(label).stream();

/** A mutable continuous truth N(0, 1) that counts the calls of its quantile function. */
function countingTruth(label = 'N(0,1) counted'): {
  truth: { kind: 'continuous'; cdf: (x: number) => number; quantile: (u: number) => number; label: unknown };
  calls: () => number;
} {
  let calls = 0;
  const truth = {
    kind: 'continuous' as const,
    cdf: normalCdf,
    quantile: (u: number): number => {
      calls++;
      return normalQuantile(u);
    },
    label: label as unknown,
  };
  return { truth, calls: () => calls };
}

const asTheta = (t: unknown): EmpiricalTheta => t as EmpiricalTheta;

const summary = (size: number, stats: number[]): Summary => ({ size, stats: Float64Array.from(stats) });
const labels = (x: number[]): Dataset => ({ size: x.length, dim: 1, x: Float64Array.from(x), y: null });

// ---------------------------------------------------------------------------------------------------------
// empirical.ts
// ---------------------------------------------------------------------------------------------------------

describe('standardNormalTruth and the model object (empirical.ts)', () => {
  it('standardNormalTruth is { kind: continuous, cdf Φ, quantile Φ⁻¹, label N(0,1) }', () => {
    const t = standardNormalTruth();
    expect(t.kind).toBe('continuous');
    expect(t.label).toBe('N(0,1)');
    expect(t.cdf).toBe(normalCdf);
    expect(t.quantile).toBe(normalQuantile);
    // usable as a truth by sampling (kind checked there)
    const model = empiricalModel();
    expect(model.sample(t, 2, stream('snt')).size).toBe(2);
  });

  it('the model is named empirical and exposes validate and metrics.cvm', () => {
    const model = empiricalModel();
    expect(model.name).toBe('empirical');
    expect(Object.keys(model.metrics)).toEqual(['cvm']);
    refusedWith(() => model.validate(bad(null)), `theta must be an object of kind 'atoms' or 'continuous'; received null`);
    refusedWith(() => model.validate(bad(null), 'start'), `start must be an object of kind 'atoms' or 'continuous'; received null`);
  });
});

describe('validation of a continuous truth (empirical.ts validateContinuous)', () => {
  it('cdf, quantile and label must be a function, a function and a string', () => {
    const model = empiricalModel();
    refusedWith(
      () => model.validate(asTheta({ kind: 'continuous', cdf: 5, quantile: normalQuantile, label: 'x' })),
      'theta.cdf must be a function x ↦ F(x) in [0, 1]; received 5',
    );
    refusedWith(
      () => model.validate(asTheta({ kind: 'continuous', cdf: normalCdf, quantile: normalQuantile, label: 5 })),
      'theta.label must be a string; received 5',
    );
    // the well-formed truth passes
    expect(() => model.validate(asTheta({ kind: 'continuous', cdf: normalCdf, quantile: normalQuantile, label: 'x' }))).not.toThrow();
  });

  it('a quantile returning NaN at the first probe 0.01 is refused as not finite (before the round trip)', () => {
    refusedWith(() => continuousTruth(normalCdf, () => NaN, 'nan'), 'truth.quantile(0.01) must be a finite number; received NaN');
    refusedWith(
      () => continuousTruth(normalCdf, (u) => (u === 0.5 ? Infinity : normalQuantile(u)), 'inf at median'),
      'truth.quantile(0.5) must be a finite number; received Infinity',
    );
  });

  it('a cdf that is not the inverse of the quantile is refused at the first probe', () => {
    refusedWith(
      () => continuousTruth(() => 0.5, normalQuantile, 'flat'),
      'truth.cdf(truth.quantile(0.01)) must be 0.01 within 1e-6 (cdf and quantile must be inverse functions); received 0.5',
    );
  });

  it('a cdf returning a numeric string is refused even when the string equals u (no coercion)', () => {
    // cdf(quantile(u)) = String(u): "0.01" − 0.01 would be 0 after coercion, but a string is not a probability
    const stringCdf = bad<(x: number) => number>((x: number) => String(normalCdf(x) < 0.05 ? 0.01 : normalCdf(x)));
    refusedWith(
      () => continuousTruth(stringCdf, normalQuantile, 'string cdf'),
      'truth.cdf(truth.quantile(0.01)) must be 0.01 within 1e-6 (cdf and quantile must be inverse functions); received "0.01"',
    );
  });
});

describe('validation of atoms (empirical.ts validateAtoms)', () => {
  it('atoms and weights must be Float64Arrays (number[] is refused)', () => {
    const model = empiricalModel();
    refusedWith(
      () => model.validate(asTheta({ kind: 'atoms', atoms: [1, 2], weights: Float64Array.of(0.5, 0.5) })),
      'theta.atoms must be a Float64Array; received an array of length 2',
    );
    refusedWith(
      () => model.validate(asTheta({ kind: 'atoms', atoms: Float64Array.of(1, 2), weights: [0.5, 0.5] })),
      'theta.weights must be a Float64Array of length 2; received an array of length 2',
    );
    expect(() => model.validate(asTheta({ kind: 'atoms', atoms: Float64Array.of(1, 2), weights: Float64Array.of(0.5, 0.5) }))).not.toThrow();
  });

  it('a non-object theta is refused naming theta (null, a number)', () => {
    const model = empiricalModel();
    refusedWith(() => model.validate(bad(null)), `theta must be an object of kind 'atoms' or 'continuous'; received null`);
    refusedWith(() => model.validate(bad(7)), `theta must be an object of kind 'atoms' or 'continuous'; received 7`);
  });
});

describe('sampling: the validated-truth cache (empirical.ts validateForSampling)', () => {
  it('the five round-trip probes run on the first draw only, while cdf, quantile and label are unchanged', () => {
    const model = empiricalModel();
    const { truth, calls } = countingTruth();
    model.sample(asTheta(truth), 0, stream('cache'));
    expect(calls()).toBe(5); // probes 0.01, 0.1, 0.5, 0.9, 0.99
    model.sample(asTheta(truth), 0, stream('cache'));
    model.sample(asTheta(truth), 0, stream('cache'));
    expect(calls()).toBe(5);
    model.sample(asTheta(truth), 3, stream('cache'));
    expect(calls()).toBe(8); // 3 draws, no probes
  });

  it('replacing the cdf, the quantile or the label re-validates', () => {
    const model = empiricalModel();
    const a = countingTruth();
    model.sample(asTheta(a.truth), 0, stream('cdf'));
    a.truth.cdf = () => 0.5;
    refusedWith(
      () => model.sample(asTheta(a.truth), 0, stream('cdf')),
      'theta.cdf(theta.quantile(0.01)) must be 0.01 within 1e-6 (cdf and quantile must be inverse functions); received 0.5',
    );

    const b = countingTruth();
    model.sample(asTheta(b.truth), 0, stream('quantile'));
    b.truth.quantile = () => NaN;
    refusedWith(() => model.sample(asTheta(b.truth), 0, stream('quantile')), 'theta.quantile(0.01) must be a finite number; received NaN');

    const c = countingTruth();
    model.sample(asTheta(c.truth), 0, stream('label'));
    c.truth.label = 5;
    refusedWith(() => model.sample(asTheta(c.truth), 0, stream('label')), 'theta.label must be a string; received 5');
  });

  it('a replaced but valid cdf is re-validated once (five new probes), then cached again', () => {
    const model = empiricalModel();
    const { truth, calls } = countingTruth();
    model.sample(asTheta(truth), 0, stream('swap'));
    truth.cdf = (x: number) => normalCdf(x);
    model.sample(asTheta(truth), 0, stream('swap'));
    expect(calls()).toBe(10);
    model.sample(asTheta(truth), 0, stream('swap'));
    expect(calls()).toBe(10);
  });

  it('sampling refuses null and a function (not an object) dressed as a continuous truth', () => {
    const model = empiricalModel();
    refusedWith(() => model.sample(bad(null), 1, stream('null')), `theta must be an object of kind 'atoms' or 'continuous'; received null`);
    const fn = Object.assign(() => 0, { kind: 'continuous', cdf: normalCdf, quantile: normalQuantile, label: 'fn' });
    refusedWith(() => model.sample(asTheta(fn), 1, stream('fn')), `theta must be an object of kind 'atoms' or 'continuous'; received a function`);
  });

  it('atoms are sampled through the atom validation (not the continuous one)', () => {
    const model = empiricalModel();
    const theta: EmpiricalAtoms = { kind: 'atoms', atoms: Float64Array.of(3.5, -2), weights: Float64Array.of(0.25, 0.75) };
    const d = model.sample(theta, 40, stream('atoms'));
    expect(d.size).toBe(40);
    expect(d.dim).toBe(1);
    for (let i = 0; i < 40; i++) expect([3.5, -2]).toContain(d.x[i]);
  });
});

describe('sampling draws (empirical.ts sample)', () => {
  it('atoms of weight 0 are never drawn (the last atom has weight 0, so the largest weight is not the last)', () => {
    const model = empiricalModel();
    const theta: EmpiricalAtoms = { kind: 'atoms', atoms: Float64Array.of(7, -1), weights: Float64Array.of(1, 0) };
    const d = model.sample(theta, 200, stream('zero-last'));
    for (let i = 0; i < 200; i++) expect(d.x[i]).toBe(7);
    const theta3: EmpiricalAtoms = { kind: 'atoms', atoms: Float64Array.of(1, 2, 3), weights: Float64Array.of(0.5, 0.5, 0) };
    const d3 = model.sample(theta3, 200, stream('zero-last-3'));
    for (let i = 0; i < 200; i++) expect(d3.x[i]).not.toBe(3);
  });

  it('a continuous truth: x_i = F⁻¹(U_i), one nextOpenDouble per draw and no more', () => {
    const model = empiricalModel();
    const truth = standardNormalTruth();
    const s = stream('inverse-cdf');
    const d = model.sample(truth, 3, s);
    const reference = stream('inverse-cdf'); // the same seeded stream, fresh
    for (let i = 0; i < 3; i++) expect(d.x[i]).toBe(normalQuantile(reference.nextOpenDouble()));
    // the sampler consumed exactly three uniforms: both streams are now at the same position
    expect(s.nextU32()).toBe(reference.nextU32());
  });

  it('a quantile that is not finite at a drawn u is refused naming theta.quantile(u)', () => {
    const model = empiricalModel();
    // finite at the five probes, NaN at 0.3 (the only value the test stream returns)
    const truth = continuousTruth(normalCdf, (u) => (u === 0.3 ? NaN : normalQuantile(u)), 'NaN at 0.3');
    const fixed = bad<Stream>({ nextU32: () => 0, nextDouble: () => 0.3, nextOpenDouble: () => 0.3, nextInt: () => 0 });
    refusedWith(() => model.sample(truth, 2, fixed), 'theta.quantile(0.3) must be a finite number; received NaN');
  });
});

describe('the cvm metric (empirical.ts)', () => {
  const atom0: EmpiricalAtoms = { kind: 'atoms', atoms: Float64Array.of(0), weights: Float64Array.of(1) };

  it('one atom at 0 against N(0,1): ∫₀^½ u² du + ∫_½^1 (1 − u)² du = 2·(½)³/3 = 1/12', () => {
    const model = empiricalModel();
    expect(Math.abs(model.metrics.cvm(atom0, standardNormalTruth()) - 1 / 12)).toBeLessThan(1e-15);
  });

  it('two atoms ±1 of weight ½: with a = Φ(−1), (a³ + 2(½ − a)³ + a³)/3', () => {
    const model = empiricalModel();
    const a = 0.15865525393145707; // Φ(−1), published tables: 0.1586552539
    const expected = (2 * a ** 3 + 2 * (0.5 - a) ** 3) / 3;
    const got = model.metrics.cvm({ kind: 'atoms', atoms: Float64Array.of(-1, 1), weights: Float64Array.of(0.5, 0.5) }, standardNormalTruth());
    expect(Math.abs(got - expected) / expected).toBeLessThan(1e-9);
  });

  it('the estimate must be an atoms object (null, a continuous truth, a function are refused)', () => {
    const { cvm } = empiricalModel().metrics;
    const truth = standardNormalTruth();
    refusedWith(() => cvm(bad(null), truth), `estimate.kind must be 'atoms' (a fitted empirical distribution); received undefined`);
    refusedWith(() => cvm(truth, truth), `estimate.kind must be 'atoms' (a fitted empirical distribution); received "continuous"`);
    const fn = Object.assign(() => 0, { kind: 'atoms', atoms: Float64Array.of(0), weights: Float64Array.of(1) });
    refusedWith(() => cvm(asTheta(fn), truth), `estimate.kind must be 'atoms' (a fitted empirical distribution); received "atoms"`);
  });

  it('the truth must be a continuous object (null, atoms, a function are refused)', () => {
    const { cvm } = empiricalModel().metrics;
    const allowed = `'continuous' (the Cramér–von Mises distance needs a continuous truth)`;
    refusedWith(() => cvm(atom0, bad(null)), `truth.kind must be ${allowed}; received undefined`);
    refusedWith(() => cvm(atom0, atom0), `truth.kind must be ${allowed}; received "atoms"`);
    const fn = Object.assign(() => 0, { kind: 'continuous', cdf: normalCdf, quantile: normalQuantile, label: 'fn' });
    refusedWith(() => cvm(atom0, asTheta(fn)), `truth.kind must be ${allowed}; received "continuous"`);
  });

  it('errors name estimate.atoms and truth.cdf', () => {
    const { cvm } = empiricalModel().metrics;
    refusedWith(
      () => cvm(asTheta({ kind: 'atoms', atoms: [0], weights: Float64Array.of(1) }), standardNormalTruth()),
      'estimate.atoms must be a Float64Array; received an array of length 1',
    );
    refusedWith(
      () => cvm(atom0, asTheta({ kind: 'continuous', cdf: 5, quantile: normalQuantile, label: 'x' })),
      'truth.cdf must be a function x ↦ F(x) in [0, 1]; received 5',
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// summaryWeights.ts
// ---------------------------------------------------------------------------------------------------------

describe('checkSummaryShape (summaryWeights.ts)', () => {
  it('accepts a well-shaped summary and returns it', () => {
    const s = summary(3, [1, 2]);
    expect(checkSummaryShape(s, 2, 'summary')).toBe(s);
    expect(checkSummaryShape(summary(0, [0]), 1, 'summary').size).toBe(0);
  });

  it('refuses a non-object, a negative or fractional size, non-Float64Array stats, a wrong length, a non-finite entry', () => {
    refusedWith(() => checkSummaryShape(5, 1, 'summary'), 'summary must be a Summary { size, stats }; received 5');
    refusedWith(() => checkSummaryShape(null, 1, 'summary'), 'summary must be a Summary { size, stats }; received null');
    refusedWith(() => checkSummaryShape(summary(-1, [1]), 1, 's'), 's.size must be an integer ≥ 0; received -1');
    refusedWith(() => checkSummaryShape(summary(1.5, [1]), 1, 's'), 's.size must be an integer ≥ 0; received 1.5');
    refusedWith(() => checkSummaryShape({ size: 1, stats: [1] }, 1, 's'), 's.stats must be a Float64Array of length 1; received an array of length 1');
    refusedWith(
      () => checkSummaryShape(summary(1, [1, 2]), 1, 's'),
      's.stats.length must be 1 (the summary layout of this model); received 2',
    );
    refusedWith(() => checkSummaryShape(summary(1, [0, NaN]), 2, 's'), 's.stats[1] must be a finite number; received NaN');
  });
});

describe('normalisedSummaryWeights (summaryWeights.ts)', () => {
  const good = summary(2, [1.5]);

  it('ω_s = w_s / Σ w: weights 3 and 1 give 3/4 and 1/4; a weight-0 source of size 0 is accepted', () => {
    expect(Array.from(normalisedSummaryWeights([{ summary: good, weight: 3 }, { summary: good, weight: 1 }], 1))).toEqual([0.75, 0.25]);
    expect(Array.from(normalisedSummaryWeights([{ summary: good, weight: 2 }, { summary: summary(0, [0]), weight: 0 }], 1))).toEqual([1, 0]);
  });

  it('refuses an empty list, a non-object source, a bad weight', () => {
    refusedWith(() => normalisedSummaryWeights([], 1), 'sources must be a non-empty array of { summary, weight }; received an array of length 0');
    refusedWith(() => normalisedSummaryWeights([bad(null)], 1), 'sources[0] must be an object { summary, weight }; received null');
    refusedWith(() => normalisedSummaryWeights([bad(5)], 1), 'sources[0] must be an object { summary, weight }; received 5');
    for (const [w, shown] of [
      [NaN, 'NaN'],
      [Infinity, 'Infinity'],
      [-1, '-1'],
      ['1', '"1"'],
    ] as const) {
      refusedWith(
        () => normalisedSummaryWeights([{ summary: good, weight: bad<number>(w) }], 1),
        `sources[0].weight must be a finite number ≥ 0; received ${shown}`,
      );
    }
  });

  it('a source of positive weight needs at least minSize points', () => {
    refusedWith(
      () => normalisedSummaryWeights([{ summary: summary(1, [1]), weight: 2.5 }], 1, 2),
      'sources[0].summary.size must be at least 2 for a source of positive weight (2.5); received 1',
    );
  });

  it('the sum of the weights must be finite and > 0', () => {
    refusedWith(() => normalisedSummaryWeights([{ summary: good, weight: 0 }], 1), 'sources (sum of weights) must be a finite number > 0; received 0');
    refusedWith(
      () => normalisedSummaryWeights([{ summary: good, weight: 1e308 }, { summary: good, weight: 1e308 }], 1),
      'sources (sum of weights) must be a finite number > 0; received Infinity',
    );
  });

  it('every summary is shape-checked, even one of weight 0 (errors of checkSummaryShape, named sources[s].summary)', () => {
    const withSecond = (second: unknown): SummarySource[] => [{ summary: good, weight: 1 }, { summary: bad<Summary>(second), weight: 0 }];
    refusedWith(() => normalisedSummaryWeights(withSecond(summary(-1, [1])), 1), 'sources[1].summary.size must be an integer ≥ 0; received -1');
    refusedWith(
      () => normalisedSummaryWeights(withSecond({ size: 1, stats: [1] }), 1),
      'sources[1].summary.stats must be a Float64Array of length 1; received an array of length 1',
    );
    refusedWith(
      () => normalisedSummaryWeights(withSecond(summary(1, [1, 2])), 1),
      'sources[1].summary.stats.length must be 1 (the summary layout of this model); received 2',
    );
    refusedWith(() => normalisedSummaryWeights(withSecond(summary(1, [NaN])), 1), 'sources[1].summary.stats[0] must be a finite number; received NaN');
    const fn = Object.assign(() => 0, { size: 1, stats: Float64Array.of(1) });
    refusedWith(() => normalisedSummaryWeights(withSecond(fn), 1), 'sources[1].summary must be a Summary { size, stats }; received a function');
    refusedWith(() => normalisedSummaryWeights(withSecond(null), 1), 'sources[1].summary must be a Summary { size, stats }; received null');
  });

  it('the same shape errors for a source of positive weight', () => {
    const one = (s: unknown): SummarySource[] => [{ summary: bad<Summary>(s), weight: 1 }];
    refusedWith(() => normalisedSummaryWeights(one(summary(-1, [1])), 1), 'sources[0].summary.size must be an integer ≥ 0; received -1');
    refusedWith(
      () => normalisedSummaryWeights(one({ size: 1, stats: [1] }), 1),
      'sources[0].summary.stats must be a Float64Array of length 1; received an array of length 1',
    );
    refusedWith(() => normalisedSummaryWeights(one(summary(1.5, [1])), 1), 'sources[0].summary.size must be an integer ≥ 0; received 1.5');
    refusedWith(() => normalisedSummaryWeights(one(summary(NaN, [1])), 1), 'sources[0].summary.size must be an integer ≥ 0; received NaN');
    refusedWith(() => normalisedSummaryWeights(one(summary(1, [Infinity])), 1), 'sources[0].summary.stats[0] must be a finite number; received Infinity');
    const fn = Object.assign(() => 0, { size: 1, stats: Float64Array.of(1) });
    refusedWith(() => normalisedSummaryWeights(one(fn), 1), 'sources[0].summary must be a Summary { size, stats }; received a function');
  });
});

// ---------------------------------------------------------------------------------------------------------
// categoricalSummaries.ts
// ---------------------------------------------------------------------------------------------------------

describe('categoricalSummaries(k): construction', () => {
  it('k is an integer in [1, 2^31 − 1]', () => {
    refusedWith(() => categoricalSummaries(2 ** 31), 'k must be an integer ≥ 1 and ≤ 2147483647; received 2147483648');
    refusedWith(() => categoricalSummaries(0), 'k must be an integer ≥ 1 and ≤ 2147483647; received 0');
    expect(typeof categoricalSummaries(1).sample).toBe('function');
  });
});

describe('categoricalSummaries(k).sample', () => {
  it('refuses a non-object theta and non-Float64Array probs', () => {
    const caps = categoricalSummaries(2);
    refusedWith(() => caps.sample(bad(null), 5, stream('c-null')), 'theta must be an object { probs }; received null');
    refusedWith(() => caps.sample(bad(5), 5, stream('c-num')), 'theta must be an object { probs }; received 5');
    refusedWith(
      () => caps.sample(bad<CategoricalTheta>({ probs: [0.5, 0.5] }), 5, stream('c-arr')),
      'theta.probs must be a Float64Array of length 2; received an array of length 2',
    );
  });

  it('all mass on class 0 of two: counts = [N, 0] (the first conditional ratio is p_0 / (p_0 + p_1) = 1)', () => {
    const caps = categoricalSummaries(2); // fresh: its suffix scratch is all zero
    const s = caps.sample({ probs: Float64Array.of(1, 0) }, 17, stream('c-first'));
    expect(s.size).toBe(17);
    expect(Array.from(s.stats)).toEqual([17, 0]);
    const t = caps.sample({ probs: Float64Array.of(0, 1) }, 9, stream('c-second'));
    expect(Array.from(t.stats)).toEqual([0, 9]);
    const u = caps.sample({ probs: Float64Array.of(1, 0) }, 4, stream('c-third'));
    expect(Array.from(u.stats)).toEqual([4, 0]);
  });

  it('a class of probability 0 gets count 0 (ratio p_1 / (p_1 + p_2) = 1 when p_2 = 0); counts sum to N', () => {
    const caps = categoricalSummaries(3);
    for (let r = 0; r < 5; r++) {
      const s = caps.sample({ probs: Float64Array.of(0.5, 0.5, 0) }, 1000, stream(`c-zero-${r}`));
      expect(s.stats[2]).toBe(0);
      expect(s.stats[0] + s.stats[1]).toBe(1000);
    }
    const z = caps.sample({ probs: Float64Array.of(0.2, 0.3, 0.5) }, 0, stream('c-empty'));
    expect(Array.from(z.stats)).toEqual([0, 0, 0]);
  });
});

describe('categoricalSummaries(k).fromData', () => {
  const caps = categoricalSummaries(3);

  it('counts the labels; size 0 gives zero counts', () => {
    expect(Array.from(caps.fromData(labels([2, 0, 2, 1, 2])).stats)).toEqual([1, 1, 3]);
    const empty = caps.fromData(labels([]));
    expect(empty.size).toBe(0);
    expect(Array.from(empty.stats)).toEqual([0, 0, 0]);
  });

  it('refuses a non-object, dim ≠ 1, a bad size, non-Float64Array x, a wrong x length', () => {
    refusedWith(() => caps.fromData(bad(5)), 'data must be a Dataset { size, dim, x, y }; received 5');
    refusedWith(() => caps.fromData(bad(null)), 'data must be a Dataset { size, dim, x, y }; received null');
    refusedWith(() => caps.fromData({ size: 2, dim: 2, x: Float64Array.of(0, 1), y: null }), 'data.dim must be 1 (one label per row); received 2');
    refusedWith(() => caps.fromData({ size: -1, dim: 1, x: new Float64Array(0), y: null }), 'data.size must be an integer ≥ 0; received -1');
    refusedWith(() => caps.fromData({ size: 1.5, dim: 1, x: Float64Array.of(0), y: null }), 'data.size must be an integer ≥ 0; received 1.5');
    refusedWith(() => caps.fromData(bad({ size: 2, dim: 1, x: [0, 1], y: null })), 'data.x must be a Float64Array; received an array of length 2');
    refusedWith(() => caps.fromData({ size: 2, dim: 1, x: Float64Array.of(0, 1, 2), y: null }), 'data.x.length must be 2 (size·dim); received 3');
  });

  it('labels must be integers in [0, k − 1] = [0, 2]', () => {
    refusedWith(() => caps.fromData(labels([0, -1])), 'data.x[1] must be a category label: an integer in [0, 2]; received -1');
    refusedWith(() => caps.fromData(labels([0, 3])), 'data.x[1] must be a category label: an integer in [0, 2]; received 3');
    refusedWith(() => caps.fromData(labels([0.5])), 'data.x[0] must be a category label: an integer in [0, 2]; received 0.5');
  });
});

describe('categoricalSummaries(k).pool', () => {
  const caps = categoricalSummaries(3);

  it('adds sizes and counts: (3; 1,2,0) + (4; 0,1,3) = (7; 1,3,3)', () => {
    const p = caps.pool([summary(3, [1, 2, 0]), summary(4, [0, 1, 3])]);
    expect(p.size).toBe(7);
    expect(Array.from(p.stats)).toEqual([1, 3, 3]);
  });

  it('refuses an empty list', () => {
    refusedWith(() => caps.pool([]), 'parts must be a non-empty array of summaries; received an array of length 0');
  });

  it('counts must be integers ≥ 0 summing to the size (errors name parts[p])', () => {
    refusedWith(() => caps.pool([summary(3, [1, 2, 0]), summary(1, [-1, 2, 0])]), 'parts[1].stats[0] must be a count: an integer ≥ 0; received -1');
    refusedWith(() => caps.pool([summary(1, [0.5, 0.5, 0])]), 'parts[0].stats[0] must be a count: an integer ≥ 0; received 0.5');
    refusedWith(() => caps.pool([summary(3, [1, 2, 0]), summary(4, [1, 2, 0])]), 'parts[1].size must be the sum of the counts, 3; received 4');
  });

  it('the total size must be a safe integer: 2^52 + 2^52 = 2^53 is refused', () => {
    const half = summary(2 ** 52, [2 ** 52, 0, 0]);
    refusedWith(() => caps.pool([half, half]), 'parts (total size) must be a safe integer; received 9007199254740992');
  });
});

describe('categoricalSummaries(k).fit', () => {
  const caps = categoricalSummaries(2);

  it('p̂ = Σ_s ω_s counts_s / N_s; a weight-0 source (even of size 0) is ignored', () => {
    // ω = (3/4, 1/4): p̂_0 = 3/4·(1/4) + 1/4·(2/2) = 3/16 + 4/16 = 7/16, p̂_1 = 3/4·(3/4) + 0 = 9/16
    const fitted = caps.fit([
      { summary: summary(4, [1, 3]), weight: 3 },
      { summary: summary(2, [2, 0]), weight: 1 },
      { summary: summary(0, [0, 0]), weight: 0 },
    ]);
    expect(Array.from(fitted.probs)).toEqual([7 / 16, 9 / 16]);
    expect(Array.from(caps.fit([{ summary: summary(1, [1, 0]), weight: 1 }, { summary: summary(0, [0, 0]), weight: 0 }]).probs)).toEqual([1, 0]);
  });

  it('counts of fit sources are checked (errors name sources[s].summary)', () => {
    refusedWith(
      () => caps.fit([{ summary: summary(1, [1, 0]), weight: 1 }, { summary: summary(2, [1, 0]), weight: 1 }]),
      'sources[1].summary.size must be the sum of the counts, 1; received 2',
    );
  });
});
