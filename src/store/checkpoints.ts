/**
 * Copying the write-ahead log back into the database file (a WAL checkpoint) from a worker
 * thread, off the path of requests.
 *
 * Left to itself, SQLite checkpoints inside the COMMIT that takes the log past 1,000 pages. A
 * logged meeting writes about 14 pages (the entry and its indexes, the audit row and its
 * indexes, the receipt), so one command in ~70 waited 3.5–8 ms (on a 100,000-entry log) before
 * its answer could go, and every request queued behind it waited too. The worker's own
 * connection checkpoints every {@link CHECKPOINT_INTERVAL_MS} instead, PASSIVE: it never waits
 * for, nor holds up, a reader or the writer. The serving connection keeps SQLite's own
 * checkpoint as a fallback at {@link FALLBACK_PAGES}, for a worker that falls behind or stops.
 * Durability is unchanged: a command is on disk once its COMMIT has synced the log.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Log } from '../log.ts';

/**
 * How often the worker checkpoints; one with nothing to copy costs next to nothing. Once a
 * second, as often as Litestream (see docs/operating.md, "Backups") reads the log by default; the
 * checkpoints are PASSIVE, as SQLite's own are.
 */
const CHECKPOINT_INTERVAL_MS = 1000;
/** The serving connection's own checkpoint while the worker runs (40 MB of log at most)… */
export const FALLBACK_PAGES = 10_000;
/** …and after it stops: SQLite's default. */
export const SQLITE_CHECKPOINT_PAGES = 1000;

// Plain JavaScript, run as the worker's CommonJS script; it reports each new failure once.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
let failing;
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    failing = undefined;
  } catch (error) {
    const message = String(error && error.message);
    if (message !== failing) parentPort.postMessage(message);
    failing = message;
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpoints {
  /** Stops the worker (after the checkpoint it may be doing) and gives SQLite its own checkpoint back. */
  stop(): Promise<void>;
}

/**
 * While Litestream replicates the database, it checkpoints: it copies the WAL to the replica
 * first, and holds a read transaction so that nobody else's checkpoint goes past what it has
 * read (measured: with Litestream running, the worker's checkpoints copied nothing). So the
 * serving connection's own autocheckpoint is off (Litestream's advice) until stopped.
 */
export function leaveCheckpointsToLitestream(sqlite: Database.Database): Checkpoints {
  sqlite.pragma('wal_autocheckpoint = 0');
  return {
    stop: async () => {
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_CHECKPOINT_PAGES}`);
    },
  };
}

/** Checkpoints the database of `sqlite` from a worker thread until stopped; none for an in-memory database. */
export function startCheckpoints(sqlite: Database.Database, log: Log, intervalMs = CHECKPOINT_INTERVAL_MS): Checkpoints {
  if (sqlite.memory) return { stop: async () => {} };
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, path: sqlite.name, intervalMs } });
  // Never what keeps the process alive: a shutdown stops it, and an exit ends it anyway.
  worker.unref();
  const ownCheckpoints = () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_CHECKPOINT_PAGES}`);
  };
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  worker.on('message', (error: string) => log.warn('checkpoint failed; SQLite checkpoints by itself past the fallback', { error, pages: FALLBACK_PAGES }));
  worker.once('error', (error) => {
    log.error('the checkpoint worker stopped; SQLite checkpoints by itself', { error: error.message });
    ownCheckpoints();
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Held until it has closed its connection: waiting on an unreferenced worker, the
      // process could end first.
      worker.ref();
      worker.postMessage('stop');
      await exited;
      ownCheckpoints();
    },
  };
}
