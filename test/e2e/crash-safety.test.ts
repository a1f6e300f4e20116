/**
 * Files private from birth, and backups and restores that a crash at any step cannot turn into
 * a missing log or a readable copy: the real `ccm` killed with SIGKILL after each step (fault
 * injection through CCM_TEST_KILL_AFTER, see main.ts), the folder read as it was left, then the
 * next start, which tidies it. Runs under the tests' umask (022), as an operator's shell would.
 */
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.ts';
import { BACKUP_STEPS } from '../../src/store/backup.ts';
import { RESTORE_STEPS, restoreDatabase } from '../../src/store/restore.ts';
import { MIGRATIONS_FOLDER } from '../../src/store/database.ts';
import { holdInUse } from '../../src/store/in-use.ts';
import { capturedLog, createTestBot, tempDir } from '../support/harness.ts';
import { runCcm } from '../support/process.ts';

let dir: string;
let dbPath: string;
const scratch: string[] = [];

beforeEach(() => {
  dir = tempDir();
  dbPath = join(dir, 'ccm.sqlite');
  scratch.push(dir);
});
afterEach(() => {
  for (const folder of scratch.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const env = () => ({ PATH: process.env.PATH ?? '', HOME: dir, CCM_DB_PATH: dbPath });

/** The files in the database's folder that group or others could read, with their modes. */
function readableByOthers(): string[] {
  return readdirSync(dir)
    .map((name) => ({ name, mode: statSync(join(dir, name)).mode & 0o777 }))
    .filter(({ mode }) => (mode & 0o077) !== 0)
    .map(({ name, mode }) => `${name} ${mode.toString(8)}`);
}

/** The states of the entries in the database at `file` (with its WAL, if any), in order. */
function entryStates(file: string): string[] {
  const db = new Database(file, { fileMustExist: true });
  try {
    return db.prepare('SELECT state_iso3 FROM entries ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
}

/** A database with `meetings` logged, made by the test bot in its own folder. */
function logWith(folder: string, ...states: string[]): ReturnType<typeof createTestBot> {
  const bot = createTestBot({ dir: folder });
  for (const state of states) bot.say(`meeting ${state} held`);
  return bot;
}

/** A backup file with Kenya's meeting, outside the database's folder. */
function backupFile(): string {
  const folder = tempDir();
  scratch.push(folder);
  logWith(join(folder, 'source'), 'Kenya').close();
  const file = join(folder, 'backup.sqlite');
  const source = new Database(join(folder, 'source', 'ccm.sqlite'));
  source.exec(`VACUUM INTO '${file}'`);
  source.close();
  return file;
}

/**
 * The database as a crash would leave it: Chad's and Togo's meetings committed to the WAL and
 * not yet copied into the file (no checkpoint ran), which a restore must not lose.
 */
function databaseWithCommitsInItsWal(): void {
  const folder = tempDir();
  scratch.push(folder);
  const bot = createTestBot({ dir: folder });
  bot.database.sqlite.pragma('wal_autocheckpoint = 0');
  bot.say('meeting Chad held');
  bot.say('meeting Togo held');
  for (const suffix of ['', '-wal']) cpSync(join(folder, `ccm.sqlite${suffix}`), dbPath + suffix);
  bot.close();
  expect(statSync(`${dbPath}-wal`).size).toBeGreaterThan(0);
}

/** Starts the bot in this process on the folder, as the next start would; returns its log. */
function nextStart(): Record<string, unknown>[] {
  const log = capturedLog('info');
  createTestBot({ dir, log: log.log }).close();
  return log.lines;
}

describe('a restore killed after each of its steps', () => {
  it.each(RESTORE_STEPS)('leaves the old or the new log at CCM_DB_PATH, never none, and no file others can read: killed after "%s"', async (step) => {
    databaseWithCommitsInItsWal();
    const backup = backupFile();
    const run = await runCcm(['restore', backup], { ...env(), CCM_TEST_KILL_AFTER: `restore:${step}` });
    expect(run.code).toBeNull();
    expect(readableByOthers()).toEqual([]);
    expect(existsSync(dbPath)).toBe(true);
    expect(entryStates(dbPath)).toEqual(step === 'swapped' ? ['KEN'] : ['TCD', 'TGO']);
    // The kept log, once there, holds every commit the WAL had.
    const kept = readdirSync(dir).filter((name) => name.includes('before-restore-'));
    expect(kept).toHaveLength(RESTORE_STEPS.indexOf(step) >= RESTORE_STEPS.indexOf('kept') ? 1 : 0);
    if (kept[0]) expect(entryStates(join(dir, kept[0]))).toEqual(['TCD', 'TGO']);

    const log = nextStart();
    expect(readdirSync(dir).filter((name) => name.includes('.restoring'))).toEqual([]);
    const removed = log.filter((line) => line.message === 'removed a copy left by an interrupted backup or restore').map((line) => line.file);
    expect(removed).toEqual(step === 'swapped' ? [] : [`${dbPath}.restoring`]);
  });

  it('finishes with the new log and no WAL beside it, when not killed (in this process, under umask 022)', () => {
    databaseWithCommitsInItsWal();
    restoreDatabase(backupFile(), dbPath, new Date());
    expect(readdirSync(dir).filter((name) => /-wal$|-shm$|\.restoring/.test(name))).toEqual([]);
    expect(readableByOthers()).toEqual([]);
    expect(entryStates(dbPath)).toEqual(['KEN']);
  });
});

describe('a backup killed after each of its steps', () => {
  it.each(BACKUP_STEPS)('leaves no copy others can read, and the next start removes its partial copy: killed after "%s"', async (step) => {
    logWith(dir, 'Kenya').close();
    const dest = join(dir, 'backup.sqlite');
    const run = await runCcm(['backup', dest], { ...env(), CCM_TEST_KILL_AFTER: `backup:${step}` });
    expect(run.code).toBeNull();
    expect(readableByOthers()).toEqual([]);
    expect(existsSync(`${dest}.partial`)).toBe(step !== 'renamed');

    const log = nextStart();
    expect(readdirSync(dir).filter((name) => name.includes('.partial'))).toEqual([]);
    const removed = log.filter((line) => line.message === 'removed a copy left by an interrupted backup or restore').map((line) => line.file);
    expect(removed).toEqual(step === 'renamed' ? [] : [`${dest}.partial`]);
    if (step === 'renamed') expect(entryStates(dest)).toEqual(['KEN']);
  });
});

describe('a start', () => {
  it('makes a database others could read, with its WAL, readable by its owner only, and says so in the log', () => {
    const bot = logWith(dir, 'Kenya');
    bot.database.sqlite.pragma('wal_autocheckpoint = 0');
    bot.say('meeting Chad held');
    for (const suffix of ['', '-wal']) chmodSync(dbPath + suffix, 0o644);
    const log = capturedLog('info');
    const again = createTestBot({ dir, log: log.log });
    bot.close();
    again.close();
    expect(readableByOthers()).toEqual([]);
    expect(log.lines.filter((line) => line.message === 'made a database file readable by its owner only: it holds the whole log')).toEqual([
      expect.objectContaining({ file: dbPath, from: '0644', to: '0600' }),
      expect.objectContaining({ file: `${dbPath}-wal`, from: '0644', to: '0600' }),
    ]);
  });

  it('leaves alone the partial copy of a backup still running', () => {
    logWith(dir, 'Kenya').close();
    writeFileSync(join(dir, 'today.sqlite.partial'), '', { mode: 0o600 });
    const backupRunning = holdInUse(dbPath, 0, 'backup');
    try {
      expect(nextStart().filter((line) => line.message === 'removed a copy left by an interrupted backup or restore')).toEqual([]);
      expect(existsSync(join(dir, 'today.sqlite.partial'))).toBe(true);
    } finally {
      backupRunning?.release();
    }
    nextStart();
    expect(existsSync(join(dir, 'today.sqlite.partial'))).toBe(false);
  });

  it('refuses to start an empty log where a restore kept the real one aside, and says how to undo it, finish it or start empty', async () => {
    databaseWithCommitsInItsWal();
    // As the restore before this version left it when killed between its two renames.
    const kept = `${dbPath}.before-restore-2026-11-28T10-00-00-000Z`;
    for (const suffix of ['', '-wal']) cpSync(dbPath + suffix, kept + suffix);
    for (const suffix of ['', '-wal']) rmSync(dbPath + suffix);
    const start = await runCcm(['shell'], env());
    expect(start.code).toBe(1);
    const undo = `mv ${kept} ${dbPath} && mv ${kept}-wal ${dbPath}-wal`;
    expect(start.err).toBe(
      [
        `ccm: There is no database at ${dbPath}, but a restore kept the one it replaced as ${kept}: the restore did not finish, and ccm-bot will not start an empty log in its place.`,
        `  To undo the restore (the log as it was before it): ${undo}`,
        '  To finish the restore: ccm restore <the backup file>',
        '  To start an empty log on purpose: ccm init',
        '',
      ].join('\n'),
    );
    expect(existsSync(dbPath)).toBe(false);
    // With the restore's checked copy beside it, as the restore before this version left it: that copy finishes it.
    writeFileSync(`${dbPath}.restoring`, '');
    const err = new PassThrough();
    expect(await main(['shell'], env(), { stdin: new PassThrough(), stdout: new PassThrough(), stderr: err })).toBe(1);
    expect(String(err.read())).toContain(
      `  To finish the restore: mv ${dbPath}.restoring ${dbPath} (the checked copy it was putting in place), or ccm restore <the backup file>\n`,
    );
    rmSync(`${dbPath}.restoring`);
    execSync(undo);
    expect(entryStates(dbPath)).toEqual(['TCD', 'TGO']);
  });
});

describe('ccm init', () => {
  /** `ccm init` in this process: its exit code and what it wrote. */
  async function init(): Promise<{ code: number; out: string; err: string }> {
    const out = new PassThrough();
    const err = new PassThrough();
    const code = await main(['init'], env(), { stdin: new PassThrough(), stdout: out, stderr: err });
    return { code, out: String(out.read() ?? ''), err: String(err.read() ?? '') };
  }

  it('creates an empty, migrated database readable by its owner only, and refuses where there is one', async () => {
    writeFileSync(`${dbPath}.before-restore-2026-11-28T10-00-00-000Z`, '');
    expect(await init()).toEqual({ code: 0, out: `Created an empty database at ${dbPath}, readable by you only. Start the bot.\n`, err: '' });
    expect(entryStates(dbPath)).toEqual([]);
    expect(statSync(dbPath).mode & 0o077).toBe(0);
    const db = new Database(dbPath, { readonly: true });
    const migrations = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')).entries.length;
    expect(db.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(migrations);
    db.close();
    expect(await init()).toEqual({
      code: 1,
      out: '',
      err: `ccm init: There is a database at ${dbPath} already; ccm init only creates one where there is none. Nothing was changed.\n`,
    });
  });
});
