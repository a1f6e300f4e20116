/**
 * The files beside the database: the log itself, its WAL and shared memory, the lock files, and
 * what a backup or a restore writes there. They all hold (or lead to) the whole log, notes
 * included, so they are created readable by their owner only; a start sweeps away what an
 * interrupted backup or restore left, tightens a database that others could read, and refuses
 * to start an empty log where a restore left the real one aside.
 */
import { chmodSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { takeExclusively } from './in-use.ts';

/** What a file's name ends with once SQLite has a journal, WAL or shared memory beside it. */
export const COMPANIONS = ['-wal', '-shm', '-journal'] as const;

/**
 * A copy still being written: by `ccm backup` (`<file>.partial`) or `ccm restore`
 * (`ccm.sqlite.restoring`, and `ccm.sqlite.from-replica` from a replica).
 */
const UNFINISHED_COPY = /\.(partial|restoring|from-replica)(-wal|-shm|-journal)?$/;

/** Removes a database-like file and its journal, WAL and shared memory, if there. */
export function removeWithCompanions(path: string): void {
  for (const suffix of ['', ...COMPANIONS]) rmSync(path + suffix, { force: true });
}

/** Where a restore keeps the database it replaces: `ccm.sqlite.before-restore-<time>`. */
export function keptByRestore(dbPath: string, at: Date): string {
  return `${dbPath}.before-restore-${at.toISOString().replace(/[:.]/g, '-')}`;
}

/**
 * The database a restore kept aside, when there is no database at `dbPath`: the newest
 * `before-restore-*` beside it (its WAL aside). Undefined when the database is there or no
 * restore ever ran.
 */
export function interruptedRestore(dbPath: string): string | undefined {
  if (existsSync(dbPath)) return undefined;
  const prefix = `${basename(dbPath)}.before-restore-`;
  const kept = filesBeside(dbPath)
    .filter((name) => name.startsWith(prefix) && !COMPANIONS.some((suffix) => name.endsWith(suffix)))
    .sort();
  const newest = kept.at(-1);
  return newest === undefined ? undefined : join(dirname(resolve(dbPath)), newest);
}

/**
 * Why a start refuses a missing database when a restore kept one aside, and the commands that
 * finish or undo that restore (or start an empty log on purpose). The old restore's crash
 * between its two renames left exactly this; an empty log started here would hide the real one.
 */
export function interruptedRestoreAdvice(path: string, kept: string): string {
  const moves = ['', ...COMPANIONS]
    .filter((suffix) => existsSync(kept + suffix))
    .map((suffix) => `mv ${shellWord(kept + suffix)} ${shellWord(path + suffix)}`)
    .join(' && ');
  return [
    `There is no database at ${path}, but a restore kept the one it replaced as ${kept}: the restore did not finish, and ccm-bot will not start an empty log in its place.`,
    `  To undo the restore (the log as it was before it): ${moves}`,
    // Before this version, a restore killed between its two renames left its checked copy here too.
    existsSync(`${path}.restoring`)
      ? `  To finish the restore: mv ${shellWord(`${path}.restoring`)} ${shellWord(path)} (the checked copy it was putting in place), or ccm restore <the backup file>`
      : '  To finish the restore: ccm restore <the backup file>',
    '  To start an empty log on purpose: ccm init',
  ].join('\n');
}

/** `text` as one word for a POSIX shell: quoted unless it is plainly safe. */
function shellWord(text: string): string {
  return /^[\w./+:@-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** What a start did to the files beside the database, for its log. */
export interface Housekeeping {
  /** Files an interrupted backup or restore left, now removed. */
  removed: string[];
  /** Database files others could read, now readable by their owner only (modes before and after, in octal). */
  tightened: { file: string; from: string; to: string }[];
  /** Database files others can read that could not be changed (not ours, or immutable). */
  untightened: { file: string; mode: string; code: string }[];
}

/**
 * Run at start, holding the database in use (so no restore is under way): removes the copies
 * an interrupted backup or restore left beside the database, and takes group and other
 * permissions off the database, its WAL and shared memory. A copy of a backup still running
 * is left alone (see the `backup` lock in in-use.ts); the next start removes it if it is left.
 */
export function tidyDatabaseFolder(dbPath: string): Housekeeping {
  const folder = dirname(resolve(dbPath));
  const housekeeping: Housekeeping = { removed: [], tightened: [], untightened: [] };
  const noBackupRunning = takeExclusively(dbPath, 'backup');
  try {
    for (const name of filesBeside(dbPath).filter((n) => UNFINISHED_COPY.test(n))) {
      if (name.includes('.partial') && !noBackupRunning) continue;
      rmSync(join(folder, name), { force: true });
      housekeeping.removed.push(join(folder, name));
    }
  } finally {
    noBackupRunning?.release();
  }
  for (const file of ['', ...COMPANIONS, '.lock', '.backup-lock'].map((suffix) => resolve(dbPath) + suffix)) {
    const mode = existsSync(file) ? statSync(file).mode & 0o777 : 0;
    if ((mode & 0o077) === 0) continue;
    try {
      // Only group and others lose their permissions: a read-only database stays read-only.
      chmodSync(file, mode & 0o700);
      housekeeping.tightened.push({ file, from: octal(mode), to: octal(mode & 0o700) });
    } catch (error) {
      housekeeping.untightened.push({ file, mode: octal(mode), code: (error as NodeJS.ErrnoException).code ?? String(error) });
    }
  }
  return housekeeping;
}

function octal(mode: number): string {
  return `0${mode.toString(8)}`;
}

function filesBeside(dbPath: string): string[] {
  const folder = dirname(resolve(dbPath));
  return existsSync(folder) ? readdirSync(folder) : [];
}
