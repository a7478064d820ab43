/**
 * Time of one generation of a fresh-data recursion (n = m = 100, d = 2), explicit sampling (recurse) vs the
 * sufficient-statistic fast path (recurseSufficient): each sample is one whole recursion of T = 200
 * generations divided by T; the median over REPS recursions is reported (after a warm-up).
 *
 * Run: npx tsx bench/fastpath.step.ts   (not a test)
 */
import { recurse } from '../src/loop/recurse.js';
import { recurseSufficient } from '../src/loop/recurseSufficient.js';
import { gaussianModel, type GaussianTheta } from '../src/models/gaussian.js';
import { rootKey } from '../src/rng/stream.js';
import type { RecurseConfig, RecurseResult } from '../src/loop/types.js';

const T = 200;
const REPS = 101;
const model = gaussianModel({ dim: 2 });
const truth: GaussianTheta = { mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 0.3, 0.3, 0.5) };
const policy = { kind: 'fresh', n: 100, m: 100, w: 0.5 } as const;

function medianStepMicroseconds(run: (config: RecurseConfig<GaussianTheta>) => RecurseResult<GaussianTheta>, label: string): number {
  const key = rootKey('bench.fastpath').child(label);
  for (let r = 0; r < 20; r++) run({ model, truth, policy, generations: T, key: key.child('warm-up', r) });
  const perStep = new Float64Array(REPS);
  for (let r = 0; r < REPS; r++) {
    const start = performance.now();
    run({ model, truth, policy, generations: T, key: key.child(r) });
    perStep[r] = ((performance.now() - start) * 1000) / T;
  }
  perStep.sort();
  return perStep[(REPS - 1) / 2];
}

const explicit = medianStepMicroseconds(recurse, 'explicit');
const sufficient = medianStepMicroseconds(recurseSufficient, 'sufficient');
console.log(`fresh step, n = m = 100, d = 2 (median of ${REPS} recursions of T = ${T}):`);
console.log(`  explicit   ${explicit.toFixed(2)} µs`);
console.log(`  sufficient ${sufficient.toFixed(2)} µs   (×${(explicit / sufficient).toFixed(1)} faster)`);
