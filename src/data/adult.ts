/**
 * Loader of the UCI Adult ("Census Income") data (Becker & Kohavi 1996) for paper 003's real-data experiment
 * (CLAIMS.md §1.11, Fig. 10). Reads `adult.data` and `adult.test` from a directory given by the caller (the data
 * are not shipped with collapse-lab), skips the test file's header comment and blank lines, strips the test
 * labels' trailing '.', and drops every row with a missing value '?' (48 842 rows → 45 222 complete).
 *
 * The reference code reads '?' with `na_values=" ?"` after `skipinitialspace`, so its '?' rows survive; this
 * loader drops them, as the issue asks (the bug is noted in CLAIMS.md §1.11).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError } from '../errors.js';

export const ADULT_COLUMNS = [
  'age', 'workclass', 'fnlwgt', 'education', 'education_num', 'marital_status', 'occupation', 'relationship',
  'race', 'sex', 'capital_gain', 'capital_loss', 'hours_per_week', 'native_country', 'income',
] as const;

const NUMERIC = new Set(['age', 'fnlwgt', 'education_num', 'capital_gain', 'capital_loss', 'hours_per_week']);

export interface AdultData {
  /** Rows read (both files, before dropping '?'). */
  readonly rowsRead: number;
  /** Complete rows kept. */
  readonly size: number;
  /** Numeric columns, length `size`. */
  readonly numeric: Readonly<Record<string, Float64Array>>;
  /** Categorical columns as strings, length `size`. */
  readonly categorical: Readonly<Record<string, readonly string[]>>;
  /** income > 50K as 0/1. */
  readonly label: Float64Array;
}

/** Parses one file's text; `file` names it in errors. */
export function parseAdultText(text: string, file: string): { rows: string[][]; read: number } {
  if (typeof file !== 'string' || file === '') throw new InvalidArgumentError('file', file, 'a non-empty file name (used in error messages)');
  if (typeof text !== 'string') throw new InvalidArgumentError('text', text, `the text of ${file}`);
  const rows: string[][] = [];
  let read = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('|')) continue;
    const fields = line.split(',').map((f) => f.trim());
    if (fields.length !== ADULT_COLUMNS.length) {
      throw new InvalidArgumentError(`${file} line ${i + 1}`, line.length > 60 ? line.slice(0, 57) + '...' : line, `a row of ${ADULT_COLUMNS.length} comma-separated fields (found ${fields.length})`);
    }
    read++;
    if (fields.includes('?')) continue;
    for (let c = 0; c < fields.length; c++) {
      // a 400-digit number matches the pattern but is Infinity as a double (issue 7)
      if (NUMERIC.has(ADULT_COLUMNS[c]) && !(/^-?\d+(\.\d+)?$/.test(fields[c]) && Number.isFinite(Number(fields[c])))) {
        throw new InvalidArgumentError(`${file} line ${i + 1}, column ${ADULT_COLUMNS[c]}`, fields[c], 'a number');
      }
    }
    const income = fields[14].replace(/\.$/, '');
    if (income !== '<=50K' && income !== '>50K') throw new InvalidArgumentError(`${file} line ${i + 1}, column income`, fields[14], '"<=50K" or ">50K" (optionally with a trailing ".")');
    fields[14] = income;
    rows.push(fields);
  }
  return { rows, read };
}

/** Loads adult.data and adult.test from `dir`. */
export function loadAdult(dir: string): AdultData {
  if (typeof dir !== 'string' || dir === '') throw new InvalidArgumentError('dir', dir, 'a directory holding adult.data and adult.test');
  const all: string[][] = [];
  let rowsRead = 0;
  for (const name of ['adult.data', 'adult.test']) {
    const path = join(dir, name);
    if (!existsSync(path)) throw new InvalidArgumentError('dir', dir, `a directory holding adult.data and adult.test (missing ${path})`);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      // e.g. EISDIR (adult.test is a directory) or EACCES: a clear error naming the directory, not a raw fs error (issue 7)
      throw new InvalidArgumentError('dir', dir, `a directory holding readable files adult.data and adult.test (${path}: ${(error as Error).message})`);
    }
    const { rows, read } = parseAdultText(text, name);
    all.push(...rows);
    rowsRead += read;
  }
  const numeric: Record<string, Float64Array> = {};
  const categorical: Record<string, string[]> = {};
  ADULT_COLUMNS.forEach((name, c) => {
    if (NUMERIC.has(name)) numeric[name] = Float64Array.from(all, (r) => Number(r[c]));
    else categorical[name] = all.map((r) => r[c]);
  });
  return { rowsRead, size: all.length, numeric, categorical, label: Float64Array.from(all, (r) => (r[14] === '>50K' ? 1 : 0)) };
}
