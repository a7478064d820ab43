/**
 * Direct tests that kill surviving mutants of src/models/glm (docs/mutation.md): separation.ts
 * (certifySeparation, the greedy separation certificate), model.ts (glmBetaSquaredError and the theta
 * validator of glmModel), options.ts (spdMatrixOption / resolveGlmOptions), scratch.ts (GlmScratch) and
 * sources.ts (packSources).
 *
 * Expected values come from independent references:
 * - separation: hand-built data sets whose separating directions (or the absence of any) are derived in the
 *   comments from the definitions of the module comment (Albert & Anderson for the logistic family,
 *   Santos Silva & Tenreyro for Poisson), the documented verification rule (a point in span Z must have
 *   |m_i| ≤ 1e-9‖d′‖‖x_i‖, any other point m_i > 1e-9‖d′‖‖x_i‖ strictly, at least one such point; a point is
 *   in span Z when its residual is ≤ 1e-10‖x_i‖) applied by hand with exactly representable numbers, and an
 *   independent certificate checker (`checkCertificate`, which tests the separation inequalities directly on
 *   every point and needs no basis) for every direction the code returns;
 * - model / options / sources / scratch: the documented error contracts (class, parameter name, offending
 *   value, allowed range), hand-computed sums, and the documented buffer sizes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { certifySeparation } from '../src/models/glm/separation.js';
import { GlmScratch } from '../src/models/glm/scratch.js';
import { packSources } from '../src/models/glm/sources.js';
import { glmBetaSquaredError, glmModel, type GlmTheta } from '../src/models/glm/model.js';
import { resolveGlmOptions, spdMatrixOption, type GlmOptions } from '../src/models/glm/options.js';
import { InvalidArgumentError, NumericalError } from '../src/errors.js';
import type { Dataset } from '../src/models/types.js';

type Family = 'logistic' | 'poisson';

/** A scratch of dimension p holding the given rows and responses (packed as packSources would). */
function packed(p: number, rows: readonly (readonly number[])[], ys: readonly number[]): GlmScratch {
  const scratch = new GlmScratch(p);
  scratch.ensureCapacity(rows.length);
  rows.forEach((row, i) => {
    expect(row.length).toBe(p);
    for (let j = 0; j < p; j++) scratch.x[i * p + j] = row[j];
    scratch.y[i] = ys[i];
  });
  return scratch;
}

/** certifySeparation on the given rows; returns the verdict and a copy of scratch.direction. */
function certify(family: Family, rows: readonly (readonly number[])[], ys: readonly number[], candidates: readonly (readonly number[])[], prepare?: (s: GlmScratch) => void): { ok: boolean; direction: number[]; basis: number[] } {
  const p = rows[0].length;
  const scratch = packed(p, rows, ys);
  if (prepare) prepare(scratch);
  const ok = certifySeparation(family, scratch, rows.length, p, candidates.map((c) => Float64Array.from(c)));
  return { ok, direction: Array.from(scratch.direction), basis: Array.from(scratch.basis) };
}

/**
 * Independent check of a separation certificate d (no basis, no greedy order): with m_i = s_i x_iᵀd
 * (logistic, s_i = 2y_i − 1) or m_i = −x_iᵀd (Poisson), every point has m_i ≥ −1e-9‖d‖‖x_i‖, every Poisson point
 * with y_i > 0 has |m_i| ≤ 1e-9‖d‖‖x_i‖, and some point has m_i > 1e-9‖d‖‖x_i‖.
 */
function checkCertificate(family: Family, rows: readonly (readonly number[])[], ys: readonly number[], d: readonly number[]): boolean {
  const dn = Math.hypot(...d);
  if (!(dn > 0) || !Number.isFinite(dn)) return false;
  let positive = false;
  for (let i = 0; i < rows.length; i++) {
    const xn = Math.hypot(...rows[i]);
    if (xn === 0) continue;
    const dot = rows[i].reduce((acc, v, j) => acc + v * d[j], 0);
    const m = family === 'poisson' ? -dot : ys[i] === 1 ? dot : -dot;
    const c = m / (dn * xn);
    if (c < -1e-9) return false;
    if (family === 'poisson' && ys[i] > 0 && Math.abs(c) > 1e-9) return false;
    if (c > 1e-9) positive = true;
  }
  return positive;
}

describe('certifySeparation (separation.ts): certified directions', () => {
  it('y = 1{x₁ > 0}: the candidate (1, 0) itself is certified (rank-0 verification)', () => {
    // Margins s_i x_iᵀ(1, 0) = |x_i1| > 0 for every point: a complete separation.
    const rows = [[1, 0.5], [2, -1], [-1, 0.3], [-0.5, -2]];
    const ys = [1, 1, 0, 0];
    const r = certify('logistic', rows, ys, [[1, 0]]);
    expect(r.ok).toBe(true);
    expect(r.direction).toEqual([1, 0]);
    expect(checkCertificate('logistic', rows, ys, r.direction)).toBe(true);
  });

  it('quasi-complete separation: the boundary point of smallest |cos| is added first and d′ = (1, 0)', () => {
    // A = (0, 1) and A′ = (0, −1) both have y = 1, so any separating d has d₂ = 0 and x₁ orders the labels:
    // the separating direction is (1, 0), unique up to scale, with boundary Z = {A, A′}. For the candidate
    // (1, 0.01), |cos(A, c)| = |cos(A′, c)| = 0.01/‖c‖ ≈ 0.0099995 is the smallest (B = (0.01, 0) has
    // |cos| = 1/‖c‖ ≈ 0.99995 although its margin 0.01 is the smallest in absolute value). Adding A gives
    // span Z = span{e₂} and d′ = (1, 0); adding B instead (e.g. ranking by |m_i| rather than by |cos|) would
    // give d′ = (0, 0.01), on which A′ has a negative margin. B is listed first so that the greedy order
    // has to come from the sort.
    const rows = [[0.01, 0], [0, 1], [0, -1], [-1, 0.3], [2, -0.5]];
    const ys = [1, 1, 1, 0, 1];
    const r = certify('logistic', rows, ys, [[1, 0.01]]);
    expect(r.ok).toBe(true);
    expect(r.direction[0]).toBeCloseTo(1, 15);
    expect(Math.abs(r.direction[1])).toBeLessThan(1e-15);
    expect(checkCertificate('logistic', rows, ys, r.direction)).toBe(true);
    // The basis buffer (zero-initialised p×p) now holds the unit row A/‖A‖ = (0, 1) and, beyond the rank,
    // its previous contents: nothing non-finite is left in the reused work buffer.
    expect(r.basis).toEqual([0, 1, 0, 0]);
  });

  it('a zero row comes first in the greedy order and is skipped (never added to the basis)', () => {
    // The data of the previous test plus Z = (0, 0): |cos(Z, c)| is defined as 0, so Z is the first point
    // offered to the basis; it has no direction (residual 0, not > 1e-10·0), so A is added next and the
    // certificate is again d′ = (1, 0). Z is ignored by the verification (a zero row has margin 0 for any d).
    const rows = [[0.01, 0], [0, 0], [0, 1], [0, -1], [-1, 0.3], [2, -0.5]];
    const ys = [1, 0, 1, 1, 0, 1];
    const r = certify('logistic', rows, ys, [[1, 0.01]]);
    expect(r.ok).toBe(true);
    expect(r.direction[0]).toBeCloseTo(1, 15);
    expect(Math.abs(r.direction[1])).toBeLessThan(1e-15);
    expect(checkCertificate('logistic', rows, ys, r.direction)).toBe(true);
  });

  it('a zero row anywhere in the list ranks first (|cos| := 0), whatever the sort has to move', () => {
    // The rows of the previous test in another order (B, C, D, Z, A, A′): the verdict and d′ = (1, 0) do not
    // depend on the order in which the points are listed.
    const rows = [[0.01, 0], [-1, 0.3], [2, -0.5], [0, 0], [0, 1], [0, -1]];
    const ys = [1, 0, 1, 0, 1, 1];
    const r = certify('logistic', rows, ys, [[1, 0.01]]);
    expect(r.ok).toBe(true);
    expect(r.direction[0]).toBeCloseTo(1, 15);
    expect(Math.abs(r.direction[1])).toBeLessThan(1e-15);
    expect(checkCertificate('logistic', rows, ys, r.direction)).toBe(true);
  });

  it('a row whose squared norm underflows to 0 is treated like a zero row, not as a failing boundary point', () => {
    // U = (1e-170, 0): (1e-170)² = 1e-340 underflows to 0, so ‖U‖ = 0 in double precision and the point is
    // skipped. Its exact margin along d′ = (1, 0) is 1e-170 > 0, so skipping it is also mathematically sound.
    expect(1e-170 * 1e-170).toBe(0);
    const rows = [[0.01, 0], [1e-170, 0], [0, 1], [0, -1], [-1, 0.3], [2, -0.5]];
    const ys = [1, 1, 1, 1, 0, 1];
    const r = certify('logistic', rows, ys, [[1, 0.01]]);
    expect(r.ok).toBe(true);
    expect(r.direction[0]).toBeCloseTo(1, 15);
  });

  it('Poisson: the forced set {y > 0} starts the basis; the certificate is scale-free (rows and candidate × 1e-6, 1, 1e6)', () => {
    // Forced point F = s(1, 0) with y = 2 forces d₁ = 0; the y = 0 points B = s(0, 1) and C = s(1, 1) then
    // have x_iᵀ(0, −1) = −s < 0: d = (0, −1) is a Poisson separating direction. The candidate s(0.3, −1)
    // projected off span{e₁} is exactly s(0, −1) (0.3s − 0.3s·1 = 0), and the certificate's relative
    // tests (cosines, residual/‖x‖) make the verdict independent of the common scale s.
    for (const s of [1e-6, 1, 1e6]) {
      const rows = [[s, 0], [0, s], [s, s]];
      const ys = [2, 0, 0];
      const r = certify('poisson', rows, ys, [[0.3 * s, -s]]);
      expect(r.ok, `scale ${s}`).toBe(true);
      expect(r.direction).toEqual([0, -s]);
      expect(checkCertificate('poisson', rows, ys, r.direction)).toBe(true);
    }
  });

  it('a point at relative residual exactly RANK_TOLERANCE = 1e-10 counts as in span Z (both sides probed)', () => {
    // Forced F = (1, 0), y = 1; forced A = (1, t), y = 1; B = (0, 1), y = 0; candidate (0, −1).
    // ‖A‖ = √(1 + t²) = 1 in double precision and A's residual off span{e₁} is (0, t), of norm t.
    // t = 1e-10: residual = 1e-10·‖A‖, not > RANK_TOLERANCE·‖A‖, so A is dependent (rank stays 1) and in
    // span Z, where its |m| = t = 1e-10 ≤ 1e-9: certified with d′ = (0, −1).
    // t = 2e-10: A is independent, the forced set spans ℝ², only d = 0 is orthogonal to it: no certificate.
    expect(Math.sqrt(1e-10 * 1e-10)).toBe(1e-10);
    expect(Math.hypot(1, 1e-10)).toBe(1);
    const at = certify('poisson', [[1, 0], [1, 1e-10], [0, 1]], [1, 1, 0], [[0, -1]]);
    expect(at.ok).toBe(true);
    expect(at.direction).toEqual([0, -1]);
    const above = certify('poisson', [[1, 0], [1, 2e-10], [0, 1]], [1, 1, 0], [[0, -1]]);
    expect(above.ok).toBe(false);
  });

  it('a point outside span Z needs a margin strictly above 1e-9‖d′‖‖x_i‖ (both sides probed)', () => {
    // Forced F = (1, 0), y = 1 → span Z = span{e₁}, d′ = (0, −1), ‖d′‖ = 1. E = (1, t), y = 0, has
    // ‖E‖ = √(1 + t²) = 1 in double precision, residual t > 1e-10 (outside span Z) and margin −E·d′ = t.
    // t = 1e-9: margin = 1e-9·‖d′‖‖E‖ exactly, not strictly above → no certificate (rank 1 = p − 1: stop).
    // t = 2e-9: certified.
    expect(Math.hypot(1, 1e-9)).toBe(1);
    expect(certify('poisson', [[1, 0], [1, 1e-9]], [1, 0], [[0, -1]]).ok).toBe(false);
    const above = certify('poisson', [[1, 0], [1, 2e-9]], [1, 0], [[0, -1]]);
    expect(above.ok).toBe(true);
    expect(above.direction).toEqual([0, -1]);
  });

  it('fixed-seed property: every direction it certifies passes the independent certificate check', () => {
    // Random small logistic / Poisson data sets (integer covariates, so margins are exact) and candidates;
    // whatever the verdict, a `true` must come with a direction satisfying the separation inequalities.
    const family = fc.constantFrom<Family>('logistic', 'poisson');
    const row = fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 2, maxLength: 2 });
    fc.assert(
      fc.property(family, fc.array(fc.tuple(row, fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 7 }), fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 2, maxLength: 2 }), (fam, points, cand) => {
        const rows = points.map(([r]) => r);
        const ys = points.map(([, y]) => (fam === 'logistic' ? y % 2 : y));
        const r = certify(fam, rows, ys, [cand]);
        if (r.ok) expect(checkCertificate(fam, rows, ys, r.direction)).toBe(true);
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });
});

describe('certifySeparation (separation.ts): no certificate', () => {
  it('a zero, NaN or overflowing candidate certifies nothing', () => {
    const rows = [[1, 0.5], [2, -1], [-1, 0.3], [-0.5, -2]];
    const ys = [1, 1, 0, 0];
    expect(certify('logistic', rows, ys, [[0, 0]]).ok).toBe(false);
    expect(certify('logistic', rows, ys, [[Number.NaN, 1]]).ok).toBe(false);
    // The same candidate ray at two scales on Poisson data (F = (1, 0) forced, B = (0, 1), y = 0): with
    // ‖c‖ representable it is certified (d′ = c − (c·e₁)e₁ = (0, −1e-46)); scaled by 1e200, ‖c‖ = √(1e400)
    // overflows to +∞ and the candidate is rejected before any projection.
    const pr = [[1, 0], [0, 1]];
    const py = [1, 0];
    const small = certify('poisson', pr, py, [[1, -1e-46]]);
    expect(small.ok).toBe(true);
    expect(small.direction).toEqual([0, -1e-46]);
    expect(Math.sqrt(1e200 * 1e200 + 1e154 * 1e154)).toBe(Infinity);
    expect(certify('poisson', pr, py, [[1e200, -1e154]]).ok).toBe(false);
  });

  it('the candidate lies in span Z: its projection is 0, which certifies nothing', () => {
    // Two copies of (1, 0) with labels 1 and 0: for any d with d₁ ≠ 0 one of them has margin −|d₁| < 0, and
    // d₁ = 0 gives all margins 0. Not separable. Candidate (1, 0): rank 0 fails (margin −1), the first point
    // enters the basis (span{e₁}) and d′ = (1, 0) − (1, 0) = 0.
    expect(certify('logistic', [[1, 0], [1, 0]], [1, 0], [[1, 0]]).ok).toBe(false);
  });

  it('Poisson, candidate a multiple of the forced row: rounding noise along F is not a certificate', () => {
    // F (y = 1) spans Z, so d′ is the projection of the candidate kF off span{F}: exactly 0. In floating
    // point it is a vector of norm ~1e-16‖kF‖ made of rounding errors. Such a vector is a valid certificate
    // only if it happens to lie in F⊥ (then B's margin decides); if it has a component along F, the forced
    // point F has |m| ≈ ‖d′‖‖F‖ ≫ 1e-9‖d′‖‖F‖ and the verification must reject it — even though
    // B = (−1, 0) or (0, −1) (y = 0) may then have a positive margin. The independent checker judges every
    // returned certificate.
    for (const f of [[0.1, 0.1], [0.3, 0.7], [1 / 3, 1.1]]) {
      for (const k of [1, 3, 0.1, 7]) {
        for (const b of [[-1, 0], [0, -1]]) {
          const rows = [f, b];
          const r = certify('poisson', rows, [1, 0], [[k * f[0], k * f[1]]]);
          if (r.ok) expect(checkCertificate('poisson', rows, [1, 0], r.direction), `F = ${f}, k = ${k}, B = ${b}`).toBe(true);
        }
      }
    }
  });

  it('every point in span Z: all margins 0, no strictly positive one, no certificate', () => {
    // Same data; candidates (0, 1) (all margins 0 at rank 0) and (1, 1) (after adding (1, 0): d′ = (0, 1)).
    expect(certify('logistic', [[1, 0], [1, 0]], [1, 0], [[0, 1]]).ok).toBe(false);
    expect(certify('logistic', [[1, 0], [1, 0]], [1, 0], [[1, 1]]).ok).toBe(false);
  });

  it('p = 3, points spanning one dimension: the greedy search runs out of independent points and stops', () => {
    // Rank 0 fails (margin −1 of the y = 0 copy); (1, 0, 0) enters the basis, d′ = 0 fails; the only other
    // point is dependent, rank 1 < p − 1 = 2 and no point is left: false.
    expect(certify('logistic', [[1, 0, 0], [1, 0, 0]], [1, 0], [[1, 0, 0]]).ok).toBe(false);
    expect(certify('logistic', [[1, 0, 0], [-2, 0, 0], [3, 0, 0]], [1, 1, 0], [[1, 0, 0]]).ok).toBe(false);
  });

  it('Poisson: a forced set spanning ℝ^p leaves only d = 0 (p = 1 and p = 2)', () => {
    // p = 1: x = 1 with y = 2 forces d = 0. Read as logistic-style margins (−x d for y ≠ 1), the candidate
    // d = −1 would have margin 1 > 0; the Poisson forced set is what rules it out.
    expect(certify('poisson', [[1]], [2], [[-1]]).ok).toBe(false);
    expect(certify('logistic', [[1]], [0], [[-1]]).ok).toBe(true);
    // p = 2: forced (1, 0) and (0, 3) (y = 1, 0.5) span ℝ²; B = (−1, −1) with y = 0 would be positive along (1, 1).
    expect(certify('poisson', [[1, 0], [0, 3], [-1, -1]], [1, 0.5, 0], [[1, 1]]).ok).toBe(false);
  });

  it('the family decides the margins: Poisson uses −xᵀd for every point, logistic s_i xᵀd', () => {
    // One point x = (1), y = 1, candidate (1): logistic margin +1 (certified); Poisson has y > 0 forced,
    // spanning ℝ¹ (not certified).
    expect(certify('logistic', [[1]], [1], [[1]]).ok).toBe(true);
    expect(certify('poisson', [[1]], [1], [[1]]).ok).toBe(false);
  });

  it('tries every candidate until one is certified', () => {
    const rows = [[1, 0.5], [2, -1], [-1, 0.3], [-0.5, -2]];
    const ys = [1, 1, 0, 0];
    expect(certify('logistic', rows, ys, [[0, 0], [-1, 0], [1, 0]]).ok).toBe(true);
    expect(certify('logistic', rows, ys, []).ok).toBe(false);
  });
});

describe('certifySeparation (separation.ts): work buffers of a reused scratch', () => {
  it('ignores stale basis rows and stale packed rows beyond n (left by an earlier, larger fit)', () => {
    // Logistic data of the first test, certified at rank 0 with d′ = (1, 0). The basis buffer is filled with
    // (1, 0) rows: projecting them out would annihilate the candidate.
    const rows = [[1, 0.5], [2, -1], [-1, 0.3], [-0.5, -2]];
    const ys = [1, 1, 0, 0];
    const r = certify('logistic', rows, ys, [[1, 0]], (s) => {
      for (let q = 0; q < 2; q++) s.basis.set([1, 0], 2 * q);
    });
    expect(r.ok).toBe(true);
    expect(r.direction).toEqual([1, 0]);
    // Poisson data F = (1, 0) forced, B = (0, 1): certified with d′ = (0, −1). A stale row (0, 1) with y = 5
    // at index n = 2 would, if read, join the forced set and make it span ℝ².
    const pr = [[1, 0], [0, 1]];
    const stale = certify('poisson', pr, [1, 0], [[0.5, -1]], (s) => {
      s.x.set([0, 1], 4);
      s.y[2] = 5;
    });
    expect(stale.ok).toBe(true);
    expect(stale.direction).toEqual([0, -1]);
  });

  it('a second certification on the same scratch gives the same verdict as on a fresh one', () => {
    const rows = [[0.01, 0], [0, 1], [0, -1], [-1, 0.3], [2, -0.5]];
    const ys = [1, 1, 1, 0, 1];
    const scratch = packed(2, rows, ys);
    const cands = [Float64Array.of(1, 0.01)];
    expect(certifySeparation('logistic', scratch, 5, 2, cands)).toBe(true);
    // The Poisson reading of the same rows with only (0.01, 0) forced (y = 0 elsewhere): d₁ = 0 is forced,
    // and (0, 1), (0, −1) both need x_iᵀd ≤ 0, so d₂ = 0 too: not separable.
    scratch.y.set([1, 0, 0, 0, 0]);
    expect(certifySeparation('poisson', scratch, 5, 2, cands)).toBe(false);
    scratch.y.set([1, 1, 1, 0, 1]);
    expect(certifySeparation('logistic', scratch, 5, 2, cands)).toBe(true);
  });
});

describe('GlmScratch (scratch.ts)', () => {
  it('starts with maxEtaRow = −1 (no row) and NaN diagnostics', () => {
    const s = new GlmScratch(3);
    expect(s.maxEtaRow).toBe(-1);
    expect(s.maxEta).toBeNaN();
    expect(s.capacity).toBe(0);
  });

  it('ensureCapacity grows to max(rows, 2·capacity, 64) and is a no-op when rows ≤ capacity (equality included)', () => {
    const s = new GlmScratch(2);
    s.ensureCapacity(10);
    expect(s.capacity).toBe(64);
    const x = s.x;
    s.ensureCapacity(64);
    expect(s.capacity).toBe(64);
    expect(s.x).toBe(x);
    s.ensureCapacity(65);
    expect(s.capacity).toBe(128);
    expect(s.x.length).toBe(256);
    s.ensureCapacity(300);
    expect(s.capacity).toBe(300);
  });
});

describe('packSources (sources.ts)', () => {
  const ds = (rows: number[][], y: number[]): Dataset => ({ size: rows.length, dim: 2, x: Float64Array.from(rows.flat()), y: Float64Array.from(y) });

  it('counts and packs only the points of sources with positive weight', () => {
    const a = ds([[1, 2], [3, 4], [5, 6]], [0, 1, 1]);
    const zero = ds([[7, 8], [9, 10]], [1, 0]);
    const b = ds([[-1, -2]], [1]);
    const scratch = new GlmScratch(2);
    const n = packSources('logistic', [{ data: a, weight: 3 }, { data: zero, weight: 0 }, { data: b, weight: 1 }], 2, scratch);
    expect(n).toBe(4);
    expect(Array.from(scratch.x.subarray(0, 8))).toEqual([1, 2, 3, 4, 5, 6, -1, -2]);
    expect(Array.from(scratch.y.subarray(0, 4))).toEqual([0, 1, 1, 1]);
    // ω = (w_s/W)/size_s: 0.75/3 = 0.25 for a's points, 0.25/1 for b's.
    expect(Array.from(scratch.weight.subarray(0, 4))).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
});

describe('glmBetaSquaredError and the theta validator (model.ts)', () => {
  const t = (...b: number[]): GlmTheta => ({ beta: Float64Array.from(b) });

  it('‖β̂ − β*‖² by hand; an overflowing sum is reported as NumericalError naming the quantity', () => {
    expect(glmBetaSquaredError(t(1, 2), t(1, 1))).toBe(1);
    expect(glmBetaSquaredError(t(3, -1, 0.5), t(0, 1, 0.5))).toBe(13);
    let err: unknown;
    try {
      glmBetaSquaredError(t(1e200, 0), t(-1e200, 0));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NumericalError);
    expect((err as NumericalError).kind).toBe('overflow');
    expect((err as Error).message).toContain('‖β̂ − β*‖²');
  });

  it('rejects a non-object, a non-Float64Array beta and non-finite entries, naming each', () => {
    expect(() => glmBetaSquaredError(null as unknown as GlmTheta, t(1))).toThrow(InvalidArgumentError);
    expect(() => glmBetaSquaredError(null as unknown as GlmTheta, t(1))).toThrow(/^estimate must be an object \{ beta: Float64Array \}; received null$/);
    expect(() => glmBetaSquaredError(t(1), { beta: [1] } as unknown as GlmTheta)).toThrow(/^truth\.beta must be a Float64Array; received an array of length 1$/);
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      const f = (): number => glmBetaSquaredError(t(0, bad), t(0, 0));
      expect(f).toThrow(InvalidArgumentError);
      expect(f).toThrow(new RegExp(`^estimate\\.beta\\[1\\] must be a finite number; received ${String(bad)}$`));
    }
    expect(() => glmBetaSquaredError(t(0, 0), t(Infinity, 0))).toThrow(/^truth\.beta\[0\] must be a finite number; received Infinity$/);
    expect(() => glmBetaSquaredError(t(0, 0), t(0, 0, 0))).toThrow(/estimate\.beta\.length must be 3 \(the length of truth\.beta\); received 2/);
  });

  it('validate() names the parameter theta by default', () => {
    const model = glmModel({ family: 'logistic', dim: 2 });
    expect(() => model.validate(t(1))).toThrow(/^theta\.beta\.length must be 2/);
    expect(() => model.validate(t(1, Number.NaN))).toThrow(/^theta\.beta\[1\] must be a finite number; received NaN$/);
    expect(() => model.validate(t(1), 'truth')).toThrow(/^truth\.beta\.length must be 2/);
  });
});

describe('resolveGlmOptions / spdMatrixOption (options.ts)', () => {
  it('an unknown option is named, with the full list of known options', () => {
    const f = (): unknown => resolveGlmOptions({ family: 'logistic', dim: 2, tol: 1 } as unknown as GlmOptions);
    expect(f).toThrow(InvalidArgumentError);
    expect(f).toThrow('options.tol must be absent (unknown option; known: family, dim, covariateCov, noiseVariance, fixedDesign, tolerance, maxIterations); received 1');
  });

  it('an asymmetric entry is reported with both row-major indices (3×3, first asymmetric pair (2, 1))', () => {
    // Entry (i, j) = (2, 1) is at i·p + j = 7, its transpose (1, 2) at j·p + i = 5.
    const m = [4, 1, 0, 1, 4, 1, 0, 1.5, 4];
    const f = (): unknown => spdMatrixOption('options.covariateCov', m, 3);
    expect(f).toThrow(InvalidArgumentError);
    expect(f).toThrow('options.covariateCov[7] must be equal to options.covariateCov[5] = 1 (the matrix must be symmetric); received 1.5');
    expect(() => resolveGlmOptions({ family: 'poisson', dim: 3, covariateCov: m })).toThrow(/options\.covariateCov\[7\].*options\.covariateCov\[5\] = 1 /);
  });

  it('symmetry is tested to relative precision 1e-12·(|a| + |b|) (both sides probed, |a| + |b| = 8)', () => {
    // a = 4, b = 4 + 4e-12 (to within an ulp): |a − b| ≈ 4e-12 < 1e-12·8 → accepted;
    // b = 4 + 1e-10: |a − b| ≈ 1e-10 > 8e-12 → rejected.
    const ok = spdMatrixOption('S', [10, 4, 4 + 4e-12, 10], 2);
    expect(ok.matrix[2]).toBe(4 + 4e-12);
    // Cholesky of [[10, b], [b, 10]] (lower triangle read): L = [[√10, 0], [b/√10, √(10 − b²/10)]].
    const b = 4 + 4e-12;
    expect(ok.lower[0]).toBeCloseTo(Math.sqrt(10), 14);
    expect(Math.abs(ok.lower[2] - b / Math.sqrt(10))).toBeLessThan(1e-14);
    expect(Math.abs(ok.lower[3] - Math.sqrt(10 - (b * b) / 10))).toBeLessThan(1e-14);
    expect(() => spdMatrixOption('S', [10, 4, 4 + 1e-10, 10], 2)).toThrow(/^S\[2\] must be equal to S\[1\] = 4 /);
  });

  it('the default covariance is I_p', () => {
    const c = resolveGlmOptions({ family: 'linear', dim: 3 });
    expect(Array.from(c.covariateCov)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(Array.from(c.covariateLower)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });
});
