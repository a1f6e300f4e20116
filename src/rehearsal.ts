/**
 * Rehearsal: the local shell as if it were another day (`ccm shell --today 2026-01-30`), so a
 * coordinator can rehearse a meeting week or reproduce what a report said. The real log must
 * never receive fake-dated entries, so a rehearsal runs only on a database marked as a
 * rehearsal's (see store/database-kind.ts): a new file becomes one, and stays one across
 * runs; `--copy-of <real log>` starts one from a copy of the real entries. Whatever the path,
 * the real log is refused, and a rehearsal's database never serves Slack or Teams nor posts.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DEFAULT_DB_PATH, type Config } from './config.ts';
import { type OperatorCommand, rehearsalOperatorCommand } from './core/operator-command.ts';
import { formatDate, parseIsoDate } from './domain/dates.ts';
import { instantAt, isoWithOffset } from './domain/time.ts';
import { BackupError, backupDatabase } from './store/backup.ts';
import { databaseKindAt, markAsRehearsal } from './store/database-kind.ts';
import { interruptedRestore, interruptedRestoreAdvice } from './store/database-folder.ts';

export class RehearsalError extends Error {
  override name = 'RehearsalError';
}

/** `--today <date> [--copy-of <file>]` as typed after `ccm shell`. */
export interface RehearsalRequest {
  today: string;
  /** The database to copy into a new rehearsal database first. */
  copyOf?: string;
}

export interface Rehearsal {
  /** The clock: that day, at the time of day it is now in the group's zone, moving on as time passes. */
  now: () => Date;
  /** The line every reply starts with. */
  banner: string;
  /** `ccm` commands as replies spell them: on the rehearsal's database, as of its clock. */
  operatorCommand: OperatorCommand;
}

/** The rehearsal clock for `typed` (YYYY-MM-DD), or why there can be none. */
export function rehearsal(typed: string, config: Config, chatRequested: boolean, realNow: () => Date = () => new Date()): Rehearsal {
  const day = parseIsoDate(typed);
  if (!day) throw new RehearsalError(`--today expects a date such as 2026-01-30, got "${typed}".`);
  if (resolve(config.dbPath) === resolve(DEFAULT_DB_PATH)) {
    throw new RehearsalError(
      `--today would write fake-dated entries into the real log (${config.dbPath}). Rehearse on another file, which becomes a rehearsal database: ` +
        'CCM_DB_PATH=/tmp/rehearsal.sqlite ccm shell --today <date> (add --copy-of data/ccm.sqlite to start from a copy of the real log).',
    );
  }
  if (chatRequested) {
    throw new RehearsalError('--today runs only the local shell: a rehearsal never posts to a chat platform. Use `ccm shell --today <date>`.');
  }
  const start = realNow();
  const timeOfDay = isoWithOffset(start, config.timeZone).slice(11, 16);
  const offset = instantAt(day, timeOfDay, config.timeZone).getTime() - start.getTime();
  const now = () => new Date(realNow().getTime() + offset);
  return {
    now,
    // Rounded up to the second the instant is written in, so that what was just logged is in it.
    operatorCommand: rehearsalOperatorCommand(config.dbPath, () => isoWithOffset(new Date(Math.ceil(now().getTime() / 1000) * 1000), config.timeZone)),
    banner: `Rehearsal as of ${formatDate(day)} (${config.dbPath}): not the real log, nothing is posted.`,
  };
}

/**
 * Readies `config.dbPath` for a rehearsal before anything opens it: refuses the real log
 * (whatever its path, however CCM_DB_PATH was set), marks a new file as a rehearsal's, or
 * fills it with a consistent copy of `copyOf` (the backup's own copy, which leaves the
 * original untouched). A rehearsal's database from an earlier run is used as it is.
 */
export async function prepareRehearsalDatabase(config: Config, copyOf: string | undefined): Promise<void> {
  const path = config.dbPath;
  const kind = databaseKindAt(path);
  if (kind === 'real') {
    throw new RehearsalError(
      `${path} (CCM_DB_PATH) is the real log, not a rehearsal database: a rehearsal would write fake-dated entries into it. ` +
        `Name a new file, which becomes a rehearsal database (CCM_DB_PATH=/tmp/rehearsal.sqlite ccm shell --today <date>), adding --copy-of ${path} to start from a copy of the real log.`,
    );
  }
  // No rehearsal database where a restore left the real log aside: it would hide the real one.
  const kept = kind === 'new' ? interruptedRestore(path) : undefined;
  if (kept) throw new RehearsalError(interruptedRestoreAdvice(path, kept));
  if (copyOf === undefined) {
    if (kind === 'new') {
      mkdirSync(dirname(resolve(path)), { recursive: true });
      markAsRehearsal(path);
    }
    return;
  }
  if (kind === 'rehearsal') {
    throw new RehearsalError(
      `--copy-of makes a new rehearsal database, and ${path} already is one (its entries would be replaced). Name a new file in CCM_DB_PATH, or leave out --copy-of to go on with this one.`,
    );
  }
  mkdirSync(dirname(resolve(path)), { recursive: true });
  try {
    await backupDatabase(copyOf, path);
  } catch (error) {
    if (error instanceof BackupError) throw new RehearsalError(`--copy-of ${copyOf}: ${error.message}`);
    throw error;
  }
  markAsRehearsal(path);
}

/**
 * Why `use` ("serve Slack or Teams", "post") cannot run on the database at `path`: it is a
 * rehearsal's, whose entries are not the group's. Undefined when it is the real log, or new.
 */
export function rehearsalRefusal(path: string, use: string): string | undefined {
  if (databaseKindAt(path) !== 'rehearsal') return undefined;
  return `${path} is a rehearsal database (made by ccm shell --today), not the real log: ccm-bot does not ${use} from it. Set CCM_DB_PATH to the real log.`;
}

/** The line a command that only reads (or rehearses) prints first on a rehearsal's database; undefined on the real log. */
export function rehearsalNotice(path: string): string | undefined {
  return databaseKindAt(path) === 'rehearsal' ? `ccm: ${path} is a rehearsal database (made by ccm shell --today), not the real log.\n` : undefined;
}
