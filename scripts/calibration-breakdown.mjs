// @ts-check
/**
 * Where a claim's calibration failures fall (docs/calibration.md, GR-17): reads the records of a `calibrate` run
 * (`<out>/records/<seed>/<claim>.jsonl`) and prints the z-scores' mean and sd over every check (z = (estimate −
 * oracle)/se, with se from the CLT interval's half-width / z_{0.975}) and the configurations' failure rate (a
 * configuration fails when any of its checks does, as `calibrate` counts) split by each configuration field — by
 * value for strings, by tercile of the observed values for numbers; nested objects (e.g. `law`) are flattened.
 *
 *   node scripts/calibration-breakdown.mjs out/calibration-gr17-plan GR-17
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';

const [out, claim] = process.argv.slice(2);
if (!out || !claim) throw new Error('usage: calibration-breakdown.mjs <calibrate --out folder> <claim id>');
/** @type {{ pass: boolean, fields: Record<string, unknown> }[]} */
const rows = [];
/** @type {{ z: number, R: number }[]} */
const checks = [];
/** @param {Record<string, unknown>} o @param {string} prefix @param {Record<string, unknown>} into */
const flatten = (o, prefix, into) => {
  for (const [k, v] of Object.entries(o)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(/** @type {Record<string, unknown>} */ (v), `${prefix}${k}.`, into);
    else into[prefix + k] = v;
  }
  return into;
};
for (const seed of readdirSync(`${out}/records`)) {
  const file = `${out}/records/${seed}/${claim}.jsonl`;
  if (!existsSync(file)) continue;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const record = JSON.parse(line);
    if (record.event !== 'configuration') continue;
    rows.push({ pass: record.pass, fields: flatten(record.config, '', {}) });
    for (const result of record.results) {
      const se = (result.interval[1] - result.interval[0]) / 2 / 1.959964;
      checks.push({ z: (result.estimate - result.oracle) / se, R: result.replications });
    }
  }
}
if (rows.length === 0) throw new Error(`no records of ${claim} under ${out}/records`);
const n = rows.length;
const failures = rows.filter((r) => !r.pass).length;
const c = checks.length;
const zMean = checks.reduce((a, r) => a + r.z, 0) / c;
const zSd = Math.sqrt(checks.reduce((a, r) => a + (r.z - zMean) ** 2, 0) / (c - 1));
console.log(`${claim}: ${failures}/${n} configurations failed (${((100 * failures) / n).toFixed(1)} %); ${c} checks: z mean ${zMean.toFixed(3)}, sd ${zSd.toFixed(3)}; ` +
  `${checks.filter((r) => r.z > 1.959964).length} above +1.96, ${checks.filter((r) => r.z < -1.959964).length} below −1.96; mean R ${Math.round(checks.reduce((a, r) => a + r.R, 0) / c)}`);
for (const field of Object.keys(rows[0].fields)) {
  const values = rows.map((r) => r.fields[field]);
  /** @type {(v: unknown) => string} */
  let group;
  if (values.every((v) => typeof v === 'number')) {
    const sorted = /** @type {number[]} */ (values).slice().sort((a, b) => a - b);
    const [t1, t2] = [sorted[Math.floor(n / 3)], sorted[Math.floor((2 * n) / 3)]];
    group = (v) => (/** @type {number} */ (v) < t1 ? `< ${+t1.toPrecision(3)}` : /** @type {number} */ (v) < t2 ? `[${+t1.toPrecision(3)}, ${+t2.toPrecision(3)})` : `≥ ${+t2.toPrecision(3)}`);
  } else group = (v) => String(v);
  /** @type {Map<string, { n: number, f: number }>} */
  const cells = new Map();
  for (const r of rows) {
    const key = group(r.fields[field]);
    const cell = cells.get(key) ?? { n: 0, f: 0 };
    cell.n++;
    if (!r.pass) cell.f++;
    cells.set(key, cell);
  }
  console.log(`  ${field}: ` + [...cells].map(([k, c]) => `${k} ${c.f}/${c.n} (${((100 * c.f) / c.n).toFixed(1)} %)`).join(', '));
}
