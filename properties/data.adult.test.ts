import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAdult, parseAdultText } from '../src/data/adult.js';

const ROW = '39, State-gov, 77516, Bachelors, 13, Never-married, Adm-clerical, Not-in-family, White, Male, 2174, 0, 40, United-States, <=50K';

describe('UCI Adult loader', () => {
  it('parses rows, drops "?" rows, skips the test header, strips the trailing "."', () => {
    const { rows, read } = parseAdultText(`|1x3 Cross validator\n${ROW}\n${ROW.replace('State-gov', '?')}\n${ROW.replace('<=50K', '>50K.')}\n\n`, 'adult.test');
    expect(read).toBe(3);
    expect(rows.length).toBe(2);
    expect(rows[1][14]).toBe('>50K');
  });
  it('reports a malformed row with the file, line and what is allowed', () => {
    expect(() => parseAdultText(`${ROW}\n39, State-gov\n`, 'adult.data')).toThrow(/adult.data line 2 must be a row of 15 comma-separated fields/);
    expect(() => parseAdultText(ROW.replace('77516', 'abc'), 'adult.data')).toThrow(/column fnlwgt must be a number/);
    expect(() => parseAdultText(ROW.replace('<=50K', 'rich'), 'adult.data')).toThrow(/column income/);
  });
  it('reports a missing file naming the directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'adult-'));
    writeFileSync(join(dir, 'adult.data'), ROW + '\n');
    expect(() => loadAdult(dir)).toThrow(/missing .*adult.test/);
  });
  const shared = join(process.cwd(), '..', 'shared', 'data', 'adult');
  it.runIf(existsSync(shared))('reads the shared copy: 48 842 rows, 45 222 complete (the counts the issue states)', () => {
    const data = loadAdult(shared);
    expect(data.rowsRead).toBe(48842);
    expect(data.size).toBe(45222);
    expect(data.numeric.age.length).toBe(45222);
    expect(data.categorical.workclass.includes('?')).toBe(false);
  });
});
