/**
 * Errors of collapse-lab. Every invalid argument is reported with the parameter's name, the value it
 * received and what is allowed; every numerical failure (separation, overflow, singular matrix,
 * non-convergence) is reported with a typed kind instead of being silently regularised.
 */

/** Formats a value for an error message without throwing on exotic inputs. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    return Object.is(value, -0) ? '-0' : String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(length ${(value as unknown as { length: number }).length})`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? s.slice(0, 77) + '...' : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Thrown when a public function receives a parameter outside its domain. */
export class InvalidArgumentError extends RangeError {
  readonly parameter: string;
  readonly value: unknown;
  readonly allowed: string;
  constructor(parameter: string, value: unknown, allowed: string) {
    super(`${parameter} must be ${allowed}; received ${describeValue(value)}`);
    this.name = 'InvalidArgumentError';
    this.parameter = parameter;
    this.value = value;
    this.allowed = allowed;
  }
}

/** The kinds of numerical trouble the engine detects and reports. */
export type NumericalFailure =
  | 'separation' // logistic regression: the data are (quasi-)separable, the MLE does not exist
  | 'overflow' // Poisson regression: exp(xᵀβ) overflowed, or a mean exceeded the representable range
  | 'non-convergence' // Newton / IRLS did not reach the tolerance in the iteration budget
  | 'singular' // a matrix that must be symmetric positive definite is not (numerically)
  | 'degenerate'; // the data cannot identify the parameter (e.g. all observations equal for a Gamma fit)

/** Thrown when a computation cannot produce a trustworthy result. */
export class NumericalError extends Error {
  readonly kind: NumericalFailure;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(kind: NumericalFailure, message: string, details: Record<string, unknown> = {}) {
    super(`${kind}: ${message}`);
    this.name = 'NumericalError';
    this.kind = kind;
    this.details = details;
  }
}
