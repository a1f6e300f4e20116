/**
 * Rehearsal: the local shell as if it were another day (`ccm shell --today 2026-01-30`), so a
 * coordinator can rehearse a meeting week or reproduce what a report said. The real log must
 * never receive fake-dated entries, so a rehearsal needs a database file of its own and runs
 * with no chat platform.
 */
import { resolve } from 'node:path';
import { DEFAULT_DB_PATH, type Config } from './config.ts';
import { formatDate, parseIsoDate } from './domain/dates.ts';
import { instantAt, isoWithOffset } from './domain/time.ts';

export class RehearsalError extends Error {
  override name = 'RehearsalError';
}

export interface Rehearsal {
  /** The clock: that day, at the time of day it is now in the group's zone, moving on as time passes. */
  now: () => Date;
  /** The line every reply starts with. */
  banner: string;
}

/** The rehearsal clock for `typed` (YYYY-MM-DD), or why there can be none. */
export function rehearsal(typed: string, config: Config, chatRequested: boolean, realNow: () => Date = () => new Date()): Rehearsal {
  const day = parseIsoDate(typed);
  if (!day) throw new RehearsalError(`--today expects a date such as 2026-01-30, got "${typed}".`);
  if (resolve(config.dbPath) === resolve(DEFAULT_DB_PATH)) {
    throw new RehearsalError(
      `--today would write fake-dated entries into the real log (${config.dbPath}). Rehearse on a copy: ` +
        'CCM_DB_PATH=/tmp/rehearsal.sqlite ccm shell --today <date> (copy data/ccm.sqlite there first to start from the real log).',
    );
  }
  if (chatRequested) {
    throw new RehearsalError('--today runs only the local shell: a rehearsal never posts to a chat platform. Use `ccm shell --today <date>`.');
  }
  const start = realNow();
  const timeOfDay = isoWithOffset(start, config.timeZone).slice(11, 16);
  const offset = instantAt(day, timeOfDay, config.timeZone).getTime() - start.getTime();
  return {
    now: () => new Date(realNow().getTime() + offset),
    banner: `Rehearsal as of ${formatDate(day)} (${config.dbPath}): not the real log, nothing is posted.`,
  };
}
