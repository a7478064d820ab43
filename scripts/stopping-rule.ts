/**
 * How the design that plans R changes a CLT check's false-failure rate (docs/calibration.md, "GR-17").
 * Runs K independent checks of a known mean at nominal α = 0.05 (detectable 10 % of the mean, β = 0.01) with R
 * planned sequentially (Chow–Robbins, `replicateUntilPowered`), in two stages (an independent 600-replication pilot
 * on key.child('pilot'), `plannedSample`, as GR-17) or fixed, and prints how many failed.
 *
 *   npx tsx scripts/stopping-rule.ts lognormal <σ> <K> <seq|two|fixed> [R for fixed]
 *   npx tsx scripts/stopping-rule.ts cvm <normal|exponential|logistic> <n> <m> <w> <t> <K> <seq|two|fixed> [R]
 *
 * DETECTABLE (env, default 0.1) sets the detectable error relative to the mean, hence R. Checks k use keys
 * rootKey('stopping-rule').child(k), so the designs run on the same replications (common random numbers).
 * Results of the 2026-12-06 runs: docs/calibration.md.
 */
import { empiricalModel } from '../src/models/index.js';
import { cvmError } from '../src/theory/index.js';
import { rootKey, standardNormal } from '../src/rng/index.js';
import { requiredReplications } from '../src/stats/assert.js';
import { replicate } from '../src/stats/monteCarlo.js';
import { truthOf, finalErrors, replicateUntilPowered, columnSd, type ContinuousLaw } from '../theorems/support/nonparametric.js';
import { plannedSample } from '../theorems/support/accumulate.js';

const args = process.argv.slice(2);
type Draw = (key: ReturnType<typeof rootKey>, first: number, count: number) => Float64Array;
let draw: Draw;
let mean: number;
let rest: string[];
if (args[0] === 'lognormal') {
  const sigma = Number(args[1]);
  mean = Math.exp((sigma * sigma) / 2); // E exp(σZ)
  // replication r on key.child('rep', r), as every claim's replications (src/stats/monteCarlo.ts)
  draw = (key, first, count) => replicate({ key, replications: count, first, run: (repKey) => Math.exp(sigma * standardNormal(repKey.stream())) });
  rest = args.slice(2);
} else if (args[0] === 'cvm') {
  const [family, n, m, w, t] = [args[1], Number(args[2]), Number(args[3]), Number(args[4]), Number(args[5])];
  const law: ContinuousLaw = { family: family as ContinuousLaw['family'], location: 0, scale: 1 };
  const truth = truthOf(law);
  mean = cvmError({ n, m, w, t });
  draw = (key, first, count) => finalErrors({ model: empiricalModel(), truth, policy: { kind: 'fresh', n, m, w }, generations: t, key, replications: count, first });
  rest = args.slice(6);
} else {
  throw new Error('usage: stopping-rule.ts lognormal <σ> <K> <seq|two|fixed> [R] | cvm <family> <n> <m> <w> <t> <K> <seq|two|fixed> [R]');
}
const checks = Number(rest[0]);
const design = rest[1];
const fixedR = Number(rest[2] ?? 1300);
if (!Number.isInteger(checks) || checks < 1 || !['seq', 'two', 'fixed'].includes(design)) throw new Error(`K must be a positive integer (got ${rest[0]}) and the design seq, two or fixed (got ${design})`);
const relative = Number(process.env.DETECTABLE ?? 0.1);
if (!(relative > 0 && relative < 10)) throw new Error(`DETECTABLE must be in (0, 10) (got ${process.env.DETECTABLE})`);
const detectable = relative * mean;
const needed = (v: Float64Array, R: number) => requiredReplications({ sd: columnSd(v, R), detectable, alpha: 0.05, beta: 0.01 });
let failures = 0;
let totalR = 0;
const z: number[] = [];
for (let k = 0; k < checks; k++) {
  const key = rootKey('stopping-rule').child(k);
  const values =
    design === 'fixed'
      ? draw(key, 0, fixedR)
      : design === 'two'
        ? plannedSample({ alpha: 0.05, beta: 0.01, key, simulationSeed: k, mode: 'claim' }, { detectable, alpha: 0.05, pilot: () => draw(key.child('pilot'), 0, 600), draw: (first, count) => draw(key, first, count) })
        : replicateUntilPowered({ initial: 600, max: 1e6, draw: (first, count) => draw(key, first, count), needed }).values;
  let sum = 0;
  for (const x of values) sum += x;
  const zk = (sum / values.length - mean) / (columnSd(values, values.length) / Math.sqrt(values.length));
  z.push(zk);
  if (Math.abs(zk) > 1.959964) failures++;
  totalR += values.length;
}
const zMean = z.reduce((a, b) => a + b, 0) / checks;
const zSd = Math.sqrt(z.reduce((a, b) => a + (b - zMean) ** 2, 0) / (checks - 1));
console.log(JSON.stringify({ design, checks, failures, rate: failures / checks, zMean: +zMean.toFixed(3), zSd: +zSd.toFixed(3), meanR: Math.round(totalR / checks) }));
