/**
 * Backups that restore. A backup is SQLite's online backup of the database, consistent as of
 * one instant while the bot goes on writing. A restore checks the file first (integrity, and a
 * schema this version can bring up to date), takes the database exclusively (see in-use.ts),
 * prepares the copy beside it, and only then swaps it in by a rename, keeping the replaced one.
 */
import { chmodSync, chownSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BUSY_TIMEOUT_MS, MIGRATIONS_FOLDER, openDatabase } from './database.ts';
import { holdInUse, takeExclusively } from './in-use.ts';

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

/**
 * Copies the database at `dbPath` to `dest` while the bot runs. The file appears only once
 * complete and checked, readable by its owner only: it holds the whole log.
 */
export async function backupDatabase(dbPath: string, dest: string): Promise<CopySummary> {
  if (!existsSync(dbPath)) throw new BackupError(`there is no database at ${dbPath} (CCM_DB_PATH), so nothing to back up.`);
  if (sameFile(dest, dbPath)) throw new BackupError(`${dest} is the database itself; name another file.`);
  if (!existsSync(dirname(resolve(dest)))) throw new BackupError(`the folder of ${dest} does not exist.`);
  // Marked in use, so that no restore swaps the file mid-copy; the bot and others go on.
  const inUse = holdInUse(dbPath, BUSY_TIMEOUT_MS);
  if (!inUse) throw new BackupError(`${dbPath} is being restored right now; back it up once the restore has finished.`);
  const partial = `${dest}.partial`;
  try {
    rmSync(partial, { force: true });
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
    const summary = settle(partial);
    renameSync(partial, dest);
    syncFolder(dest);
    return summary;
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the backup failed: ${(error as Error).message}.`);
  } finally {
    inUse.release();
  }
}

/**
 * Makes a fresh copy a self-contained file (no -wal beside it is ever needed to read it),
 * checks it, and makes it readable by its owner only.
 */
function settle(copy: string): CopySummary {
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
  return { entries, bytes: statSync(copy).size };
}

/** `PRAGMA integrity_check`'s findings; none when the file is sound. */
function integrityProblems(db: Database.Database): string[] {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  // One finding a line; a row can hold several, under a heading naming the schema.
  return rows.flatMap((r) => r.integrity_check.split('\n')).filter((line) => line !== 'ok' && !line.startsWith('*** '));
}

function countEntries(db: Database.Database): number {
  return db.prepare('SELECT count(*) FROM entries').pluck().get() as number;
}

/** A backup's schema against the shipped migrations: those it lacks, and those unknown here. */
export interface SchemaComparison {
  /** Shipped migrations the file has not had yet (their tags): applied by the restore. */
  pending: string[];
  /** Migrations in the file that this version does not ship: a newer (or other) version made it. */
  unknown: number;
}

/** Reads drizzle's record of applied migrations in `db` against the journal of `migrationsFolder`. */
function compareSchema(db: Database.Database, migrationsFolder: string = MIGRATIONS_FOLDER): SchemaComparison | undefined {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!table) return undefined;
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { when: number; tag: string }[] };
  const shipped = new Set(journal.entries.map((e) => e.when));
  const applied = (db.prepare('SELECT created_at FROM __drizzle_migrations').pluck().all() as (number | string)[]).map(Number);
  // drizzle applies every shipped migration later than the last one applied.
  const last = Math.max(0, ...applied);
  return { pending: journal.entries.filter((e) => e.when > last).map((e) => e.tag), unknown: applied.filter((when) => !shipped.has(when)).length };
}

/** What a restore did. */
export interface RestoreSummary extends CopySummary {
  /** Migrations applied to bring the backup up to this version. */
  migrated: string[];
  /** Where the database it replaced was kept; undefined when there was none. */
  keptAs: string | undefined;
}

/**
 * Replaces the database at `dbPath` with the backup `file`, after checking it. Refuses while
 * any ccm process (the bot first of all) has the database open. Nothing changes on a refusal.
 */
export function restoreDatabase(file: string, dbPath: string, now: Date): RestoreSummary {
  if (sameFile(file, dbPath)) throw new BackupError(`${file} is the database itself; name a backup file.`);
  const source = openBackup(file);
  try {
    const problems = integrityProblems(source);
    if (problems.length > 0) {
      throw new BackupError(
        `${file} failed its integrity check (${problems.length === 1 ? problems[0] : `${problems[0]}, and ${problems.length - 1} more`}). Use another backup.`,
      );
    }
    const schema = compareSchema(source);
    if (!schema) throw new BackupError(`${file} is not a ccm-bot database (it has no record of migrations).`);
    if (schema.unknown > 0) {
      throw new BackupError(
        `${file} was made by a newer version of ccm-bot (${schema.unknown} migration${schema.unknown === 1 ? '' : 's'} this version does not have). Restore it with that version or a later one.`,
      );
    }
    mkdirSync(dirname(resolve(dbPath)), { recursive: true });
    const inUse = takeExclusively(dbPath);
    if (!inUse) {
      throw new BackupError(
        `the database ${dbPath} is in use by a running ccm-bot (or another ccm command). Stop the bot first (e.g. systemctl stop ccm-bot), then run ccm restore again.`,
      );
    }
    try {
      return swapIn(source, dbPath, now, schema.pending);
    } finally {
      inUse.release();
    }
  } finally {
    source.close();
  }
}

function openBackup(file: string): Database.Database {
  if (!existsSync(file)) throw new BackupError(`there is no file ${file}.`);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db?.close();
    throw new BackupError(`${file} cannot be read as an SQLite database: ${(error as Error).message}.`);
  }
}

/**
 * Prepares the copy beside the database (a rename never crosses file systems), brings it up to
 * date, then moves the current database and its WAL aside and renames the copy into place. A
 * stale -wal left next to the new file would be replayed into it, so none is left.
 */
function swapIn(source: Database.Database, dbPath: string, now: Date, pending: string[]): RestoreSummary {
  const ready = `${dbPath}.restoring`;
  let keptAs: string | undefined;
  const walAndJournal = ['-wal', '-journal'];
  try {
    rmSync(ready, { force: true });
    source.exec(`VACUUM INTO '${ready.replaceAll("'", "''")}'`);
    openDatabase(ready, MIGRATIONS_FOLDER, { markInUse: false }).close();
    const summary = settle(ready);
    if (existsSync(dbPath)) sameOwnerAndMode(ready, dbPath);
    // From here on, the database is replaced: first kept aside, then the copy renamed in.
    if (existsSync(dbPath)) {
      keptAs = `${dbPath}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      renameSync(dbPath, keptAs);
      // Its WAL goes with it under the matching name, so the kept file opens with every commit.
      for (const suffix of walAndJournal) if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, keptAs + suffix);
    }
    rmSync(`${dbPath}-shm`, { force: true });
    renameSync(ready, dbPath);
    syncFolder(dbPath);
    return { ...summary, migrated: pending, keptAs };
  } catch (error) {
    // Back as it was: the database where it stood, the copy gone.
    if (keptAs && !existsSync(dbPath)) {
      renameSync(keptAs, dbPath);
      for (const suffix of walAndJournal) if (existsSync(keptAs + suffix)) renameSync(keptAs + suffix, dbPath + suffix);
    }
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(ready + suffix, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the restore failed: ${(error as Error).message}.`);
  }
}

/** The restored file gets the replaced one's owner and permissions (a restore run as root must not lock the bot's user out). */
function sameOwnerAndMode(file: string, like: string): void {
  const { uid, gid, mode } = statSync(like);
  chmodSync(file, mode & 0o777);
  if (process.getuid?.() === 0) chownSync(file, uid, gid);
}

/** Flushes a rename to disk: the folder's entry, not only the file's content. */
function syncFolder(file: string): void {
  const fd = openSync(dirname(resolve(file)), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function sameFile(a: string, b: string): boolean {
  const real = (path: string) => (existsSync(path) ? realpathSync(path) : resolve(path));
  return real(a) === real(b);
}
