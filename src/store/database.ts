/**
 * Opening the SQLite file and bringing its schema up to date. Called once, from the
 * composition root; importing this module does nothing.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle, migrate } from './orm.ts';
import { markIfUnmarked } from './database-kind.ts';
import { type Housekeeping, interruptedRestore, interruptedRestoreAdvice, tidyDatabaseFolder } from './database-folder.ts';
import { type DatabaseLock, holdInUse } from './in-use.ts';
import { ensurePrivateFile } from './private-file.ts';
import * as schema from './schema.ts';
import { storageProblem } from './storage-problem.ts';

/** drizzle over the connection; `$client` is the connection itself, for the statements the store runs directly. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenDatabase {
  db: Db;
  /** The underlying connection, for pragmas and closing. */
  sqlite: Database.Database;
  close(): void;
  /** What the start did to the files beside the database (see database-folder.ts); none for `:memory:` or a restore's copy. */
  housekeeping: Housekeeping | undefined;
}

/** The database file cannot be opened or brought up to date; the message says which and why. */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

/** A start found the log kept aside by a restore that did not finish; the message gives the commands that finish or undo it. */
export class InterruptedRestoreError extends DatabaseError {
  override name = 'InterruptedRestoreError';
}

/** The migrations shipped with the code, wherever the process was started from. */
export const MIGRATIONS_FOLDER = resolve(import.meta.dirname, '../../migrations');

/**
 * How long a statement waits for another connection's write lock before SQLITE_BUSY while the
 * database is opened, migrated and the plans synced: nothing is served yet, so a wait holds
 * nobody up. Once serving, writes wait only a few milliseconds and retry on a timer instead
 * (see busy.ts), since better-sqlite3 waits on the one thread that answers every request.
 */
export const BUSY_TIMEOUT_MS = 1000;

/**
 * Opens (creating if needed) the database file and applies pending migrations. `:memory:`
 * works too, for benchmarks. A file is marked as in use by this process until closed (see
 * in-use.ts), so that `ccm restore` never replaces it underneath, and the files beside it are
 * tidied (see database-folder.ts); `markInUse: false` leaves out both, for a restore's own copy.
 * A new file is created readable by its owner only, and never where a restore left the real
 * log aside; `create: 'only'` (`ccm init`) creates one there on purpose, and nothing else.
 */
export function openDatabase(
  path: string,
  migrationsFolder: string = MIGRATIONS_FOLDER,
  options: { markInUse?: boolean; create?: 'if-missing' | 'only' } = {},
): OpenDatabase {
  let sqlite: Database.Database;
  let inUse: DatabaseLock | undefined;
  let housekeeping: Housekeeping | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    if (path !== ':memory:' && options.markInUse !== false) {
      inUse = holdInUse(path, BUSY_TIMEOUT_MS);
      if (!inUse) throw new DatabaseError(`The database ${path} is being restored (ccm restore holds it). Start again when the restore has finished`);
      if (options.create === 'only' && existsSync(path))
        throw new DatabaseError(`There is a database at ${path} already; ccm init only creates one where there is none`);
      const kept = options.create === 'only' ? undefined : interruptedRestore(path);
      if (kept) throw new InterruptedRestoreError(interruptedRestoreAdvice(path, kept));
      housekeeping = tidyDatabaseFolder(path);
    }
    if (path !== ':memory:') ensurePrivateFile(path);
    sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
  } catch (error) {
    inUse?.release();
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(`Cannot open the database ${path}: ${(error as Error).message}`);
  }
  // WAL (set above) lets the scheduler and an operator's `ccm` command read while the bot
  // writes; busy_timeout makes a second process wait for a lock (while opening, see above).
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // FULL syncs the WAL at every commit: an acknowledged command survives a power cut or an
  // operating system crash, not only the process dying (which NORMAL already survives).
  sqlite.pragma('synchronous = FULL');
  const close = () => {
    sqlite.close();
    inUse?.release();
  };
  const db = drizzle(sqlite, { schema });
  // drizzle runs all pending migrations in one transaction, where PRAGMA foreign_keys has no
  // effect; a migration that rebuilds a table needs them off, so they are switched here.
  sqlite.pragma('foreign_keys = OFF');
  const appliedBefore = appliedMigrations(sqlite);
  try {
    migrate(db, { migrationsFolder });
  } catch (error) {
    const problem = storageProblem(error);
    if (!problem) throw error;
    close();
    throw new DatabaseError(`Cannot bring the database ${path} up to date (${problem.code}): ${problem.hint}`);
  } finally {
    if (sqlite.open) sqlite.pragma('foreign_keys = ON');
  }
  // Only migrations run with foreign keys off, so only a start that applied one checks them.
  // The check reads every table in full: on a large log, a long start and some 16 MiB of SQLite
  // page cache filled with rows no command needs (its default size, held for the process's life).
  const problems = appliedMigrations(sqlite) === appliedBefore ? [] : (sqlite.pragma('foreign_key_check') as unknown[]);
  if (problems.length > 0) {
    close();
    throw new DatabaseError(`Database ${path} has ${problems.length} broken references after migration`);
  }
  // A new database is the real log unless a rehearsal marked it first (see database-kind.ts).
  if (appliedBefore === 0) markIfUnmarked(sqlite, 'real');
  return { db, sqlite, close, housekeeping };
}

/** How many migrations drizzle has recorded as applied (none in a new file). */
function appliedMigrations(sqlite: Database.Database): number {
  const journal = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  return journal ? (sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number) : 0;
}
