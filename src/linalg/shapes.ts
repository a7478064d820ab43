/**
 * Shape validation shared by the linear-algebra kernels (internal helpers; not re-exported by index.ts).
 */
import { InvalidArgumentError } from '../errors.js';
import { finiteVector, integerInRange } from '../validate.js';

/**
 * A dimension: an integer ≥ 1.
 * @example dimension('d', 3) // 3
 */
export function dimension(name: string, value: number): number {
  return integerInRange(name, value, 1);
}

/**
 * A row-major matrix with `length` finite entries (Float64Array, or number[] which is copied).
 * @example matrixEntries('a', new Float64Array(4), 4)
 */
export function matrixEntries(name: string, value: unknown, length: number): Float64Array {
  return finiteVector(name, value, length);
}

/**
 * An optional output buffer: undefined gives a fresh Float64Array(length); otherwise it must be a
 * Float64Array of exactly that length, distinct from every array in `mustNotAlias` (when aliasing would
 * corrupt the result).
 * @example outputBuffer('out', undefined, 4) // Float64Array(4)
 */
export function outputBuffer(
  name: string,
  value: unknown,
  length: number,
  mustNotAlias: readonly Float64Array[] = [],
): Float64Array {
  if (value === undefined) return new Float64Array(length);
  if (!(value instanceof Float64Array)) throw new InvalidArgumentError(name, value, `a Float64Array of length ${length}`);
  if (value.length !== length) throw new InvalidArgumentError(`${name}.length`, value.length, `${length}`);
  for (const other of mustNotAlias) {
    if (value === other || (value.buffer === other.buffer && overlaps(value, other))) {
      throw new InvalidArgumentError(name, value, 'a buffer that does not overlap the inputs');
    }
  }
  return value;
}

function overlaps(x: Float64Array, y: Float64Array): boolean {
  const xStart = x.byteOffset;
  const yStart = y.byteOffset;
  return xStart < yStart + y.byteLength && yStart < xStart + x.byteLength;
}

/**
 * A lower-triangular Cholesky factor: d×d finite entries with a strictly positive diagonal (the strict
 * upper triangle is ignored by the kernels that take it).
 * @example choleskyFactorEntries('lower', Float64Array.of(1, 0, 0, 1), 2)
 */
export function choleskyFactorEntries(name: string, value: unknown, d: number): Float64Array {
  const lower = matrixEntries(name, value, d * d);
  for (let i = 0; i < d; i++) {
    const diagonal = lower[i * d + i];
    if (!(diagonal > 0)) {
      throw new InvalidArgumentError(`${name}[${i * d + i}]`, diagonal, `a positive diagonal entry (L[${i}][${i}] of a Cholesky factor)`);
    }
  }
  return lower;
}
