/**
 * c8 collects coverage through NODE_V8_COVERAGE, which V8 writes when a process exits normally. Vitest ends its
 * worker processes with a signal, so without this hook most workers' coverage would be lost: after each test file,
 * write what was collected so far (v8.takeCoverage: on demand, counters reset, c8 merges the reports).
 */
import { afterAll } from 'vitest';
import v8 from 'node:v8';

afterAll(() => {
  if (process.env.NODE_V8_COVERAGE) v8.takeCoverage();
});
