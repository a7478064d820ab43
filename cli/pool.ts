/**
 * A piscina worker pool that computes blocks of replications, shared by `simulate` (cli/parallel.ts) and
 * `reproduce` (cli/reproduce/pool.ts). The block [first, first + count) is cut into one contiguous sub-block per
 * worker and the results are concatenated in replication order, so the output is bit-identical for any number
 * of workers (each replication's streams depend only on its index).
 *
 * The worker module's default export takes `{ spec, first, count }` and returns the rows as a Float64Array.
 * Workers load this package's TypeScript through tsx: the process must run under tsx (the bin script starts
 * node with `--import tsx`), whose loader worker threads inherit.
 */
import { Piscina } from 'piscina';

export interface BlockTask<Spec> {
  readonly spec: Spec;
  readonly first: number;
  readonly count: number;
}

export class BlockPool<Spec> {
  private pool: Piscina | null = null;
  private size = 0;

  /** `worker`: the URL of the worker module (created lazily, resized when the worker count changes). */
  constructor(private readonly worker: URL) {}

  private get(workers: number): Piscina {
    if (this.pool === null || this.size !== workers) {
      void this.pool?.destroy();
      this.pool = new Piscina({ filename: this.worker.href, minThreads: workers, maxThreads: workers, execArgv: process.execArgv });
      this.size = workers;
    }
    return this.pool;
  }

  /** Rows of replications [first, first + count), one contiguous sub-block per worker, in replication order. */
  async rows(spec: Spec, first: number, count: number, workers: number): Promise<Float64Array> {
    const pool = this.get(workers);
    const per = Math.ceil(count / workers);
    const tasks: Promise<Float64Array>[] = [];
    for (let w = 0; w < workers; w++) {
      const start = first + w * per;
      const size = Math.min(per, first + count - start);
      if (size > 0) tasks.push(pool.run({ spec, first: start, count: size } satisfies BlockTask<Spec>));
    }
    const parts = await Promise.all(tasks);
    const out = new Float64Array(parts.reduce((s, a) => s + a.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  /** Ends the worker threads (a later call to rows starts a new pool). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    this.size = 0;
    if (pool !== null) await pool.destroy();
  }
}
