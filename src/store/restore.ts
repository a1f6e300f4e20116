/**
 * Restores that a crash cannot turn into a missing log. A restore checks the backup first
 * (integrity, and a schema this version can bring up to date), takes the database exclusively
 * (see in-use.ts), prepares the copy beside it, and only then swaps it in by one rename,
 * keeping the replaced one under a second name. Every file it writes is readable by its owner
 * only from birth.
 */
import { chownSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type AfterStep, BackupError, type CopySummary, integrityProblems, sameFile, settle, syncFolder } from './backup.ts';
import { MIGRATIONS_FOLDER, openDatabase } from './database.ts';
import { COMPANIONS, keptByRestore, removeWithCompanions } from './database-folder.ts';
import { takeExclusively } from './in-use.ts';
import { ensurePrivateFile } from './private-file.ts';

/** A restore's steps, in order: at no instant between two of them is the database missing. */
export const RESTORE_STEPS = ['copied', 'checkpointed', 'kept', 'cleared', 'swapped'] as const;

/** A backup's schema against the shipped migrations: those it lacks, and those unknown here. */
interface SchemaComparison {
  /** Shipped migrations the file has not had yet (their tags): applied by the restore. */
  pending: string[];
  /** Migrations in the file that this version does not ship: a newer (or other) version made it. */
  unknown: number;
}

/** Reads drizzle's record of applied migrations in `db` against the journal of `migrationsFolder`. */
export function compareSchema(db: Database.Database, migrationsFolder: string = MIGRATIONS_FOLDER): SchemaComparison | undefined {
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
export function restoreDatabase(file: string, dbPath: string, now: Date, afterStep: AfterStep = () => {}): RestoreSummary {
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
    if (!inUse) throw new BackupError(restoreRefusal(dbPath));
    try {
      return swapIn(source, dbPath, now, schema.pending, afterStep);
    } finally {
      inUse.release();
    }
  } finally {
    source.close();
  }
}

/** Why a restore is refused while a ccm process has the database open. */
export function restoreRefusal(dbPath: string): string {
  return `the database ${dbPath} is in use by a running ccm-bot (or another ccm command). Stop the bot first (e.g. systemctl stop ccm-bot), then run ccm restore again.`;
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
 * Prepares the copy beside the database (a rename never crosses file systems) and brings it up
 * to date. Then, the database held exclusively: every commit in its WAL is written into the
 * file (a checkpoint), the file gets a second name, `before-restore-<time>`, kept, and the copy
 * is renamed over it in one step. So the database is never missing, not even for an instant,
 * and no stale WAL is left beside the new file, to be replayed into it.
 */
function swapIn(source: Database.Database, dbPath: string, now: Date, pending: string[], afterStep: AfterStep): RestoreSummary {
  const ready = `${dbPath}.restoring`;
  let keptAs: string | undefined;
  let swapped = false;
  try {
    removeWithCompanions(ready);
    ensurePrivateFile(ready);
    source.exec(`VACUUM INTO '${ready.replaceAll("'", "''")}'`);
    openDatabase(ready, MIGRATIONS_FOLDER, { markInUse: false }).close();
    const summary = settle(ready);
    const current = existsSync(dbPath);
    if (current) sameOwner(ready, dbPath);
    afterStep('copied');
    if (current) {
      checkpointFully(dbPath);
      afterStep('checkpointed');
      keptAs = keptByRestore(dbPath, now);
      linkSync(dbPath, keptAs);
      afterStep('kept');
    }
    // Empty after the checkpoint: nothing in them belongs to the file about to take the name.
    for (const suffix of COMPANIONS) rmSync(dbPath + suffix, { force: true });
    afterStep('cleared');
    renameSync(ready, dbPath);
    swapped = true;
    afterStep('swapped');
    syncFolder(dbPath);
    return { ...summary, migrated: pending, keptAs };
  } catch (error) {
    // Back as it was: the database never left its place; the copy and the second name go.
    removeWithCompanions(ready);
    if (keptAs && !swapped) rmSync(keptAs, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the restore failed: ${(error as Error).message}.`);
  }
}

/**
 * Writes every commit in the database's WAL into the file itself, and empties the WAL, so that
 * the file alone holds the whole log. Only a connection from outside ccm (ccm processes are
 * kept out by the exclusive lock) can stop it: then nothing is changed.
 */
function checkpointFully(dbPath: string): void {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    if (result && result.busy !== 0)
      throw new BackupError(
        `another program (a sqlite3 shell?) has ${dbPath} open, so its latest changes cannot be written into the file. Close it, then run ccm restore again.`,
      );
  } finally {
    db.close();
  }
  const wal = `${dbPath}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0)
    throw new BackupError(`${wal} still holds changes after a checkpoint; close any program that has the database open, then run ccm restore again.`);
}

/**
 * The restored file gets the replaced one's owner (a restore run as root must not lock the
 * bot's user out), and stays readable by that owner only.
 */
function sameOwner(file: string, like: string): void {
  const { uid, gid } = statSync(like);
  if (process.getuid?.() === 0) chownSync(file, uid, gid);
}
