/**
 * Shared assertions of the bad-input tests (not a test file itself).
 *
 * `refused(call, parameter)`: the house rule for bad input (src/errors.ts) — `call` throws an InvalidArgumentError
 * whose `parameter` is exactly `parameter`, whose `allowed` text says what is accepted (non-empty), and whose
 * message names the parameter and the value received (`<parameter> must be <allowed>; received <value>`).
 * Returns the error, for further checks of `value` or `allowed`.
 *
 * `withEnv(vars, run)`: runs `run` with the environment variables `vars` set (undefined: unset) and restores
 * them afterwards, whatever `run` does.
 *
 * @example
 *   const error = refused(() => limitFactor(0, 1), 'w');
 *   expect(error.value).toBe(0);
 */
import { expect } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';

export function refused(call: () => unknown, parameter: string): InvalidArgumentError {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected an InvalidArgumentError naming ${parameter}`).toBeInstanceOf(InvalidArgumentError);
  const error = caught as InvalidArgumentError;
  expect(error.parameter).toBe(parameter);
  expect(error.allowed.trim().length, `"allowed" of ${parameter} must say what is accepted`).toBeGreaterThan(0);
  expect(error.message).toContain(parameter);
  expect(error.message).toContain('received');
  return error;
}

export function withEnv<T>(vars: Record<string, string | undefined>, run: () => T): T {
  const saved: Record<string, string | undefined> = {};
  for (const k of Object.keys(vars)) {
    saved[k] = process.env[k];
    if (vars[k] === undefined) delete process.env[k];
    else process.env[k] = vars[k];
  }
  try {
    return run();
  } finally {
    for (const k of Object.keys(saved)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}
