/**
 * The database's checkpoints from a worker thread, against a real SQLite file: what a command
 * commits reaches the database file itself without the serving connection checkpointing.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLog } from '../src/log.ts';
import { FALLBACK_PAGES, SQLITE_CHECKPOINT_PAGES, startCheckpoints } from '../src/store/checkpoints.ts';
import { type OpenDatabase, openDatabase } from '../src/store/database.ts';
import { tempDir } from './support/harness.ts';

let dir: string;
let database: OpenDatabase;
beforeEach(() => {
  dir = tempDir();
  database = openDatabase(join(dir, 'ccm.sqlite'));
  // The schema in the file itself; what follows reaches it only through a checkpoint.
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

/** How many people the database file holds on its own, the log left aside (a copy without it). */
function peopleInFileAlone(): number {
  const copy = join(dir, `alone-${Math.random()}.sqlite`);
  copyFileSync(join(dir, 'ccm.sqlite'), copy);
  const alone = new Database(copy, { readonly: true });
  try {
    return alone.prepare('SELECT count(*) FROM people').pluck().get() as number;
  } finally {
    alone.close();
  }
}

const addPerson = (id: string) =>
  database.sqlite.prepare("INSERT INTO people (platform, platform_user_id, display_name, created_at) VALUES ('slack', ?, 'Ana', 'now')").run(id);

it('copies what was committed into the database file, while the serving connection only falls back', async () => {
  const checkpoints = startCheckpoints(database.sqlite, createLog('silent'), 10);
  expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_PAGES);
  addPerson('U1');
  addPerson('U2');
  const until = Date.now() + 10_000;
  while (peopleInFileAlone() < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(peopleInFileAlone()).toBe(2);
  await checkpoints.stop();
  expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(SQLITE_CHECKPOINT_PAGES);
});
