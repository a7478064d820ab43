/** Sampler throughput: normals, Poisson, categorical, uniforms, stream derivation. */
import type { BenchTask } from '../task.js';
import { rootKey } from '../../src/rng/stream.js';
import { fillStandardNormal } from '../../src/rng/normal.js';
import { poissonVariate } from '../../src/rng/poisson.js';
import { aliasTable, fillCategorical } from '../../src/rng/categorical.js';
import seedrandom from 'seedrandom';

const N = 100_000;

export const samplerTasks: BenchTask[] = [
  { group: 'samplers', name: 'standard normals (ziggurat)', unitsPerCall: N, unit: 'normal', targetMicros: 1 / 30, setup: () => {
    const s = rootKey('bench').child('normal').stream();
    const out = new Float64Array(N);
    return () => fillStandardNormal(s, out);
  } },
  { group: 'samplers', name: 'uniform doubles (xoshiro128**)', unitsPerCall: N, unit: 'uniform', setup: () => {
    const s = rootKey('bench').child('uniform').stream();
    return () => { let a = 0; for (let i = 0; i < N; i++) a += s.nextDouble(); return a; };
  } },
  { group: 'samplers', name: 'uniform doubles (seedrandom xor4096, for comparison)', unitsPerCall: N, unit: 'uniform', setup: () => {
    const g = seedrandom.xor4096('bench');
    return () => { let a = 0; for (let i = 0; i < N; i++) a += g(); return a; };
  } },
  ...[0.5, 50, 1e6].map((mean): BenchTask => ({ group: 'samplers', name: `Poisson mean ${mean}`, unitsPerCall: 10_000, unit: 'draw', setup: () => {
    const s = rootKey('bench').child('poisson', mean).stream();
    return () => { let a = 0; for (let i = 0; i < 10_000; i++) a += poissonVariate(s, mean); return a; };
  } })),
  { group: 'samplers', name: 'categorical K = 16 (alias)', unitsPerCall: N, unit: 'draw', setup: () => {
    const s = rootKey('bench').child('categorical').stream();
    const table = aliasTable(Float64Array.from({ length: 16 }, (_, i) => i + 1));
    const out = new Float64Array(N);
    return () => fillCategorical(s, table, out);
  } },
  { group: 'samplers', name: 'stream derivation key.child(t, role).stream()', unitsPerCall: 10_000, unit: 'stream', setup: () => {
    const key = rootKey('bench').child('derive');
    return () => { let a = 0; for (let t = 0; t < 10_000; t++) a += key.child(t, 'synthetic').stream().nextU32(); return a; };
  } },
];
