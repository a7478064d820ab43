/**
 * A resumable store of per-replication trajectories, keyed by a hash of (configuration, seed, engine version).
 * Rows are appended to `trajectories.f64` (little-endian Float64, T + 1 numbers per replication, replication
 * order); a rerun reuses finished rows and computes only the missing ones. Because replication r depends only on
 * (seed, r), a resumed run is bit-identical to an uninterrupted one.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { murmur3x86_128 } from '../src/rng/murmur3.js';

export const ENGINE_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** The 128-bit hex hash of a configuration object (key order and typed arrays canonicalised). */
export function configHash(config: unknown): string {
  const text = JSON.stringify(canonical({ config, engine: ENGINE_VERSION }));
  return Array.from(murmur3x86_128(new TextEncoder().encode(text), 0x5eed), (w) => w.toString(16).padStart(8, '0')).join('');
}

export class RunStore {
  readonly dir: string;
  private readonly file: string;

  constructor(root: string, readonly config: unknown, readonly width: number) {
    this.dir = join(root, configHash(config));
    this.file = join(this.dir, 'trajectories.f64');
    mkdirSync(this.dir, { recursive: true });
    const configFile = join(this.dir, 'config.json');
    if (!existsSync(configFile)) writeFileSync(configFile, JSON.stringify(canonical({ config, engine: ENGINE_VERSION }), null, 2) + '\n');
    if (existsSync(this.file)) {
      const size = statSync(this.file).size;
      const whole = Math.floor(size / (8 * width)) * 8 * width;
      if (whole !== size) truncateSync(this.file, whole); // a row cut by an interruption is dropped
    }
  }

  /** Replications already stored. */
  completed(): number {
    return existsSync(this.file) ? statSync(this.file).size / (8 * this.width) : 0;
  }

  /** Appends rows (R × width, replication order). */
  append(rows: Float64Array): void {
    appendFileSync(this.file, new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength));
  }

  /** The first `count` stored rows. */
  read(count = this.completed()): Float64Array {
    const bytes = readFileSync(this.file);
    const out = new Float64Array(count * this.width);
    new Uint8Array(out.buffer).set(bytes.subarray(0, count * this.width * 8));
    return out;
  }
}
