/**
 * The record of the last backup, beside the database (`ccm.sqlite.last-backup`), so that
 * `ccm doctor` can say when it was and how old it is. Written by `ccm backup` once the copy is
 * in place; readable by its owner only, as it names where the copy of the whole log lies.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writePrivateFile } from './private-file.ts';

export interface BackupRecord {
  /** When the backup finished (ISO). */
  at: string;
  file: string;
  entries: number;
  bytes: number;
}

function markerOf(dbPath: string): string {
  return `${dbPath}.last-backup`;
}

export function recordBackup(dbPath: string, record: BackupRecord): void {
  writePrivateFile(markerOf(dbPath), `${JSON.stringify(record)}\n`);
}

/** The last backup recorded beside `dbPath`; undefined when none was, or the record is unreadable. */
export function lastBackup(dbPath: string): BackupRecord | undefined {
  if (!existsSync(markerOf(dbPath))) return undefined;
  try {
    const record = JSON.parse(readFileSync(markerOf(dbPath), 'utf8')) as BackupRecord;
    return typeof record.at === 'string' && !Number.isNaN(Date.parse(record.at)) ? record : undefined;
  } catch {
    return undefined;
  }
}
