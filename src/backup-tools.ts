/**
 * `ccm backup <file>` and `ccm restore <file>`: the operator's copies of the log. A backup runs
 * beside the bot (daily from cron or a systemd timer, see README "Backups"); a restore needs
 * the bot stopped, and says so rather than replace a database in use.
 *
 * Both work on the database file as it is, before any bot is assembled: a backup copies what
 * is there, unchanged, and a restore must not have the database open.
 */
import type { Writable } from 'node:stream';
import { UsageError } from './operator.ts';
import { BackupError, backupDatabase, restoreDatabase } from './store/backup.ts';

export const BACKUP_SUBCOMMANDS = ['backup', 'restore'];

/** Runs `ccm backup|restore <file>`; resolves to the exit code. Usage mistakes throw {@link UsageError}. */
export async function runBackupCommand(
  subcommand: string,
  args: readonly string[],
  dbPath: string,
  io: { out: Writable; err: Writable },
  now: Date,
): Promise<number> {
  if (args.length !== 1 || args[0]!.startsWith('--')) throw new UsageError(`needs one file: ccm ${subcommand} <file>`);
  const file = args[0]!;
  try {
    if (subcommand === 'backup') {
      const copy = await backupDatabase(dbPath, file);
      io.out.write(`Backed up ${dbPath} to ${file}: ${plural(copy.entries, 'log entry', 'log entries')}, ${kilobytes(copy.bytes)}.\n`);
      return 0;
    }
    const restored = restoreDatabase(file, dbPath, now);
    io.out.write(`Restored ${file} into ${dbPath}: ${plural(restored.entries, 'log entry', 'log entries')}.\n`);
    if (restored.migrated.length > 0) io.out.write(`It came from an earlier version and was brought up to date (${restored.migrated.join(', ')}).\n`);
    if (restored.keptAs) io.out.write(`The database it replaced is kept as ${restored.keptAs}; delete it once the bot runs well.\n`);
    io.out.write('Start the bot again.\n');
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    io.err.write(`ccm ${subcommand}: ${error.message} Nothing was changed.\n`);
    return 1;
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function kilobytes(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
