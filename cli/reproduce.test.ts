/**
 * `collapse-lab reproduce` end to end, as spawned processes at the hidden tiny scale (`--quick --scale tiny`,
 * a second or two of Monte Carlo per target): every target writes its JSON (configuration, seed, engine
 * version, wall time, the plotted series), CSV, SVG panels and notes; a rerun reuses the stored replications;
 * two workers give the same bytes as one; bad input exits 2 with one line naming the flag. Plus the contract of
 * stopped replications (a typed NumericalError keeps the errors before it and records where it stopped).
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reproduce } from './reproduce.js';
import { UsageError } from './args.js';
import { rootKey } from '../src/rng/stream.js';
import { NumericalError } from '../src/errors.js';
import type { Model } from '../src/models/types.js';
import { runRecorded } from './reproduce/rows.js';
import { FAILURE_CODES, type TrajectorySpec } from './reproduce/specs.js';
import { meanPoint, selectKth } from './reproduce/summarize.js';
import { ADULT_COLUMNS } from '../src/data/adult.js';

/**
 * The environment for a spawned CLI, with coverage off: the child loads src/ through tsx (a different transform from
 * vitest's), and c8 would merge its byte ranges into the vitest workers' coverage of the same files. Node copies
 * NODE_V8_COVERAGE into every child's environment unless the key is present, so it is set to '' (off), not deleted.
 */
function withoutCoverage(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, NODE_V8_COVERAGE: '' };
}

const bin = join(process.cwd(), 'bin', 'collapse-lab.mjs');
const tmp = () => mkdtempSync(join(tmpdir(), 'collapse-lab-reproduce-'));

function cliAsync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...withoutCoverage(process.env), CI: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * A small Adult-format fixture (n rows per file): numeric columns drawn from a seeded Stream, income from a
 * logistic model of them (so the MLE exists), a few '?' rows, the test file's header line and trailing '.'.
 */
function writeAdultFixture(dir: string, rows = 150): void {
  mkdirSync(dir, { recursive: true });
  const stream = rootKey('reproduce-test-adult').stream();
  const pick = <T,>(xs: readonly T[]) => xs[stream.nextInt(xs.length)];
  const line = (test: boolean, i: number) => {
    const age = 18 + stream.nextInt(60);
    const educationNum = 1 + stream.nextInt(16);
    const gain = stream.nextDouble() < 0.1 ? stream.nextInt(20000) : 0;
    const loss = stream.nextDouble() < 0.05 ? stream.nextInt(3000) : 0;
    const hours = 10 + stream.nextInt(60);
    const eta = -6 + 0.04 * age + 0.25 * educationNum + 0.0002 * gain + 0.02 * hours;
    const income = stream.nextDouble() < 1 / (1 + Math.exp(-eta)) ? '>50K' : '<=50K';
    const workclass = i % 37 === 5 ? '?' : pick(['Private', 'Self-emp', 'State-gov', 'Local-gov']);
    const fields = [age, workclass, 100000 + i, pick(['HS-grad', 'Bachelors', 'Masters', 'Some-college']), educationNum,
      pick(['Married', 'Never-married', 'Divorced']), 'Sales', 'Husband', 'White', pick(['Male', 'Female']), gain, loss, hours, 'United-States', income + (test ? '.' : '')];
    return fields.join(', ');
  };
  writeFileSync(join(dir, 'adult.data'), Array.from({ length: rows }, (_, i) => line(false, i)).join('\n') + '\n');
  writeFileSync(join(dir, 'adult.test'), '|1x3 Cross validator\n' + Array.from({ length: rows }, (_, i) => line(true, i + rows)).join('\n') + '\n');
}

const expectations: Record<string, { panels: string[]; series: RegExp[] }> = {
  fig7: { panels: ['gaussian-mean', 'gaussian-cov', 'linear', 'logistic', 'poisson', 'cdf'], series: [/^Monte Carlo mean/, /^fraction of replications alive$/, /^exact Err_t/] },
  fig8: { panels: ['gaussian-mean', 'gaussian-cov', 'linear', 'logistic', 'poisson', 'cdf'], series: [/^Monte Carlo$/, /^theory/] },
  fig9: { panels: ['gaussian-mean', 'gaussian-cov', 'linear', 'logistic', 'poisson', 'cdf'], series: [/^optimal w\*\(k\), Monte Carlo$/, /^naive k\/\(1\+k\), Monte Carlo$/, /^w\*·tr I⁻¹\/n \(limit\)$/, /^\(1\+k\)\/\(2\+k\)·tr I⁻¹\/n \(limit\)$/] },
  fig10: { panels: ['logistic', 'workclass', 'education', 'marital_status'], series: [/^Monte Carlo$/, /^theory/] },
  schedules: { panels: ['error', 'improvement'], series: [/^c_t = t², Monte Carlo$/, /arctan/, /\(σ²\/n\)\(1 \+ S_T\)$/] },
  accumulate: { panels: ['error'], series: [/^accumulate, σ² known, Monte Carlo$/, /^replace, σ² estimated, Monte Carlo$/, /1\/j²$/] },
};

interface Output {
  target: string;
  scale: string;
  seed: string;
  engineVersion: string;
  wallSeconds: number;
  configuration: Record<string, unknown>;
  runs: { replications: number; completed: number; reused: number; store: string }[];
  marks: Record<string, Record<string, unknown>>;
  series: { panel: string; name: string; kind: string; points: { x: number; y: number; alive?: number; count?: number }[] }[];
}

const adultLike = (content: string) => {
  const dir = tmp();
  writeFileSync(join(dir, 'adult.data'), content);
  writeFileSync(join(dir, 'adult.test'), '|1x3 Cross validator\n');
  return dir;
};

describe('collapse-lab reproduce (spawned, tiny scale)', () => {
  const root = tmp();
  const adult = join(root, 'adult');
  const results: Record<string, { code: number | null; stdout: string; stderr: string }> = {};
  const out = (target: string) => join(root, target);
  const badInput: [string[], RegExp][] = [
    [['reproduce', 'fig11'], /^collapse-lab: reproduce needs a target, .*"fig11"$/],
    [['reproduce', 'fig10', '--data', adultLike('a, b, c\n'), '--out', tmp()], /^collapse-lab: --data .*found 3/],
  ];
  const badResults: { code: number | null; stdout: string; stderr: string }[] = [];

  beforeAll(async () => {
    writeAdultFixture(adult);
    // Every process at once: tsx start-up dominates each run, and they wait on each other's CPU anyway.
    await Promise.all([
      ...Object.keys(expectations).map(async (t) => {
        results[t] = await cliAsync(['reproduce', t, '--quick', '--scale', 'tiny', '--out', out(t), ...(t === 'fig10' ? ['--data', adult] : [])]);
      }),
      (async () => {
        results['fig8-workers'] = await cliAsync(['reproduce', 'fig8', '--quick', '--scale', 'tiny', '--workers', '2', '--out', out('fig8-workers')]);
      })(),
      ...badInput.map(async ([args], i) => {
        badResults[i] = await cliAsync(args);
      }),
    ]);
  });

  it.each(Object.keys(expectations))('%s writes JSON, CSV, SVG panels and notes with the expected series', (target) => {
    const r = results[target];
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${target} \\(tiny scale`));
    const dir = out(target);
    const json = JSON.parse(readFileSync(join(dir, `${target}.json`), 'utf8')) as Output;
    expect(json.target).toBe(target);
    expect(json.scale).toBe('tiny');
    expect(json.seed).toBe('1');
    expect(json.engineVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(json.wallSeconds).toBeGreaterThan(0);
    expect(Object.keys(json.configuration).length).toBeGreaterThan(3);
    for (const run of json.runs) expect(run.completed).toBe(run.replications);
    for (const panel of expectations[target].panels) {
      const svg = readFileSync(join(dir, `${target}-${panel}.svg`), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('</svg>');
      expect(json.series.filter((s) => s.panel === panel && s.kind === 'monte-carlo').length).toBeGreaterThan(0);
    }
    const names = json.series.map((s) => s.name);
    for (const pattern of expectations[target].series) expect(names.some((name) => pattern.test(name)), `${pattern} in ${names.join(' | ')}`).toBe(true);
    for (const s of json.series) for (const p of s.points) expect(Number.isFinite(p.y)).toBe(true); // never NaN
    const csv = readFileSync(join(dir, `${target}.csv`), 'utf8').split('\n');
    expect(csv[0]).toBe('panel,series,kind,x_name,x,y_name,y,lower95,upper95,se,count,alive_fraction,median');
    expect(csv.length - 2).toBe(json.series.reduce((s, x) => s + x.points.length, 0));
    const notes = readFileSync(join(dir, `${target}.md`), 'utf8');
    expect(notes).toMatch(/^# /);
    expect(notes).toContain('Scale: **tiny**');
    expect(notes).toMatch(/## (Deviations from the paper's code|Notes)/);
  });

  it('fig7 reports the fraction of replications alive per t: starts at 1, never increases, stays in [0, 1]', () => {
    const json = JSON.parse(readFileSync(join(out('fig7'), 'fig7.json'), 'utf8')) as Output;
    const alive = json.series.filter((s) => s.kind === 'alive-fraction');
    expect(alive).toHaveLength(6);
    for (const s of alive) {
      expect(s.points[0].y).toBe(1);
      for (let i = 1; i < s.points.length; i++) {
        expect(s.points[i].y).toBeLessThanOrEqual(s.points[i - 1].y);
        expect(s.points[i].y).toBeGreaterThanOrEqual(0);
      }
    }
    const notes = readFileSync(join(out('fig7'), 'fig7.md'), 'utf8');
    expect(notes).toContain('N(0, I₄/4)'); // the covariate-law deviation is stated
  });

  it('fig8 and fig10 mark the Monte Carlo argmin (a grid value) and 1/φ', () => {
    for (const target of ['fig8', 'fig10']) {
      const json = JSON.parse(readFileSync(join(out(target), `${target}.json`), 'utf8')) as Output;
      const weights = json.configuration.weights as number[];
      for (const mark of Object.values(json.marks)) {
        expect(weights).toContain(mark.monteCarloArgmin);
        expect(mark.inverseGoldenRatio).toBeCloseTo((Math.sqrt(5) - 1) / 2, 12);
      }
    }
    const fig10 = JSON.parse(readFileSync(join(out('fig10'), 'fig10.json'), 'utf8')) as Output;
    const missing = ['adult.data', 'adult.test'].reduce((s, f) => s + readFileSync(join(adult, f), 'utf8').split('\n').filter((l) => l.includes(', ?,')).length, 0);
    expect(missing).toBeGreaterThan(0);
    expect(fig10.configuration.completeRows).toBe(300 - missing); // '?' rows dropped
    expect(readFileSync(join(out('fig10'), 'fig10.md'), 'utf8')).toMatch(/standardised/);
  });

  it('two workers give the same bytes as one', () => {
    expect(results['fig8-workers'].code).toBe(0);
    const stores = readdirSync(join(out('fig8'), 'runs'));
    expect(stores.length).toBe(5);
    for (const store of stores) {
      const one = readFileSync(join(out('fig8'), 'runs', store, 'trajectories.f64'));
      const two = readFileSync(join(out('fig8-workers'), 'runs', store, 'trajectories.f64'));
      expect(two.equals(one)).toBe(true);
    }
  });

  it('a rerun reuses every stored replication (in process)', async () => {
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      expect(await reproduce(['accumulate', '--quick', '--scale', 'tiny', '--out', out('accumulate')])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    const json = JSON.parse(readFileSync(join(out('accumulate'), 'accumulate.json'), 'utf8')) as Output;
    for (const run of json.runs) expect(run.reused).toBe(run.replications);
  });

  it('bad input exits 2 with one line on stderr naming the target or the flag (spawned)', () => {
    badInput.forEach(([, message], i) => {
      const r = badResults[i];
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    });
  });
});

describe('collapse-lab reproduce: bad input', () => {
  it.each([
    [['fig11'], /reproduce needs a target, one of fig7, fig8, fig9, fig10, schedules, accumulate; received "fig11"/],
    [[], /reproduce needs a target.*received none/],
    [['fig10'], /--data DIR is required for fig10/],
    [['fig10', '--data', '/nonexistent/adult'], /--data must be a folder holding adult\.data and adult\.test/],
    [['fig8', '--data', '/tmp'], /--data is used only by fig10/],
    [['fig8', '--scale', 'huge'], /--scale must be one of paper, quick, tiny; received "huge"/],
    [['fig8', '--workers', '0'], /--workers must be an integer in \[1, 256\]; received "0"/],
    [['fig8', '--colour', 'red'], /unknown flag --colour/],
  ])('%j is refused with a usage error naming the target or flag', async (args, message) => {
    await expect(reproduce([...args, '--out', tmp()])).rejects.toThrow(message);
    await expect(reproduce([...args, '--out', tmp()])).rejects.toBeInstanceOf(UsageError);
  });

  it('a --data folder without the files, or with a malformed row, is a usage error naming --data', async () => {
    const empty = tmp();
    await expect(reproduce(['fig10', '--data', empty, '--out', tmp()])).rejects.toThrow(/^--data ".*": dir must be a directory holding adult\.data and adult\.test \(missing .*adult\.data\)/);
    const malformed = adultLike('39, State-gov, 77516\n');
    await expect(reproduce(['fig10', '--data', malformed, '--out', tmp()])).rejects.toThrow(/^--data ".*": adult\.data line 1 must be a row of 15 comma-separated fields \(found 3\)/);
    const badNumber = adultLike(ADULT_COLUMNS.map((c) => (c === 'age' ? 'old' : c === 'income' ? '>50K' : '1')).join(', ') + '\n');
    await expect(reproduce(['fig10', '--data', badNumber, '--out', tmp()])).rejects.toThrow(/^--data ".*": adult\.data line 1, column age must be a number/);
  });
});

describe('stopped replications', () => {
  it('a NumericalError at generation 3 keeps t = 0..2, records where it stopped and its kind, zeroes the rest', () => {
    let fits = 0;
    const model: Model<{ v: number }> = {
      name: 'stops-at-3',
      sample: (_theta, size) => ({ size, dim: 1, x: new Float64Array(size).fill(1), y: null }),
      fit: () => {
        if (fits++ === 3) throw new NumericalError('separation', 'the test model stops at its fourth fit');
        return { v: fits };
      },
      metrics: { err: (estimate) => estimate.v },
      validate: () => {},
    };
    const spec: TrajectorySpec = {
      kind: 'trajectory', target: 'test', stream: 'stop', seed: 'x', model: { key: 'ecdf', dim: 1, scale: 1 }, metrics: ['err'],
      generations: 6, sampling: 'explicit', policy: { kind: 'replace', n: 4 },
    };
    const errors = new Float64Array(7).fill(-1);
    const outcome = runRecorded({ model: model as Model<unknown>, truth: { v: 0 }, metrics: model.metrics as never }, spec, spec.policy, rootKey('reproduce-test').child('stop'), errors);
    expect(outcome).toEqual({ recorded: 3, failure: FAILURE_CODES.separation });
    expect(Array.from(errors)).toEqual([1, 2, 3, 0, 0, 0, 0]);
  });

  it('an error that is not a NumericalError is an engine error, not a stopped replication', () => {
    const model: Model<{ v: number }> = {
      name: 'broken', sample: (_t, size) => ({ size, dim: 1, x: new Float64Array(size), y: null }),
      fit: () => { throw new TypeError('bug'); }, metrics: { err: () => 0 }, validate: () => {},
    };
    const spec: TrajectorySpec = {
      kind: 'trajectory', target: 'test', stream: 'bug', seed: 'x', model: { key: 'ecdf', dim: 1, scale: 1 }, metrics: ['err'],
      generations: 2, sampling: 'explicit', policy: { kind: 'replace', n: 4 },
    };
    expect(() => runRecorded({ model: model as Model<unknown>, truth: { v: 0 }, metrics: model.metrics as never }, spec, spec.policy, rootKey('reproduce-test').child('bug'), new Float64Array(3))).toThrow(/engine error in reproduce test\/bug: bug/);
  });
});

describe('selectKth (medians of paper-scale summaries)', () => {
  it('returns the k-th smallest for every k, with ties and signed values, like a full sort', () => {
    const stream = rootKey('reproduce-test').child('select').stream();
    for (let trial = 0; trial < 200; trial++) {
      const size = 1 + stream.nextInt(60);
      const values = Float64Array.from({ length: size }, () => (stream.nextInt(8) - 4) * (stream.nextDouble() < 0.5 ? 1 : 0.25));
      const sorted = values.slice().sort();
      for (let k = 0; k < size; k++) expect(selectKth(values.slice(), k)).toBe(sorted[k]);
    }
  });

  it('meanPoint gives the textbook median of an even and an odd count', () => {
    expect(meanPoint(0, Float64Array.of(5, 1, 3), 3, 3, true).median).toBe(3);
    expect(meanPoint(0, Float64Array.of(4, 1, 3, 2), 4, 4, true).median).toBe(2.5);
  });
});
