/**
 * GLM Fisher information I(β) = E[v(xᵀβ) x xᵀ], x ~ N(0, Σ) (src/models/glm/fisher.ts), against references
 * computed here independently of the code's 1-D projection:
 * - the published number: logistic, p = 2, β = (1, 1), Σ = I₂ gives tr(I⁻¹) = 15.47 (CLAIMS §1.9, an
 *   independent Monte Carlo-checked value);
 * - p = 2, random β and SPD Σ: a 2-D trapezoid rule over z ∈ [−10, 10]², x = Lz (L Cholesky factor of Σ),
 *   with steps fine enough for the poles of v at xᵀβ = ±iπ (trapezoid error ~ e^(−2πd/h) with d = π/s; here
 *   below 1e-25) — logistic and Poisson, agreement to 1e-10 relative;
 * - p = 3: a rotated block-diagonal case, I(Qβ; QΣQᵀ) = Q·blockdiag(I₂(β₂; Σ₂), c·E v(sZ))·Qᵀ, with the 2×2
 *   block from the 2-D trapezoid and E v(sZ) from a 1-D trapezoid;
 * - the 1-D moments a = E v(sZ), c = E[v(sZ)(Z² − 1)] from a 1-D trapezoid for s from 0 to 1000 (both the
 *   Gauss–Hermite branch s ≤ 1.5 and the Gauss–Legendre branch);
 * - closed forms: linear Σ/σ²; logistic at β = 0 is Σ/4; Poisson e^(βᵀΣβ/2)(Σ + Σββᵀ Σ) at a hand-checked point;
 * - Gauss–Hermite/Legendre rules integrate monomials exactly (E Z^(2k) = (2k − 1)!!, ∫x^k on [−1, 1]);
 * - bad input and Poisson overflow.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  glmFisherInformation,
  glmFisherInverseTrace,
  logisticProjectionMoments,
  gaussHermite,
  gaussLegendre,
} from '../src/models/glm/index.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';
import { refused } from './helpers/refused.js';

const logisticV = (eta: number): number => {
  const e = Math.exp(-Math.abs(eta));
  return e / ((1 + e) * (1 + e));
};
const phi = (z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/** E[v(xᵀβ) x xᵀ] for p = 2 by the trapezoid rule in z, x = L z. */
function fisherByGrid(v: (eta: number) => number, beta: number[], L: number[]): number[] {
  const [l00, l10, l11] = [L[0], L[2], L[3]];
  const s = Math.hypot(l00 * beta[0] + l10 * beta[1], l11 * beta[1]); // ‖Lᵀβ‖
  const h = Math.min(0.1, 0.3 / Math.max(s, 1e-9));
  const m = Math.ceil(10 / h);
  const out = [0, 0, 0, 0];
  for (let a = -m; a <= m; a++) {
    const z0 = a * h;
    const w0 = phi(z0);
    for (let b = -m; b <= m; b++) {
      const z1 = b * h;
      const x0 = l00 * z0;
      const x1 = l10 * z0 + l11 * z1;
      const w = w0 * phi(z1) * h * h * v(x0 * beta[0] + x1 * beta[1]);
      out[0] += w * x0 * x0;
      out[1] += w * x0 * x1;
      out[3] += w * x1 * x1;
    }
  }
  out[2] = out[1];
  return out;
}

/** E[g(sZ) Z^k] by the trapezoid rule. */
function moment1d(g: (eta: number) => number, s: number, k: number): number {
  const h = Math.min(0.05, 0.2 / Math.max(s, 1e-9));
  const m = Math.ceil(40 / h);
  let sum = 0;
  for (let a = -m; a <= m; a++) { const z = a * h; sum += h * phi(z) * g(s * z) * z ** k; }
  return sum;
}

function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) { num = Math.max(num, Math.abs(a[i] - b[i])); den = Math.max(den, Math.abs(b[i])); }
  return num / den;
}

const covarianceArb = fc
  .record({ l00: fc.double({ min: 0.3, max: 2, noNaN: true }), l10: fc.double({ min: -1.5, max: 1.5, noNaN: true }), l11: fc.double({ min: 0.3, max: 2, noNaN: true }) })
  .map(({ l00, l10, l11 }) => ({ L: [l00, 0, l10, l11], sigma: [l00 * l00, l00 * l10, l00 * l10, l10 * l10 + l11 * l11] }));
const betaArb = (bound: number) => fc.tuple(fc.double({ min: -bound, max: bound, noNaN: true }), fc.double({ min: -bound, max: bound, noNaN: true }));

describe('glmFisherInformation', () => {
  it('logistic, β = (1, 1), Σ = I₂: tr(I⁻¹) = 15.47 (CLAIMS §1.9)', () => {
    const trace = glmFisherInverseTrace('logistic', [1, 1], [1, 0, 0, 1]);
    expect(Math.abs(trace - 15.47)).toBeLessThanOrEqual(0.005);
  });

  it('logistic, p = 2: equals a 2-D trapezoid quadrature (1e-10 relative)', () => {
    fc.assert(
      fc.property(betaArb(3), covarianceArb, (beta, { L, sigma }) => {
        const info = glmFisherInformation('logistic', beta, sigma);
        expect(relativeError(info, fisherByGrid(logisticV, beta, L))).toBeLessThanOrEqual(1e-10);
      }),
      { seed: 0xf15, numRuns: 25 },
    );
  });

  it('Poisson, p = 2: the closed form equals a 2-D trapezoid quadrature (1e-10 relative)', () => {
    fc.assert(
      fc.property(betaArb(1), covarianceArb, (beta, { L, sigma }) => {
        const info = glmFisherInformation('poisson', beta, sigma);
        expect(relativeError(info, fisherByGrid(Math.exp, beta, L))).toBeLessThanOrEqual(1e-10);
      }),
      { seed: 0xf16, numRuns: 25 },
    );
  });

  it('logistic, p = 3: a rotated block-diagonal case (1e-10 relative)', () => {
    fc.assert(
      fc.property(betaArb(2), covarianceArb, fc.double({ min: 0.2, max: 3, noNaN: true }), fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })), (beta2, { L, sigma }, c, u) => {
        fc.pre(Math.hypot(...u) > 0.1);
        // Σ₃ = blockdiag(Σ₂, c), β₃ = (β₂, 0); then rotate by the Householder reflection Q = I − 2uuᵀ/‖u‖².
        const un = Math.hypot(...u);
        const Q = [0, 1, 2].map((i) => [0, 1, 2].map((j) => (i === j ? 1 : 0) - (2 * u[i] * u[j]) / (un * un)));
        const S = [[sigma[0], sigma[1], 0], [sigma[2], sigma[3], 0], [0, 0, c]];
        const block = fisherByGrid(logisticV, beta2, L);
        const sTotal = Math.sqrt(beta2[0] * (sigma[0] * beta2[0] + sigma[1] * beta2[1]) + beta2[1] * (sigma[2] * beta2[0] + sigma[3] * beta2[1]));
        const I3 = [[block[0], block[1], 0], [block[2], block[3], 0], [0, 0, c * moment1d(logisticV, sTotal, 0)]];
        const rotate = (M: number[][]) => Q.map((qi) => Q.map((qj) => qi.reduce((acc, qik, k) => acc + qik * qj.reduce((b, qjl, l) => b + M[k][l] * qjl, 0), 0)));
        const sigmaRot = rotate(S).flat();
        const betaRot = Q.map((qi) => qi[0] * beta2[0] + qi[1] * beta2[1]);
        const info = glmFisherInformation('logistic', betaRot, sigmaRot);
        expect(relativeError(info, rotate(I3).flat())).toBeLessThanOrEqual(1e-10);
      }),
      { seed: 0xf17, numRuns: 15 },
    );
  });

  it('linear: Σ/σ²; logistic at β = 0: Σ/4; Poisson at a hand-checked point', () => {
    expect(Array.from(glmFisherInformation('linear', [3, -1], [2, 0.5, 0.5, 1], { noiseVariance: 4 }))).toEqual([0.5, 0.125, 0.125, 0.25]);
    const atZero = glmFisherInformation('logistic', [0, 0], [2, 0.5, 0.5, 1]);
    expect(relativeError(atZero, [0.5, 0.125, 0.125, 0.25])).toBeLessThan(1e-15);
    // β = (1, 0), Σ = I₂: e^(1/2)·(I + e₁e₁ᵀ) = e^(1/2)·diag(2, 1)
    const poisson = glmFisherInformation('poisson', [1, 0], [1, 0, 0, 1]);
    expect(relativeError(poisson, [2 * Math.exp(0.5), 0, 0, Math.exp(0.5)])).toBeLessThan(1e-15);
  });

  it('is symmetric and positive definite (logistic, p = 4)', () => {
    const info = glmFisherInformation('logistic', [1, -0.5, 2, 0.3], [2, 0.3, 0, 0, 0.3, 1, 0.2, 0, 0, 0.2, 1.5, 0.1, 0, 0, 0.1, 1]);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(info[i * 4 + j]).toBe(info[j * 4 + i]);
    expect(glmFisherInverseTrace('logistic', [1, -0.5, 2, 0.3], [2, 0.3, 0, 0, 0.3, 1, 0.2, 0, 0, 0.2, 1.5, 0.1, 0, 0, 0.1, 1])).toBeGreaterThan(0);
  });
});

describe('logisticProjectionMoments (Gauss–Hermite for s ≤ 1.5, composite Gauss–Legendre above)', () => {
  it.each([0, 1e-6, 0.01, 0.5, 1, Math.SQRT2, 1.5, 1.5000001, 2, 3, 5, 10, 30, 100, 1000])('s = %d: matches a 1-D trapezoid (1e-12 relative)', (s) => {
    const [a, c] = logisticProjectionMoments(s);
    const aRef = moment1d(logisticV, s, 0);
    const bRef = moment1d(logisticV, s, 2);
    expect(Math.abs(a - aRef)).toBeLessThanOrEqual(1e-12 * aRef);
    expect(Math.abs(c - (bRef - aRef))).toBeLessThanOrEqual(1e-12 * aRef + 1e-15);
  });

  it('large s: a·s → 1/√(2π) (v integrates to 1)', () => {
    const [a] = logisticProjectionMoments(1e6);
    expect(Math.abs(a * 1e6 - 1 / Math.sqrt(2 * Math.PI))).toBeLessThan(1e-6);
  });
});

describe('quadrature rules integrate monomials exactly', () => {
  it('Gauss–Hermite (n = 100): E Z^(2k) = (2k − 1)!! for k ≤ 20, odd moments 0', () => {
    const { nodes, weights } = gaussHermite(100);
    let doubleFactorial = 1;
    for (let k = 0; k <= 20; k++) {
      if (k > 0) doubleFactorial *= 2 * k - 1;
      let even = 0;
      let odd = 0;
      for (let i = 0; i < 100; i++) {
        const z = Math.SQRT2 * nodes[i];
        even += (weights[i] / Math.sqrt(Math.PI)) * z ** (2 * k);
        odd += (weights[i] / Math.sqrt(Math.PI)) * z ** (2 * k + 1);
      }
      expect(Math.abs(even - doubleFactorial)).toBeLessThanOrEqual(1e-12 * doubleFactorial);
      expect(Math.abs(odd)).toBeLessThanOrEqual(1e-12 * doubleFactorial * Math.sqrt(2 * k + 1));
    }
  });

  it('Gauss–Legendre (n = 16): ∫_{−1}^{1} x^k dx for k ≤ 31', () => {
    const { nodes, weights } = gaussLegendre(16);
    for (let k = 0; k <= 31; k++) {
      let sum = 0;
      for (let i = 0; i < 16; i++) sum += weights[i] * nodes[i] ** k;
      const exact = k % 2 === 0 ? 2 / (k + 1) : 0;
      expect(Math.abs(sum - exact)).toBeLessThanOrEqual(1e-14);
    }
  });
});

describe('bad input', () => {
  it('names the parameter', () => {
    refused(() => glmFisherInformation('gamma' as never, [1], [1]), 'family');
    refused(() => glmFisherInformation('logistic', [1, Number.NaN], [1, 0, 0, 1]), 'beta[1]');
    refused(() => glmFisherInformation('logistic', [], []), 'beta');
    refused(() => glmFisherInformation('logistic', [1, 1], [1, 2, 2, 1]), 'covariateCov');
    refused(() => glmFisherInformation('logistic', [1, 1], [1, 0, 0]), 'covariateCov.length');
    refused(() => glmFisherInformation('logistic', [1, 1], [1, 0, 0, 1], { noiseVariance: 1 }), 'options.noiseVariance');
    refused(() => glmFisherInformation('linear', [1, 1], [1, 0, 0, 1], { noiseVariance: 0 }), 'options.noiseVariance');
  });

  it('Poisson with βᵀΣβ/2 > 700 → NumericalError overflow', () => {
    try {
      glmFisherInformation('poisson', [40, 0], [1, 0, 0, 1]);
      throw new Error('expected an overflow');
    } catch (error) {
      expect(error).toBeInstanceOf(NumericalError);
      expect((error as NumericalError).kind).toBe('overflow');
    }
  });
});
