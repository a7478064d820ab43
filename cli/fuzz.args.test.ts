/**
 * Fuzzed command lines (issue 7), in-process (no spawned processes): cli/args.ts's Flags on arbitrary argv arrays
 * — flag tokens with and without `=`, empty names, names with newlines, values such as 'NaN', '1e999', '-0', '0x10',
 * '', '  3 ', arbitrary strings — and the parsers simulate's flags go through: catalogue.ts's policyFromFlags and
 * parseSchedule, simulate.ts's parseShard. Every outcome is a value within the declared range (and a policy that
 * src/loop's validatePolicy accepts) or a UsageError whose message is one line naming the flag; never a TypeError,
 * never a value outside the range.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Flags, UsageError } from './args.js';
import { policyFromFlags, parseSchedule, POLICIES } from './catalogue.js';
import { parseShard } from './simulate.js';
import { validatePolicy, validateSchedule } from '../src/loop/index.js';
import { seedOf } from '../properties/fuzz.harness.js';

const RUNS = 300;

/** The numeric edge strings of the issue, plus a few more. */
const EDGE_STRINGS = ['NaN', '1e999', '-1e999', '-0', '0x10', '0b11', '0o7', '', ' ', '  3 ', '3', '0', '1', '-1', '2.5', '1e3', '1e-400', 'Infinity', '-Infinity', '9007199254740993', '1e7', '10000001', '0.5', '1.0', '+2', '.5', '5.', '1_000', '١', 'true', 'false', 'null', 'abc', '--', '\n3', '3\n', '"3"'];

const FLAG_NAMES = ['n', 'm', 'w', 'lambda', 'policy', 'schedule', 'subsample', 'seed', 'model', 'verbose', 'out', 'shard', 'T', 'x', 'n\nm', 'a b', ''];

const valueArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...EDGE_STRINGS) }, { weight: 2, arbitrary: fc.string({ maxLength: 8 }) }, { weight: 1, arbitrary: fc.constantFrom(...POLICIES, 'constant', 'linear:2', 'poly:0.5', 'poly:', 'exp:1.5', 'tlogt', 'exp:0.5', 'linear:-1') });

/** One or two argv tokens: `--name value`, `--name=value`, a bare `--name`, a positional, or an arbitrary string. */
const tokenArb: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...FLAG_NAMES), valueArb).map(([n, v]) => [`--${n}`, v]) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...FLAG_NAMES), valueArb).map(([n, v]) => [`--${n}=${v}`]) },
  { weight: 1, arbitrary: fc.constantFrom(...FLAG_NAMES).map((n) => [`--${n}`]) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }).map((s) => [s]) },
);
const argvArb: fc.Arbitrary<string[]> = fc.array(tokenArb, { maxLength: 5 }).map((tokens) => tokens.flat());

/** A UsageError with a one-line message that names `flag` (when given); anything else is a defect. */
function expectUsage(error: unknown, label: string, flag?: string): void {
  if (!(error instanceof UsageError)) throw new Error(`${label}: threw ${(error as Error)?.name ?? typeof error} instead of a UsageError: ${(error as Error)?.message ?? String(error)}`);
  if (error.message.includes('\n') || error.message.includes('\r')) throw new Error(`${label}: the message is not one line: ${JSON.stringify(error.message)}`);
  if (flag !== undefined && !error.message.startsWith(`--${flag} `)) throw new Error(`${label}: the message does not name --${flag}: ${error.message}`);
}

/** Runs `get`; a value must pass `check`, an error must be a one-line UsageError naming `flag`. Returns true on a value. */
function outcome<T>(label: string, flag: string | undefined, get: () => T, check: (v: T) => void): boolean {
  let value: T;
  try {
    value = get();
  } catch (error) {
    expectUsage(error, label, flag);
    return false;
  }
  check(value);
  return true;
}

const inRange = (min: number, max: number, integer: boolean) => (v: number) => {
  expect(typeof v).toBe('number');
  expect(Number.isFinite(v)).toBe(true);
  expect(v >= min && v <= max).toBe(true);
  if (integer) expect(Number.isSafeInteger(v)).toBe(true);
};

describe('fuzz cli/args.ts Flags: a value in the declared range, or a one-line UsageError naming the flag', () => {
  it('Flags: constructor, every getter and rejectUnknown on arbitrary argv', () => {
    let values = 0;
    let usage = 0;
    fc.assert(
      fc.property(argvArb, (argv) => {
        const label = `Flags(${JSON.stringify(argv)})`;
        let flags: Flags;
        try {
          flags = new Flags(argv, ['verbose']);
        } catch (error) {
          expectUsage(error, label);
          usage++;
          return;
        }
        const got = [
          outcome(`${label}.integer(n)`, 'n', () => flags.integer('n', 10, 1, 1000), inRange(1, 1000, true)),
          outcome(`${label}.integer(T)`, 'T', () => flags.integer('T', undefined, 0), inRange(0, Number.MAX_SAFE_INTEGER, true)),
          outcome(`${label}.number(w)`, 'w', () => flags.number('w', 0.5, 0, 1), inRange(0, 1, false)),
          outcome(`${label}.number(lambda)`, 'lambda', () => flags.number('lambda', undefined, -1e300, 1e300), inRange(-1e300, 1e300, false)),
          outcome(`${label}.choice(model)`, 'model', () => flags.choice('model', ['gaussian', 'categorical'] as const, 'gaussian'), (v) => expect(['gaussian', 'categorical']).toContain(v)),
          outcome(`${label}.flag(verbose)`, 'verbose', () => flags.flag('verbose'), (v) => expect(typeof v).toBe('boolean')),
          outcome(`${label}.string(seed)`, 'seed', () => flags.string('seed', '1'), (v) => expect(typeof v).toBe('string')),
          outcome(`${label}.optionalString(out)`, 'out', () => flags.optionalString('out'), (v) => expect(v === undefined || typeof v === 'string').toBe(true)),
        ];
        for (const g of got) g ? values++ : usage++;
        outcome(`${label}.rejectUnknown()`, undefined, () => flags.rejectUnknown(), () => undefined);
      }),
      { seed: seedOf('Flags'), numRuns: RUNS, endOnFailure: true },
    );
    expect(values).toBeGreaterThan(0);
    expect(usage).toBeGreaterThan(0);
  });

  it('policyFromFlags: a policy that validatePolicy accepts, or a UsageError naming one of its flags', () => {
    let values = 0;
    let usage = 0;
    const policyFlags = fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.tuple(fc.constantFrom('policy', 'n', 'm', 'w', 'lambda', 'schedule', 'subsample'), valueArb).map(([n, v]) => [`--${n}=${v}`]) },
        { weight: 2, arbitrary: fc.constantFrom(...POLICIES).map((p) => [`--policy=${p}`]) },
      ),
      { maxLength: 5 },
    ).map((t) => t.flat());
    fc.assert(
      fc.property(policyFlags, (argv) => {
        const label = `policyFromFlags(${JSON.stringify(argv)})`;
        const flags = new Flags(argv);
        let policy: unknown;
        try {
          policy = policyFromFlags(flags);
        } catch (error) {
          expectUsage(error, label);
          const named = /^--(policy|n|m|w|lambda|schedule|subsample) /.exec((error as Error).message);
          if (!named) throw new Error(`${label}: the message names none of the policy's flags: ${(error as Error).message}`);
          usage++;
          return;
        }
        validatePolicy(policy); // throws (an InvalidArgumentError) if the CLI accepted what the engine refuses
        values++;
      }),
      { seed: seedOf('policyFromFlags'), numRuns: RUNS, endOnFailure: true },
    );
    expect(values).toBeGreaterThan(0);
    expect(usage).toBeGreaterThan(0);
  });

  it('parseSchedule: a schedule that validateSchedule accepts, or a UsageError naming --schedule', () => {
    const text = fc.oneof(
      fc.tuple(fc.constantFrom('constant', 'linear', 'poly', 'tlogt', 'exp', 'Constant', '', 'function'), fc.option(fc.oneof(fc.constantFrom(...EDGE_STRINGS), fc.string({ maxLength: 5 })), { nil: undefined })).map(([k, a]) => (a === undefined ? k : `${k}:${a}`)),
      fc.string({ maxLength: 10 }),
    );
    let values = 0;
    fc.assert(
      fc.property(text, (t) => {
        if (outcome(`parseSchedule(${JSON.stringify(t)})`, 'schedule', () => parseSchedule(t), (s) => validateSchedule(s))) values++;
      }),
      { seed: seedOf('parseSchedule'), numRuns: RUNS, endOnFailure: true },
    );
    expect(values).toBeGreaterThan(0);
  });

  it('parseShard: 0 ≤ index < count integers, or a UsageError naming --shard', () => {
    const text = fc.oneof(
      fc.tuple(fc.oneof(fc.nat(10).map(String), fc.constantFrom(...EDGE_STRINGS)), fc.oneof(fc.nat(10).map(String), fc.constantFrom(...EDGE_STRINGS))).map(([a, b]) => `${a}/${b}`),
      fc.string({ maxLength: 8 }),
      fc.constant(undefined),
    );
    fc.assert(
      fc.property(text, (t) => {
        outcome(`parseShard(${JSON.stringify(t)})`, 'shard', () => parseShard(t), ({ index, count }) => {
          expect(Number.isSafeInteger(index) && Number.isSafeInteger(count) && index >= 0 && index < count).toBe(true);
        });
      }),
      { seed: seedOf('parseShard'), numRuns: RUNS, endOnFailure: true },
    );
  });

  it('regressions', () => {
    // edge numeric strings: '1e999' and '' are refused, '  3 ' is 3
    expect(() => new Flags(['--n', '1e999']).integer('n', 1, 0)).toThrow(/^--n must be an integer/);
    expect(() => new Flags(['--n=']).integer('n', 1, 0)).toThrow(/^--n must be an integer/);
    expect(new Flags(['--n', '  3 ']).integer('n', 1, 0)).toBe(3);
    // found by the fuzz: a flag name with a newline made `unknown flag --n⏎m` a two-line message
    expect(() => new Flags(['--n\nm', '3'])).toThrow(/^flag "--n\\nm" has an invalid name/);
    expect(() => new Flags(['--a b=3'])).toThrow(UsageError);
    // an empty or doubled schedule argument is refused instead of read as 0 / ignored
    for (const text of ['poly:', 'poly: ', 'exp:', 'constant:1:2', 'linear:']) expect(() => parseSchedule(text)).toThrow(/^--schedule /);
    expect(parseSchedule('poly:0')).toEqual({ kind: 'polynomial', s: 0 });
    expect(parseSchedule('constant')).toEqual({ kind: 'constant' });
  });
});
