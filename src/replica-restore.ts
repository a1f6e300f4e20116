/**
 * `ccm restore --from-replica <url>`: the database rebuilt from a Litestream replica, on a new
 * machine after the old one was lost. Litestream writes the copy beside the database
 * (`ccm.sqlite.from-replica`, swept away by the next start if left); then it is checked and
 * swapped in exactly as a backup is (store/restore.ts), refused while a bot has the database open.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type AfterStep, BackupError } from './store/backup.ts';
import { removeWithCompanions } from './store/database-folder.ts';
import { takeExclusively } from './store/in-use.ts';
import { type RestoreSummary, restoreDatabase, restoreRefusal } from './store/restore.ts';
import { LITESTREAM_MISSING, litestreamBinary } from './replication.ts';

/** How long Litestream may take to rebuild the database. */
const RESTORE_TIMEOUT_MS = 10 * 60_000;

export function restoreFromReplica(url: string, dbPath: string, now: Date, afterStep?: AfterStep): RestoreSummary {
  const binary = litestreamBinary();
  if (!binary) throw new BackupError(`${LITESTREAM_MISSING}.`);
  // Said before the replica is downloaded, not after: the bot must be stopped either way.
  mkdirSync(dirname(resolve(dbPath)), { recursive: true });
  const free = takeExclusively(dbPath);
  if (!free) throw new BackupError(restoreRefusal(dbPath));
  free.release();
  const copy = `${dbPath}.from-replica`;
  removeWithCompanions(copy);
  try {
    const litestream = spawnSync(binary, ['restore', '-o', copy, url], { encoding: 'utf8', timeout: RESTORE_TIMEOUT_MS });
    if (litestream.status !== 0) {
      const said = (litestream.stderr || litestream.error?.message || '').trim().split('\n').at(-1);
      throw new BackupError(`Litestream could not restore from ${url}: ${said || `exit ${litestream.status}`}.`);
    }
    return restoreDatabase(copy, dbPath, now, afterStep);
  } finally {
    removeWithCompanions(copy);
  }
}
