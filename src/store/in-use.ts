/**
 * Who has the database open: every ccm process that opens it (the bot, `ccm tick`, `ccm
 * export`…) holds a shared lock on a small file beside it (`ccm.sqlite.lock`), and `ccm
 * restore` replaces the database only while it holds that lock exclusively.
 *
 * Why a lock and not a pid file: the lock is a POSIX record lock taken through SQLite, which
 * the operating system drops the moment its process ends, even on kill -9 or a power cut, so
 * it is never stale, and a reused pid cannot fool it. Why a file of its own and not the
 * database's locks: in WAL mode an idle bot holds no lock on the database a restore could
 * test, and the restore must keep the bot out while it swaps the file, which a lock on the
 * file being replaced cannot do.
 */
import Database from 'better-sqlite3';
import { ensurePrivateFile } from './private-file.ts';
import { storageProblem } from './storage-problem.ts';

/**
 * What a lock guards: `use` (the database open, see above) or `backup` (a `ccm backup` writing
 * its partial copy, which start-up must not sweep away as a leftover).
 */
export type LockPurpose = 'use' | 'backup';

/** The lock file of the database at `dbPath` for `purpose`. */
function lockPathOf(dbPath: string, purpose: LockPurpose): string {
  return purpose === 'use' ? `${dbPath}.lock` : `${dbPath}.${purpose}-lock`;
}

export interface DatabaseLock {
  release(): void;
}

/** Opens the lock file with no journal of its own: nothing is ever written to it. */
function openLock(dbPath: string, waitMs: number, purpose: LockPurpose): Database.Database {
  const path = lockPathOf(dbPath, purpose);
  ensurePrivateFile(path);
  const lock = new Database(path);
  lock.pragma('journal_mode = MEMORY');
  lock.pragma(`busy_timeout = ${waitMs}`);
  return lock;
}

/**
 * Marks the database as in use by this process until released. Waits `waitMs` for a restore
 * in progress; returns undefined when one still holds the database after that.
 */
export function holdInUse(dbPath: string, waitMs: number, purpose: LockPurpose = 'use'): DatabaseLock | undefined {
  const lock = openLock(dbPath, waitMs, purpose);
  try {
    // An open read transaction holds SQLite's shared lock on the file: any number of
    // processes can, and an exclusive lock (a restore) cannot be taken meanwhile.
    lock.exec('BEGIN');
    lock.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    lock.close();
    if (storageProblem(error)?.kind === 'busy') return undefined;
    throw error;
  }
  return { release: () => lock.close() };
}

/**
 * Takes the database for a restore: succeeds only when no other process has it open, and
 * keeps every ccm process from opening it until released. Undefined when it is in use.
 */
export function takeExclusively(dbPath: string, purpose: LockPurpose = 'use'): DatabaseLock | undefined {
  const lock = openLock(dbPath, 0, purpose);
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if (storageProblem(error)?.kind === 'busy') return undefined;
    throw error;
  }
  return { release: () => lock.close() };
}
