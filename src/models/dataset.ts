/**
 * Dataset utilities shared by every model: construction with validation, row selection, pooling.
 */
import type { Dataset } from './types.js';
import { InvalidArgumentError } from '../errors.js';
import { integerInRange, parameterName } from '../validate.js';
import type { Stream } from '../rng/stream.js';
import { checkStream } from '../rng/checkStream.js';

/** Builds a dataset, checking shapes and finiteness. */
export function dataset(x: Float64Array, dim: number, y: Float64Array | null = null, name = 'data'): Dataset {
  name = parameterName(name, 'data');
  integerInRange(`${name}.dim`, dim, 1);
  if (!(x instanceof Float64Array)) throw new InvalidArgumentError(`${name}.x`, x, 'a Float64Array');
  if (x.length % dim !== 0) throw new InvalidArgumentError(`${name}.x.length`, x.length, `a multiple of dim = ${dim}`);
  const size = x.length / dim;
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) throw new InvalidArgumentError(`${name}.x[${i}]`, x[i], 'a finite number');
  if (y !== null) {
    if (!(y instanceof Float64Array)) throw new InvalidArgumentError(`${name}.y`, y, 'a Float64Array or null');
    if (y.length !== size) throw new InvalidArgumentError(`${name}.y.length`, y.length, `${size} (one response per row)`);
    for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw new InvalidArgumentError(`${name}.y[${i}]`, y[i], 'a finite number');
  }
  return { size, dim, x, y };
}

/**
 * Checks the shape of a dataset argument (not its entries: the callers check the entries they copy):
 * an object with `dim` an integer ≥ 1, `size` an integer ≥ 0, `x` a Float64Array of length size·dim and `y`
 * null or a Float64Array of length size. Errors name `${name}`, `${name}.dim`, … .
 */
function checkDatasetShape(data: unknown, name: string): Dataset {
  if (data === null || typeof data !== 'object') throw new InvalidArgumentError(name, data, 'a Dataset { size, dim, x, y }');
  const d = data as Dataset;
  integerInRange(`${name}.dim`, d.dim, 1);
  integerInRange(`${name}.size`, d.size, 0);
  if (!(d.x instanceof Float64Array)) throw new InvalidArgumentError(`${name}.x`, d.x, 'a Float64Array');
  if (d.x.length !== d.size * d.dim) throw new InvalidArgumentError(`${name}.x.length`, d.x.length, `${d.size * d.dim} (size·dim)`);
  if (d.y !== null) {
    if (!(d.y instanceof Float64Array)) throw new InvalidArgumentError(`${name}.y`, d.y, 'a Float64Array or null');
    if (d.y.length !== d.size) throw new InvalidArgumentError(`${name}.y.length`, d.y.length, `${d.size} (one response per row)`);
  }
  return d;
}

/** Throws InvalidArgumentError(`${name}.x[i]`) for the first non-finite entry of x[from, to). */
function checkFiniteRange(x: Float64Array, from: number, to: number, name: string): void {
  for (let i = from; i < to; i++) if (!Number.isFinite(x[i])) throw new InvalidArgumentError(`${name}[${i}]`, x[i], 'a finite number');
}

/** The rows `indices` of `data`, in that order (indices may repeat); the rows taken must be finite. */
export function takeRows(data: Dataset, indices: ArrayLike<number>): Dataset {
  checkDatasetShape(data, 'data');
  if (!Array.isArray(indices) && !(ArrayBuffer.isView(indices) && !(indices instanceof DataView))) {
    throw new InvalidArgumentError('indices', indices, 'an array or typed array of row indices');
  }
  const { dim } = data;
  const x = new Float64Array(indices.length * dim);
  const y = data.y === null ? null : new Float64Array(indices.length);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    if (!(i >= 0 && i < data.size && Number.isInteger(i))) throw new InvalidArgumentError(`indices[${r}]`, i, `an integer in [0, ${data.size - 1}]`);
    for (let j = 0; j < dim; j++) {
      const v = data.x[i * dim + j];
      if (!Number.isFinite(v)) throw new InvalidArgumentError(`data.x[${i * dim + j}]`, v, 'a finite number');
      x[r * dim + j] = v;
    }
    if (y !== null) {
      const v = (data.y as Float64Array)[i];
      if (!Number.isFinite(v)) throw new InvalidArgumentError(`data.y[${i}]`, v, 'a finite number');
      y[r] = v;
    }
  }
  return { size: indices.length, dim, x, y };
}

/** Stacks datasets of equal `dim` (and all with or all without responses, all entries finite) into one. */
export function concatRows(parts: readonly Dataset[]): Dataset {
  if (!Array.isArray(parts) || parts.length === 0) throw new InvalidArgumentError('parts', parts, 'a non-empty array of datasets');
  for (let p = 0; p < parts.length; p++) checkDatasetShape(parts[p], `parts[${p}]`);
  const { dim } = parts[0];
  const hasY = parts[0].y !== null;
  let total = 0;
  for (let p = 0; p < parts.length; p++) {
    if (parts[p].dim !== dim) throw new InvalidArgumentError(`parts[${p}].dim`, parts[p].dim, `${dim} (the dim of parts[0])`);
    if ((parts[p].y !== null) !== hasY) throw new InvalidArgumentError(`parts[${p}].y`, parts[p].y, hasY ? 'responses, like parts[0]' : 'null, like parts[0]');
    total += parts[p].size;
  }
  const x = new Float64Array(total * dim);
  const y = hasY ? new Float64Array(total) : null;
  let offset = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    checkFiniteRange(part.x, 0, part.x.length, `parts[${p}].x`);
    x.set(part.x, offset * dim);
    if (y !== null) {
      checkFiniteRange(part.y as Float64Array, 0, part.size, `parts[${p}].y`);
      y.set(part.y as Float64Array, offset);
    }
    offset += part.size;
  }
  return { size: total, dim, x, y };
}

/** Populations up to this size use a dense index array in `sampleWithoutReplacement`; larger ones a sparse map. */
const DENSE_POPULATION = 1 << 16;

/**
 * `size` indices drawn uniformly without replacement from [0, population) by a partial Fisher–Yates shuffle
 * (step i swaps position i with a uniform position in [i, population)), returned in increasing order. The
 * shuffled array is stored densely when population ≤ 65536 or ≤ 4·size, and otherwise as a map of the moved
 * positions only — the same swaps and draws, so the same indices, in O(size) memory instead of an
 * Int32Array(population) (8 GiB, and seconds of filling, for population = 2^31 − 1).
 */
export function sampleWithoutReplacement(population: number, size: number, stream: Stream): Int32Array {
  checkStream(stream);
  integerInRange('population', population, 1, 2 ** 31 - 1);
  integerInRange('size', size, 0, population);
  const out = new Int32Array(size);
  if (population <= DENSE_POPULATION || population <= 4 * size) {
    const pool = new Int32Array(population);
    for (let i = 0; i < population; i++) pool[i] = i;
    for (let i = 0; i < size; i++) {
      const j = i + stream.nextInt(population - i);
      const tmp = pool[i];
      pool[i] = pool[j];
      pool[j] = tmp;
      out[i] = pool[i];
    }
  } else {
    // pool[k] = moved.get(k) ?? k; position i is never read after step i, so only pool[j] is written back.
    const moved = new Map<number, number>();
    for (let i = 0; i < size; i++) {
      const j = i + stream.nextInt(population - i);
      const atI = moved.get(i) ?? i;
      const atJ = moved.get(j) ?? j;
      moved.set(j, atI);
      out[i] = atJ;
    }
  }
  out.sort();
  return out;
}
