/**
 * `collapse-lab reproduce <target>`: the papers' figures, end to end (Monte Carlo, theory curves, JSON, CSV,
 * SVG and Markdown notes per target in --out).
 *
 *   fig7        paper 003 Scenario 1: fully synthetic collapse (Gaussian, linear, logistic, Poisson, CDF)
 *   fig8        paper 003 Scenario 2: limiting error against the real weight w; argmin vs 1/φ
 *   fig9        paper 003 Scenario 3: optimal w* against naive k/(1+k) as m = n/k grows
 *   fig10       paper 003 Adult: logistic regression and three categorical columns (--data DIR required)
 *   schedules   paper 000: error and probability of improvement P(T) for sample-size schedules c_t
 *   accumulate  accumulate vs replace for the Gaussian mean; the π²/6 ceiling
 *
 * Paper scale by default; --quick scales every target down to under a minute (and says so in its outputs).
 * Replications are stored by hash under <out>/runs/ and reused by reruns; --workers N gives the same bytes for
 * any N. Usage errors exit with code 2 and one line.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Flags, UsageError } from './args.js';
import { InvalidArgumentError } from '../src/errors.js';
import type { Scale, TargetContext } from './reproduce/context.js';
import type { TargetResult } from './reproduce/output.js';
import { writeTargetOutputs } from './reproduce/output.js';
import { closeExperimentPool } from './reproduce/pool.js';
import { InterruptedRun } from './reproduce/runner.js';

export const TARGETS = ['fig7', 'fig8', 'fig9', 'fig10', 'schedules', 'accumulate'] as const;
export type Target = (typeof TARGETS)[number];

export const REPRODUCE_USAGE = `collapse-lab reproduce ${TARGETS.join('|')} [--quick] [--out out/reproduce]
  [--data DIR (fig10: the folder holding adult.data and adult.test)] [--seed 1] [--workers 1]`;

async function runTarget(target: Target, ctx: TargetContext): Promise<TargetResult> {
  switch (target) {
    case 'fig7':
      return (await import('./reproduce/fig7.js')).runFig7(ctx);
    case 'fig8':
      return (await import('./reproduce/fig8.js')).runFig8(ctx);
    case 'fig9':
      return (await import('./reproduce/fig9.js')).runFig9(ctx);
    case 'fig10':
      return (await import('./reproduce/fig10.js')).runFig10(ctx);
    case 'schedules':
      return (await import('./reproduce/schedules.js')).runSchedules(ctx);
    case 'accumulate':
      return (await import('./reproduce/accumulate.js')).runAccumulate(ctx);
  }
}

/** Checks --data for fig10 (exit 2 naming --data when missing, not a folder, or not readable as Adult). */
async function checkAdultData(dir: string | undefined): Promise<string> {
  if (dir === undefined) throw new UsageError('--data DIR is required for fig10 (a folder holding the UCI Adult files adult.data and adult.test)');
  const path = resolve(dir);
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new UsageError(`--data must be a folder holding adult.data and adult.test; ${JSON.stringify(dir)} is not a folder`);
  const { loadAdultCached } = await import('./reproduce/adult.js');
  try {
    const data = loadAdultCached(path);
    if (data.size < 10) throw new UsageError(`--data ${JSON.stringify(dir)}: only ${data.size} complete rows in adult.data and adult.test (at least 10 needed)`);
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw new UsageError(`--data ${JSON.stringify(dir)}: ${error.message.replace(/\s+/g, ' ')}`);
    throw error;
  }
  return path;
}

/** Runs `reproduce <target> …`; returns the exit code (0, or 130 when interrupted). */
export async function reproduce(argv: readonly string[]): Promise<number> {
  const flags = new Flags(argv, ['quick']);
  const target = flags.positional[0];
  if (target === undefined || !(TARGETS as readonly string[]).includes(target)) {
    throw new UsageError(`reproduce needs a target, one of ${TARGETS.join(', ')}; received ${target === undefined ? 'none' : JSON.stringify(target)}`);
  }
  if (flags.positional.length > 1) throw new UsageError(`reproduce takes one target; received also ${JSON.stringify(flags.positional[1])}`);
  const quick = flags.flag('quick');
  // Hidden: --scale tiny makes every target run in a second or two (end-to-end tests).
  const scaleFlag = flags.optionalString('scale');
  if (scaleFlag !== undefined && !['paper', 'quick', 'tiny'].includes(scaleFlag)) throw new UsageError(`--scale must be one of paper, quick, tiny; received ${JSON.stringify(scaleFlag)}`);
  const scale: Scale = (scaleFlag as Scale | undefined) ?? (quick ? 'quick' : 'paper');
  const out = resolve(flags.string('out', 'out/reproduce'));
  const seed = flags.string('seed', '1');
  const workers = flags.integer('workers', 1, 1, 256);
  const dataFlag = flags.optionalString('data');
  flags.rejectUnknown();
  if (dataFlag !== undefined && target !== 'fig10') throw new UsageError(`--data is used only by fig10; received it with ${target}`);
  const data = target === 'fig10' ? await checkAdultData(dataFlag) : undefined;

  let interrupted = false;
  const onSigint = () => { interrupted = true; };
  process.once('SIGINT', onSigint);
  const started = performance.now();
  let result: TargetResult;
  try {
    result = await runTarget(target as Target, { out, workers, interrupted: () => interrupted, scale, seed, ...(data !== undefined ? { data } : {}) });
  } catch (error) {
    if (!(error instanceof InterruptedRun)) throw error;
    process.stdout.write(`${error.message}; the finished replications are kept under ${out}/runs (rerun the same command to resume)\n`);
    return 130;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await closeExperimentPool();
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const command = ['collapse-lab', 'reproduce', ...argv].join(' ');
  const files = await writeTargetOutputs(out, result, seed, wallSeconds, command);
  const scaled = scale === 'paper' ? '' : ` (${scale} scale: fewer replications, shorter horizons and coarser grids than the paper; see ${target}.md)`;
  process.stdout.write(`${target}${scaled}: wrote ${files.join(', ')} in ${out} (${wallSeconds.toFixed(1)} s)\n`);
  return 0;
}
