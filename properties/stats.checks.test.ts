/**
 * Calibration and power of the assertions themselves, on laws whose answers are known exactly.
 * Each block runs a check K times at a deliberately large nominal rate (so that its behaviour is visible)
 * and tests the observed failure count with an exact Clopper–Pearson bound drawn from the suite budget.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alphaFor, suiteKey } from '../src/stats/budget.js';
import { checkBoundedMean, checkDKW, checkMean, checkPairedSign, checkProportion, checkQuantile, checkArgminOnGrid, expectPass, expectReject, UnderpoweredError } from '../src/stats/assert.js';
import { verifyClaim, rejectsWrongEngine, type ClaimMeta } from '../src/stats/claim.js';
import type { Stream } from '../src/rng/stream.js';

const K = 2000; // calibration repetitions
const calibrationAlpha = alphaFor('engine.stats.calibration') / 4; // four calibration assertions
const powerAlpha = alphaFor('engine.stats.calibration.power') / 4;

function uniforms(stream: Stream, n: number, shift = 0): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = stream.nextDouble() + shift;
  return out;
}

describe('checkMean (CLT)', () => {
  const key = suiteKey().child('engine.stats.calibration', 'checkMean');
  it('fails about α of the time when the oracle is right (α = 0.01, R = 400, uniform data)', () => {
    let failures = 0;
    for (let k = 0; k < K; k++) {
      const r = checkMean({ label: 'u', samples: uniforms(key.child(k).stream(), 400), oracle: 0.5, alpha: 0.01, detectable: 0.08, beta: 0.01 });
      if (!r.pass) failures++;
    }
    // The CLT rate at R = 400 for a uniform is within 1e-3 of 0.01; test "true rate ≤ 0.0125".
    expectPass(checkProportion({ label: 'checkMean false-failure rate', successes: failures, trials: K, p: 0.0125, alpha: calibrationAlpha, side: 'at-most' }));
  });
  it('detects its declared error: an oracle off by `detectable` is rejected at least 1 − β of the time', () => {
    let passes = 0;
    for (let k = 0; k < K; k++) {
      const r = checkMean({ label: 'u', samples: uniforms(key.child('power', k).stream(), 400), oracle: 0.5 + 0.08, alpha: 0.01, detectable: 0.08, beta: 0.01 });
      if (r.pass) passes++;
    }
    expectPass(checkProportion({ label: 'checkMean false-pass rate', successes: passes, trials: K, p: 0.0125, alpha: powerAlpha, side: 'at-most' }));
  });
  it('refuses to run under-powered', () => {
    const s = uniforms(key.child('small').stream(), 100);
    expect(() => checkMean({ label: 'tiny', samples: s, oracle: 0.5, alpha: 1e-6, detectable: 0.01 })).toThrow(UnderpoweredError);
    expect(() => checkMean({ label: 'few', samples: s.subarray(0, 50), oracle: 0.5, alpha: 1e-6, detectable: 1 })).toThrow(/at least 100/);
  });
});

describe('checkDKW', () => {
  const key = suiteKey().child('engine.stats.calibration', 'checkDKW');
  it('is conservative: failure rate ≤ α for uniform data against the uniform CDF', () => {
    let failures = 0;
    for (let k = 0; k < K; k++) {
      if (!checkDKW({ label: 'u', samples: uniforms(key.child(k).stream(), 200), cdf: (x) => Math.min(1, Math.max(0, x)), alpha: 0.05 }).pass) failures++;
    }
    expectPass(checkProportion({ label: 'DKW false-failure rate', successes: failures, trials: K, p: 0.05, alpha: calibrationAlpha, side: 'at-most' }));
  });
  it('rejects a law whose CDF is off by 2ε (power shown)', () => {
    const n = 20000;
    const eps = Math.sqrt(Math.log(2 / 1e-6) / (2 * n));
    const r = checkDKW({ label: 'shifted', samples: uniforms(key.child('power').stream(), n, 2 * eps), cdf: (x) => Math.min(1, Math.max(0, x)), alpha: 1e-6 });
    expectReject(r);
  });
});

describe('checkBoundedMean, checkQuantile, checkPairedSign', () => {
  const key = suiteKey().child('engine.stats.calibration', 'others');
  const alpha = alphaFor('engine.stats.calibration') / 8;
  it('bounded mean passes on the true mean and rejects a shift of `detectable`', () => {
    const s = uniforms(key.child('bm').stream(), 20000);
    expectPass(checkBoundedMean({ label: 'u', samples: s, lower: 0, upper: 1, oracle: 0.5, alpha, detectable: 0.06 }));
    expectReject(checkBoundedMean({ label: 'u', samples: s, lower: 0, upper: 1, oracle: 0.56, alpha, detectable: 0.06 }));
    expect(() => checkBoundedMean({ label: 'u', samples: s.subarray(0, 100), lower: 0, upper: 1, oracle: 0.5, alpha, detectable: 0.06 })).toThrow(UnderpoweredError);
    expect(() => checkBoundedMean({ label: 'u', samples: Float64Array.of(0.5, 2), lower: 0, upper: 1, oracle: 0.5, alpha, detectable: 0.9 })).toThrow(/declared bounds/);
  });
  it('quantile check: the median of U(0,1) is 1/2, not 0.53', () => {
    const s = uniforms(key.child('q').stream(), 20000);
    expectPass(checkQuantile({ label: 'median', samples: s, q: 0.5, oracle: 0.5, alpha, detectable: 0.03 }));
    expectReject(checkQuantile({ label: 'median', samples: s, q: 0.5, oracle: 0.53, alpha, detectable: 0.03 }));
  });
  it('paired sign: detects a positive mean difference, and a zero difference does not pass', () => {
    const st = key.child('ps').stream();
    const d = new Float64Array(4000).map(() => st.nextDouble() - 0.45);
    expectPass(checkPairedSign({ label: 'd > 0', differences: d, direction: 'positive', expectedEffect: 0.05, alpha }));
    const st2 = key.child('ps0').stream();
    const d0 = new Float64Array(4000).map(() => st2.nextDouble() - 0.5);
    expectReject(checkPairedSign({ label: 'no effect', differences: d0, direction: 'positive', expectedEffect: 0.05, alpha, beta: alpha }));
  });
  it('argmin on a grid: a parabola with minimum at 0.6 sampled with CRN noise', () => {
    const grid = [0.4, 0.5, 0.6, 0.7, 0.8];
    const R = 400;
    const st = key.child('argmin').stream();
    const values = new Float64Array(R * grid.length);
    for (let r = 0; r < R; r++) {
      const common = st.nextDouble();
      grid.forEach((w, g) => (values[r * grid.length + g] = (w - 0.6) ** 2 + common + 0.001 * st.nextDouble()));
    }
    const gap = (w: number, ref: number) => (w - 0.6) ** 2 - (ref - 0.6) ** 2;
    expectPass(checkArgminOnGrid({ label: 'parabola', grid, values, replications: R, target: 0.6, tolerance: 0.05, expectedGap: gap, alpha }));
    expectReject(checkArgminOnGrid({ label: 'wrong target', grid, values, replications: R, target: 0.4, tolerance: 0.05, expectedGap: (w, ref) => Math.abs(gap(w, ref)) + 0.005, alpha, beta: alpha }));
  });
});

describe('claim harness', () => {
  const meta: ClaimMeta = { id: 'engine.stats.harness', paper: 'test', section: '-', statement: 'E U = 1/2', oracle: '1/2', provenance: 'DERIVED', assumptions: 'none' };
  const check = (n: number, ctx: { alpha: number; beta: number; key: { stream(): Stream } }) =>
    checkMean({ label: 'E U', samples: uniforms(ctx.key.stream(), n), oracle: 0.5, alpha: ctx.alpha, beta: ctx.beta, detectable: 0.1 });
  it('runs a claim over generated configurations', () => {
    verifyClaim(meta, { arbitrary: fc.integer({ min: 2000, max: 4000 }), numRuns: 5, check: (n, ctx) => check(n, ctx) });
  });
  it('a failing claim reports the simulation seed and a replay command, and the replay reproduces it', () => {
    let message = '';
    const seen: number[] = [];
    const failing = (n: number, ctx: { alpha: number; beta: number; key: { stream(): Stream }; simulationSeed: number }) => {
      seen.push(ctx.simulationSeed);
      return checkMean({ label: 'wrong oracle', samples: uniforms(ctx.key.stream(), n), oracle: 0.7, alpha: ctx.alpha, beta: ctx.beta, detectable: 0.1 });
    };
    try {
      verifyClaim(meta, { arbitrary: fc.integer({ min: 2000, max: 4000 }), numRuns: 3, check: failing });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/simulation seed \d+/);
    const replay = /COLLAPSE_LAB_REPLAY='([^']+)'/.exec(message)?.[1];
    expect(replay).toBeDefined();
    const first = seen[0];
    seen.length = 0;
    process.env.COLLAPSE_LAB_REPLAY = replay;
    try {
      expect(() => verifyClaim(meta, { arbitrary: fc.integer({ min: 2000, max: 4000 }), numRuns: 3, check: failing })).toThrow(/wrong oracle/);
    } finally {
      delete process.env.COLLAPSE_LAB_REPLAY;
    }
    expect(seen[0]).toBe(first);
  });
  it('a negative control that is not rejected fails loudly', () => {
    expect(() => rejectsWrongEngine(meta, 'right engine', 3000, (n, ctx) => check(n, ctx))).toThrow(/NOT rejected/);
  });
});
