/**
 * Storage for the rows the models draw inside a recursion.
 *
 * A fresh `new Float64Array(n)` of a few hundred entries costs about a microsecond in V8 (an off-heap
 * backing store, zeroed and registered with the garbage collector) — as much as drawing a hundred normals,
 * and a sizeable share of a recursion step at n = 100. Inside `recurse` (and only there: `enterRecursion` /
 * `exitRecursion`), the models' samplers and the empirical fit take their arrays from `rowStorage`, which
 * carves them out of 64 KiB chunks: a view costs a few tens of nanoseconds, every view covers a range of
 * its chunk no other view covers (memory is never handed out twice, so a view starts zeroed like a new
 * array and stays valid as long as it is referenced), and a chunk is freed by the garbage collector once
 * none of its views is referenced. Outside a recursion (a user calling `model.sample` directly) every
 * array is a plain `new Float64Array`, with a buffer of its own.
 *
 * The price: a view keeps its whole chunk alive. Inside a recursion the datasets live one generation (D_0
 * one run), so the memory held is a few chunks. Arrays under 16 or over 2048 entries are always plain
 * (tiny ones are cheap, large ones amortise their allocation over the work done on them).
 */

/** Bytes per chunk. */
const CHUNK_BYTES = 1 << 16;
/** Lengths served from chunks: [MIN_LENGTH, MAX_LENGTH] entries. */
const MIN_LENGTH = 16;
const MAX_LENGTH = 2048;

/** Number of recursions running (nested calls possible: a metric may itself run one). */
let depth = 0;
let chunk: ArrayBuffer | null = null;
let used = 0;

/**
 * Marks the start of a recursion's generation loop (pair it with `exitRecursion` in a `finally`).
 *
 * @example
 *   enterRecursion();
 *   try { ... model.sample(...) ... } finally { exitRecursion(); }
 */
export function enterRecursion(): void {
  depth++;
}

/** Marks the end of a recursion's generation loop; the last chunk is released with the outermost one. */
export function exitRecursion(): void {
  depth--;
  if (depth <= 0) {
    depth = 0;
    chunk = null;
    used = 0;
  }
}

/**
 * A zero-filled Float64Array of `length` entries (a non-negative integer, as for `new Float64Array`):
 * inside a recursion, a view into the current chunk (see the module comment); otherwise a new array.
 *
 * @example
 *   const x = rowStorage(200); // Float64Array(200) of zeros
 */
export function rowStorage(length: number): Float64Array {
  if (depth === 0 || !(length >= MIN_LENGTH && length <= MAX_LENGTH && (length | 0) === length)) return new Float64Array(length);
  const bytes = length * 8;
  if (chunk === null || used + bytes > CHUNK_BYTES) {
    chunk = new ArrayBuffer(CHUNK_BYTES);
    used = 0;
  }
  const view = new Float64Array(chunk, used, length);
  used += bytes;
  return view;
}
