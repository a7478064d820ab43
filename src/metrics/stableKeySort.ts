/**
 * Stable ascending sort of (key, index) pairs held in two parallel typed arrays, without a comparator
 * callback: the hot path of the exact Cramér–von Mises distance (cramerVonMises.ts), where
 * `Uint32Array.prototype.sort((i, j) => atoms[i] − atoms[j])` spent most of an ECDF recursion step calling
 * the comparator.
 */
import { InvalidArgumentError } from '../errors.js';

/** Runs (and buckets) shorter than this are sorted by insertion. */
const RUN = 16;

/** Bucket scratch: the bucket of each pair and the bucket boundaries (grown on demand). */
let bucketOf = new Int32Array(256);
let bucketEnd = new Int32Array(257);

/**
 * Sorts keys[0..length) ascending and applies the same permutation to index[0..length), STABLY: pairs with
 * equal keys (−0 and +0 are equal) keep their relative order. The result is therefore the unique stable
 * order — the one `Array.prototype.sort` (stable since ES2019) gives with the comparator
 * (i, j) ↦ keys[i] − keys[j] for finite keys (a − b > 0 ⇔ a > b for finite doubles: the difference of two
 * distinct doubles never rounds to 0).
 *
 * Method: a bucket sort — n buckets of equal width over [min, max], pairs distributed in their order
 * (a counting sort, stable), each bucket then sorted by insertion (strict `>` shifts, stable) — falling
 * back to a stable merge sort (insertion-sorted runs of 16, bottom-up merges taking from the left run on
 * ties) inside any bucket of more than 16 pairs, and for the whole range when the width cannot be scaled
 * (max − min or n/(max − min) not finite). The bucket of x, ⌊(x − min)·n/(max − min)⌋, is non-decreasing in
 * x under rounding, so concatenating the sorted buckets sorts the whole. Expected O(n) for data with a
 * bounded density, O(n log n) at worst. `keyScratch`/`indexScratch` (length ≥ `length`) are used as work
 * space. Keys must be finite (the caller checks).
 *
 * Sources: bucket sort (Cormen, Leiserson, Rivest & Stein, Introduction to Algorithms, 3rd ed., §8.4);
 * the stable merge sort (Knuth, TAOCP vol. 3, §5.2.4).
 *
 * @example
 *   const keys = Float64Array.of(3, 1, 2, 1);
 *   const index = Uint32Array.of(0, 1, 2, 3);
 *   stableKeySort(keys, index, 4, new Float64Array(4), new Uint32Array(4));
 *   keys;  // [1, 1, 2, 3]
 *   index; // [1, 3, 2, 0]  (the two 1s keep their order)
 */
export function stableKeySort(keys: Float64Array, index: Uint32Array, length: number, keyScratch: Float64Array, indexScratch: Uint32Array): void {
  if (!(keys instanceof Float64Array)) throw new InvalidArgumentError('keys', keys, 'a Float64Array');
  if (!(index instanceof Uint32Array)) throw new InvalidArgumentError('index', index, 'a Uint32Array');
  if (!(Number.isSafeInteger(length) && length >= 0 && length <= keys.length && length <= index.length)) {
    throw new InvalidArgumentError('length', length, `an integer in [0, ${Math.min(keys.length, index.length)}]`);
  }
  if (!(keyScratch instanceof Float64Array) || keyScratch.length < length) throw new InvalidArgumentError('keyScratch', keyScratch, `a Float64Array of length ≥ ${length}`);
  if (!(indexScratch instanceof Uint32Array) || indexScratch.length < length) throw new InvalidArgumentError('indexScratch', indexScratch, `a Uint32Array of length ≥ ${length}`);
  for (let i = 0; i < length; i++) if (!Number.isFinite(keys[i])) throw new InvalidArgumentError(`keys[${i}]`, keys[i], 'a finite number');
  stableKeySortUnchecked(keys, index, length, keyScratch, indexScratch);
}

/** `stableKeySort` without the argument checks (internal callers pass checked arrays of finite keys). */
export function stableKeySortUnchecked(keys: Float64Array, index: Uint32Array, length: number, keyScratch: Float64Array, indexScratch: Uint32Array): void {
  if (length <= RUN) {
    insertionSort(keys, index, 0, length);
    return;
  }
  let min = keys[0];
  let max = keys[0];
  for (let i = 1; i < length; i++) {
    const v = keys[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min)) return; // all keys equal: the stable order is the given one
  const scale = length / (max - min);
  if (!Number.isFinite(scale) || !Number.isFinite(max - min)) {
    mergeSort(keys, index, 0, length, keyScratch, indexScratch);
    return;
  }
  if (bucketOf.length < length) {
    bucketOf = new Int32Array(Math.max(length, 2 * bucketOf.length));
    bucketEnd = new Int32Array(bucketOf.length + 1);
  }
  // Counting sort by bucket into the scratch (stable), then back.
  const ends = bucketEnd;
  ends.fill(0, 0, length + 1);
  for (let i = 0; i < length; i++) {
    let b = Math.floor((keys[i] - min) * scale);
    if (b >= length) b = length - 1;
    bucketOf[i] = b;
    ends[b + 1]++;
  }
  for (let b = 0; b < length; b++) ends[b + 1] += ends[b];
  for (let i = 0; i < length; i++) {
    const p = ends[bucketOf[i]]++;
    keyScratch[p] = keys[i];
    indexScratch[p] = index[i];
  }
  for (let i = 0; i < length; i++) {
    keys[i] = keyScratch[i];
    index[i] = indexScratch[i];
  }
  // ends[b] is now the end of bucket b (and the start of bucket b + 1).
  let start = 0;
  for (let b = 0; b < length; b++) {
    const end = ends[b];
    if (end - start > RUN) mergeSort(keys, index, start, end, keyScratch, indexScratch);
    else if (end - start > 1) insertionSort(keys, index, start, end);
    start = end;
  }
}

/** Stable insertion sort of the pairs [start, end). */
function insertionSort(keys: Float64Array, index: Uint32Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const key = keys[i];
    const id = index[i];
    let j = i - 1;
    while (j >= start && keys[j] > key) {
      keys[j + 1] = keys[j];
      index[j + 1] = index[j];
      j--;
    }
    keys[j + 1] = key;
    index[j + 1] = id;
  }
}

/** Stable merge sort of the pairs [start, end), using the same range of the scratch arrays. */
function mergeSort(keys: Float64Array, index: Uint32Array, start: number, end: number, keyScratch: Float64Array, indexScratch: Uint32Array): void {
  for (let run = start; run < end; run += RUN) insertionSort(keys, index, run, Math.min(run + RUN, end));
  let fromKeys = keys;
  let fromIndex = index;
  let toKeys = keyScratch;
  let toIndex = indexScratch;
  for (let width = RUN; width < end - start; width *= 2) {
    for (let left = start; left < end; left += 2 * width) {
      const middle = Math.min(left + width, end);
      const right = Math.min(left + 2 * width, end);
      let a = left;
      let b = middle;
      let out = left;
      if (b < right) {
        let keyA = fromKeys[a];
        let keyB = fromKeys[b];
        for (;;) {
          if (keyB < keyA) {
            toKeys[out] = keyB;
            toIndex[out++] = fromIndex[b++];
            if (b === right) break;
            keyB = fromKeys[b];
          } else {
            toKeys[out] = keyA;
            toIndex[out++] = fromIndex[a++];
            if (a === middle) break;
            keyA = fromKeys[a];
          }
        }
      }
      while (a < middle) {
        toKeys[out] = fromKeys[a];
        toIndex[out++] = fromIndex[a++];
      }
      while (b < right) {
        toKeys[out] = fromKeys[b];
        toIndex[out++] = fromIndex[b++];
      }
    }
    const swapKeys = fromKeys;
    fromKeys = toKeys;
    toKeys = swapKeys;
    const swapIndex = fromIndex;
    fromIndex = toIndex;
    toIndex = swapIndex;
  }
  if (fromKeys !== keys) {
    for (let i = start; i < end; i++) {
      keys[i] = fromKeys[i];
      index[i] = fromIndex[i];
    }
  }
}
