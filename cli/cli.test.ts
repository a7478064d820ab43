/**
 * The command line end to end, as spawned processes: simulate (outputs, cache reuse, resume after an interruption,
 * bit-identical across worker counts and shards), verify (report files and verdicts), and bad input (exit 2, one
 * line naming the flag).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from './simulate.js';
import { UsageError } from './args.js';

/**
 * The environment for a spawned CLI, with coverage off: the child loads src/ through tsx (a different transform from
 * vitest's), and c8 would merge its byte ranges into the vitest workers' coverage of the same files. Node copies
 * NODE_V8_COVERAGE into every child's environment unless the key is present, so it is set to '' (off), not deleted.
 */
function withoutCoverage(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, NODE_V8_COVERAGE: '' };
}

const bin = join(process.cwd(), 'bin', 'collapse-lab.mjs');
function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...withoutCoverage(process.env), CI: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'collapse-lab-cli-'));
const only = (dir: string) => join(dir, readdirSync(dir)[0]);
const base = ['simulate', '--model', 'gaussian', '--policy', 'fresh', '--n', '20', '--m', '10', '--w', '0.3', '--T', '8', '--reps', '60', '--seed', 'cli-test'];

describe('collapse-lab simulate', () => {
  it('writes summary JSON, CSV and an SVG plot keyed by a hash; a rerun reuses the stored replications', () => {
    const out = tmp();
    const first = cli([...base, '--out', out]);
    expect(first.code).toBe(0);
    const dir = only(out);
    for (const f of ['config.json', 'summary.json', 'summary.csv', 'plot.svg', 'trajectories.f64']) expect(existsSync(join(dir, f))).toBe(true);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary.completed).toBe(60);
    expect(summary.steps).toHaveLength(9);
    expect(readFileSync(join(dir, 'plot.svg'), 'utf8').startsWith('<svg')).toBe(true);
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8').split('\n')[0]).toBe('t,mean,sd,se,lower95,upper95,median,q05,q95');
    const before = statSync(join(dir, 'trajectories.f64')).mtimeMs;
    expect(cli([...base, '--out', out]).code).toBe(0);
    expect(statSync(join(dir, 'trajectories.f64')).mtimeMs).toBe(before); // nothing recomputed
  });

  it('resumes a cut run to the same bytes, and gives the same bytes for 2 workers and for 2 shards', () => {
    const a = tmp();
    expect(cli([...base, '--out', a]).code).toBe(0);
    const full = readFileSync(join(only(a), 'trajectories.f64'));
    truncateSync(join(only(a), 'trajectories.f64'), 8 * 9 * 23 + 5); // an interrupted run: 23 rows and part of one
    expect(cli([...base, '--out', a]).code).toBe(0);
    expect(readFileSync(join(only(a), 'trajectories.f64')).equals(full)).toBe(true);

    const b = tmp();
    expect(cli([...base, '--workers', '2', '--out', b]).code).toBe(0);
    expect(readFileSync(join(only(b), 'trajectories.f64')).equals(full)).toBe(true);

    const c = tmp();
    expect(cli([...base, '--shard', '0/2', '--out', c]).code).toBe(0);
    expect(cli([...base, '--shard', '1/2', '--out', c]).code).toBe(0);
    const shards = readdirSync(c).map((d) => JSON.parse(readFileSync(join(c, d, 'summary.json'), 'utf8')) as { shard: { index: number } } & { dir?: string });
    expect(shards).toHaveLength(2);
    const ordered = readdirSync(c)
      .map((d) => ({ d, index: (JSON.parse(readFileSync(join(c, d, 'summary.json'), 'utf8')) as { shard: { index: number } }).shard.index }))
      .sort((x, y) => x.index - y.index)
      .map(({ d }) => readFileSync(join(c, d, 'trajectories.f64')));
    expect(Buffer.concat(ordered).equals(full)).toBe(true);
  });

  it.each([
    [['--model', 'transformer'], /--model must be one of gaussian, linear, logistic, poisson, gamma, ecdf, categorical; received "transformer"/],
    [['--model', 'gaussian', '--policy', 'bogus'], /--policy must be one of replace, accumulate, augment, fresh; received "bogus"/],
    [['--model', 'gaussian', '--w', '1.5'], /--w must be a number in \[0, 1\]; received "1.5"/],
    [['--model', 'gaussian', '--n', '0'], /--n must be an integer in \[1, 10000000\]; received "0"/],
    [['--model', 'gaussian', '--w', 'NaN'], /--w must be a number in \[0, 1\]; received "NaN"/],
    [['--model', 'gaussian', '--policy', 'replace', '--schedule', 'poly'], /--schedule poly needs s/],
    [['--model', 'gaussian', '--colour', 'red'], /unknown flag --colour/],
    [['--model', 'gaussian', '--shard', '3/2'], /--shard must be i\/N/],
  ])('bad input %j is refused with a usage error naming the flag', async (args, message) => {
    await expect(simulate([...args, '--out', tmp()])).rejects.toThrow(message);
    await expect(simulate([...args, '--out', tmp()])).rejects.toBeInstanceOf(UsageError);
  });

  it('a usage error exits 2 with one line on stderr (spawned)', () => {
    const r = cli(['simulate', '--model', 'gaussian', '--w', '1.5', '--out', tmp()]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^collapse-lab: --w must be a number in \[0, 1\]; received "1.5"/);
  });

  it('an unknown command exits 2', () => {
    const r = cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });
});

describe('collapse-lab verify', () => {
  it('runs the named claims and writes the report in Markdown, JSON and HTML', () => {
    const out = tmp();
    const r = cli(['verify', '--claims', 'GR-1', '--out', out]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.claims).toHaveLength(1);
    const claim = report.claims[0];
    expect(claim.id).toBe('GR-1');
    expect(claim.verdict).toBe('pass');
    expect(claim.configurations).toBeGreaterThanOrEqual(6);
    expect(claim.negativeControls.every((n: { rejected: boolean }) => n.rejected)).toBe(true);
    expect(claim.checks[0]).toHaveProperty('interval');
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/\| GR-1 \|.*\*\*pass\*\*/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/<table>/);
  }, 300_000);

  it('refuses an unknown claim with exit 2', () => {
    const r = cli(['verify', '--claims', 'GR-999', '--out', tmp()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--claims names "GR-999"/);
  });
});
