/**
 * The barrier map: one current barrier per state and category (a second one changes its note,
 * undoably), `clear`, the recommended message per category, and the 1-page map `ccm barriers`
 * writes, with every category, empty ones included.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase } from '../src/store/database.ts';
import { runCcm } from './support/cli.ts';
import { createTestBot, tempDir, type TestBot } from './support/harness.ts';

const CATEGORIES = ['Legal/technical', 'Defence/security posture', 'Regional political alignment', 'Lack of awareness', 'Not a priority/bandwidth'];

let bot: TestBot;
beforeEach(() => {
  bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
});
afterEach(() => bot.close());

/** The states the `barriers` reply lists under a category, with their notes. */
function mapped(category: string) {
  return bot.say('barriers').sections?.find((s) => s.heading.startsWith(category))?.items;
}

const currentRows = () => bot.database.sqlite.prepare('SELECT state_iso3, category, note FROM barriers WHERE withdrawn_at IS NULL').all();

describe('barrier <state> <category>', () => {
  it('keeps one barrier per category: recording it again changes the note, and undo brings the old one back', () => {
    bot.say('barrier Kenya priority — capacity in the ministry');
    const updated = bot.say('barrier Kenya bandwidth — elections until August');
    expect(updated.title).toBe('Barrier note updated for Kenya: Not a priority/bandwidth');
    expect(updated.facts).toContainEqual({ label: 'Previous note', value: 'capacity in the ministry' });
    expect(currentRows()).toEqual([{ state_iso3: 'KEN', category: 'priority', note: 'elections until August' }]);
    expect(mapped('Not a priority')).toEqual([{ text: 'Kenya', detail: 'elections until August' }]);

    expect(bot.say('undo').title).toBe('Undone: barrier Kenya bandwidth — elections until August');
    expect(mapped('Not a priority')).toEqual([{ text: 'Kenya', detail: 'capacity in the ministry' }]);
    expect(currentRows()).toHaveLength(1);
  });

  it('changes nothing when the category is recorded again without a new note', () => {
    bot.say('barrier Kenya priority — capacity in the ministry');
    const again = bot.say('barrier Kenya bandwidth');
    expect(again).toMatchObject({ tone: 'info', code: 'already-recorded' });
    expect(again.lines?.[0]).toContain('`barrier KEN priority clear`');
    expect(mapped('Not a priority')).toEqual([{ text: 'Kenya', detail: 'capacity in the ministry' }]);
  });

  it('takes a state off a category with clear, keeps the row, and puts it back with undo', () => {
    bot.say('barrier Kenya legal — needs implementing legislation');
    bot.say('barrier Kenya priority');
    expect(bot.say('barrier Kenya technical clear').title).toBe('Cleared: Kenya is off the map under Legal/technical');
    expect(mapped('Legal/technical')).toEqual([]);
    expect(mapped('Not a priority')).toEqual([{ text: 'Kenya', detail: undefined }]);
    expect(bot.database.sqlite.prepare('SELECT count(*) FROM barriers').pluck().get()).toBe(2);
    expect(bot.say('barrier Kenya legal clear')).toMatchObject({ code: 'no-barrier' });

    bot.say('undo');
    expect(mapped('Legal/technical')).toEqual([{ text: 'Kenya', detail: 'needs implementing legislation' }]);
  });

  it('refuses to undo a clear once the category was recorded again, rather than hold two', () => {
    bot.say('barrier Kenya legal — needs implementing legislation');
    const cleared = bot.say('barrier Kenya legal clear');
    bot.say('barrier Kenya legal — parliament to debate the bill', 'bob');
    expect(bot.say(cleared.actions![0]!.command)).toMatchObject({ code: 'cannot-undo' });
    expect(mapped('Legal/technical')).toEqual([{ text: 'Kenya', detail: 'parliament to debate the bill' }]);
  });

  it('refuses a State Party, storing nothing, and still clears the barrier of a state that joined since', () => {
    expect(bot.say('barrier Norway awareness')).toMatchObject({
      tone: 'error',
      code: 'already-joined',
      title:
        'Norway is already a State Party (since 1 Aug 2010; instrument deposited 3 Dec 2008): the top-15 list and the barrier map are for states not party.',
    });
    expect(bot.say('barrier Lao PDR legal — note')).toMatchObject({ code: 'already-joined' });
    expect(currentRows()).toEqual([]);

    bot.say('barrier Kenya legal — needs implementing legislation');
    bot.say('joined Kenya on 2026-03-09');
    expect(bot.say('barrier Kenya priority')).toMatchObject({ code: 'already-joined' });
    expect(bot.say('barrier Kenya legal — a new note')).toMatchObject({ code: 'already-joined' });
    expect(bot.say('barrier Kenya legal clear').title).toBe('Cleared: Kenya is off the map under Legal/technical');
    expect(currentRows()).toEqual([]);
  });

  it('reads the usual words for each category', () => {
    for (const [word, category] of [
      ['technical', 'Legal/technical'],
      ['security', 'Defence/security posture'],
      ['regional', 'Regional political alignment'],
      ['awareness', 'Lack of awareness'],
      ['bandwidth', 'Not a priority/bandwidth'],
    ]) {
      expect(bot.say(`barrier Kenya ${word}`).title).toBe(`Barrier recorded for Kenya: ${category}`);
    }
    expect(bot.say('barrier Kenya money')).toMatchObject({ code: 'bad-barrier' });
  });
});

describe('barrier message <category>', () => {
  it('records, replaces and undoes the recommended message of a category', () => {
    expect(bot.say('barrier message legal — offer the model instrument').title).toBe('Recommended message recorded for Legal/technical');
    expect(bot.say('barrier message technical — offer the ratification steps note').title).toBe('Recommended message replaced for Legal/technical');
    const messages = () => bot.say('barriers').sections?.find((s) => s.heading === 'Recommended engagement messages')?.items;
    expect(messages()?.[0]).toEqual({ text: 'Legal/technical', detail: 'offer the ratification steps note' });
    expect(messages()?.[1]).toEqual({ text: 'Defence/security posture', detail: 'none yet' });
    bot.say('undo');
    expect(messages()?.[0]).toEqual({ text: 'Legal/technical', detail: 'offer the model instrument' });
    expect(bot.say('barrier message legal')).toMatchObject({ code: 'bad-syntax' });
  });
});

describe('ccm barriers', () => {
  beforeEach(() => {
    bot.say('barrier Viet Nam defence — stockpile destruction costs');
    bot.say('barrier Kenya priority — elections | budget *cuts*');
    bot.say('barrier Kenya legal');
    bot.say('barrier Indonesia legal — needs implementing legislation');
    bot.say('barrier message defence — share the Q&A on defence concerns');
    bot.say('barrier message priority — offer ISU support with the paperwork');
  });

  it('writes the map as Markdown: every category, empty ones too, its states with their notes and its message', () => {
    const { code, out } = runCcm(bot, 'barriers');
    expect(code).toBe(0);
    expect(out).toContain('As of 10 Mar 2026: 4 barriers recorded for 3 states.');
    for (const category of CATEGORIES) expect(out).toContain(`## ${category} (`);
    const section = (title: string) => out.slice(out.indexOf(`## ${title}`)).split('\n## ')[0]!;
    expect(section('Legal/technical')).toContain('- **Indonesia** (IDN): needs implementing legislation\n- **Kenya** (KEN)\n');
    expect(section('Defence/security posture')).toContain('**Recommended engagement message:** share the Q&A on defence concerns');
    expect(section('Not a priority/bandwidth')).toContain('- **Kenya** (KEN): elections \\| budget \\*cuts\\*');
    expect(section('Lack of awareness')).toContain('- No state recorded.');
    expect(section('Lack of awareness')).toContain('`barrier message awareness — <text>`');
  });

  it('writes it as CSV, one row per state and category and one for each empty category', () => {
    const { out } = runCcm(bot, 'barriers', ['--format', 'csv']);
    const rows = parse(out, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.category_name)).toEqual([
      'Legal/technical',
      'Legal/technical',
      'Defence/security posture',
      'Regional political alignment',
      'Lack of awareness',
      'Not a priority/bandwidth',
    ]);
    expect(rows[2]).toMatchObject({
      category: 'defence',
      state_iso3: 'VNM',
      note: 'stockpile destruction costs',
      message: 'share the Q&A on defence concerns',
      recorded_on: '2026-03-10',
    });
    expect(rows[3]).toMatchObject({ category: 'regional', state: '', message: '' });
  });

  it('refuses an unknown format', () => {
    expect(() => runCcm(bot, 'barriers', ['--format', 'pdf'])).toThrow('--format expects md or csv, got "pdf"');
  });
});

describe('the barrier_messages migration', () => {
  it("merges the duplicates older versions stored, on record and out of the members' undo", () => {
    const dir = tempDir();
    try {
      const older = join(dir, 'migrations');
      cpSync(MIGRATIONS_FOLDER, older, { recursive: true });
      const journalPath = join(older, 'meta/_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
      // The database as it stood before this migration: it and every later one not yet applied.
      journal.entries = journal.entries.slice(
        0,
        journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith('_barrier_messages')),
      );
      writeFileSync(journalPath, JSON.stringify(journal));
      const path = join(dir, 'ccm.sqlite');
      const old = openDatabase(path, older);
      old.sqlite.exec(`INSERT INTO states (iso3, iso2, name, ccm_status, apmbc, crpd) VALUES ('KEN', 'KE', 'Kenya', 'signatory', 'party', 'party');
        INSERT INTO people (platform, platform_user_id, display_name, created_at) VALUES ('shell', 'alice', 'alice', 'x');
        INSERT INTO barriers (state_iso3, category, note, person_id, created_at) VALUES
          ('KEN', 'priority', 'capacity in the ministry', 1, '2026-01-01T00:00:00.000Z'),
          ('KEN', 'priority', NULL, 1, '2026-02-01T00:00:00.000Z'),
          ('KEN', 'legal', NULL, 1, '2026-02-01T00:00:00.000Z');`);
      old.close();
      const current = openDatabase(path);
      expect(current.sqlite.prepare('SELECT id, category, note FROM barriers WHERE withdrawn_at IS NULL ORDER BY id').all()).toEqual([
        { id: 1, category: 'priority', note: 'capacity in the ministry' },
        { id: 3, category: 'legal', note: null },
      ]);
      expect(current.sqlite.prepare(`SELECT a.entity_id, a.action, p.platform FROM audit a JOIN people p ON p.id = a.person_id`).all()).toEqual([
        { entity_id: '2', action: 'merge duplicate barrier', platform: 'system' },
      ]);
      current.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
