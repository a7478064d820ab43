/**
 * Runs benchmark tasks with tinybench and returns their medians. A timer-saturation warning is an error: a task
 * so fast that the clock cannot resolve it must do more work per call.
 */
import { Bench } from 'tinybench';
import type { BenchResult, BenchTask } from './task.js';

export async function runTasks(tasks: readonly BenchTask[], options: { timeMs: number; warmupMs: number; onResult?: (r: BenchResult) => void }): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const task of tasks) {
    const fn = task.setup();
    const bench = new Bench({ time: options.timeMs, warmupTime: options.warmupMs, throws: true });
    const warnings: string[] = [];
    bench.addEventListener('warning', (event) => warnings.push(String((event as unknown as { reason?: string }).reason ?? 'timer saturation')));
    bench.add(task.name, fn);
    await bench.run();
    if (warnings.length) throw new Error(`benchmark "${task.group}/${task.name}": timer saturation (${warnings.join(', ')}); raise unitsPerCall`);
    const result = bench.tasks[0].result;
    if (result.state !== 'completed') throw new Error(`benchmark "${task.group}/${task.name}" did not complete (${result.state})`);
    const { latency } = result;
    const r: BenchResult = {
      group: task.group,
      name: task.name,
      unit: task.unit,
      unitsPerCall: task.unitsPerCall,
      medianMs: latency.p50,
      madMs: latency.mad,
      meanMs: latency.mean,
      rme: latency.rme,
      samples: latency.samplesCount,
      microsPerUnit: (latency.p50 * 1000) / task.unitsPerCall,
      unitsPerSecond: task.unitsPerCall / (latency.p50 / 1000),
      ...(task.targetMicros !== undefined ? { targetMicros: task.targetMicros } : {}),
    };
    options.onResult?.(r);
    results.push(r);
  }
  return results;
}
