/**
 * Fuzzed inputs for src/data (issue 7): the UCI Adult parser and loader on arbitrary CSV-ish text — valid rows with
 * one field replaced by an arbitrary string, missing or extra fields, '?' cells, trailing '.', CRLF line ends,
 * numbers with 400 digits (beyond the double range), header comments, arbitrary unicode — parsed in memory
 * (parseAdultText) and written to a temporary directory (mkdtemp under os.tmpdir(), removed afterwards) for
 * loadAdult, including a missing adult.test and an adult.test that is a directory. Every call returns rows whose
 * numeric columns are finite, or throws InvalidArgumentError naming the file and line (or the directory); never a
 * TypeError or a raw fs error (contract in fuzz.harness.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectContract, seedOf, show, wrongType } from './fuzz.harness.js';
import { ADULT_COLUMNS, loadAdult, parseAdultText } from '../src/data/adult.js';

const RUNS = 150;
const ROW = '39, State-gov, 77516, Bachelors, 13, Never-married, Adm-clerical, Not-in-family, White, Male, 2174, 0, 40, United-States, <=50K';
const FIELDS = ROW.split(', ');

const oddField = fc.oneof(
  fc.constantFrom('?', '', ' ', '-0', '1e3', '0x10', 'NaN', 'Infinity', '9'.repeat(400), '-' + '9'.repeat(400), '1.5', '>50K.', '<=50K', '>50K', '"39"', '39\t', '١٢'),
  fc.string({ maxLength: 6 }),
);

/** One line: a valid row, a row with a field replaced, dropped or added, a header comment, blank, or arbitrary text. */
const lineArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(ROW) },
  { weight: 1, arbitrary: fc.constantFrom(ROW.replace('<=50K', '>50K.'), ROW.replace('State-gov', '?'), '|1x3 Cross validator', '', '   ') },
  { weight: 4, arbitrary: fc.tuple(fc.nat(ADULT_COLUMNS.length - 1), oddField).map(([c, v]) => FIELDS.map((f, i) => (i === c ? v : f)).join(', ')) },
  { weight: 1, arbitrary: fc.nat(ADULT_COLUMNS.length - 1).map((c) => FIELDS.filter((_, i) => i !== c).join(', ')) },
  { weight: 1, arbitrary: oddField.map((v) => `${ROW}, ${v}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 4 }), { minLength: 15, maxLength: 15 }).map((a) => a.join(',')) },
);
const textArb = fc.tuple(fc.array(lineArb, { maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean()).map(([lines, eol, trailing]) => lines.join(eol) + (trailing ? eol : ''));

/** A returned parse: 15 string fields per row; an income of "<=50K" or ">50K"; numeric fields that are finite numbers. */
function checkRows(value: unknown): void {
  const { rows, read } = value as { rows: string[][]; read: number };
  expect(read).toBeGreaterThanOrEqual(rows.length);
  for (const row of rows) {
    expect(row.length).toBe(ADULT_COLUMNS.length);
    expect(['<=50K', '>50K']).toContain(row[14]);
    for (const c of [0, 2, 4, 10, 11, 12]) expect(Number.isFinite(Number(row[c]))).toBe(true);
  }
}

/** A refusal names the file and line (or the directory / the argument). */
const NAMES_FILE = /^(adult\.(data|test) line \d+|dir|text|file)\b/;

const dir = mkdtempSync(join(tmpdir(), 'fuzz-adult-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fuzz src/data: rows with finite numeric columns, or InvalidArgumentError naming the file and line', () => {
  it('parseAdultText on arbitrary CSV-ish text (and wrong types)', () => {
    let values = 0;
    let refusals = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 6, arbitrary: textArb }, { weight: 1, arbitrary: wrongType }), fc.oneof({ weight: 6, arbitrary: fc.constantFrom('adult.data', 'adult.test') }, { weight: 1, arbitrary: wrongType }), (text, file) => {
        const outcome = expectContract(`parseAdultText(${show(text)}, ${show(file)})`, () => parseAdultText(text as string, file as string), { check: checkRows });
        if (outcome.kind === 'invalid') {
          refusals++;
          const p = outcome.error.parameter;
          expect(p === 'file' || p === 'text' || (typeof file === 'string' && p.startsWith(`${file} line `))).toBe(true);
        } else values++;
      }),
      { seed: seedOf('parseAdultText'), numRuns: RUNS, endOnFailure: true },
    );
    expect(values).toBeGreaterThan(0);
    expect(refusals).toBeGreaterThan(0);
  });

  it('loadAdult on arbitrary files written to a temporary directory', () => {
    let values = 0;
    let refusals = 0;
    let run = 0;
    fc.assert(
      fc.property(textArb, fc.oneof({ weight: 6, arbitrary: textArb }, { weight: 1, arbitrary: fc.constantFrom('missing', 'directory') }), (data, test) => {
        const sub = join(dir, String(run++));
        mkdirSync(sub);
        writeFileSync(join(sub, 'adult.data'), data);
        if (test === 'directory') mkdirSync(join(sub, 'adult.test'));
        else if (test !== 'missing') writeFileSync(join(sub, 'adult.test'), test);
        const outcome = expectContract(`loadAdult(${JSON.stringify(data)}, ${JSON.stringify(test)})`, () => loadAdult(sub), {
          check: (v) => {
            const d = v as ReturnType<typeof loadAdult>;
            expect(d.label.length).toBe(d.size);
            for (const column of Object.values(d.numeric)) expect(column.length).toBe(d.size);
          },
        });
        if (outcome.kind === 'invalid') {
          refusals++;
          expect(outcome.error.parameter).toMatch(NAMES_FILE);
        } else values++;
      }),
      { seed: seedOf('loadAdult'), numRuns: RUNS, endOnFailure: true },
    );
    expect(values).toBeGreaterThan(0);
    expect(refusals).toBeGreaterThan(0);
  });

  it('regressions found by the fuzz: wrong types, a 400-digit number, adult.test a directory', () => {
    expect(() => parseAdultText(3 as unknown as string, 'adult.data')).toThrow(/^text must be/);
    expect(() => parseAdultText(ROW, false as unknown as string)).toThrow(/^file must be/);
    expect(() => parseAdultText(ROW.replace('77516', '9'.repeat(400)), 'adult.data')).toThrow(/^adult\.data line 1, column fnlwgt must be a number/);
    const sub = join(dir, 'regression');
    mkdirSync(sub);
    writeFileSync(join(sub, 'adult.data'), ROW);
    mkdirSync(join(sub, 'adult.test'));
    expect(() => loadAdult(sub)).toThrow(/^dir must be a directory holding readable files .*EISDIR/);
  });

  it('loadAdult refuses wrong directory arguments naming dir', () => {
    for (const bad of [undefined, null, 3, '', {}, join(dir, 'does-not-exist')]) expect(() => loadAdult(bad as string)).toThrow(/^dir must be/);
  });
});
