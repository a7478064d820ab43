/** The machine and code a benchmark ran on: Node and V8 versions, CPU model, git commit, date. */
import { execSync } from 'node:child_process';
import { cpus, totalmem, loadavg } from 'node:os';

export interface BenchEnvironment {
  node: string;
  v8: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  loadAverage: number[];
  commit: string;
  dirty: boolean;
  date: string;
}

export function benchEnvironment(): BenchEnvironment {
  let commit = 'unknown';
  let dirty = false;
  try {
    commit = execSync('git rev-parse HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    dirty = execSync('git status --porcelain --untracked-files=no', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() !== '';
  } catch {
    // not a git checkout
  }
  return {
    node: process.version,
    v8: process.versions.v8,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    commit,
    dirty,
    date: new Date().toISOString(),
  };
}
