/**
 * Online mean and variance (Welford 1962; the update of Chan, Golub & LeVeque for merging).
 * Numerically stable: M2 accumulates squared deviations from the running mean.
 *
 * @example const m = new OnlineMoments(); for (const x of [1, 2, 4]) m.push(x); m.mean // 7/3, m.variance // 7/3
 */
import { InvalidArgumentError, NumericalError } from '../errors.js';
import { finiteSamples } from './sample.js';
export class OnlineMoments {
  count = 0;
  mean = 0;
  private m2 = 0;

  push(x: number): void {
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new InvalidArgumentError('x', x, 'a finite number');
    const count = this.count + 1;
    const delta = x - this.mean;
    const mean = this.mean + delta / count;
    const m2 = this.m2 + delta * (x - mean);
    if (!Number.isFinite(mean) || !Number.isFinite(m2)) throw new NumericalError('overflow', `the running moments overflow at x = ${x} (count ${count})`, { x });
    this.count = count;
    this.mean = mean;
    this.m2 = m2;
  }

  /** Merges another accumulator (parallel / sharded replications). */
  merge(other: OnlineMoments): void {
    if (!(other instanceof OnlineMoments)) throw new InvalidArgumentError('other', other, 'an OnlineMoments');
    if (other.count === 0) return;
    const total = this.count + other.count;
    const delta = other.mean - this.mean;
    const mean = this.mean + (delta * other.count) / total;
    const m2 = this.m2 + other.m2 + (delta * delta * this.count * other.count) / total;
    if (!Number.isFinite(mean) || !Number.isFinite(m2)) throw new NumericalError('overflow', 'the merged moments overflow', {});
    this.mean = mean;
    this.m2 = m2;
    this.count = total;
  }

  /** Unbiased sample variance (ddof 1); NaN-free: 0 for fewer than two points. */
  get variance(): number {
    return this.count < 2 ? 0 : this.m2 / (this.count - 1);
  }

  /** Standard error of the mean. */
  get standardError(): number {
    return this.count < 2 ? Infinity : Math.sqrt(this.variance / this.count);
  }
}

/** Mean, variance (ddof 1) and standard error of a sample. */
export function summarize(samples: ArrayLike<number>, name = 'samples'): { n: number; mean: number; variance: number; standardError: number } {
  finiteSamples(name, samples);
  const m = new OnlineMoments();
  for (let i = 0; i < samples.length; i++) m.push(samples[i]);
  return { n: m.count, mean: m.mean, variance: m.variance, standardError: m.standardError };
}
