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

/** Negative-control calls per claim file: each call is charged the claim's whole `.negative` rate. */
function negativeControlCalls(): Map<string, number> {
  const calls = new Map<string, number>();
  for (const file of sources('theorems')) {
    const id = /theorems\/([A-Z]+-[A-Z0-9]+)\.test\.ts$/.exec(file)?.[1];
    if (!id) continue;
    const text = readFileSync(file, 'utf8');
    const direct = (text.match(/rejectsWrongEngine\(/g) ?? []).length;
    // controls run in a loop (it.each / for … of) are counted by their table rows where the file declares them
    const declared = /@negativeControls (\d+)/.exec(text);
    calls.set(id, declared ? Number(declared[1]) : direct);
  }
  return calls;
}

describe('suite false-failure budget', () => {
  it('counting every negative-control call at its full rate, the whole suite stays within 1e-3', () => {
    const calls = negativeControlCalls();
    const unlisted = [...usedIds()].filter((id) => BUDGET[id] === undefined).length;
    let total = totalBudget(unlisted);
    for (const [id, count] of calls) total += Math.max(0, count - 1) * alphaFor(`${id}.negative`); // the table holds one per claim
    expect(total).toBeLessThanOrEqual(SUITE_FALSE_FAILURE_RATE);
    for (const [id, count] of calls) expect(count, `${id} has no negative control`).toBeGreaterThan(0);
  });

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
