// A fresh-data recursion of a 2-D Gaussian, averaged over 2 000 replications, against the exact oracle.
import { recurse, gaussianModel, rootKey, freshMeanError } from '../src/index.js';

const model = gaussianModel({ dim: 2 });
const truth = { mean: Float64Array.of(0, 0), cov: Float64Array.of(1, 0.3, 0.3, 0.5) };
const policy = { kind: 'fresh', n: 20, m: 10, w: 0.3 } as const;
let sum = 0;
for (let r = 0; r < 2000; r++) sum += recurse({ model, truth, policy, generations: 15, key: rootKey('readme').child('rep', r) }).errors.mean[15];
console.log(`E‖μ_15 − μ‖²: Monte Carlo ${(sum / 2000).toFixed(4)}, exact ${freshMeanError({ traceSigma: 1.5, n: 20, m: 10, w: 0.3, t: 15 }).toFixed(4)}`);
