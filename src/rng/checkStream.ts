/**
 * Validation of the `stream` argument of the samplers (issue 7: a wrong type must be refused with an error naming
 * the parameter, not a TypeError from deep inside).
 */
import type { Stream } from './stream.js';
import { InvalidArgumentError } from '../errors.js';

/**
 * Returns `stream` after checking that it is an object with the generator methods the samplers call
 * (`nextU32`, `nextDouble`, `nextOpenDouble`, `nextInt`); any Stream (src/rng/stream.ts), or a subclass or
 * adapter of it, passes. Throws InvalidArgumentError(`name`) otherwise. Duck-typed (no instanceof) so that
 * adapters and test doubles work; cost: a few property loads, negligible next to a draw.
 *
 * @example
 *   checkStream(rootKey('demo').stream()); // the stream
 *   checkStream(null);                     // throws: stream must be a Stream (src/rng/stream.ts) …; received null
 */
export function checkStream(stream: unknown, name = 'stream'): Stream {
  if (
    typeof stream !== 'object' ||
    stream === null ||
    typeof (stream as Stream).nextU32 !== 'function' ||
    typeof (stream as Stream).nextDouble !== 'function' ||
    typeof (stream as Stream).nextOpenDouble !== 'function' ||
    typeof (stream as Stream).nextInt !== 'function'
  ) {
    throw new InvalidArgumentError(name, stream, 'a Stream (src/rng/stream.ts), e.g. rootKey(seed).child(…).stream()');
  }
  return stream as Stream;
}
