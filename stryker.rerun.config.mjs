// @ts-check
/**
 * A second mutation run over given mutants only (e.g. the survivors of a run with a narrowed test set, MUTATE_TESTS):
 * MUTATE_RANGES=ranges.json (a JSON array of Stryker mutate ranges, `node scripts/mutation-survivors.mjs --ranges
 * REPORT.json > ranges.json`) and MUTATE_REPORT=out/mutation/<name>. Everything else as stryker.config.mjs; merge the
 * two reports with scripts/mutation-survivors.mjs.
 *
 *   MUTATE_RANGES=out/mutation/models/ranges.json MUTATE_REPORT=out/mutation/models-rerun \
 *     npx -y node@22 node_modules/@stryker-mutator/core/bin/stryker.js run stryker.rerun.config.mjs
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
import { readFileSync } from 'node:fs';
import base from './stryker.config.mjs';

const rangesFile = process.env.MUTATE_RANGES;
const report = process.env.MUTATE_REPORT;
if (!rangesFile || !report) throw new Error('stryker.rerun.config.mjs needs MUTATE_RANGES (a JSON file of mutate ranges) and MUTATE_REPORT (an output folder)');

export default {
  ...base,
  mutate: JSON.parse(readFileSync(rangesFile, 'utf8')),
  htmlReporter: { fileName: `${report}/index.html` },
  jsonReporter: { fileName: `${report}/mutation.json` },
  tempDirName: '.stryker-tmp-rerun',
};
