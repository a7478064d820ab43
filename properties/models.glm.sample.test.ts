/**
 * GLM sampling (src/models/glm/sample.ts).
 * Deterministic:
 * - the documented stream order (all covariates, then the responses in row order) is honoured: a dataset
 *   equals the one rebuilt here from an identical stream with the engine's documented primitives
 *   (fillStandardNormal / fillMultivariateNormal, then N(0, 1), Bernoulli or Poisson draws);
 * - a fixed design is tiled exactly and only responses are drawn; a size that is not a multiple of the
 *   design's rows is refused; equal keys give equal data, different keys different data; size 0 is empty;
 * - Poisson means out of range (η > ln 1e12, the largest mean poissonVariate draws, or > 700) throw
 *   NumericalError('overflow') naming the row and η; extreme logistic η give labels 0/1 without trouble.
 * Statistical (check id engine.models.glm, 8 assertions over R = 80 000 i.i.d. rows each; negative controls
 * under engine.models.glm.power, 8): for β = (1, −0.5), Σ_x = [[1, 0.3], [0.3, 0.5]],
 *   E[(y − μ(x)) x₁] = 0 and E[(y − μ(x))²/v(x)] = 1 for each family (v = σ², μ(1 − μ), μ), E x₁x₂ = 0.3,
 *   E x₂² = 0.5; each check is shown to reject a deliberately wrong sampler whose error equals the declared
 *   detectable amount or more (computed exactly: Stein's lemma E[g(xᵀb)x] = Σb·E g′(xᵀb) for logistic,
 *   Gaussian tilting for Poisson).
 */
import { describe, expect, it } from 'vitest';
import { glmModel, type GlmTheta } from '../src/models/glm/index.js';
import { NumericalError } from '../src/errors.js';
import { rootKey, type StreamKey } from '../src/rng/stream.js';
import { fillStandardNormal } from '../src/rng/normal.js';
import { fillMultivariateNormal } from '../src/rng/multivariateNormal.js';
import { bernoulliVariate } from '../src/rng/bernoulli.js';
import { poissonVariate } from '../src/rng/poisson.js';
import { alphaFor, suiteKey } from '../src/stats/budget.js';
import { checkMean, expectPass, expectReject } from '../src/stats/assert.js';

const sigmoid = (eta: number): number => 1 / (1 + Math.exp(-eta));
const theta = (...b: number[]): GlmTheta => ({ beta: Float64Array.from(b) });

describe('stream order and fixed designs', () => {
  const key = rootKey('glm.sample.order');

  it('random design, Σ_x = I: x = standard normals, then the responses', () => {
    for (const family of ['linear', 'logistic', 'poisson'] as const) {
      const data = glmModel({ family, dim: 2, ...(family === 'linear' ? { noiseVariance: 2.25 } : {}) }).sample(theta(0.7, -0.4), 50, key.child(family).stream());
      const stream = key.child(family).stream();
      const x = fillStandardNormal(stream, new Float64Array(100));
      expect(Array.from(data.x)).toEqual(Array.from(x));
      const noise = family === 'linear' ? fillStandardNormal(stream, new Float64Array(50)) : null;
      for (let i = 0; i < 50; i++) {
        const eta = 0.7 * x[2 * i] - 0.4 * x[2 * i + 1];
        const expected = family === 'linear' ? eta + 1.5 * (noise as Float64Array)[i] : family === 'logistic' ? bernoulliVariate(stream, sigmoid(eta)) : poissonVariate(stream, Math.exp(eta));
        expect((data.y as Float64Array)[i]).toBeCloseTo(expected, 14);
      }
    }
  });

  it('random design, general Σ_x: x from fillMultivariateNormal with the Cholesky factor', () => {
    const cov = [4, 1, 1, 2];
    const L = Float64Array.of(2, 0, 0.5, Math.sqrt(2 - 0.25));
    const data = glmModel({ family: 'logistic', dim: 2, covariateCov: cov }).sample(theta(1, 1), 30, key.child('cov').stream());
    const x = fillMultivariateNormal(key.child('cov').stream(), new Float64Array(2), L, 30);
    for (let k = 0; k < 60; k++) expect(data.x[k]).toBeCloseTo(x[k], 14);
  });

  it('fixed design: tiled exactly, only responses drawn', () => {
    const design = Float64Array.of(1, 0, 0, 1, 1, 1);
    const model = glmModel({ family: 'linear', dim: 2, fixedDesign: design, noiseVariance: 4 });
    const data = model.sample(theta(2, -1), 9, key.child('fixed').stream());
    for (let r = 0; r < 3; r++) expect(Array.from(data.x.subarray(6 * r, 6 * r + 6))).toEqual(Array.from(design));
    const z = fillStandardNormal(key.child('fixed').stream(), new Float64Array(9));
    const means = [2, -1, 1];
    for (let i = 0; i < 9; i++) expect((data.y as Float64Array)[i]).toBeCloseTo(means[i % 3] + 2 * z[i], 14);
    expect(() => model.sample(theta(2, -1), 10, key.stream())).toThrow(/multiple of the fixed design's 3 rows/);
  });

  it('equal keys give equal data, different keys different data; size 0 is empty', () => {
    const model = glmModel({ family: 'poisson', dim: 3 });
    const a = model.sample(theta(0.2, 0.1, -0.3), 100, key.child('same').stream());
    const b = model.sample(theta(0.2, 0.1, -0.3), 100, key.child('same').stream());
    const c = model.sample(theta(0.2, 0.1, -0.3), 100, key.child('other').stream());
    expect(a).toEqual(b);
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
    expect(model.sample(theta(0.2, 0.1, -0.3), 0, key.stream())).toEqual({ size: 0, dim: 3, x: new Float64Array(0), y: new Float64Array(0) });
  });

  it('Poisson means out of range throw overflow naming the row and η', () => {
    const model = glmModel({ family: 'poisson', dim: 2, fixedDesign: [0.1, 0.1, 0.1, 1] });
    try {
      model.sample(theta(1, 40), 4, key.stream());
      throw new Error('expected overflow');
    } catch (error) {
      expect(error).toBeInstanceOf(NumericalError);
      expect((error as NumericalError).kind).toBe('overflow');
      expect((error as NumericalError).details.row).toBe(1);
      expect((error as NumericalError).details.eta).toBeCloseTo(40.1, 12);
      expect((error as Error).message).toMatch(/row 1/);
      expect((error as Error).message).toMatch(/η/);
    }
    expect(() => glmModel({ family: 'poisson', dim: 1 }).sample(theta(800), 50, key.stream())).toThrow(NumericalError);
  });

  it('extreme logistic η (β = 1e3) gives labels 0/1', () => {
    const data = glmModel({ family: 'logistic', dim: 1 }).sample(theta(1e3), 200, key.child('extreme').stream());
    for (let i = 0; i < 200; i++) expect((data.y as Float64Array)[i]).toBe(data.x[i] > 0 ? 1 : 0);
  });
});

describe('statistical: responses and covariates have the model law (engine.models.glm)', () => {
  const R = 80_000;
  const beta = [1, -0.5];
  const cov = [1, 0.3, 0.3, 0.5];
  const sigmaBeta = [cov[0] * beta[0] + cov[1] * beta[1], cov[2] * beta[0] + cov[3] * beta[1]]; // Σβ
  const alpha = alphaFor('engine.models.glm') / 8; // 8 assertions
  const falsePass = alphaFor('engine.models.glm.power') / 8; // 8 negative controls
  const key = (label: string): StreamKey => suiteKey().child('engine.models.glm', label);

  /** Per-row statistics (y − μ)x₁ and (y − μ)²/v for data from `family` at `sampleBeta`, μ and v at β. */
  function statistics(family: 'linear' | 'logistic' | 'poisson', data: { x: Float64Array; y: Float64Array | null }, noiseVariance = 1) {
    const score = new Float64Array(R);
    const pearson = new Float64Array(R);
    for (let i = 0; i < R; i++) {
      const eta = data.x[2 * i] * beta[0] + data.x[2 * i + 1] * beta[1];
      const mu = family === 'linear' ? eta : family === 'logistic' ? sigmoid(eta) : Math.exp(eta);
      const v = family === 'linear' ? noiseVariance : family === 'logistic' ? mu * (1 - mu) : mu;
      const r = (data.y as Float64Array)[i] - mu;
      score[i] = r * data.x[2 * i];
      pearson[i] = (r * r) / v;
    }
    return { score, pearson };
  }
  const sampleFrom = (family: 'linear' | 'logistic' | 'poisson', b: number[], label: string, extra: object = {}) =>
    glmModel({ family, dim: 2, covariateCov: cov, ...extra }).sample(theta(...b), R, key(label).stream());

  /** E v(sZ) for the logistic v, by a 1-D trapezoid (for Stein's lemma). */
  function logisticA(s: number): number {
    const h = 0.01;
    let sum = 0;
    for (let z = -40; z <= 40; z += h) { const m = sigmoid(s * z); sum += (h * Math.exp(-0.5 * z * z) * m * (1 - m)) / Math.sqrt(2 * Math.PI); }
    return sum;
  }
  const quadratic = (b: number[]) => b[0] * (cov[0] * b[0] + cov[1] * b[1]) + b[1] * (cov[2] * b[0] + cov[3] * b[1]);
  const sigmaTimes = (b: number[]) => [cov[0] * b[0] + cov[1] * b[1], cov[2] * b[0] + cov[3] * b[1]];

  it('linear: E[(y − xᵀβ)x₁] = 0, E[(y − xᵀβ)²/σ²] = 1; controls β₁ + 0.12 and σ² × 1.15 rejected', () => {
    const { score, pearson } = statistics('linear', sampleFrom('linear', beta, 'linear', { noiseVariance: 2 }), 2);
    expectPass(checkMean({ label: 'linear E r x1', samples: score, oracle: 0, alpha, beta: falsePass, detectable: 0.12 }));
    expectPass(checkMean({ label: 'linear E r²/σ²', samples: pearson, oracle: 1, alpha, beta: falsePass, detectable: 0.1 }));
    // wrong sampler: β₁ + δ shifts E[r x₁] by δ·Σ₁₁ = 0.12
    const shifted = statistics('linear', sampleFrom('linear', [beta[0] + 0.12, beta[1]], 'linear.control', { noiseVariance: 2 }), 2);
    expectReject(checkMean({ label: 'linear E r x1, β₁ + 0.12', samples: shifted.score, oracle: 0, alpha, beta: falsePass, detectable: 0.12 }));
    const noisy = statistics('linear', sampleFrom('linear', beta, 'linear.noise', { noiseVariance: 2.3 }), 2);
    expectReject(checkMean({ label: 'linear E r²/σ², σ² × 1.15', samples: noisy.pearson, oracle: 1, alpha, beta: falsePass, detectable: 0.1 }));
  });

  it('logistic: E[(y − σ(xᵀβ))x₁] = 0, E[(y − μ)²/(μ(1 − μ))] = 1; controls rejected', () => {
    const { score, pearson } = statistics('logistic', sampleFrom('logistic', beta, 'logistic'));
    expectPass(checkMean({ label: 'logistic E r x1', samples: score, oracle: 0, alpha, beta: falsePass, detectable: 0.04 }));
    expectPass(checkMean({ label: 'logistic E r²/v', samples: pearson, oracle: 1, alpha, beta: falsePass, detectable: 0.08 }));
    // wrong sampler β₁ + 0.3: E[r x₁] = (Σβ′)₁ a(s′) − (Σβ)₁ a(s) (Stein's lemma), at least the declared 0.04
    const wrong = [beta[0] + 0.3, beta[1]];
    const shift = sigmaTimes(wrong)[0] * logisticA(Math.sqrt(quadratic(wrong))) - sigmaBeta[0] * logisticA(Math.sqrt(quadratic(beta)));
    expect(shift).toBeGreaterThanOrEqual(0.04);
    const shifted = statistics('logistic', sampleFrom('logistic', wrong, 'logistic.control'));
    expectReject(checkMean({ label: 'logistic E r x1, β₁ + 0.3', samples: shifted.score, oracle: 0, alpha, beta: falsePass, detectable: 0.04 }));
    // wrong sampler drawing labels at σ(1.5η): E[(y − μ)²/v] = 1 + E[(σ(1.5η) − μ)(1 − 2μ)/v] < 1 − 0.08
    const stream = key('logistic.steep').stream();
    const data = sampleFrom('logistic', beta, 'logistic.steep.x');
    const y = new Float64Array(R);
    for (let i = 0; i < R; i++) y[i] = bernoulliVariate(stream, sigmoid(1.5 * (data.x[2 * i] * beta[0] + data.x[2 * i + 1] * beta[1])));
    let expected = 0;
    const s = Math.sqrt(quadratic(beta));
    for (let z = -40; z <= 40; z += 0.01) { const m = sigmoid(s * z); expected += (0.01 * Math.exp(-0.5 * z * z) * (1 + ((sigmoid(1.5 * s * z) - m) * (1 - 2 * m)) / (m * (1 - m)))) / Math.sqrt(2 * Math.PI); }
    expect(expected).toBeLessThanOrEqual(1 - 0.08);
    expectReject(checkMean({ label: 'logistic E r²/v, labels at σ(1.5η)', samples: statistics('logistic', { x: data.x, y }).pearson, oracle: 1, alpha, beta: falsePass, detectable: 0.08 }));
  });

  it('Poisson: E[(y − e^η)x₁] = 0, E[(y − μ)²/μ] = 1; controls rejected', () => {
    const { score, pearson } = statistics('poisson', sampleFrom('poisson', beta, 'poisson'));
    expectPass(checkMean({ label: 'poisson E r x1', samples: score, oracle: 0, alpha, beta: falsePass, detectable: 0.12 }));
    expectPass(checkMean({ label: 'poisson E r²/μ', samples: pearson, oracle: 1, alpha, beta: falsePass, detectable: 0.15 }));
    // wrong sampler β₁ + 0.08: E[(e^(xᵀβ′) − e^(xᵀβ))x₁] = e^(s′²/2)(Σβ′)₁ − e^(s²/2)(Σβ)₁ (Gaussian tilting)
    const wrong = [beta[0] + 0.08, beta[1]];
    const shift = Math.exp(quadratic(wrong) / 2) * sigmaTimes(wrong)[0] - Math.exp(quadratic(beta) / 2) * sigmaBeta[0];
    expect(shift).toBeGreaterThanOrEqual(0.12);
    const shifted = statistics('poisson', sampleFrom('poisson', wrong, 'poisson.control'));
    expectReject(checkMean({ label: 'poisson E r x1, β₁ + 0.08', samples: shifted.score, oracle: 0, alpha, beta: falsePass, detectable: 0.12 }));
    // wrong sampler: with probability 0.15, y = 2·Poisson(μ/2) (right mean, variance 2μ), else Poisson(μ):
    // E[(y − μ)²/μ] = 1.15, exactly the declared detectable excess
    const data = sampleFrom('poisson', beta, 'poisson.dispersed.x');
    const stream = key('poisson.dispersed').stream();
    const y = new Float64Array(R);
    for (let i = 0; i < R; i++) {
      const mu = Math.exp(data.x[2 * i] * beta[0] + data.x[2 * i + 1] * beta[1]);
      y[i] = bernoulliVariate(stream, 0.15) === 1 ? 2 * poissonVariate(stream, mu / 2) : poissonVariate(stream, mu);
    }
    expectReject(checkMean({ label: 'poisson E r²/μ, overdispersed', samples: statistics('poisson', { x: data.x, y }).pearson, oracle: 1, alpha, beta: falsePass, detectable: 0.15 }));
  });

  it('covariates: E x₁x₂ = Σ₁₂ = 0.3, E x₂² = Σ₂₂ = 0.5; controls Σ₁₂ = 0.36, Σ₂₂ = 0.56 rejected', () => {
    const products = (x: Float64Array) => ({ cross: Float64Array.from({ length: R }, (_, i) => x[2 * i] * x[2 * i + 1]), second: Float64Array.from({ length: R }, (_, i) => x[2 * i + 1] ** 2) });
    const ok = products(sampleFrom('linear', beta, 'covariates').x);
    expectPass(checkMean({ label: 'E x1 x2', samples: ok.cross, oracle: 0.3, alpha, beta: falsePass, detectable: 0.06 }));
    expectPass(checkMean({ label: 'E x2²', samples: ok.second, oracle: 0.5, alpha, beta: falsePass, detectable: 0.06 }));
    const wrong = glmModel({ family: 'linear', dim: 2, covariateCov: [1, 0.36, 0.36, 0.56] }).sample(theta(...beta), R, key('covariates.control').stream());
    const bad = products(wrong.x);
    expectReject(checkMean({ label: 'E x1 x2, Σ₁₂ = 0.36', samples: bad.cross, oracle: 0.3, alpha, beta: falsePass, detectable: 0.06 }));
    expectReject(checkMean({ label: 'E x2², Σ₂₂ = 0.56', samples: bad.second, oracle: 0.5, alpha, beta: falsePass, detectable: 0.06 }));
  });
});
