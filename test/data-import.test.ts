import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SHIPPED_AS_OF } from '../src/domain/facts.ts';
import { ccm } from './support/ccm.ts';
import { createTestBot, fact, tempDir, type TestBot } from './support/harness.ts';
import { importCsv } from './support/import.ts';

let bot: TestBot;
afterEach(() => bot?.close());

const SHIPPED = '(as of 3 Feb 2026; UN Treaty Collection)';

describe('ccm data import', () => {
  it('changes nothing when one row is bad, and names its line and column', async () => {
    bot = createTestBot();
    const { code, output } = await importCsv(bot, 'iso3,crpd,unga_ccm_vote\nKEN,party,yes\nAGO,partyy,yes\nDZA,party,yes\n');
    expect(code).toBe(1);
    expect(output).toBe(
      ['✗ facts.csv was not imported: 1 problem. Nothing was changed.', '  line 3, column crpd: "partyy" is not one of party, signatory, not_party', '']
        .join('\n')
        .replace('facts.csv', join(bot.dir, 'facts.csv')),
    );
    expect(fact(bot.say('state Kenya'), 'UNGA CCM resolution vote')).toMatch(/^not recorded/);
    expect(bot.store.overrides.live()).toEqual([]);
  });

  it.each([
    ['an unknown column', 'iso3,votes\nKEN,yes\n', 'line 1: unknown column "votes"'],
    ['no iso3 column', 'crpd\nparty\n', 'line 1: the iso3 column is missing'],
    ['an unknown state', 'iso3,crpd\nKEN,party\nXKX,party\n', 'line 3, column iso3: "XKX" is not the ISO 3166 alpha-3 code'],
    ['a party without its date', 'iso3,ccm_status\nKEN,party\n', 'line 2, column ccm_date: a party needs the date it deposited its instrument'],
    ['a date in the future', 'iso3,ccm_status,ccm_date\nKEN,party,2027-01-01\n', 'line 2, column ccm_date: 2027-01-01 is in the future'],
    ['a date alone for a state not party', 'iso3,ccm_date\nKEN,2026-03-01\n', 'line 2, column ccm_date: KEN is not a party (signatory)'],
    ['a state twice', 'iso3,crpd\nKEN,party\nken,party\n', 'line 3, column iso3: KEN is also on line 2'],
    ['a row of the wrong length', 'iso3,crpd\nKEN,party,yes\n', 'line 2: 3 cells, but the header has 2 columns'],
  ])('refuses %s', async (_what, csv, problem) => {
    bot = createTestBot();
    const { code, output } = await importCsv(bot, csv);
    expect(code).toBe(1);
    expect(output).toContain(problem);
    expect(bot.store.overrides.live()).toEqual([]);
  });

  it("changes exactly what its diff says, and the card shows the import's as-of date and source", async () => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
    const csv = [
      'iso3,ccm_status,ccm_date,apmbc,unga_ccm_vote,source,as_of',
      'AGO,party,2026-03-03,,yes,UN depositary notification C.N.77.2026,2026-03-04',
      'VUT,party,2025-09-05,,,UNTC XXVI-6,2026-03-04',
      '',
    ].join('\n');
    const dry = await importCsv(bot, csv, 'facts.csv', '--dry-run');
    expect(dry.output).toContain('Dry run: nothing was written.');
    expect(bot.store.overrides.live()).toEqual([]);
    const { code, output } = await importCsv(bot, csv);
    expect(code).toBe(0);
    expect(output.split('\n').slice(0, 5)).toEqual([
      '✓ facts.csv: 2 rows, 3 values changed.',
      '  AGO Angola, ccm_status: signatory → party',
      '  AGO Angola, ccm_date: (none) → 2026-03-03',
      '  AGO Angola, unga_ccm_vote: unknown → yes',
      '1 fact unchanged, now dated as of this file.',
    ]);
    const card = bot.say('state Angola');
    const source = '(as of 4 Mar 2026; source: UN depositary notification C.N.77.2026; imported from facts.csv)';
    expect(fact(card, 'CCM')).toBe(`Instrument deposited 3 Mar 2026; State Party from 1 Sep 2026 ${source}`);
    expect(fact(card, 'UNGA CCM resolution vote')).toBe(`yes ${source}`);
    expect(fact(card, 'Mine Ban Convention')).toBe(`party ${SHIPPED}`);
    expect(fact(bot.say('state Vanuatu'), 'CCM')).toMatch(/\(as of 4 Mar 2026; source: UNTC XXVI-6; imported from facts\.csv\)$/);
    // The shipped mirror stays as shipped.
    expect(bot.database.sqlite.prepare("SELECT ccm_status FROM states WHERE iso3 = 'AGO'").pluck().get()).toBe('signatory');
  });

  it('lets the later as-of date win between a joined entry and an import', async () => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
    bot.say('joined Kenya on 2026-03-05 — UN depositary notification');
    const older = await importCsv(bot, 'iso3,ccm_status,source,as_of\nKEN,signatory,UNTC,2026-03-01\n');
    expect(older.output).toContain("KEN Kenya, ccm_status: kept party (joined entry #1, as of 2026-03-05, is later than this file's 2026-03-01)");
    expect(fact(bot.say('state Kenya'), 'CCM')).toMatch(/^Instrument deposited 5 Mar 2026/);
    await importCsv(bot, 'iso3,ccm_status,ccm_date,source,as_of\nKEN,party,2026-03-06,UNTC corrected,2026-03-09\n');
    expect(fact(bot.say('state Kenya'), 'CCM')).toBe(
      'Instrument deposited 6 Mar 2026; State Party from 1 Sep 2026 (as of 9 Mar 2026; source: UNTC corrected; imported from facts.csv)',
    );
  });

  it('is a ccm subcommand that exits 1 on a bad file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.csv'), 'iso3,crpd\nKEN,maybe\n');
    const result = await ccm(['data', 'import', join(dir, 'bad.csv')], { HOME: dir, CCM_DB_PATH: join(dir, 'ccm.sqlite') });
    expect(result.code).toBe(1);
    expect(result.out).toContain('line 2, column crpd: "maybe" is not one of party, signatory, not_party');
  });
});

describe('a bad file of thousands of rows', () => {
  /** 5,000 problems of four kinds: 3,000 bad crpd values (the first a 10,000-character cell), 1,500 unknown states, 499 states repeated, 1 short row. */
  const csv = [
    'iso3,crpd',
    `KEN,${'x'.repeat(10_000)}`,
    ...Array.from({ length: 2_999 }, (_, i) => `KEN,maybe${i}`),
    ...Array.from({ length: 1_500 }, () => 'ZZZ,party'),
    ...Array.from({ length: 500 }, () => 'AGO,party'),
    'DZA',
    '',
  ].join('\n');

  it('shows the first 20 problems and counts every problem by kind; --problems writes each one to a file only its owner can read', async () => {
    bot = createTestBot();
    const problems = join(bot.dir, 'problems.txt');
    const { code, output } = await importCsv(bot, csv, 'facts.csv', '--problems', problems);
    expect(code).toBe(1);
    const lines = output.split('\n');
    expect(lines[0]).toBe(`✗ ${join(bot.dir, 'facts.csv')} was not imported: 5,000 problems. Nothing was changed.`);
    expect(lines[1]).toBe(`  line 2, column crpd: "${'x'.repeat(39)}…" is not one of party, signatory, not_party`);
    expect(lines.slice(2, 21)).toEqual(
      Array.from({ length: 19 }, (_, i) => `  line ${i + 3}, column crpd: "maybe${i}" is not one of party, signatory, not_party`),
    );
    expect(lines.slice(21)).toEqual([
      '  … and 4,980 more. All 5,000 by kind:',
      '    3,000 × column crpd: not one of party, signatory, not_party',
      '    1,500 × column iso3: not the ISO 3166 alpha-3 code of a state in data/states.csv',
      '    499 × column iso3: a state given twice',
      '    1 × a row whose cells do not match the header',
      `  Every problem, one a line: ${problems}`,
      '',
    ]);
    expect(output.length).toBeLessThan(3_000);
    const written = readFileSync(problems, 'utf8').split('\n').slice(0, -1);
    expect(written).toHaveLength(5_000);
    expect(written.slice(0, 20)).toEqual(lines.slice(1, 21).map((line) => line.slice(2)));
    expect(written.at(-1)).toBe('line 5002: 1 cells, but the header has 2 columns');
    expect(written.filter((line) => line.includes(': AGO is also on line '))).toHaveLength(499);
    expect(statSync(problems).mode & 0o077).toBe(0);
    expect(bot.store.overrides.live()).toEqual([]);
  });

  it('says how to get every problem when --problems is not given', async () => {
    bot = createTestBot();
    const { output } = await importCsv(bot, csv);
    expect(output.split('\n').at(-2)).toBe(`  For every problem in a file: ccm data import ${join(bot.dir, 'facts.csv')} --problems <file>`);
  });

  it('empties the problems file when the import goes through, so that it never shows an earlier run', async () => {
    bot = createTestBot();
    const problems = join(bot.dir, 'problems.txt');
    writeFileSync(problems, 'line 3, column crpd: from an earlier run\n', { mode: 0o644 });
    const { code } = await importCsv(bot, 'iso3,crpd\nKEN,party\n', 'facts.csv', '--problems', problems);
    expect(code).toBe(0);
    expect(readFileSync(problems, 'utf8')).toBe('');
    expect(statSync(problems).mode & 0o077).toBe(0);
  });
});

describe("the shipped data's as-of date", () => {
  it('is the date data/STATES-SOURCES.md gives for the UN Treaty Collection pages', () => {
    const sources = readFileSync(resolve(import.meta.dirname, '../data/STATES-SOURCES.md'), 'utf8');
    expect(SHIPPED_AS_OF).toBe('2026-02-03');
    expect(sources).toContain('"Status as at: 03-02-2026"');
  });
});
