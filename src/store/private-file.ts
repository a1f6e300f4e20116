/**
 * Files readable by their owner only, whatever the process's umask: everything ccm-bot writes
 * holds (or leads to) the log, notes included. `ccm` also starts with umask 077 (bin/ccm.js);
 * these keep the promise for code run in another process, such as the tests.
 */
import { closeSync, fchmodSync, openSync, writeFileSync } from 'node:fs';

/**
 * Creates an empty file at `path` readable by its owner only, unless one is there already.
 * SQLite takes an empty file as an empty database, and gives its WAL, shared memory and
 * journals the database file's permissions, so they are private from birth too.
 */
export function ensurePrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Writes `content` to `path`, readable by its owner only before a byte is written, even when the file was there with wider permissions. */
export function writePrivateFile(path: string, content: string | Buffer): void {
  const fd = openSync(path, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeFileSync(fd, content);
  } finally {
    closeSync(fd);
  }
}
