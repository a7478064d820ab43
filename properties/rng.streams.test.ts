/**
 * Stream derivation and the uniform primitives of src/rng/stream.ts, plus the "no Math.random in src/" rule.
 *
 * Deterministic: tuple separation, replay, −0 ≡ 0, the bounds of nextDouble / nextOpenDouble at the extreme
 * words. Statistical (ids `engine.rng.streams` — nextInt — and `engine.rng.uniform` — nextDouble, each split
 * over its assertions, with the negative controls under `….power`): nextInt's unbiasedness and nextDouble's law.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alphaFor, suiteKey } from '../src/stats/budget.js';
import { checkDKW, checkProportion, dkwEpsilon, expectPass, expectReject } from '../src/stats/assert.js';
import { rootKey, Stream, StreamKey } from '../src/rng/stream.js';

const firstWords = (key: StreamKey, count = 8) => {
  const s = key.stream();
  return Array.from({ length: count }, () => s.nextU32());
};

describe('stream derivation (deterministic)', () => {
  const root = rootKey('rng-streams-test');

  it('different tuples give different keys and streams: (a,1,2), (a,2,1), (a,12), (a,"1","2"), (a,1), (a,1,2,0), (a,"12")', () => {
    const tuples: (string | number)[][] = [['a', 1, 2], ['a', 2, 1], ['a', 12], ['a', '1', '2'], ['a', 1], ['a', 1, 2, 0], ['a', '12'], ['a1', 2], ['a', 1.5], ['b', 1, 2], []];
    const keys = tuples.map((t) => root.child(...t).toString());
    expect(new Set(keys).size).toBe(tuples.length);
    const streams = tuples.map((t) => firstWords(root.child(...t)).join(','));
    expect(new Set(streams).size).toBe(tuples.length);
    // Different roots separate too, and a child differs from its parent.
    expect(rootKey('x').toString()).not.toBe(rootKey('y').toString());
    expect(rootKey(1).toString()).not.toBe(rootKey('1').toString());
    expect(root.child().toString()).not.toBe(root.toString());
  });

  it('the same tuple gives bit-identical draws (replay), however it is derived', () => {
    const a = root.child('claim', 42, 3).child(7, 'synthetic').stream();
    const b = rootKey('rng-streams-test').child('claim', 42, 3).child(7, 'synthetic').stream();
    const wordsA = Array.from({ length: 10_000 }, () => a.nextU32());
    const wordsB = Array.from({ length: 10_000 }, () => b.nextU32());
    expect(wordsA).toEqual(wordsB);
    expect(root.child('x', 1).stream().nextDouble()).toBe(root.child('x', 1).stream().nextDouble());
    // new StreamKey(words) replays the key it was printed from.
    const key = root.child('replay');
    expect(firstWords(new StreamKey(Uint32Array.from(key.words)))).toEqual(firstWords(key));
  });

  it('-0 and 0 are the same label; NaN and ±Infinity are refused', () => {
    expect(root.child('g', -0).toString()).toBe(root.child('g', 0).toString());
    expect(rootKey(-0).toString()).toBe(rootKey(0).toString());
    expect(firstWords(root.child(-0))).toEqual(firstWords(root.child(0)));
    expect(() => root.child(NaN)).toThrow(/label\[0\]/);
    expect(() => root.child('a', Infinity)).toThrow(/label\[1\]/);
    expect(() => rootKey(-Infinity)).toThrow(/label/);
  });

  it('nextDouble is in [0, 1) and nextOpenDouble in (0, 1), also at the extreme 32-bit words', () => {
    class ConstantStream extends Stream {
      constructor(private readonly word: number) {
        super([1, 2, 3, 4]);
      }
      override nextU32(): number {
        return this.word;
      }
    }
    const top = new ConstantStream(0xffffffff);
    const bottom = new ConstantStream(0);
    expect(top.nextDouble()).toBeLessThan(1);
    expect(top.nextDouble()).toBe(1 - 2 ** -53);
    expect(bottom.nextDouble()).toBe(0);
    expect(top.nextOpenDouble()).toBeLessThan(1);
    expect(bottom.nextOpenDouble()).toBeGreaterThan(0);
    expect(bottom.nextOpenDouble()).toBe(2 ** -33);
    // And on real streams: 1e6 draws each.
    const s = root.child('bounds').stream();
    let badDouble = 0;
    let badOpen = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const u = s.nextDouble();
      if (!(u >= 0 && u < 1)) badDouble++;
      const v = s.nextOpenDouble();
      if (!(v > 0 && v < 1)) badOpen++;
    }
    expect([badDouble, badOpen]).toEqual([0, 0]);
  });

  it('nextInt validates its bound and stays in [0, bound)', () => {
    const s = root.child('int').stream();
    for (const bound of [1, 2, 3, 7, 1000, 3 * 2 ** 30, 2 ** 32]) {
      for (let i = 0; i < 200; i++) {
        const k = s.nextInt(bound);
        if (!(Number.isInteger(k) && k >= 0 && k < bound)) throw new Error(`nextInt(${bound}) gave ${k}`);
      }
    }
    for (const bad of [0, -1, 2.5, NaN, Infinity, 2 ** 32 + 1]) expect(() => s.nextInt(bad)).toThrow(/bound/);
  });
});

describe('uniform primitives (statistical)', () => {
  // nextInt(3·2^30): the rejection threshold is 2^32 − (2^32 mod 3·2^30) = 3·2^30, so a plain `u32 % bound`
  // would put P(k < 2^30) = 2/4 = 1/2 instead of 1/3. Check: P(k < 2^30) = 1/3 by Clopper–Pearson.
  // One assertion under engine.rng.streams (α = alphaFor = 1e-6), two negative controls under
  // engine.rng.streams.power (β = alphaFor/2 = 5e-8 while unlisted). Declared δ = 0.005:
  // n ≥ ((z_{1−α/2} + z_{1−β})·sd/δ)² = ((4.89 + 5.33)·0.473/0.005)² = 9.4e5 → we use n = 1.2e6.
  const idInt = 'engine.rng.streams';
  const idUniform = 'engine.rng.uniform';
  const bound = 3 * 2 ** 30;
  const n = 1_200_000;
  const lowBucket = (draw: () => number) => {
    let low = 0;
    for (let i = 0; i < n; i++) if (draw() < 2 ** 30) low++;
    return low;
  };

  it('nextInt is unbiased: P(k < 2^30) = 1/3 for bound 3·2^30; power: plain modulo (P = 1/2) and a 1/3 + δ sampler are rejected', () => {
    const alpha = alphaFor(idInt);
    const beta = alphaFor(`${idInt}.power`) / 2;
    const s = suiteKey().child(idInt, 'nextInt').stream();
    expectPass(checkProportion({ label: 'P(nextInt(3·2^30) < 2^30)', successes: lowBucket(() => s.nextInt(bound)), trials: n, p: 1 / 3, alpha, beta, detectable: 0.005 }));
    const w = suiteKey().child(`${idInt}.power`, 'modulo').stream();
    expectReject(checkProportion({ label: 'plain modulo', successes: lowBucket(() => w.nextU32() % bound), trials: n, p: 1 / 3, alpha, beta, detectable: 0.005 }));
    // A sampler whose low bucket has probability exactly 1/3 + δ: low with probability 1/3 + 0.005.
    const v = suiteKey().child(`${idInt}.power`, 'shifted').stream();
    expectReject(checkProportion({ label: '1/3 + δ', successes: lowBucket(() => (v.nextDouble() < 1 / 3 + 0.005 ? 0 : 2 ** 30)), trials: n, p: 1 / 3, alpha, beta, detectable: 0.005 }));
  });

  it('nextDouble is uniform on [0, 1) (DKW, n = 5e5); power: a CDF error of ε_α + ε_β is rejected', () => {
    // DKW at α = 1e-6, n = 5e5: ε_α = √(ln(2e6)/1e6) = 0.0038; with the negative control's β = 1e-7 (its id is
    // unlisted) ε_β = √(ln(2e7)/1e6) = 0.0041, so any CDF error Δ ≥ 0.0079 is detected with probability ≥ 1 − β.
    // Wrong uniform: u' = u^(1/(1 + c)) has CDF x^(1+c), off by max_x (x − x^(1+c)) = c/(1 + c)^(1+1/c) ≈ c/e;
    // c = 0.03 gives Δ = 0.0109 > 0.0079.
    const m = 500_000;
    const alpha = alphaFor(idUniform);
    const beta = alphaFor(`${idUniform}.power`);
    const s = suiteKey().child(idUniform, 'nextDouble').stream();
    const u = new Float64Array(m);
    for (let i = 0; i < m; i++) u[i] = s.nextDouble();
    const uniformCdf = (x: number) => Math.min(1, Math.max(0, x));
    expectPass(checkDKW({ label: 'nextDouble ~ U[0, 1)', samples: u, cdf: uniformCdf, alpha }));
    const c = 0.03;
    const distance = c / (1 + c) ** (1 + 1 / c);
    expect(distance).toBeGreaterThan(dkwEpsilon(m, alpha) + dkwEpsilon(m, beta));
    const w = suiteKey().child(`${idUniform}.power`, 'skewed').stream();
    const skewed = new Float64Array(m);
    for (let i = 0; i < m; i++) skewed[i] = w.nextDouble() ** (1 / (1 + c));
    expectReject(checkDKW({ label: 'skewed uniform', samples: skewed, cdf: uniformCdf, alpha }));
  });
});

describe('no Math.random in src/', () => {
  it('no .ts file under src/ (recursively) contains the text "Math.random"', () => {
    const srcDir = fileURLToPath(new URL('../src', import.meta.url));
    const offenders: string[] = [];
    let scanned = 0;
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts')) {
          scanned++;
          if (readFileSync(path, 'utf8').includes('Math' + '.random')) offenders.push(path);
        }
      }
    };
    walk(srcDir);
    expect(scanned).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });
});

describe('roleStream', () => {
  it('is exactly child(generation, role).stream() for any key, generation and role', async () => {
    const fc = (await import('fast-check')).default;
    const { rootKey } = await import('../src/rng/stream.js');
    fc.assert(fc.property(fc.string(), fc.integer({ min: 0, max: 1e6 }), fc.constantFrom('real', 'synthetic', 'subsample', 'désign'), (seed, t, role) => {
      const a = rootKey(seed).child('x').child(t, role).stream();
      const b = rootKey(seed).child('x').roleStream(t, role);
      for (let i = 0; i < 4; i++) expect(a.nextU32()).toBe(b.nextU32());
    }), { seed: 11, numRuns: 300 });
  });
});
