/**
 * Backups that restore: `ccm backup` run beside a bot taking a burst of signed commands, and
 * `ccm restore`, refused while the bot runs and accepted once it has stopped (real processes);
 * then each check a restore makes before touching anything, on real files.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupError } from '../../src/store/backup.ts';
import { restoreDatabase } from '../../src/store/restore.ts';
import { MIGRATIONS_FOLDER, openDatabase } from '../../src/store/database.ts';
import { createTestBot, tempDir } from '../support/harness.ts';
import { entryIds, loggedId, runCcm, send, signedCommand, slackEnv, startBot, stateCodes } from '../support/process.ts';
import { type SlackStandIn, startSlackStandIn } from '../support/slack.ts';

let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = tempDir();
  dbPath = join(dir, 'ccm.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ccm backup and ccm restore, beside a running bot', () => {
  let slack: SlackStandIn;
  beforeEach(async () => {
    slack = await startSlackStandIn();
  });
  afterEach(() => slack.close());

  it('backs up during a burst of writes, with every entry answered before it began; restores it only once the bot has stopped', {
    timeout: 60_000,
  }, async () => {
    const env = slackEnv(slack, dbPath, dir);
    const bot = await startBot(env);
    try {
      // Meetings logged one after another until the backup is done; each person once per state.
      const answered = new Set<number>();
      const states = stateCodes();
      let writing = true;
      const writer = (async () => {
        for (let i = 0; writing; i++) {
          const id = loggedId(
            await send(bot.port, signedCommand(`meeting ${states[i % states.length]} held`, { user_id: `U${Math.floor(i / states.length)}` })),
          );
          if (id !== undefined) answered.add(id);
          // Paced (about 30 a second), so that the backup's own start is not starved of CPU.
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
      })();
      while (answered.size < 10) await new Promise((resolve) => setTimeout(resolve, 10));
      const answeredBefore = [...answered];
      const backupPath = join(dir, 'backup.sqlite');
      const backup = await runCcm(['backup', backupPath], env);
      writing = false;
      await writer;
      expect(backup).toMatchObject({ code: 0, err: '' });
      expect(backup.out).toMatch(/^Backed up .*ccm\.sqlite to .*backup\.sqlite: \d+ log entries, \d+ KB\.\n$/);
      expect(answered.size).toBeGreaterThan(answeredBefore.length);
      const copied = entryIds(backupPath);
      expect(answeredBefore.filter((id) => !copied.has(id))).toEqual([]);
      expect(statSync(backupPath).mode & 0o777).toBe(0o600);

      // From this process, as `ccm restore` would (one process start less): the bot's lock is the other process's.
      expect(() => restoreDatabase(backupPath, dbPath, new Date())).toThrow(
        `the database ${dbPath} is in use by a running ccm-bot (or another ccm command). Stop the bot first (e.g. systemctl stop ccm-bot), then run ccm restore again.`,
      );
      expect(readdirSync(dir).filter((f) => f.includes('restor'))).toEqual([]);

      bot.child.kill('SIGTERM');
      expect(await bot.exit).toBe(0);
      const everything = entryIds(dbPath);
      const restored = await runCcm(['restore', backupPath], env);
      expect(restored.err).toBe('');
      expect(restored.code).toBe(0);
      expect(restored.out).toContain(`Restored ${backupPath} into ${dbPath}: ${copied.size} log entries.\n`);
      expect(entryIds(dbPath)).toEqual(copied);
      // The replaced database is kept, whole.
      const kept = readdirSync(dir).filter((f) => f.startsWith('ccm.sqlite.before-restore-') && !f.includes('-wal'));
      expect(kept).toHaveLength(1);
      expect(restored.out).toContain(`The database it replaced is kept as ${join(dir, kept[0]!)}; delete it once the bot runs well.\n`);
      expect(entryIds(join(dir, kept[0]!))).toEqual(everything);
    } finally {
      bot.child.kill('SIGKILL');
    }
  });
});

describe('a restore', () => {
  const now = new Date('2026-11-28T10:00:00Z');

  /** A backup file with one entry, made as `ccm backup` makes it. */
  function backupWithOneEntry(name = 'backup.sqlite'): string {
    const source = createTestBot({ dir: join(dir, 'source') });
    source.say('meeting Kenya held');
    source.close();
    const file = join(dir, name);
    const db = new Database(join(dir, 'source', 'ccm.sqlite'));
    db.exec(`VACUUM INTO '${file}'`);
    db.close();
    return file;
  }

  /** The database the restore would replace, with two entries. */
  function currentDatabase(): void {
    const current = createTestBot({ dir });
    current.say('meeting Chad held');
    current.say('meeting Togo held');
    current.close();
  }

  const refusal = (file: string) => {
    try {
      restoreDatabase(file, dbPath, now);
    } catch (error) {
      if (error instanceof BackupError) return error.message;
      throw error;
    }
    throw new Error('the restore was not refused');
  };
  const untouched = () => {
    expect(entryIds(dbPath).size).toBe(2);
    expect(readdirSync(dir).filter((f) => f.includes('restor'))).toEqual([]);
  };

  it('refuses a backup made by a newer version, and changes nothing', () => {
    currentDatabase();
    const file = backupWithOneEntry();
    const db = new Database(file);
    db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('from-the-future', Date.now() + 365 * 86_400_000);
    db.close();
    expect(refusal(file)).toBe(
      `${file} was made by a newer version of ccm-bot (1 migration this version does not have). Restore it with that version or a later one.`,
    );
    untouched();
  });

  it('refuses a damaged file, a file that is no database and a database of something else', () => {
    currentDatabase();
    const damaged = backupWithOneEntry();
    const bytes = readFileSync(damaged);
    // Scribble over the middle of the file's last page: a table's page, not the header.
    bytes.fill(0x5a, bytes.length - 3000, bytes.length - 1000);
    writeFileSync(damaged, bytes);
    expect(refusal(damaged)).toMatch(new RegExp(`^${damaged} failed its integrity check \\(.+\\)\\. Use another backup\\.$`));
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'these are my notes, not a database');
    expect(refusal(notes)).toBe(`${notes} cannot be read as an SQLite database: file is not a database.`);
    const other = join(dir, 'other.sqlite');
    new Database(other).exec('CREATE TABLE t (x)').close();
    expect(refusal(other)).toBe(`${other} is not a ccm-bot database (it has no record of migrations).`);
    expect(refusal(join(dir, 'missing.sqlite'))).toBe(`there is no file ${join(dir, 'missing.sqlite')}.`);
    untouched();
  });

  it('refuses while another program reads the database, whose latest changes it cannot then write into the file', () => {
    currentDatabase();
    const file = backupWithOneEntry();
    // A sqlite3 shell in the middle of a read, with commits in the WAL it still sees.
    const shell = new Database(dbPath);
    shell.pragma('wal_autocheckpoint = 0');
    shell.prepare("UPDATE entries SET note = 'edited in a shell' WHERE id = 1").run();
    shell.exec('BEGIN');
    shell.prepare('SELECT count(*) FROM entries').get();
    const writer = new Database(dbPath);
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare("UPDATE entries SET note = 'and once more' WHERE id = 2").run();
    writer.close();
    try {
      expect(refusal(file)).toBe(
        `another program (a sqlite3 shell?) has ${dbPath} open, so its latest changes cannot be written into the file. Close it, then run ccm restore again.`,
      );
    } finally {
      shell.exec('COMMIT');
      shell.close();
    }
    untouched();
    expect(entryIds(dbPath)).toEqual(new Set([1, 2]));
  });

  it('brings a backup from an earlier version up to date', () => {
    currentDatabase();
    // A database as the version before 0009 left it.
    const older = join(dir, 'older-migrations');
    cpSync(MIGRATIONS_FOLDER, older, { recursive: true });
    const journal = JSON.parse(readFileSync(join(older, 'meta/_journal.json'), 'utf8'));
    journal.entries = journal.entries.slice(0, -1);
    writeFileSync(join(older, 'meta/_journal.json'), JSON.stringify(journal));
    const file = join(dir, 'old.sqlite');
    openDatabase(file, older).close();
    const restored = restoreDatabase(file, dbPath, now);
    expect(restored.migrated).toEqual([JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')).entries.at(-1).tag]);
    const db = openDatabase(dbPath);
    expect(db.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(journal.entries.length + 1);
    db.close();
    expect(restored.keptAs).toBe(`${dbPath}.before-restore-2026-11-28T10-00-00-000Z`);
    expect(entryIds(restored.keptAs!).size).toBe(2);
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
  });
});
