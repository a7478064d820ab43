/**
 * Setup for mutation runs only (vitest.mutate.config.ts): skips, by name, the individual statistical tests
 * that are too slow to re-run for every mutant they cover. Each one is listed with its measured time; the
 * deterministic tests of the same file (score equations, closed forms, invariances, bad input) still run.
 * The full suite (`npm test`) is unaffected.
 */
import { beforeEach } from 'vitest';

/** Substrings of the full names (describe › test) of the skipped tests. */
const SLOW_STATISTICAL_TESTS: readonly string[] = [
  // models.gamma: Monte Carlo of the MLE at n = 20 000 (R = 1000 and R = 300 fits), ≈ 12 s together.
  'the MLE at n = 20 000 is unbiased with the Cramér–Rao variance',
];

const fullName = (task: { name: string; suite?: { name: string; suite?: unknown } }): string => {
  const names: string[] = [];
  let node: { name: string; suite?: unknown } | undefined = task;
  while (node) {
    names.unshift(node.name);
    node = node.suite as { name: string; suite?: unknown } | undefined;
  }
  return names.join(' › ');
};

beforeEach((context) => {
  const name = fullName(context.task);
  if (SLOW_STATISTICAL_TESTS.some((slow) => name.includes(slow))) context.skip();
});
