/**
 * `ccm backup <file>`, `ccm restore <file>` and `ccm init`: the operator's copies of the log,
 * and a new empty one. A backup runs beside the bot (daily from cron or a systemd timer, see
 * docs/operating.md, "Backups"); a restore needs the bot stopped, and says so rather than replace a
 * database in use.
 *
 * They work on the database file as it is, before any bot is assembled: a backup copies what
 * is there, unchanged, a restore must not have the database open, and `init` creates the file
 * that a start refuses to create after an unfinished restore.
 */
import { type Output, type Subcommand, UsageError } from './cli/subcommand.ts';
import { restoreFromReplica } from './replica-restore.ts';
import { resolve } from 'node:path';
import { BackupError, backupDatabase } from './store/backup.ts';
import { recordBackup } from './store/backup-marker.ts';
import { restoreDatabase } from './store/restore.ts';
import { DatabaseError, openDatabase } from './store/database.ts';

export const backupSubcommand: Subcommand = {
  name: 'backup',
  usage: [
    {
      synopsis: '<file>',
      description: ['copy the database to <file> while the bot runs (consistent as of one', 'instant, readable by you only); see docs/operating.md, "Backups"'],
    },
  ],
  options: {},
  positionals: { min: 1, max: 1, name: '<file>', wrongCount: 'needs one file: ccm backup <file>' },
  needs: 'database file',
  async run({ positionals: [file] }, { dbPath, io, now, afterStep }) {
    return reportingBackupError('backup', io, async () => {
      const copy = await backupDatabase(dbPath, file!, afterStep);
      // For `ccm doctor`: when the last backup was, and where.
      recordBackup(dbPath, { at: now.toISOString(), file: resolve(file!), ...copy });
      io.out.write(`Backed up ${dbPath} to ${file}: ${plural(copy.entries, 'log entry', 'log entries')}, ${kilobytes(copy.bytes)}.\n`);
    });
  },
};

export const restoreSubcommand: Subcommand = {
  name: 'restore',
  usage: [
    {
      synopsis: '<file>',
      description: [
        "replace the database with a backup, once the bot is stopped: the file's",
        'integrity and version are checked first, and the replaced database is kept',
      ],
    },
    {
      synopsis: '--from-replica <url>',
      description: [
        'the same from a Litestream replica (s3://…, abs://…, file:///…): the',
        'database rebuilt on a new machine; see docs/operating.md, "Backups"',
      ],
    },
  ],
  options: { 'from-replica': { type: 'string' } },
  positionals: { min: 0, max: 1, name: '<file>', wrongCount: 'needs one file: ccm restore <file>' },
  needs: 'database file',
  run({ positionals: [file], values }, { dbPath, io, now, afterStep }) {
    const replica = values['from-replica'];
    if ((file === undefined) === (replica === undefined)) {
      throw new UsageError('needs one file or one replica: ccm restore <file>, or ccm restore --from-replica <url>');
    }
    const source = typeof replica === 'string' ? replica : file!;
    return reportingBackupError('restore', io, () => {
      const restored = typeof replica === 'string' ? restoreFromReplica(replica, dbPath, now, afterStep) : restoreDatabase(file!, dbPath, now, afterStep);
      io.out.write(`Restored ${source} into ${dbPath}: ${plural(restored.entries, 'log entry', 'log entries')}.\n`);
      if (restored.migrated.length > 0) io.out.write(`It came from an earlier version and was brought up to date (${restored.migrated.join(', ')}).\n`);
      if (restored.keptAs) io.out.write(`The database it replaced is kept as ${restored.keptAs}; delete it once the bot runs well.\n`);
      io.out.write('Start the bot again.\n');
    });
  },
};

/** `ccm init`: a new, empty, migrated database where there is none. */
export const initSubcommand: Subcommand = {
  name: 'init',
  usage: [
    {
      synopsis: '',
      description: ['create an empty database where there is none (CCM_DB_PATH): a start does', 'not create one where a restore left the log aside'],
    },
  ],
  options: {},
  positionals: { min: 0, max: 0, wrongCount: 'takes no arguments: ccm init (the database is CCM_DB_PATH)' },
  needs: 'database file',
  run(_args, { dbPath, io }) {
    try {
      openDatabase(dbPath, undefined, { create: 'only' }).close();
    } catch (error) {
      if (!(error instanceof DatabaseError)) throw error;
      io.err.write(`ccm init: ${error.message}. Nothing was changed.\n`);
      return 1;
    }
    io.out.write(`Created an empty database at ${dbPath}, readable by you only. Start the bot.\n`);
    return 0;
  },
};

/** Runs `work`; resolves to 0, or to 1 with the reason said when the backup or restore was refused. */
async function reportingBackupError(subcommand: string, io: Output, work: () => void | Promise<void>): Promise<number> {
  try {
    await work();
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
