/**
 * Shared machinery of the fuzz properties (properties/fuzz.*.test.ts; not a test file itself).
 *
 * The contract every public function of src/ is fuzzed against (issue 7): a call either
 *   - returns a valid result: every number reachable from the result (plain numbers, typed arrays, arrays and
 *     object fields, a few levels deep) is finite — never NaN, and never ±Infinity unless the function documents
 *     an infinite value (`allowInfinity`) — and passes the target's own `check`; or
 *   - throws InvalidArgumentError (src/errors.ts) whose `parameter` is a non-empty name that starts its message, or
 *     NumericalError with one of the documented kinds;
 * and never throws anything else (TypeError, RangeError from deep inside, a plain Error), never takes more than
 * CALL_BUDGET_MS (a hang guard: sizes are chosen so that valid calls are fast — a call over budget is a hang or an
 * unbounded loop on some input).
 *
 * Arbitraries: `anyNumber` mixes the edge values of the issue (0, −0, NaN, ±Infinity, 1e308, 5e-324, huge
 * integers) with ordinary doubles and small integers; `wrongType` holds the wrong types (strings such as '3' and
 * 'NaN', null, undefined, objects, arrays, booleans, a bigint, a symbol, functions, typed arrays of the wrong
 * kind); `anything` mixes both. `streamArg` is a fresh Stream (derived from rootKey('fuzz')) or a wrong type;
 * streams are materialised at call time (`materialise`) so that a replayed or shrunk case gets a fresh stream.
 */
import fc from 'fast-check';
import { appendFileSync } from 'node:fs';
import { InvalidArgumentError, NumericalError, type NumericalFailure } from '../src/errors.js';
import { rootKey, Stream } from '../src/rng/stream.js';

const TRACE = process.env.FUZZ_TRACE;

/** Longest a single call may take (ms). */
export const CALL_BUDGET_MS = 2000;

const NUMERICAL_KINDS: readonly NumericalFailure[] = ['separation', 'overflow', 'non-convergence', 'singular', 'degenerate'];

/** The edge values of the issue, plus a few values that sit on validation boundaries. */
export const EDGE_NUMBERS: readonly number[] = [
  0, -0, NaN, Infinity, -Infinity, 1e308, -1e308, Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324, -5e-324, 2.2250738585072014e-308,
  Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 2 ** 53 + 2, 2 ** 31, 2 ** 31 - 1, 2 ** 32, 1e12, 1e15, 1e7 + 1,
  1, -1, 2, 3, 0.5, 0.1, 1e-300, 1 - 2 ** -53, 1 + 2 ** -52, 1e-9, 700, 710, 1e300,
];

/** Wrong types: everything a caller might pass instead of a number, a typed array or an object. */
export const WRONG_TYPES: readonly unknown[] = [
  '', '3', ' 3 ', 'abc', 'NaN', '1e400', null, undefined, {}, { length: 3 }, [], [1, 2, 3], [NaN], ['1'], true, false, 10n,
  Symbol('fuzz'), () => 1, new Int32Array(4), new Uint8Array(2), new Float32Array(3), new Date(0), new Map(),
];

export const edgeNumber: fc.Arbitrary<number> = fc.constantFrom(...EDGE_NUMBERS);
export const wrongType: fc.Arbitrary<unknown> = fc.constantFrom(...WRONG_TYPES);

/** Any number: edge values, any double (bit patterns, so NaN, ±Infinity, subnormals), small integers, modest doubles. */
export const anyNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: edgeNumber },
  { weight: 2, arbitrary: fc.double() },
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 60 }) },
  { weight: 2, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
);

/** A number or a wrong type. */
export const anything: fc.Arbitrary<unknown> = fc.oneof({ weight: 3, arbitrary: anyNumber }, { weight: 1, arbitrary: wrongType });

/** `valid` most of the time, otherwise anything (so that both the success path and the error paths are explored). */
export function mostly<T>(valid: fc.Arbitrary<T>, validWeight = 3): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: validWeight, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: anything });
}

/** A Float64Array of `length` (default 0..6) entries drawn from `entry` (default anyNumber). */
export function float64(entry: fc.Arbitrary<number> = anyNumber, minLength = 0, maxLength = 6): fc.Arbitrary<Float64Array> {
  return fc.array(entry, { minLength, maxLength }).map((a) => Float64Array.from(a));
}

/** A vector argument: a Float64Array or number[] of any length and entries, or a wrong type. */
export const anyVector: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: float64() },
  { weight: 1, arbitrary: fc.array(anyNumber, { maxLength: 6 }) },
  { weight: 1, arbitrary: wrongType },
);

/**
 * A count or size: small valid integers 0..max, or an invalid one (negative, fractional, non-finite, beyond 2^31, a
 * wrong type). Valid huge sizes are deliberately not generated: they are legal but slow (the brief asks for fast
 * valid calls); the caps that refuse sizes beyond 2^31 − 1 are what the huge values exercise.
 */
export function countArgOf(max: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max }) },
    { weight: 2, arbitrary: fc.constantFrom(-1, -0, 1.5, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e308, 5e-324, Number.MAX_SAFE_INTEGER) },
    { weight: 1, arbitrary: wrongType },
  );
}

/** Marker for a stream, materialised at call time. */
export interface StreamMarker { readonly __stream: number }
const isStreamMarker = (v: unknown): v is StreamMarker => typeof v === 'object' && v !== null && '__stream' in v;

/** A fresh Stream (most of the time) or a wrong type. */
export const streamArg: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 1_000_000 }).map((i): StreamMarker => ({ __stream: i })) },
  { weight: 1, arbitrary: wrongType },
);

/** The stream of a marker. */
export function streamOf(marker: StreamMarker): Stream {
  return rootKey('fuzz').child(marker.__stream).stream();
}

/** Replaces stream markers (top level and one level inside arrays) by fresh streams. */
export function materialise(args: readonly unknown[]): unknown[] {
  return args.map((a) => (isStreamMarker(a) ? streamOf(a) : a));
}

/** A short printable form of an argument for failure messages. */
export function show(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return 'a function';
  if (value instanceof Stream) return 'a Stream';
  if (ArrayBuffer.isView(value)) {
    const arr = Array.from(value as unknown as ArrayLike<number>).slice(0, 8).map((v) => show(v));
    return `${value.constructor.name}[${arr.join(', ')}${(value as unknown as { length: number }).length > 8 ? ', …' : ''}]`;
  }
  if (Array.isArray(value)) return `[${value.slice(0, 8).map(show).join(', ')}${value.length > 8 ? ', …' : ''}]`;
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') {
    try {
      return `{${Object.entries(value as object).slice(0, 8).map(([k, v]) => `${k}: ${show(v)}`).join(', ')}}`;
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return JSON.stringify(value);
}

/** The path of the first non-finite number reachable from `value` (NaN always; ±Infinity unless allowed), or null. */
export function firstBadNumber(value: unknown, allowInfinity = false, path = 'result', depth = 0, seen = new Set<unknown>()): string | null {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return `${path} is NaN`;
    if (!allowInfinity && !Number.isFinite(value)) return `${path} is ${value}`;
    return null;
  }
  if (value === null || typeof value !== 'object' || depth > 4 || seen.has(value)) return null;
  seen.add(value);
  if (value instanceof Float64Array || value instanceof Float32Array) {
    for (let i = 0; i < value.length; i++) {
      const bad = firstBadNumber(value[i], allowInfinity, `${path}[${i}]`, depth + 1, seen);
      if (bad) return bad;
    }
    return null;
  }
  if (ArrayBuffer.isView(value)) return null; // integer typed arrays cannot hold NaN
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = firstBadNumber(value[i], allowInfinity, `${path}[${i}]`, depth + 1, seen);
      if (bad) return bad;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const bad = firstBadNumber((value as Record<string, unknown>)[key], allowInfinity, `${path}.${key}`, depth + 1, seen);
    if (bad) return bad;
  }
  return null;
}

export type Outcome =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'invalid'; readonly error: InvalidArgumentError }
  | { readonly kind: 'numerical'; readonly error: NumericalError };

export interface ContractOptions {
  /** The function documents ±Infinity among its values (NaN is never allowed). */
  readonly allowInfinity?: boolean;
  /** Further checks of a returned value (throw to fail). */
  readonly check?: (value: unknown) => void;
  /** NumericalError kinds this call may throw (default: any documented kind). */
  readonly numericalKinds?: readonly NumericalFailure[];
}

/** Asserts the contract of the file header for one call; returns what happened. */
export function expectContract(label: string, call: () => unknown, options: ContractOptions = {}): Outcome {
  if (TRACE) appendFileSync(TRACE, `${label}\n`); // FUZZ_TRACE=file: find the call that hangs (the last line written)
  const started = performance.now();
  let outcome: Outcome;
  try {
    outcome = { kind: 'value', value: call() };
  } catch (error) {
    const elapsed = performance.now() - started;
    if (elapsed > CALL_BUDGET_MS) throw new Error(`${label}: took ${elapsed.toFixed(0)} ms (> ${CALL_BUDGET_MS} ms) before throwing ${String(error)}`);
    if (error instanceof InvalidArgumentError) {
      if (typeof error.parameter !== 'string' || error.parameter === '' || !error.message.startsWith(error.parameter)) {
        throw new Error(`${label}: InvalidArgumentError without a parameter name: ${error.message}`);
      }
      return { kind: 'invalid', error };
    }
    if (error instanceof NumericalError) {
      const kinds = options.numericalKinds ?? NUMERICAL_KINDS;
      if (!kinds.includes(error.kind) || !error.message.startsWith(`${error.kind}: `)) {
        throw new Error(`${label}: NumericalError of unexpected kind ${JSON.stringify(error.kind)}: ${error.message}`);
      }
      return { kind: 'numerical', error };
    }
    const e = error as Error;
    throw new Error(`${label}: threw ${e?.name ?? typeof error} (not InvalidArgumentError / NumericalError): ${e?.message ?? String(error)}\n${e?.stack?.split('\n').slice(1, 4).join('\n') ?? ''}`);
  }
  const elapsed = performance.now() - started;
  if (elapsed > CALL_BUDGET_MS) throw new Error(`${label}: took ${elapsed.toFixed(0)} ms (> ${CALL_BUDGET_MS} ms)`);
  const bad = firstBadNumber(outcome.value, options.allowInfinity ?? false);
  if (bad) throw new Error(`${label}: returned a non-finite number: ${bad}`);
  options.check?.(outcome.value);
  return outcome;
}

/** Counts of outcomes over a property's runs (to assert that both the success and the error paths were explored). */
export class OutcomeTally {
  value = 0;
  invalid = 0;
  numerical = 0;
  add(outcome: Outcome): Outcome {
    this[outcome.kind === 'value' ? 'value' : outcome.kind === 'invalid' ? 'invalid' : 'numerical']++;
    return outcome;
  }
}

export interface FuzzTarget {
  /** The function's name (and the method, for methods). */
  readonly name: string;
  /** Generated arguments (streams as markers). */
  readonly args: fc.Arbitrary<readonly unknown[]>;
  /** Calls the function on materialised arguments. */
  readonly call: (...args: unknown[]) => unknown;
  readonly options?: ContractOptions;
  /** Require at least one valid result among the runs (default true). */
  readonly expectValues?: boolean;
  /** Require at least one refused call among the runs (default true). */
  readonly expectRefusals?: boolean;
}

/**
 * Runs fc.assert over one target with a fixed seed: every call satisfies the contract; at least one call
 * returned a value (unless expectValues is false) and at least one was refused (the invalid inputs reach the
 * validation). Returns the tally.
 */
export function fuzz(target: FuzzTarget, numRuns: number, seed: number): OutcomeTally {
  const tally = new OutcomeTally();
  fc.assert(
    fc.property(target.args, (args) => {
      const live = materialise(args);
      tally.add(expectContract(`${target.name}(${args.map(show).join(', ')})`, () => target.call(...live), target.options));
    }),
    { seed, numRuns, endOnFailure: true },
  );
  if ((target.expectValues ?? true) && tally.value === 0) throw new Error(`${target.name}: no generated call returned a value (the valid inputs are too rare)`);
  if ((target.expectRefusals ?? true) && tally.invalid === 0) throw new Error(`${target.name}: no generated call was refused (the invalid inputs never reached the validation)`);
  return tally;
}

/** A stable 31-bit seed per target name (fixed seeds: the fuzz is replayable). */
export function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return (h >>> 1) | 0;
}
