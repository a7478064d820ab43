/**
 * MurmurHash3, x86 128-bit variant (Austin Appleby, public domain), over a byte array.
 *
 * Used only to derive stream states from tuples of labels: a good 128-bit mix in which every input
 * bit affects every output bit, so that (seed, claim, config, replication, generation, role) tuples that
 * differ in any component give unrelated streams. Arithmetic such as `seed * t` collides; hashing does not.
 *
 * @example murmur3x86_128(new TextEncoder().encode('hello'), 0) // Uint32Array [h1, h2, h3, h4]
 */

import { InvalidArgumentError } from '../errors.js';

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

function rotl32(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** A 32-bit word: an integer in [−2^31, 2^32) (signed or unsigned view of the same bits). */
function isWord(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= -0x80000000 && value <= 0xffffffff;
}

/** The MurmurHash3 finalisation mix of a 32-bit word `h` (an integer in [−2^31, 2^32)). */
export function fmix32(h: number): number {
  if (!isWord(h)) throw new InvalidArgumentError('h', h, 'a 32-bit word: an integer in [−2^31, 2^32)');
  return mix32(h);
}

/** fmix32 without the argument check (internal: the hash's own int32 words). */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Byte `i` of the tail, or 0 past its end. */
function byteAt(bytes: Uint8Array, tail: number, rem: number, i: number): number {
  return i < rem ? bytes[tail + i] : 0;
}

function word(bytes: Uint8Array, i: number): number {
  return bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
}

/**
 * Hashes the first `length` bytes of `bytes` (default: all; an integer in [0, bytes.length]) with `seed` (a 32-bit
 * word, an integer in [−2^31, 2^32)); writes four uint32 words to `out` (a Uint32Array of length ≥ 4, default a
 * new one) and returns it. Bad arguments throw InvalidArgumentError naming them.
 */
export function murmur3x86_128(bytes: Uint8Array, seed = 0, length?: number, out?: Uint32Array): Uint32Array {
  if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError('bytes', bytes, 'a Uint8Array');
  if (!isWord(seed)) throw new InvalidArgumentError('seed', seed, 'a 32-bit word: an integer in [−2^31, 2^32)');
  if (length === undefined) length = bytes.length;
  else if (!(typeof length === 'number' && Number.isInteger(length) && length >= 0 && length <= bytes.length)) {
    throw new InvalidArgumentError('length', length, `an integer in [0, bytes.length = ${bytes.length}]`);
  }
  if (out === undefined) out = new Uint32Array(4);
  else if (!(out instanceof Uint32Array) || out.length < 4) throw new InvalidArgumentError('out', out, 'a Uint32Array of length ≥ 4');
  let h1 = seed | 0;
  let h2 = seed | 0;
  let h3 = seed | 0;
  let h4 = seed | 0;
  const nblocks = length >>> 4;
  for (let b = 0; b < nblocks; b++) {
    const i = b << 4;
    let k1 = word(bytes, i);
    let k2 = word(bytes, i + 4);
    let k3 = word(bytes, i + 8);
    let k4 = word(bytes, i + 12);
    k1 = Math.imul(k1, C1); k1 = rotl32(k1, 15); k1 = Math.imul(k1, C2); h1 ^= k1;
    h1 = rotl32(h1, 19); h1 = (h1 + h2) | 0; h1 = (Math.imul(h1, 5) + 0x561ccd1b) | 0;
    k2 = Math.imul(k2, C2); k2 = rotl32(k2, 16); k2 = Math.imul(k2, C3); h2 ^= k2;
    h2 = rotl32(h2, 17); h2 = (h2 + h3) | 0; h2 = (Math.imul(h2, 5) + 0x0bcaa747) | 0;
    k3 = Math.imul(k3, C3); k3 = rotl32(k3, 17); k3 = Math.imul(k3, C4); h3 ^= k3;
    h3 = rotl32(h3, 15); h3 = (h3 + h4) | 0; h3 = (Math.imul(h3, 5) + 0x96cd1c35) | 0;
    k4 = Math.imul(k4, C4); k4 = rotl32(k4, 18); k4 = Math.imul(k4, C1); h4 ^= k4;
    h4 = rotl32(h4, 13); h4 = (h4 + h1) | 0; h4 = (Math.imul(h4, 5) + 0x32ac3b17) | 0;
  }
  const tail = nblocks << 4;
  let k1 = 0;
  let k2 = 0;
  let k3 = 0;
  let k4 = 0;
  const rem = length & 15;
  // Tail: the last `rem` bytes, little-endian into k1..k4 (the reference's fallthrough switch, unrolled).
  if (rem > 12) {
    k4 = byteAt(bytes, tail, rem, 12) | (byteAt(bytes, tail, rem, 13) << 8) | (byteAt(bytes, tail, rem, 14) << 16);
    k4 = Math.imul(k4, C4); k4 = rotl32(k4, 18); k4 = Math.imul(k4, C1); h4 ^= k4;
  }
  if (rem > 8) {
    k3 = byteAt(bytes, tail, rem, 8) | (byteAt(bytes, tail, rem, 9) << 8) | (byteAt(bytes, tail, rem, 10) << 16) | (byteAt(bytes, tail, rem, 11) << 24);
    k3 = Math.imul(k3, C3); k3 = rotl32(k3, 17); k3 = Math.imul(k3, C4); h3 ^= k3;
  }
  if (rem > 4) {
    k2 = byteAt(bytes, tail, rem, 4) | (byteAt(bytes, tail, rem, 5) << 8) | (byteAt(bytes, tail, rem, 6) << 16) | (byteAt(bytes, tail, rem, 7) << 24);
    k2 = Math.imul(k2, C2); k2 = rotl32(k2, 16); k2 = Math.imul(k2, C3); h2 ^= k2;
  }
  if (rem > 0) {
    k1 = byteAt(bytes, tail, rem, 0) | (byteAt(bytes, tail, rem, 1) << 8) | (byteAt(bytes, tail, rem, 2) << 16) | (byteAt(bytes, tail, rem, 3) << 24);
    k1 = Math.imul(k1, C1); k1 = rotl32(k1, 15); k1 = Math.imul(k1, C2); h1 ^= k1;
  }
  h1 ^= length; h2 ^= length; h3 ^= length; h4 ^= length;
  h1 = (h1 + h2) | 0; h1 = (h1 + h3) | 0; h1 = (h1 + h4) | 0;
  h2 = (h2 + h1) | 0; h3 = (h3 + h1) | 0; h4 = (h4 + h1) | 0;
  h1 = mix32(h1); h2 = mix32(h2); h3 = mix32(h3); h4 = mix32(h4);
  h1 = (h1 + h2) | 0; h1 = (h1 + h3) | 0; h1 = (h1 + h4) | 0;
  h2 = (h2 + h1) | 0; h3 = (h3 + h1) | 0; h4 = (h4 + h1) | 0;
  out[0] = h1 >>> 0; out[1] = h2 >>> 0; out[2] = h3 >>> 0; out[3] = h4 >>> 0;
  return out;
}
