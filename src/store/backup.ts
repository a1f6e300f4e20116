/**
 * Backups that restore. A backup is SQLite's online backup of the database, consistent as of
 * one instant while the bot goes on writing, checked, and renamed into place once whole (the
 * restore is in restore.ts). Every file it writes is readable by its owner only from birth.
 */
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, realpathSync, renameSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BUSY_TIMEOUT_MS } from './database.ts';
import { removeWithCompanions } from './database-folder.ts';
import { holdInUse } from './in-use.ts';
import { ensurePrivateFile } from './private-file.ts';

/** A backup or restore that cannot go ahead; the message says why and what to do. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** Pages per backup step that mean "all of them". */
const ALL_PAGES = 0x7fffffff;

/** What a backup or restore copied. */
export interface CopySummary {
  entries: number;
  bytes: number;
}

/** A backup's steps, in order; a test's fault injection stops the process after each (see {@link AfterStep}). */
export const BACKUP_STEPS = ['copied', 'settled', 'renamed'] as const;

/**
 * Called after each step of a backup or restore, with its name. Does nothing in use; tests
 * kill the process there (CCM_TEST_KILL_AFTER, see main.ts) to prove a crash at any step
 * leaves the database whole and no copy readable by others.
 */
export type AfterStep = (step: string) => void;

/**
 * Copies the database at `dbPath` to `dest` while the bot runs. The file appears only once
 * complete and checked; it and its partial copy are readable by their owner only from birth:
 * they hold the whole log. A partial left by a crash beside the database is removed at the
 * next start (see database-folder.ts), and elsewhere by the next backup to the same file.
 */
export async function backupDatabase(dbPath: string, dest: string, afterStep: AfterStep = () => {}): Promise<CopySummary> {
  if (!existsSync(dbPath)) throw new BackupError(`there is no database at ${dbPath} (CCM_DB_PATH), so nothing to back up.`);
  if (sameFile(dest, dbPath)) throw new BackupError(`${dest} is the database itself; name another file.`);
  if (!existsSync(dirname(resolve(dest)))) throw new BackupError(`the folder of ${dest} does not exist.`);
  // Marked in use, so that no restore swaps the file mid-copy; the bot and others go on.
  const inUse = holdInUse(dbPath, BUSY_TIMEOUT_MS);
  if (!inUse) throw new BackupError(`${dbPath} is being restored right now; back it up once the restore has finished.`);
  // Marked as a backup too, so that a start does not sweep away this partial copy as a leftover
  // (a start holds that mark for the moment of its sweep only).
  const backingUp = holdInUse(dbPath, BUSY_TIMEOUT_MS, 'backup');
  if (!backingUp) {
    inUse.release();
    throw new BackupError(`a ccm process starting on ${dbPath} kept the backup waiting; run ccm backup again.`);
  }
  const partial = `${dest}.partial`;
  try {
    removeWithCompanions(partial);
    ensurePrivateFile(partial);
    // The log's files are left as they were (a rehearsal's copy relies on it). With a -wal
    // beside the database (the bot running, or stopped by a crash), read-only: closing the last
    // read-write connection would checkpoint it into the database. Without one, read-write:
    // a read-only connection would leave an empty -wal and -shm behind.
    const source = new Database(dbPath, { fileMustExist: true, readonly: existsSync(`${dbPath}-wal`) });
    try {
      // All pages in one step, under one read transaction: a copy of one instant. Copied in
      // several steps, a write by the bot between two steps would start the copy over.
      await source.backup(partial, { progress: () => ALL_PAGES });
    } finally {
      source.close();
    }
    afterStep('copied');
    const summary = settle(partial);
    afterStep('settled');
    renameSync(partial, dest);
    afterStep('renamed');
    syncFolder(dest);
    return summary;
  } catch (error) {
    removeWithCompanions(partial);
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the backup failed: ${(error as Error).message}.`);
  } finally {
    backingUp.release();
    inUse.release();
  }
}

/**
 * Makes a fresh copy a self-contained file (no -wal beside it is ever needed to read it),
 * checks it, and syncs it to disk before it is renamed into place. It was created readable by
 * its owner only, and stays so.
 */
export function settle(copy: string): CopySummary {
  const db = new Database(copy);
  let entries: number;
  try {
    db.pragma('journal_mode = DELETE');
    const problems = integrityProblems(db);
    if (problems.length > 0)
      throw new BackupError(`the copy failed its integrity check (${problems[0]}); the database itself may be damaged: restore an earlier backup.`);
    entries = countEntries(db);
  } finally {
    db.close();
  }
  chmodSync(copy, 0o600);
  syncFile(copy);
  return { entries, bytes: statSync(copy).size };
}

/** `PRAGMA integrity_check`'s findings; none when the file is sound. */
export function integrityProblems(db: Database.Database): string[] {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  // One finding a line; a row can hold several, under a heading naming the schema.
  return rows.flatMap((r) => r.integrity_check.split('\n')).filter((line) => line !== 'ok' && !line.startsWith('*** '));
}

function countEntries(db: Database.Database): number {
  return db.prepare('SELECT count(*) FROM entries').pluck().get() as number;
}

/** Flushes a rename to disk: the folder's entry, not only the file's content. */
export function syncFolder(file: string): void {
  syncFile(dirname(resolve(file)));
}

/** Flushes a file's content (or a folder's entries) to disk. */
function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function sameFile(a: string, b: string): boolean {
  const real = (path: string) => (existsSync(path) ? realpathSync(path) : resolve(path));
  return real(a) === real(b);
}
