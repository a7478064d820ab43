/**
 * The nonparametric model of paper 4's Theorem 3 (He, Xu & Cheng; CLAIMS.md §1.10): the weighted
 * empirical distribution of continuous 1-D data, p_t = w·PMF(D_t^r) + (1 − w)·PMF(D_t^s).
 *
 * θ is either a weighted set of atoms (every estimate) or a continuous truth given by its cdf and
 * quantile function (θ*, which real data come from). The error is the exact Cramér–von Mises distance
 * ∫(F_t − F)² dF (src/metrics/cramerVonMises.ts).
 */
import type { Dataset, Metric, Model, WeightedSource } from './types.js';
import type { Stream } from '../rng/stream.js';
import { InvalidArgumentError } from '../errors.js';
import { finiteVector, integerInRange, sampleSize, parameterName } from '../validate.js';
import { checkStream } from '../rng/checkStream.js';
import { normalisedSourceWeights } from './sourceWeights.js';
import { rowStorage } from './rowStorage.js';
import { aliasTableInto, fillCategorical, type AliasTable } from '../rng/categorical.js';
import { normalCdf } from '../special/normalCdf.js';
import { normalQuantile } from '../special/normalQuantile.js';
import { cramerVonMises } from '../metrics/cramerVonMises.js';
import { probabilityVector } from '../metrics/probabilityVector.js';

/** A weighted discrete distribution: atom a_i has probability weights[i] (Σ weights = 1). */
export interface EmpiricalAtoms {
  readonly kind: 'atoms';
  readonly atoms: Float64Array;
  readonly weights: Float64Array;
}

/** A continuous distribution on ℝ given by its cdf F and quantile function F⁻¹ (the truth θ*). */
export interface ContinuousTruth {
  readonly kind: 'continuous';
  readonly cdf: (x: number) => number;
  readonly quantile: (u: number) => number;
  /** A human-readable name, e.g. "N(0,1)", for reports. */
  readonly label: string;
}

export type EmpiricalTheta = EmpiricalAtoms | ContinuousTruth;

/** Probabilities at which `validate` checks that cdf(quantile(u)) = u (to 1e-6). */
const ROUND_TRIP_PROBES = [0.01, 0.1, 0.5, 0.9, 0.99] as const;

/**
 * A continuous truth θ* = { kind: 'continuous', cdf, quantile, label } for the empirical model, checked
 * as by `empiricalModel().validate` (functions given, cdf(quantile(u)) = u at u = 0.01, 0.1, 0.5, 0.9,
 * 0.99 within 1e−6).
 *
 * @example
 *   const logistic = continuousTruth((x) => 1 / (1 + Math.exp(-x)), (u) => Math.log(u / (1 - u)), 'Logistic(0,1)');
 */
export function continuousTruth(cdf: (x: number) => number, quantile: (u: number) => number, label: string): ContinuousTruth {
  const truth: ContinuousTruth = { kind: 'continuous', cdf, quantile, label };
  validateContinuous(truth, 'truth');
  return truth;
}

/**
 * The standard normal truth N(0, 1): cdf Φ (`normalCdf`) and quantile Φ⁻¹ (`normalQuantile`), the
 * truth of paper 4's nonparametric experiments (CLAIMS.md §1.1, `CDF_Esti`).
 *
 * @example
 *   const truth = standardNormalTruth();
 *   truth.cdf(0); // 0.5
 */
export function standardNormalTruth(): ContinuousTruth {
  return { kind: 'continuous', cdf: normalCdf, quantile: normalQuantile, label: 'N(0,1)' };
}

function validateContinuous(theta: ContinuousTruth, name: string): void {
  if (typeof theta.cdf !== 'function') throw new InvalidArgumentError(`${name}.cdf`, theta.cdf, 'a function x ↦ F(x) in [0, 1]');
  if (typeof theta.quantile !== 'function') throw new InvalidArgumentError(`${name}.quantile`, theta.quantile, 'a function u ↦ F⁻¹(u)');
  if (typeof theta.label !== 'string') throw new InvalidArgumentError(`${name}.label`, theta.label, 'a string');
  for (const u of ROUND_TRIP_PROBES) {
    const x = theta.quantile(u);
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new InvalidArgumentError(`${name}.quantile(${u})`, x, 'a finite number');
    const back = theta.cdf(x);
    if (typeof back !== 'number' || !(Math.abs(back - u) <= 1e-6)) {
      throw new InvalidArgumentError(`${name}.cdf(${name}.quantile(${u}))`, back, `${u} within 1e-6 (cdf and quantile must be inverse functions)`);
    }
  }
}

function validateAtoms(theta: EmpiricalAtoms, name: string): void {
  if (!(theta.atoms instanceof Float64Array)) throw new InvalidArgumentError(`${name}.atoms`, theta.atoms, 'a Float64Array');
  const atoms = finiteVector(`${name}.atoms`, theta.atoms);
  if (atoms.length === 0) throw new InvalidArgumentError(`${name}.atoms.length`, 0, 'at least 1');
  if (!(theta.weights instanceof Float64Array)) throw new InvalidArgumentError(`${name}.weights`, theta.weights, `a Float64Array of length ${atoms.length}`);
  probabilityVector(`${name}.weights`, theta.weights, atoms.length);
}

/**
 * Continuous truths already validated, with the functions and label they were validated with: sampling the
 * truth every generation re-runs the five round-trip probes only when one of them has been replaced.
 */
const validatedTruths = new WeakMap<ContinuousTruth, { cdf: unknown; quantile: unknown; label: unknown }>();

/** `validateEmpirical`, skipping a continuous truth whose (cdf, quantile, label) already passed. */
function validateForSampling(theta: EmpiricalTheta, name: string): void {
  if (theta !== null && typeof theta === 'object' && theta.kind === 'continuous') {
    const seen = validatedTruths.get(theta);
    if (seen !== undefined && seen.cdf === theta.cdf && seen.quantile === theta.quantile && seen.label === theta.label) return;
    validateContinuous(theta, name);
    validatedTruths.set(theta, { cdf: theta.cdf, quantile: theta.quantile, label: theta.label });
    return;
  }
  validateEmpirical(theta, name);
}

function validateEmpirical(theta: EmpiricalTheta, name: string): void {
  if (theta === null || typeof theta !== 'object') throw new InvalidArgumentError(name, theta, "an object of kind 'atoms' or 'continuous'");
  if (theta.kind === 'atoms') validateAtoms(theta, name);
  else if (theta.kind === 'continuous') validateContinuous(theta, name);
  else throw new InvalidArgumentError(`${name}.kind`, (theta as { kind: unknown }).kind, "'atoms' or 'continuous'");
}

/**
 * The weighted empirical model for continuous 1-D data.
 *
 * fit(sources): θ̂ = { kind: 'atoms', atoms, weights }: every point of every source of positive weight,
 * point i of source s with weight w_s/(W·size_s) (W = Σ_s w_s; sources of weight 0 are dropped), in
 * source order. Ties are kept as separate atoms.
 * sample(θ, m, stream): for atoms, m draws with replacement with their weights (Walker's alias table,
 * `aliasTable` + `fillCategorical`); for a continuous truth, m draws F⁻¹(U) with U = stream.nextOpenDouble()
 * ∈ (0, 1) (inverse-cdf method).
 * metrics: cvm = ∫(F_θ̂ − F)² dF, exact (`cramerVonMises`); the estimate must be atoms and the truth
 * continuous.
 *
 * @example
 *   const model = empiricalModel();
 *   const truth = standardNormalTruth();
 *   const data = model.sample(truth, 10, rootKey('demo').stream());
 *   model.metrics.cvm(model.fit([{ data, weight: 1 }]), truth); // mean 1/(6n) = 1/60 over draws
 */
export function empiricalModel(): Model<EmpiricalTheta> {
  /** This model's alias table, rebuilt in place for each sampled estimate (reallocated when the atom count changes). */
  let table: AliasTable = { size: 0, probability: new Float64Array(0), alias: new Int32Array(0) };

  /** The alias table of validated weights (finite, ≥ 0, summing to 1, so the largest is > 0). */
  function aliasTableOf(weights: Float64Array): AliasTable {
    const n = weights.length;
    if (table.size !== n) table = { size: n, probability: new Float64Array(n), alias: new Int32Array(n) };
    let largest = 0;
    for (let i = 0; i < n; i++) if (weights[i] > largest) largest = weights[i];
    aliasTableInto(weights, n, largest, table.probability, table.alias);
    return table;
  }

  function fit(sources: readonly WeightedSource[]): EmpiricalAtoms {
    const omega = normalisedSourceWeights(sources, 1);
    let count = 0;
    for (let s = 0; s < sources.length; s++) if (omega[s] > 0) count += sources[s].data.size;
    const atoms = new Float64Array(count);
    const weights = new Float64Array(count);
    let offset = 0;
    for (let s = 0; s < sources.length; s++) {
      if (omega[s] === 0) continue;
      const { x, size } = sources[s].data;
      atoms.set(x, offset);
      weights.fill(omega[s] / size, offset, offset + size);
      offset += size;
    }
    return { kind: 'atoms', atoms, weights };
  }

  function sample(theta: EmpiricalTheta, size: number, stream: Stream): Dataset {
    validateForSampling(theta, 'theta');
    sampleSize('size', size);
    checkStream(stream);
    const x = rowStorage(size);
    if (theta.kind === 'atoms') {
      if (size > 0) {
        fillCategorical(stream, aliasTableOf(theta.weights), x);
        const atoms = theta.atoms;
        for (let i = 0; i < size; i++) x[i] = atoms[x[i]];
      }
    } else {
      const quantile = theta.quantile;
      for (let i = 0; i < size; i++) {
        const u = stream.nextOpenDouble();
        const value = quantile(u);
        if (!Number.isFinite(value)) throw new InvalidArgumentError(`theta.quantile(${u})`, value, 'a finite number');
        x[i] = value;
      }
    }
    return { size, dim: 1, x, y: null };
  }

  const cvm: Metric<EmpiricalTheta> = (estimate, truth) => {
    if (estimate === null || typeof estimate !== 'object' || estimate.kind !== 'atoms') {
      throw new InvalidArgumentError('estimate.kind', estimate?.kind, "'atoms' (a fitted empirical distribution)");
    }
    if (truth === null || typeof truth !== 'object' || truth.kind !== 'continuous') {
      throw new InvalidArgumentError('truth.kind', truth?.kind, "'continuous' (the Cramér–von Mises distance needs a continuous truth)");
    }
    // Checked here so that an error names estimate.atoms / estimate.weights / truth.cdf, not cramerVonMises's own parameters.
    validateAtoms(estimate, 'estimate');
    if (typeof truth.cdf !== 'function') throw new InvalidArgumentError('truth.cdf', truth.cdf, 'a function x ↦ F(x) in [0, 1]');
    return cramerVonMises(estimate.atoms, estimate.weights, truth.cdf);
  };

  return {
    name: 'empirical',
    sample,
    fit,
    metrics: { cvm },
    validate: (theta: EmpiricalTheta, name = 'theta') => validateEmpirical(theta, parameterName(name, 'theta')),
  };
}
