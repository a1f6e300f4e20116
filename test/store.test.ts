/**
 * The store against real SQLite files in a temporary folder, with the real migrations.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase } from '../src/store/database.ts';
import { getTableName, integer, rawStatement, selectList, sql, sqliteTable } from '../src/store/orm.ts';
import * as schema from '../src/store/schema.ts';
import { createTestBot, tempDir, type TestBot } from './support/harness.ts';
import { slackPlace } from './support/places.ts';

const dirs: string[] = [];
const bots: TestBot[] = [];
afterEach(() => {
  for (const bot of bots.splice(0)) bot.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const newDir = () => {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
};

describe('migrations', () => {
  it('build the whole schema in an empty file, in WAL mode with foreign keys on', () => {
    const path = join(newDir(), 'nested', 'folder', 'ccm.sqlite');
    const { sqlite, close } = openDatabase(path);
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    expect(tables).toEqual([
      '__drizzle_migrations',
      'audit',
      'barrier_messages',
      'barriers',
      'deliverables',
      'echoes',
      'entries',
      'holds',
      'milestones',
      'people',
      'person_roles',
      'person_settings',
      'posts',
      'receipts',
      'state_overrides',
      'states',
      'subscriptions',
      'targets',
    ]);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    close();
  });

  it('are applied once: reopening a file keeps its data and adds nothing', () => {
    const dir = newDir();
    const bot = createTestBot({ dir });
    bot.say('meeting Kenya held');
    bot.close();
    const reopened = createTestBot({ dir });
    bots.push(reopened);
    expect(reopened.database.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(
      JSON.parse(readFileSync(join(import.meta.dirname, '../migrations/meta/_journal.json'), 'utf8')).entries.length,
    );
    expect(reopened.say('log').sections?.[0]?.heading).toBe('1 entry');
  });

  it('bring an older database up to date, keeping its rows, even through a table rebuild', () => {
    const dir = newDir();
    // The migrations as they stood before 0003 (which rebuilds the subscriptions table).
    const older = join(dir, 'migrations');
    cpSync(MIGRATIONS_FOLDER, older, { recursive: true });
    const journalPath = join(older, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
    journal.entries = journal.entries.filter((e: { idx: number }) => e.idx < 3);
    writeFileSync(journalPath, JSON.stringify(journal));
    const path = join(dir, 'ccm.sqlite');
    const old = openDatabase(path, older);
    old.sqlite.exec(`INSERT INTO people (platform, platform_user_id, display_name, created_at) VALUES ('slack', 'U1', 'Ana', 'x');
      INSERT INTO subscriptions (platform, channel_id, created_by, created_at) VALUES ('slack', 'C1', 1, 'x');`);
    old.close();
    const current = openDatabase(path);
    expect(current.sqlite.prepare('SELECT channel_id, naming, created_by FROM subscriptions').all()).toEqual([
      { channel_id: 'C1', naming: 'states', created_by: 1 },
    ]);
    expect(current.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      current.sqlite.prepare("INSERT INTO subscriptions (platform, channel_id, created_by, created_at) VALUES ('slack', 'C2', 99, 'x')").run(),
    ).toThrow(/FOREIGN KEY/);
    current.close();
  });

  it('refuse a database left with a broken reference by a migration, checked only when one was applied', () => {
    const dir = newDir();
    const older = join(dir, 'migrations');
    cpSync(MIGRATIONS_FOLDER, older, { recursive: true });
    const journalPath = join(older, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
    journal.entries = journal.entries.slice(0, -1);
    writeFileSync(journalPath, JSON.stringify(journal));
    const path = join(dir, 'ccm.sqlite');
    const old = openDatabase(path, older);
    // A subscription by a person who does not exist, as a table rebuild with foreign keys off could leave.
    old.sqlite.pragma('foreign_keys = OFF');
    old.sqlite.exec("INSERT INTO subscriptions (platform, channel_id, created_by, created_at) VALUES ('slack', 'C1', 99, 'x')");
    old.close();
    // Reopened with no migration pending: nothing was run with foreign keys off, nothing is read in full.
    openDatabase(path, older).close();
    expect(() => openDatabase(path)).toThrow(/has 1 broken references after migration/);
  });

  it('refuse a file that is not a database, without touching it', () => {
    const path = join(newDir(), 'notes.sqlite');
    writeFileSync(path, 'these are my notes, not a database');
    expect(() => openDatabase(path)).toThrow(/not a database/);
    expect(readFileSync(path, 'utf8')).toBe('these are my notes, not a database');
  });
});

describe('the store', () => {
  it('rejects a log entry about a state it does not know (foreign key)', () => {
    const bot = createTestBot();
    bots.push(bot);
    bot.say('help'); // creates the person
    expect(() =>
      bot.database.sqlite
        .prepare(
          "INSERT INTO entries (kind, state_iso3, occurred_on, person_id, created_at, platform) VALUES ('meeting', 'XXX', '2026-03-01', 1, 'now', 'shell')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('attributes every change: who, when, where and the command', () => {
    const bot = createTestBot({ now: '2026-03-10T08:15:00Z', env: { CCM_ADMINS: 'slack:U123' } });
    bots.push(bot);
    bot.core.handle({
      text: '/ccm target add Kenya lead Norway',
      actor: { platform: 'slack', userId: 'U123', displayName: 'Ana Ortiz' },
      place: slackPlace('C42'),
    });
    const row = bot.database.sqlite
      .prepare(
        'SELECT a.at, a.platform, a.channel_id, a.command, a.action, a.entity, p.platform_user_id, p.display_name FROM audit a JOIN people p ON p.id = a.person_id',
      )
      .get();
    expect(row).toEqual({
      at: '2026-03-10T08:15:00.000Z',
      platform: 'slack',
      channel_id: 'C42',
      command: 'target add Kenya lead Norway',
      action: 'add target',
      entity: 'targets',
      platform_user_id: 'U123',
      display_name: 'Ana Ortiz',
    });
  });

  it('keeps a withdrawn entry, marked, instead of deleting it', () => {
    const bot = createTestBot();
    bots.push(bot);
    bot.say('meeting Kenya held');
    bot.say('undo');
    expect(bot.database.sqlite.prepare('SELECT id, withdrawn_at IS NOT NULL AS withdrawn FROM entries').all()).toEqual([{ id: 1, withdrawn: 1 }]);
  });

  it('rolls back every write of a command that fails half-way', () => {
    const bot = createTestBot();
    bots.push(bot);
    // A trigger makes the audit insert fail after the entry insert succeeded.
    bot.database.sqlite.exec("CREATE TRIGGER fail_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
    const reply = bot.say('meeting Kenya held');
    expect(reply.code).toBe('internal');
    expect(reply.title).toMatch(/reference [0-9a-f]{8}/);
    expect(bot.database.sqlite.prepare('SELECT count(*) FROM entries').pluck().get()).toBe(0);
  });

  it('keeps chat-set milestone dates when the plan file is loaded again', () => {
    const dir = newDir();
    const bot = createTestBot({ dir });
    bot.say('milestone wg3 date 2026-05-12');
    bot.close();
    const again = createTestBot({ dir });
    bots.push(again);
    expect(again.say('milestone wg3').facts?.[0]?.value).toBe('12 May 2026');
  });
});

describe('rows read by better-sqlite3 directly (selectList)', () => {
  it('have the columns, names and values drizzle reads, in each table read that way', () => {
    const bot = createTestBot();
    bots.push(bot);
    bot.say('help', 'bob');
    for (const text of [
      'meeting Kenya held — met the legal adviser',
      'next Kenya send model instrument by 1 Apr',
      'barrier Kenya bandwidth — elections until August',
      'target add Kenya lead Norway',
      // After the lists: a State Party is put on neither.
      'joined Kenya on 2026-03-02 — UN depositary notification',
      'default level capital',
      'role @bob coordinator',
    ]) {
      expect(bot.say(text).tone, text).toBe('success');
    }
    expect(bot.core.handle({ text: 'echo on', actor: { platform: 'slack', userId: 'U1', displayName: 'Ana' }, place: slackPlace('C42') }).tone).toBe('success');
    const { db } = bot.database;
    db.insert(schema.stateOverrides)
      .values({
        stateIso3: 'KEN',
        column: 'crpd',
        value: 'party',
        ccmDate: null,
        asOf: '2026-03-01',
        source: null,
        file: 'states.csv',
        line: 2,
        personId: 1,
        createdAt: 'now',
      })
      .run();
    for (const table of [
      schema.people,
      schema.personRoles,
      schema.personSettings,
      schema.entries,
      schema.barriers,
      schema.targets,
      schema.stateOverrides,
      schema.echoes,
    ]) {
      const direct = rawStatement(db, `SELECT ${selectList(table)} FROM "${getTableName(table)}" ORDER BY rowid`).all();
      expect(direct.length, getTableName(table)).toBeGreaterThan(0);
      expect(direct, getTableName(table)).toStrictEqual(db.select().from(table).orderBy(sql`rowid`).all());
    }
  });

  it('refuse a column drizzle converts on the way out', () => {
    const flags = sqliteTable('flags', { id: integer('id').primaryKey(), on: integer('on', { mode: 'boolean' }) });
    expect(() => selectList(flags)).toThrow('flags.on is a SQLiteBoolean: read it through drizzle');
  });
});
