/**
 * Writing while another connection (a `ccm` command, a backup tool, a sqlite3 shell) holds the
 * database's write lock, without stopping the process.
 *
 * better-sqlite3 is synchronous: a statement that waits for the lock waits on the one thread
 * that also answers every other request, /healthz included. So once the bot serves, a write
 * waits for the lock only {@link WRITE_LOCK_WAIT_MS}, then gives up with SQLITE_BUSY; the
 * caller tries again later with {@link retryWhileBusy}, which waits between attempts on a
 * timer, while the event loop serves everything else. Reads never need the lock (WAL: they
 * see the last committed state while another connection writes).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { OpenDatabase } from './database.ts';
import { storageProblem } from './storage-problem.ts';

/**
 * How long one write attempt waits for another connection's lock (SQLite's busy_timeout once
 * serving). Our own writes take about a millisecond, so most contention between our processes
 * clears within it; anything longer is waited out between attempts instead.
 */
const WRITE_LOCK_WAIT_MS = 5;

/** The first pause between two attempts, doubled after each one up to {@link LONGEST_PAUSE_MS}. */
const FIRST_PAUSE_MS = 10;
const LONGEST_PAUSE_MS = 250;

/** Whether `error` is SQLite saying another connection holds the lock (SQLITE_BUSY, SQLITE_LOCKED). */
export function isBusy(error: unknown): boolean {
  return storageProblem(error)?.kind === 'busy';
}

/**
 * From now on, writes on this connection wait for a lock only {@link WRITE_LOCK_WAIT_MS}. Called
 * once the database is open and up to date: opening, migrating and syncing the plans may wait
 * longer, since nothing is being served yet.
 */
export function stopWaitingForLocks(database: OpenDatabase): void {
  database.sqlite.pragma(`busy_timeout = ${WRITE_LOCK_WAIT_MS}`);
}

/**
 * Runs `attempt` until it is not refused as busy, pausing between attempts with backoff (10,
 * 20, 40 … 250 ms) without blocking the event loop. Once the next attempt would start after
 * `deadline` (a `performance.now()` time), the last busy error is thrown; any other error at once.
 *
 * @example
 * const reply = await retryWhileBusy(() => store.transaction(() => save(entry)), performance.now() + 2500);
 */
export async function retryWhileBusy<T>(attempt: () => T | Promise<T>, deadline: number, clock: () => number = () => performance.now()): Promise<T> {
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
    try {
      // Awaited, so that an attempt that is itself asynchronous is retried when it is refused as busy too.
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || clock() + pause > deadline) throw error;
    }
    await sleep(pause);
  }
}

/**
 * Runs a write nobody waits for (remembering a person's new name after a read): once, and not at
 * all when the database is busy; it is made again at the next occasion. Other errors are thrown.
 * Returns whether it ran.
 */
export function unlessBusy(write: () => void): boolean {
  try {
    write();
    return true;
  } catch (error) {
    if (isBusy(error)) return false;
    throw error;
  }
}
