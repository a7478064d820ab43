/**
 * GLM fits (src/models/glm): deterministic properties over many random weighted datasets (fast-check, fixed
 * seeds).
 * - Every fit (linear, logistic, Poisson) satisfies its weighted score equations
 *   Σ_i ω_i (y_i − μ_i) x_i = 0, ω_i = w_s/(W·size_s), to 1e-8 relative to Σ_i ω_i |y_i| ‖x_i‖, with μ computed
 *   here from the definitions (σ(η) = 1/(1 + e^(−η)), e^η, η).
 * - The linear fit equals (XᵀΩX)⁻¹XᵀΩy solved here by Gaussian elimination with partial pivoting (not the
 *   engine's Cholesky).
 * - Invariances: row and source order; scaling every weight by c; a weight-0 source is ignored; two sources
 *   with weights (w, 1 − w) equal one pooled source when w/n = k(1 − w)/m and the first source's rows are
 *   repeated k times (per-point weights w/n and (1 − w)/m).
 * - Repeated fits on one model object (reused scratch) give identical results whatever was fitted before.
 * Datasets: covariates uniform on [−2, 2]; responses random for the family; every dataset contains the
 * anchor rows ±e_j with both labels (logistic) or with y = 1 (Poisson), which guarantee that the MLE exists
 * (no separating direction: Albert & Anderson 1984; Santos Silva & Tenreyro 2010).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { glmModel, type GlmTheta } from '../src/models/glm/index.js';
import type { Dataset, WeightedSource } from '../src/models/types.js';
import { rootKey, type Stream } from '../src/rng/stream.js';

type Family = 'linear' | 'logistic' | 'poisson';
const FAMILIES: Family[] = ['linear', 'logistic', 'poisson'];

const meanOf = (family: Family, eta: number): number =>
  family === 'linear' ? eta : family === 'logistic' ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta);

/** A response for the family at linear predictor η, from uniform draws of `stream` (not the engine's samplers). */
function response(family: Family, eta: number, stream: Stream): number {
  if (family === 'linear') return eta + 4 * (stream.nextDouble() - 0.5);
  if (family === 'logistic') return stream.nextDouble() < meanOf('logistic', eta) ? 1 : 0;
  // a count in 0..⌊2e^η⌋ (any y ≥ 0 is a valid Poisson response)
  return Math.floor(stream.nextDouble() * (2 * Math.exp(Math.min(eta, 3)) + 1));
}

function randomDataset(family: Family, p: number, size: number, beta: number[], stream: Stream): Dataset {
  const x = new Float64Array(size * p);
  const y = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let eta = 0;
    for (let j = 0; j < p; j++) {
      x[i * p + j] = 4 * stream.nextDouble() - 2;
      eta += x[i * p + j] * beta[j];
    }
    y[i] = response(family, eta, stream);
  }
  return { size, dim: p, x, y };
}

/** Rows ±e_j (and, for logistic, each with both labels): with them no separating direction exists. */
function anchors(family: Family, p: number): Dataset {
  const rows: number[][] = [];
  const ys: number[] = [];
  for (let j = 0; j < p; j++) {
    for (const sign of [1, -1]) {
      const row = new Array(p).fill(0);
      row[j] = sign;
      if (family === 'logistic') { rows.push(row, row); ys.push(0, 1); } else { rows.push(row); ys.push(1); }
    }
  }
  return { size: rows.length, dim: p, x: Float64Array.from(rows.flat()), y: Float64Array.from(ys) };
}

interface Case { family: Family; p: number; sources: WeightedSource[] }

/** 1–3 random sources plus an anchor source, random positive weights. */
const caseArb = (family: Family): fc.Arbitrary<Case> =>
  fc
    .record({
      p: fc.integer({ min: 1, max: 4 }),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      sizes: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 3 }),
      weights: fc.array(fc.double({ min: 0.01, max: 5, noNaN: true }), { minLength: 4, maxLength: 4 }),
      scale: fc.double({ min: 0, max: 1.5, noNaN: true }),
    })
    .map(({ p, seed, sizes, weights, scale }) => {
      const stream = rootKey('glm.fit.cases').child(family, seed).stream();
      const beta = Array.from({ length: p }, () => scale * (2 * stream.nextDouble() - 1));
      const sources: WeightedSource[] = sizes.map((size, s) => ({ data: randomDataset(family, p, size, beta, stream), weight: weights[s] }));
      sources.push({ data: anchors(family, p), weight: weights[3] });
      return { family, p, sources };
    });

/** max_j |Σ ω_i (y_i − μ_i) x_ij| / Σ ω_i |y_i| ‖x_i‖ with ω_i = w_s/(W size_s). */
function relativeScore(family: Family, sources: readonly WeightedSource[], beta: Float64Array): number {
  const p = beta.length;
  const W = sources.reduce((sum, s) => sum + s.weight, 0);
  const score = new Array(p).fill(0);
  let scale = 0;
  for (const { data, weight } of sources) {
    if (weight === 0) continue;
    const omega = weight / (W * data.size);
    for (let i = 0; i < data.size; i++) {
      let eta = 0;
      let norm = 0;
      for (let j = 0; j < p; j++) { eta += data.x[i * p + j] * beta[j]; norm += data.x[i * p + j] ** 2; }
      const residual = (data.y as Float64Array)[i] - meanOf(family, eta);
      for (let j = 0; j < p; j++) score[j] += omega * residual * data.x[i * p + j];
      scale += omega * Math.abs((data.y as Float64Array)[i]) * Math.sqrt(norm);
    }
  }
  return Math.max(...score.map(Math.abs)) / scale;
}

/** Solves A b = c (p×p) by Gaussian elimination with partial pivoting. */
function gaussianElimination(a: number[][], c: number[]): number[] {
  const p = c.length;
  const m = a.map((row, i) => [...row, c[i]]);
  for (let col = 0; col < p; col++) {
    let pivot = col;
    for (let r = col + 1; r < p; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < p; r++) {
      const f = m[r][col] / m[col][col];
      for (let k = col; k <= p; k++) m[r][k] -= f * m[col][k];
    }
  }
  const b = new Array(p).fill(0);
  for (let r = p - 1; r >= 0; r--) {
    let sum = m[r][p];
    for (let k = r + 1; k < p; k++) sum -= m[r][k] * b[k];
    b[r] = sum / m[r][r];
  }
  return b;
}

function closeVectors(a: Float64Array, b: ArrayLike<number>, relative: number): boolean {
  let scale = 1;
  for (let j = 0; j < a.length; j++) scale = Math.max(scale, Math.abs(b[j]));
  for (let j = 0; j < a.length; j++) if (!(Math.abs(a[j] - b[j]) <= relative * scale)) return false;
  return true;
}

const fitOf = (family: Family, p: number, sources: readonly WeightedSource[]): GlmTheta => glmModel({ family, dim: p }).fit(sources);

function permuteRows(data: Dataset, stream: Stream): Dataset {
  const order = Array.from({ length: data.size }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) { const j = stream.nextInt(i + 1); [order[i], order[j]] = [order[j], order[i]]; }
  const p = data.dim;
  const x = new Float64Array(data.x.length);
  const y = new Float64Array(data.size);
  order.forEach((from, to) => { for (let j = 0; j < p; j++) x[to * p + j] = data.x[from * p + j]; y[to] = (data.y as Float64Array)[from]; });
  return { size: data.size, dim: p, x, y };
}

function concat(parts: Dataset[]): Dataset {
  const p = parts[0].dim;
  const size = parts.reduce((s, d) => s + d.size, 0);
  const x = new Float64Array(size * p);
  const y = new Float64Array(size);
  let row = 0;
  for (const d of parts) { x.set(d.x, row * p); y.set(d.y as Float64Array, row); row += d.size; }
  return { size, dim: p, x, y };
}

describe.each(FAMILIES)('GLM %s fit', (family) => {
  it('satisfies the weighted score equations Σ ω_i (y_i − μ_i) x_i = 0 (1e-8 relative)', () => {
    fc.assert(
      fc.property(caseArb(family), ({ p, sources }) => {
        const { beta } = fitOf(family, p, sources);
        expect(beta.every(Number.isFinite)).toBe(true);
        expect(relativeScore(family, sources, beta)).toBeLessThanOrEqual(1e-8);
      }),
      { seed: 0x61a1, numRuns: 300 },
    );
  });

  it('is invariant to the order of rows and of sources (1e-10)', () => {
    fc.assert(
      fc.property(caseArb(family), fc.integer({ min: 0, max: 1e6 }), ({ p, sources }, seed) => {
        const stream = rootKey('glm.fit.permute').child(seed).stream();
        const shuffled = sources.map((s) => ({ data: permuteRows(s.data, stream), weight: s.weight })).reverse();
        expect(closeVectors(fitOf(family, p, shuffled).beta, fitOf(family, p, sources).beta, 1e-10)).toBe(true);
      }),
      { seed: 0x61a2, numRuns: 150 },
    );
  });

  it('is unchanged when every weight is scaled by c (1e-10)', () => {
    fc.assert(
      fc.property(caseArb(family), fc.double({ min: -3, max: 3, noNaN: true }), ({ p, sources }, logC) => {
        const c = 10 ** logC;
        const scaled = sources.map((s) => ({ data: s.data, weight: c * s.weight }));
        expect(closeVectors(fitOf(family, p, scaled).beta, fitOf(family, p, sources).beta, 1e-10)).toBe(true);
      }),
      { seed: 0x61a3, numRuns: 150 },
    );
  });

  it('ignores a weight-0 source (identical result)', () => {
    fc.assert(
      fc.property(caseArb(family), caseArb(family), ({ p, sources }, other) => {
        const junk = other.p === p ? other.sources[0].data : randomDataset(family, p, 5, new Array(p).fill(0), rootKey('junk').stream());
        const withZero = [{ data: junk, weight: 0 }, ...sources];
        expect(Array.from(fitOf(family, p, withZero).beta)).toEqual(Array.from(fitOf(family, p, sources).beta));
      }),
      { seed: 0x61a4, numRuns: 100 },
    );
  });

  it('two sources (w, 1 − w) equal one pooled source with per-point weights w/n and (1 − w)/m', () => {
    // w/n = k(1 − w)/m, i.e. w = kn/(kn + m): pooling the first source's rows k times and the second's once,
    // with equal per-point weights, is the same weighted likelihood.
    fc.assert(
      fc.property(caseArb(family), fc.integer({ min: 1, max: 4 }), ({ p, sources }, k) => {
        const a = concat([sources[0].data, sources[sources.length - 1].data]); // includes the anchors
        const b = sources.length > 2 ? sources[1].data : randomDataset(family, p, 7, new Array(p).fill(0.3), rootKey('glm.fit.b').stream());
        const w = (k * a.size) / (k * a.size + b.size);
        const twoSources = fitOf(family, p, [{ data: a, weight: w }, { data: b, weight: 1 - w }]).beta;
        const pooled = fitOf(family, p, [{ data: concat([...new Array(k).fill(a), b]), weight: 1 }]).beta;
        expect(closeVectors(twoSources, pooled, 1e-10)).toBe(true);
      }),
      { seed: 0x61a5, numRuns: 150 },
    );
  });

  it('gives the same result on a reused model object whatever it fitted before', () => {
    const model = glmModel({ family, dim: 2 });
    const cases = fc.sample(caseArb(family).filter((c) => c.p === 2), { seed: 0x61a6, numRuns: 30 });
    const first = cases.map((c) => Array.from(model.fit(c.sources).beta));
    const again = [...cases].reverse().map((c) => Array.from(model.fit(c.sources).beta)).reverse();
    const fresh = cases.map((c) => Array.from(glmModel({ family, dim: 2 }).fit(c.sources).beta));
    expect(again).toEqual(first);
    expect(fresh).toEqual(first);
  });
});

describe('GLM linear fit: closed form', () => {
  it('equals (XᵀΩX)⁻¹XᵀΩy solved by Gaussian elimination (1e-9 relative)', () => {
    fc.assert(
      fc.property(caseArb('linear'), ({ p, sources }) => {
        const W = sources.reduce((s, src) => s + src.weight, 0);
        const A = Array.from({ length: p }, () => new Array(p).fill(0));
        const c = new Array(p).fill(0);
        for (const { data, weight } of sources) {
          const omega = weight / (W * data.size);
          for (let i = 0; i < data.size; i++) {
            for (let j = 0; j < p; j++) {
              c[j] += omega * data.x[i * p + j] * (data.y as Float64Array)[i];
              for (let k = 0; k < p; k++) A[j][k] += omega * data.x[i * p + j] * data.x[i * p + k];
            }
          }
        }
        expect(closeVectors(fitOf('linear', p, sources).beta, gaussianElimination(A, c), 1e-9)).toBe(true);
      }),
      { seed: 0x61a7, numRuns: 300 },
    );
  });

  it('recovers β exactly from noiseless responses', () => {
    const x = Float64Array.of(1, 0, 0, 1, 1, 1, 2, -1);
    const beta = [0.5, -2];
    const y = Float64Array.from([0, 1, 2, 3], (i) => x[2 * i] * beta[0] + x[2 * i + 1] * beta[1]);
    const fit = fitOf('linear', 2, [{ data: { size: 4, dim: 2, x, y }, weight: 1 }]).beta;
    expect(Math.abs(fit[0] - 0.5)).toBeLessThan(1e-14);
    expect(Math.abs(fit[1] + 2)).toBeLessThan(1e-14);
  });
});

describe('GLM logistic and Poisson fits: one-covariate closed forms', () => {
  it('logistic with x ≡ 1: β̂ = logit(ȳ_ω)', () => {
    const y = Float64Array.of(1, 1, 0, 1, 0, 1, 1);
    const fit = fitOf('logistic', 1, [{ data: { size: 7, dim: 1, x: new Float64Array(7).fill(1), y }, weight: 1 }]).beta;
    expect(Math.abs(fit[0] - Math.log(5 / 2))).toBeLessThan(1e-12);
  });

  it('Poisson with x ≡ 1 and two weighted sources: β̂ = log(Σ ω_i y_i)', () => {
    const a = { size: 3, dim: 1, x: Float64Array.of(1, 1, 1), y: Float64Array.of(0, 4, 5) }; // mean 3
    const b = { size: 2, dim: 1, x: Float64Array.of(1, 1), y: Float64Array.of(10, 30) }; // mean 20
    const fit = fitOf('poisson', 1, [{ data: a, weight: 0.75 }, { data: b, weight: 0.25 }]).beta;
    expect(Math.abs(fit[0] - Math.log(0.75 * 3 + 0.25 * 20))).toBeLessThan(1e-12);
  });

  it('Poisson with large counts (mean 1e6) converges to log ȳ', () => {
    const y = Float64Array.of(999_000, 1_001_000, 1_000_500, 999_500);
    const fit = fitOf('poisson', 1, [{ data: { size: 4, dim: 1, x: new Float64Array(4).fill(1), y }, weight: 1 }]).beta;
    expect(Math.abs(fit[0] - Math.log(1e6))).toBeLessThan(1e-12);
  });
});
