export { StreamKey, Stream, rootKey } from './stream.js';
export type { Label, Role } from './stream.js';
export { murmur3x86_128, fmix32 } from './murmur3.js';
