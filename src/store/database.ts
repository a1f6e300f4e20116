/**
 * Opening the SQLite file and bringing its schema up to date. Called once, from the
 * composition root; importing this module does nothing.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle, migrate } from './orm.ts';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenDatabase {
  db: Db;
  /** The underlying connection, for pragmas and closing. */
  sqlite: Database.Database;
  close(): void;
}

/** The database file cannot be opened or brought up to date; the message says which and why. */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

/** The migrations shipped with the code, wherever the process was started from. */
export const MIGRATIONS_FOLDER = resolve(import.meta.dirname, '../../migrations');

/**
 * Opens (creating if needed) the database file and applies pending migrations.
 * `:memory:` works too, for benchmarks.
 */
export function openDatabase(path: string, migrationsFolder: string = MIGRATIONS_FOLDER): OpenDatabase {
  let sqlite: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
  } catch (error) {
    throw new DatabaseError(`Cannot open the database ${path}: ${(error as Error).message}`);
  }
  // WAL (set above) lets the scheduler and an operator's `ccm` command read while the bot
  // writes; busy_timeout makes a second process wait for a lock instead of failing at once.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema });
  // drizzle runs all pending migrations in one transaction, where PRAGMA foreign_keys has no
  // effect; a migration that rebuilds a table needs them off, so they are switched here.
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder });
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
  const problems = sqlite.pragma('foreign_key_check') as unknown[];
  if (problems.length > 0) {
    sqlite.close();
    throw new DatabaseError(`Database ${path} has ${problems.length} broken references after migration`);
  }
  return { db, sqlite, close: () => sqlite.close() };
}
