/**
 * Whether a database file is the group's real log or a rehearsal's (`ccm shell --today`),
 * marked in the file itself when it is made, so that no path, variable or `.env` can make a
 * rehearsal write fake-dated entries into the real log, nor the bot post from a rehearsal.
 *
 * The mark is SQLite's application id (`PRAGMA application_id`, 4 bytes at offset 68 of the
 * file's header): it travels with every copy (`ccm backup`, `ccm restore`) and needs no table.
 * A file made before marks existed has 0 there, and is real.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ensurePrivateFile } from './private-file.ts';

export type DatabaseKind = 'real' | 'rehearsal';

/** "CCML" (the log) and "CCMR" (a rehearsal), as SQLite's application id. */
const APPLICATION_ID: Record<DatabaseKind, number> = { real: 0x43434d4c, rehearsal: 0x43434d52 };

/** Where SQLite keeps the application id in a database file's header (big-endian). */
const APPLICATION_ID_OFFSET = 68;

/**
 * What the file at `path` is, read from its header alone, without opening it with SQLite (which
 * could write to it or its -wal): `new` when there is no file yet, or an empty one. Anything
 * not marked as a rehearsal's is taken for real, so a doubt always protects the real log.
 * A rehearsal's mark is written before the file is ever in WAL mode, so the header has it.
 */
export function databaseKindAt(path: string): DatabaseKind | 'new' {
  if (!existsSync(path) || statSync(path).size === 0) return 'new';
  const header = Buffer.alloc(4);
  const file = openSync(path, 'r');
  try {
    if (readSync(file, header, 0, 4, APPLICATION_ID_OFFSET) < 4) return 'real';
  } finally {
    closeSync(file);
  }
  return header.readInt32BE(0) === APPLICATION_ID.rehearsal ? 'rehearsal' : 'real';
}

/**
 * Marks a database with no mark yet (a new one) as `kind`. A marked file keeps its mark: a
 * rehearsal's database never becomes the real log, nor the other way round.
 */
export function markIfUnmarked(sqlite: Database.Database, kind: DatabaseKind): void {
  if (sqlite.pragma('application_id', { simple: true }) === 0) sqlite.pragma(`application_id = ${APPLICATION_ID[kind]}`);
}

/**
 * Makes `path` a rehearsal's database before anything else opens it: a new file, or a fresh copy
 * (not yet in WAL mode), gets the rehearsal mark written straight into its header.
 */
export function markAsRehearsal(path: string): void {
  // Readable by its owner only, as every database the bot makes: it holds the log.
  ensurePrivateFile(path);
  const sqlite = new Database(path);
  try {
    sqlite.pragma(`application_id = ${APPLICATION_ID.rehearsal}`);
  } finally {
    sqlite.close();
  }
}
