/**
 * `ccm backup <file>`, `ccm restore <file>` and `ccm init`: the operator's copies of the log,
 * and a new empty one. A backup runs beside the bot (daily from cron or a systemd timer, see
 * README "Backups"); a restore needs the bot stopped, and says so rather than replace a
 * database in use.
 *
 * They work on the database file as it is, before any bot is assembled: a backup copies what
 * is there, unchanged, a restore must not have the database open, and `init` creates the file
 * that a start refuses to create after an unfinished restore.
 */
import type { Writable } from 'node:stream';
import { UsageError } from './operator.ts';
import { type AfterStep, BackupError, backupDatabase } from './store/backup.ts';
import { restoreDatabase } from './store/restore.ts';
import { DatabaseError, openDatabase } from './store/database.ts';

export const BACKUP_SUBCOMMANDS = ['backup', 'restore', 'init'];

/**
 * Runs `ccm backup|restore <file>` or `ccm init`; resolves to the exit code. Usage mistakes
 * throw {@link UsageError}. `afterStep` is the tests' fault injection (see store/backup.ts).
 */
export async function runBackupCommand(
  subcommand: string,
  args: readonly string[],
  dbPath: string,
  io: { out: Writable; err: Writable },
  now: Date,
  afterStep?: AfterStep,
): Promise<number> {
  if (subcommand === 'init') return init(args, dbPath, io);
  if (args.length !== 1 || args[0]!.startsWith('--')) throw new UsageError(`needs one file: ccm ${subcommand} <file>`);
  const file = args[0]!;
  try {
    if (subcommand === 'backup') {
      const copy = await backupDatabase(dbPath, file, afterStep);
      io.out.write(`Backed up ${dbPath} to ${file}: ${plural(copy.entries, 'log entry', 'log entries')}, ${kilobytes(copy.bytes)}.\n`);
      return 0;
    }
    const restored = restoreDatabase(file, dbPath, now, afterStep);
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

/** `ccm init`: a new, empty, migrated database where there is none. */
function init(args: readonly string[], dbPath: string, io: { out: Writable; err: Writable }): number {
  if (args.length > 0) throw new UsageError('takes no arguments: ccm init (the database is CCM_DB_PATH)');
  try {
    openDatabase(dbPath, undefined, { create: 'only' }).close();
  } catch (error) {
    if (!(error instanceof DatabaseError)) throw error;
    io.err.write(`ccm init: ${error.message}. Nothing was changed.\n`);
    return 1;
  }
  io.out.write(`Created an empty database at ${dbPath}, readable by you only. Start the bot.\n`);
  return 0;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function kilobytes(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
