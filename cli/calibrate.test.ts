/**
 * `collapse-lab calibrate --report-only`: the aggregation of calibration records (written by claims run with
 * COLLAPSE_LAB_CALIBRATION_ALPHA) into per-claim failure rates, Clopper–Pearson intervals, errors and the
 * one-sided KS statistic of the p-values, on hand-made records whose answers are known.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calibrate, uniformityUpper } from './calibrate.js';
import { clopperPearson } from '../src/stats/clopperPearson.js';

function records(dir: string, seed: number, id: string, lines: object[]): void {
  const folder = join(dir, 'records', String(seed));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${id}.jsonl`), lines.map((l) => JSON.stringify({ id, ...l })).join('\n') + '\n');
}

describe('calibrate --report-only', () => {
  it('counts failures per claim with their Clopper–Pearson interval, flags a rate above the declared one and claims that threw', () => {
    const out = mkdtempSync(join(tmpdir(), 'collapse-lab-calibrate-'));
    const configuration = (pass: boolean, pValue: number) => ({ event: 'configuration', pass, results: [{ pValue }] });
    // XX-1: 40 configurations, 30 failures at nominal 0.05 — far above; XX-2: 40 passes; XX-3: threw
    for (let seed = 0; seed < 2; seed++) {
      records(out, seed, 'XX-1', Array.from({ length: 20 }, (_, i) => configuration(i >= 15, i >= 15 ? 0.5 : 0.001)));
      records(out, seed, 'XX-2', Array.from({ length: 20 }, (_, i) => configuration(true, (i + 0.5) / 20)));
    }
    records(out, 0, 'XX-3', [{ event: 'start' }, { event: 'end', pass: false, message: 'Property failed\nGot UnderpoweredError: too few' }]);
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    let code: number;
    try {
      code = calibrate(['--report-only', '--out', out, '--alpha', '0.05']);
    } finally {
      process.stdout.write = write;
    }
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'calibration.json'), 'utf8')) as { seeds: number; claims: { id: string; configurations: number; failures: number; interval: number[]; aboveDeclared: boolean; errors: string[] }[] };
    expect(report.seeds).toBe(2);
    const [one, two, three] = report.claims;
    expect(one).toMatchObject({ id: 'XX-1', configurations: 40, failures: 30, aboveDeclared: true });
    expect(one.interval).toEqual(clopperPearson(30, 40, 0.01));
    expect(two).toMatchObject({ id: 'XX-2', configurations: 40, failures: 0, aboveDeclared: false, errors: [] });
    expect(three.errors).toEqual(['0: Got UnderpoweredError: too few']);
    // XX-3 has records for seed 0 only: seed 1 is reported missing (a run stopped before the claim ran)
    expect((three as unknown as { missingSeeds: string[] }).missingSeeds).toEqual(['1']);
    expect((one as unknown as { missingSeeds: string[] }).missingSeeds).toEqual([]);
    expect(readFileSync(join(out, 'calibration.md'), 'utf8')).toContain('- XX-3 has no records for 1 of 2 seeds (a run stopped or crashed): calibration-1');
    expect(readFileSync(join(out, 'calibration.md'), 'utf8')).toContain('| XX-1 | 40 | 30 | 0.7500 |');
  });

  it('a claim whose checks record no p-value (paired sign checks) has mean p null in the JSON and "—" in the table, never NaN', () => {
    const out = mkdtempSync(join(tmpdir(), 'collapse-lab-calibrate-'));
    records(out, 0, 'XX-4', Array.from({ length: 3 }, () => ({ event: 'configuration', pass: true, results: [{}] })));
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      expect(calibrate(['--report-only', '--out', out, '--alpha', '0.05'])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    const report = JSON.parse(readFileSync(join(out, 'calibration.json'), 'utf8')) as { claims: { id: string; pValues: number; meanPValue: number | null }[] };
    expect(report.claims[0]).toMatchObject({ id: 'XX-4', pValues: 0, meanPValue: null });
    const table = readFileSync(join(out, 'calibration.md'), 'utf8');
    expect(table).not.toContain('NaN');
    expect(table).toMatch(/\| XX-4 \| 3 \| 0 \|.*\| — \|\n/);
  });

  it('the one-sided KS statistic D⁺ = max(i/N − p_(i)) is 0 for p-values above the diagonal and large for small ones', () => {
    expect(uniformityUpper([0.5, 0.75, 1]).d).toBeCloseTo(0, 12);
    const small = uniformityUpper(Array.from({ length: 100 }, (_, i) => (i + 1) / 1000));
    expect(small.d).toBeCloseTo(0.9, 12);
    expect(small.p).toBeCloseTo(Math.exp(-2 * 100 * 0.81), 20);
  });
});
