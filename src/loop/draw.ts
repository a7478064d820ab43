/**
 * One role's data of one generation, drawn with its own stream (common random numbers by role).
 */
import type { Dataset, Model } from '../models/types.js';
import type { StreamKey } from '../rng/stream.js';
import { InvalidArgumentError } from '../errors.js';
import { optionsObject } from '../validate.js';

/**
 * `size` rows from P_θ drawn with the stream key.child(t, role): generation t's real data (θ = θ*) or
 * synthetic data (θ = θ̂_{t−1}). Because the stream depends only on (key, t, role), two configurations
 * that differ only in how synthetic data are used see the same real data. Checks that the model returned
 * exactly `size` rows (a model bug otherwise, reported as an InvalidArgumentError naming `model.sample`).
 *
 * @example
 *   const realData = drawRole(model, truth, 20, key, 3, 'real');  // R_3 of a fresh recursion
 */
export function drawRole<Theta>(model: Model<Theta>, theta: Theta, size: number, key: StreamKey, t: number, role: 'real' | 'synthetic'): Dataset {
  optionsObject('model', model, '{ sample, … } (a Model)');
  optionsObject('key', key, '(a StreamKey, e.g. rootKey(seed).child(…))');
  if (typeof model.sample !== 'function') throw new InvalidArgumentError('model.sample', model.sample, 'a function (θ, size, stream) → Dataset');
  if (typeof key.roleStream !== 'function') throw new InvalidArgumentError('key', key, 'a StreamKey (rootKey(seed).child(…)), with roleStream');
  const data = model.sample(theta, size, key.roleStream(t, role));
  if (typeof data !== 'object' || data === null || data.size !== size) {
    throw new InvalidArgumentError(
      `model.sample (generation ${t}, role "${role}")`,
      typeof data === 'object' && data !== null ? data.size : data,
      `a dataset of exactly the ${size} rows requested`,
    );
  }
  return data;
}
