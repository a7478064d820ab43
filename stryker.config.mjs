// @ts-check
/**
 * StrykerJS mutation testing of the engine's core folders (issue 7): `npm run mutate`.
 * Needs Node ≥ 22 (Stryker 9); the project itself targets Node 20, so the script runs Stryker under
 * `npx -y node@22`. Not part of CI: a full run takes tens of minutes (see docs/mutation.md).
 *
 * One folder at a time: `MUTATE_FOLDERS=src/theory npm run mutate` (comma-separated folders; reports go to
 * out/mutation/<folders>/). Default: the four folders, reports in out/mutation/all/.
 *
 * Tests: vitest.mutate.config.ts (the fast deterministic property tests; the theorem suite and the slowest
 * statistical files are left out). Coverage per test, so each mutant runs only the tests that reach it.
 * Static mutants (module-level constants evaluated once at import, e.g. the budget table) are ignored:
 * with per-test coverage each would need a full reload of every test file.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const FOLDERS = (process.env.MUTATE_FOLDERS ?? 'src/models,src/loop,src/theory,src/stats')
  .split(',')
  .map((folder) => folder.trim().replace(/\/+$/, ''))
  .filter((folder) => folder.length > 0);
const REPORT_DIR = `out/mutation/${process.env.MUTATE_FOLDERS ? FOLDERS.map((f) => f.replace(/^src\//, '')).join('+').replace(/\//g, '-') : 'all'}`;

export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  // No type checker: the project uses TypeScript 7 (the native compiler), whose npm package has no JavaScript
  // API, so neither @stryker-mutator/typescript-checker nor Stryker's tsconfig rewriting can load it. Mutants
  // that would not type-check run anyway (Vitest strips types) and are killed or survive on behaviour.
  // Pointing tsconfigFile at a file that does not exist turns the tsconfig rewriting off (nothing to rewrite:
  // tsconfig.json has no `extends` or `references`).
  tsconfigFile: 'tsconfig.stryker-absent.json',
  disableTypeChecks: false,
  concurrency: 2,
  mutate: [
    ...FOLDERS.map((folder) => `${folder}/**/*.ts`),
    // re-export files and type-only contracts have nothing to mutate
    '!src/**/index.ts',
    '!src/**/types.ts',
  ],
  // Only what the property tests need is copied to the sandbox.
  ignorePatterns: ['out', 'coverage', '.collapse-lab-cache', 'bench', 'cli', 'examples', 'reports', '*.cpuprofile'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 90, low: 85, break: 85 },
  timeoutMS: 30_000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `${REPORT_DIR}/index.html` },
  jsonReporter: { fileName: `${REPORT_DIR}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  incremental: false,
};
