/**
 * SQLite's refusals that are no fault of the command: the database is locked by another
 * connection, cannot be written (a read-only file, its folder, a full or failing disk). They
 * are told apart from bugs so that the person gets a reply saying what happened (nothing was
 * saved, try again or tell the ISU) and the operator a log line saying what to check.
 */
import Database from 'better-sqlite3';

type StorageProblemKind = 'busy' | 'read-only' | 'unwritable';

export interface StorageProblem {
  kind: StorageProblemKind;
  /** SQLite's extended result code, e.g. SQLITE_BUSY or SQLITE_READONLY_DBMOVED. */
  code: string;
  /** What the operator should check, for the log. */
  hint: string;
}

const HINTS: Record<StorageProblemKind, string> = {
  busy: 'another connection held the write lock longer than busy_timeout: a long ccm command, a backup tool or a sqlite3 shell with an open transaction?',
  'read-only':
    'the database file or its folder cannot be written by this process: check owner and permissions (a restore or copy made as another user?) and that the disk is mounted read-write',
  unwritable: 'the disk is full or failing: free space or check the disk, then restart ccm-bot',
};

/** The storage problem behind `error`, or undefined for any other error (a bug, bad data). */
export function storageProblem(error: unknown): StorageProblem | undefined {
  if (!(error instanceof Database.SqliteError)) return undefined;
  const { code } = error;
  const kind: StorageProblemKind | undefined =
    code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
      ? 'busy'
      : code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_CANTOPEN')
        ? 'read-only'
        : code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR')
          ? 'unwritable'
          : undefined;
  return kind && { kind, code, hint: HINTS[kind] };
}
