/**
 * The exact Cramér–von Mises distance ∫(F_t − F)² dF against three independent routes:
 * 1. the single-atom closed form ((1 − u0)³ + u0³)/3 (1/12 at the median);
 * 2. the classical computing formula of the CvM statistic for n equal weights,
 *    W² = n∫(F_n − F)² dF = 1/(12n) + Σ_i (u_(i) − (2i − 1)/(2n))² (Anderson & Darling 1952; D'Agostino &
 *    Stephens, "Goodness-of-fit techniques", 1986, eq. 4.2);
 * 3. Gauss–Legendre quadrature in x-space of (F_t(x) − F(x))² f(x) for the logistic law (closed-form F and
 *    f = F(1 − F), no special function), panel by panel between atoms.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cramerVonMises } from '../src/metrics/cramerVonMises.js';
import { InvalidArgumentError } from '../src/errors.js';

const logisticCdf = (x: number): number => 1 / (1 + Math.exp(-x));
const logisticPdf = (x: number): number => {
  const F = logisticCdf(x);
  return F * (1 - F);
};
const uniformCdf = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * n-point Gauss–Legendre nodes and weights on [−1, 1], computed here by Newton's method on the Legendre
 * polynomial P_n (three-term recurrence), w_k = 2/((1 − x_k²) P_n′(x_k)²) — Golub–Welsch-free textbook
 * route (Press et al., Numerical Recipes, §4.6 `gauleg`).
 */
function gaussLegendreRule(n: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let k = 1; k <= n; k++) {
    let x = Math.cos((Math.PI * (k - 0.25)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let j = 2; j <= n; j++) {
        const p2 = ((2 * j - 1) * x * p1 - (j - 1) * p0) / j;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * derivative * derivative));
  }
  return { nodes, weights };
}
const RULE = gaussLegendreRule(20);

/** ∫_a^b g by 20-point Gauss–Legendre on `panels` equal panels. */
function gaussLegendre(g: (x: number) => number, a: number, b: number, panels: number): number {
  let total = 0;
  const h = (b - a) / panels;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    const half = h / 2;
    for (let k = 0; k < RULE.nodes.length; k++) total += RULE.weights[k] * half * g(mid + half * RULE.nodes[k]);
  }
  return total;
}

/**
 * ∫(F_t(x) − F(x))² f(x) dx for the logistic law over [−60, 60] (tails beyond carry < 1e−26), split at the
 * sorted distinct atoms so that each piece has a smooth integrand; F_t is recomputed from the raw atoms by
 * a direct count at the midpoint of each piece (independent of the code's merging of ties).
 */
function quadratureLogistic(atoms: Float64Array, weights: Float64Array): number {
  const cuts = Array.from(new Set(Array.from(atoms))).sort((a, b) => a - b);
  const edges = [-60, ...cuts.filter((c) => c > -60 && c < 60), 60];
  let total = 0;
  for (let j = 0; j + 1 < edges.length; j++) {
    const a = edges[j];
    const b = edges[j + 1];
    if (b <= a) continue;
    const mid = (a + b) / 2;
    let Ft = 0;
    for (let i = 0; i < atoms.length; i++) if (atoms[i] <= mid) Ft += weights[i];
    total += gaussLegendre((x) => (Ft - logisticCdf(x)) ** 2 * logisticPdf(x), a, b, 40);
  }
  return total;
}

describe('cramerVonMises: single atom', () => {
  it('equals ((1 − u0)³ + u0³)/3 with u0 = F(x0); 1/12 at the median', () => {
    expect(cramerVonMises(Float64Array.of(0.5), Float64Array.of(1), uniformCdf)).toBeCloseTo(1 / 12, 15);
    expect(cramerVonMises(Float64Array.of(0), Float64Array.of(1), logisticCdf)).toBeCloseTo(1 / 12, 15);
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (x0) => {
        const u0 = logisticCdf(x0);
        const expected = ((1 - u0) ** 3 + u0 ** 3) / 3;
        expect(Math.abs(cramerVonMises(Float64Array.of(x0), Float64Array.of(1), logisticCdf) - expected)).toBeLessThan(1e-15);
      }),
      { seed: 0x5eed01, numRuns: 200 },
    );
  });

  it('is 1/3 when all mass sits beyond the support on the left (G ≡ 1) or right (G ≡ 0)', () => {
    expect(cramerVonMises(Float64Array.of(-5), Float64Array.of(1), uniformCdf)).toBeCloseTo(1 / 3, 15);
    expect(cramerVonMises(Float64Array.of(7), Float64Array.of(1), uniformCdf)).toBeCloseTo(1 / 3, 15);
  });
});

describe('cramerVonMises: equal weights, the classical statistic', () => {
  it('n·∫(F_n − F)² dF = 1/(12n) + Σ_i (u_(i) − (2i − 1)/(2n))²', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -8, max: 8, noNaN: true }), { minLength: 1, maxLength: 60 }), (values) => {
        const n = values.length;
        const atoms = Float64Array.from(values);
        const weights = new Float64Array(n).fill(1 / n);
        const u = values.map(logisticCdf).sort((a, b) => a - b);
        let classical = 1 / (12 * n);
        for (let i = 1; i <= n; i++) classical += (u[i - 1] - (2 * i - 1) / (2 * n)) ** 2;
        const exact = n * cramerVonMises(atoms, weights, logisticCdf);
        expect(Math.abs(exact - classical)).toBeLessThan(1e-12 * Math.max(1, classical));
      }),
      { seed: 0x5eed02, numRuns: 300 },
    );
  });
});

describe('cramerVonMises: quadrature in x-space', () => {
  it('matches Gauss–Legendre quadrature for random weighted atoms, ties included', () => {
    const atomArb = fc.integer({ min: -40, max: 40 }).map((k) => k / 8); // a coarse lattice, so ties happen
    fc.assert(
      fc.property(
        fc.array(fc.tuple(atomArb, fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 25 }),
        (pairs) => {
          const total = pairs.reduce((s, [, w]) => s + w, 0);
          fc.pre(total > 1e-6);
          const atoms = Float64Array.from(pairs.map(([a]) => a));
          const weights = Float64Array.from(pairs.map(([, w]) => w / total));
          const exact = cramerVonMises(atoms, weights, logisticCdf);
          const numeric = quadratureLogistic(atoms, weights);
          expect(Math.abs(exact - numeric)).toBeLessThan(1e-12);
        },
      ),
      { seed: 0x5eed03, numRuns: 150 },
    );
  });

  it('merging tied atoms (adding their weights) does not change the value', () => {
    const tied = cramerVonMises(Float64Array.of(1, -0.5, 1, 2), Float64Array.of(0.1, 0.4, 0.2, 0.3), logisticCdf);
    const merged = cramerVonMises(Float64Array.of(-0.5, 1, 2), Float64Array.of(0.4, 0.3, 0.3), logisticCdf);
    expect(Math.abs(tied - merged)).toBeLessThan(1e-16);
  });

  it('is invariant to the order of (atom, weight) pairs and lies in [0, 1/3]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -6, max: 6, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true })), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 1000 }),
        (pairs, rotation) => {
          const total = pairs.reduce((s, [, w]) => s + w, 0);
          const rotated = pairs.map((_, i) => pairs[(i + rotation) % pairs.length]).reverse();
          const a = cramerVonMises(Float64Array.from(pairs.map(([x]) => x)), Float64Array.from(pairs.map(([, w]) => w / total)), logisticCdf);
          const b = cramerVonMises(Float64Array.from(rotated.map(([x]) => x)), Float64Array.from(rotated.map(([, w]) => w / total)), logisticCdf);
          expect(Math.abs(a - b)).toBeLessThan(1e-14);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(1 / 3);
        },
      ),
      { seed: 0x5eed04, numRuns: 200 },
    );
  });
});

describe('cramerVonMises: bad input', () => {
  const atoms = Float64Array.of(0, 1);
  const weights = Float64Array.of(0.5, 0.5);
  const cases: Array<[string, () => unknown, string]> = [
    ['empty atoms', () => cramerVonMises(new Float64Array(0), new Float64Array(0), logisticCdf), 'atoms.length'],
    ['length mismatch', () => cramerVonMises(atoms, Float64Array.of(1), logisticCdf), 'weights.length'],
    ['NaN atom', () => cramerVonMises(Float64Array.of(0, NaN), weights, logisticCdf), 'atoms[1]'],
    ['negative weight', () => cramerVonMises(atoms, Float64Array.of(1.5, -0.5), logisticCdf), 'weights[1]'],
    ['weights not summing to 1', () => cramerVonMises(atoms, Float64Array.of(0.5, 0.6), logisticCdf), 'weights (sum of entries)'],
    ['cdf not a function', () => cramerVonMises(atoms, weights, 3 as unknown as (x: number) => number), 'cdf'],
    ['cdf outside [0, 1]', () => cramerVonMises(atoms, weights, (x) => x + 2), 'cdf(0)'],
    ['decreasing cdf', () => cramerVonMises(atoms, weights, (x) => 1 - logisticCdf(x)), 'cdf(1)'],
    ['number[] atoms', () => cramerVonMises([0, 1] as unknown as Float64Array, weights, logisticCdf), 'atoms'],
  ];
  for (const [label, call, parameter] of cases) {
    it(`${label} → InvalidArgumentError naming ${parameter}`, () => {
      try {
        call();
        expect.unreachable('no error thrown');
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect((error as InvalidArgumentError).parameter).toBe(parameter);
      }
    });
  }
});
