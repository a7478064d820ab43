/**
 * Vitest configuration for mutation testing (`npm run mutate`, StrykerJS): only the fast, deterministic
 * property tests that exercise the mutated folders (src/models, src/loop, src/theory, src/stats).
 *
 * Left out, because each mutant re-runs every test that covers it:
 * - the theorem suite (theorems/**), far too slow per mutant;
 * - properties about folders that are not mutated (rng, special, linalg, metrics, data), their fuzzers included;
 *   the fuzzers of the mutated folders (fuzz.loop, fuzz.theory, fuzz.stats, fuzz.models, fuzz.glm; 0.5–2.5 s
 *   each) are kept: they are what checks the argument validation;
 * - the two slowest statistical files: fastpath.agreement (≈ 13 s, fast path ≡ explicit sampling in law)
 *   and fastpath.binomial (the binomial sampler of src/rng);
 * - individual slow statistical tests inside kept files, skipped by name in vitest.mutate.setup.ts.
 *
 * MUTATE_TESTS (comma-separated globs) narrows the set further, e.g. for src/models, whose mutants every loop and
 * fast-path test reaches: `MUTATE_TESTS='properties/models.*.test.ts,properties/fuzz.models.test.ts'`. A narrower
 * set can only let more mutants survive, so its score is a lower bound of the full set's.
 *
 * Run it alone with `npx vitest run -c vitest.mutate.config.ts` (measured in docs/mutation.md).
 */
import { defineConfig } from 'vitest/config';

const narrowed = (process.env.MUTATE_TESTS ?? '')
  .split(',')
  .map((glob) => glob.trim())
  .filter((glob) => glob.length > 0);

export default defineConfig({
  test: {
    include: narrowed.length > 0 ? narrowed : ['properties/**/*.test.ts'],
    exclude: [
      '**/node_modules/**',
      'properties/rng.*.test.ts',
      'properties/special.*.test.ts',
      'properties/linalg.*.test.ts',
      'properties/metrics.*.test.ts',
      'properties/data.*.test.ts',
      'properties/fuzz.rng.test.ts',
      'properties/fuzz.special.test.ts',
      'properties/fuzz.linalg.test.ts',
      'properties/fuzz.data.test.ts',
      'properties/fastpath.agreement.test.ts',
      'properties/fastpath.binomial.test.ts',
    ],
    setupFiles: ['./vitest.mutate.setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
