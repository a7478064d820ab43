import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUDGET, CLAIM_IDS, SUITE_FALSE_FAILURE_RATE, UNLISTED_ENGINE_RATE, alphaFor, totalBudget } from '../src/stats/budget.js';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Every literal check id passed to alphaFor / checkId in the tests. */
function usedIds(): Set<string> {
  const ids = new Set<string>();
  for (const dir of ['properties', 'theorems']) {
    for (const file of sources(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/alphaFor\(\s*'([^']+)'/g)) ids.add(m[1]);
    }
  }
  return ids;
}

describe('suite false-failure budget', () => {
  it('sums, with every unlisted engine id at its default, to at most the suite rate of 1e-3', () => {
    const unlisted = [...usedIds()].filter((id) => BUDGET[id] === undefined);
    expect(unlisted.every((id) => id.startsWith('engine.'))).toBe(true);
    expect(totalBudget(unlisted.length)).toBeLessThanOrEqual(SUITE_FALSE_FAILURE_RATE);
    expect(SUITE_FALSE_FAILURE_RATE).toBeLessThanOrEqual(1e-3);
  });

  it('gives every claim and its negative control a positive rate, and refuses unknown claim ids', () => {
    for (const id of CLAIM_IDS) {
      expect(alphaFor(id)).toBeGreaterThan(0);
      expect(alphaFor(`${id}.negative`)).toBeGreaterThan(0);
    }
    expect(alphaFor('engine.not-yet-listed')).toBe(UNLISTED_ENGINE_RATE);
    expect(() => alphaFor(['GR', '999'].join('-'))).toThrow(/checkId/);
  });
});
