/**
 * `ccm doctor`'s checks of what lies on this machine: the database file (opens, up to date,
 * sound, private, room on its disk), the time zone and the plans, the last backup, the
 * replica's lag as the running bot reports it, and the public address. Each says what it found
 * and, for a warning or a failure, what to do. None changes anything.
 */
import { existsSync, statfsSync, statSync } from 'node:fs';
import { Writable } from 'node:stream';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Finding } from './adapters/platform.ts';
import { type Config, STATES_FILE } from './config.ts';
import { formatDate, todayIn } from './domain/dates.ts';
import { cycleName, loadPlans } from './domain/plan-book.ts';
import { loadStatesCsv, StateDirectory } from './domain/states.ts';
import { checkPlans } from './plan-tools.ts';
import { lastBackup } from './store/backup-marker.ts';
import { COMPANIONS } from './store/database-folder.ts';
import { compareSchema } from './store/restore.ts';

/** Below this, free space on the database's disk is a warning… */
const LOW_DISK_BYTES = 256 * 1024 * 1024;
/** …and below this, a failure: a write may fail any moment. */
const NO_DISK_BYTES = 32 * 1024 * 1024;
/** A daily backup, with some slack for a late timer. */
const BACKUP_STALE_HOURS = 26;

export function databaseFindings(dbPath: string, options: { integrity: boolean }): Finding[] {
  if (!existsSync(dbPath)) {
    return [
      {
        status: 'fail',
        check: 'database',
        detail: `there is no database at ${dbPath}`,
        fix: 'check CCM_DB_PATH; ccm init creates an empty one, ccm restore <backup> brings one back',
      },
    ];
  }
  const findings: Finding[] = [];
  let db: Database.Database | undefined;
  try {
    // As a backup opens it (see store/backup.ts): read-only beside a WAL, which closing the last
    // read-write connection would checkpoint; else read-write, as a read-only one would leave an empty WAL.
    db = new Database(dbPath, { readonly: existsSync(`${dbPath}-wal`), fileMustExist: true });
    findings.push(schemaFinding(db, dbPath));
    if (options.integrity) findings.push(integrityFinding(db));
  } catch (error) {
    findings.push({
      status: 'fail',
      check: 'database',
      detail: `${dbPath} cannot be read: ${(error as Error).message}`,
      fix: 'check the file and its owner; restore a backup if it is damaged',
    });
  } finally {
    db?.close();
  }
  return [...findings, modesFinding(dbPath), diskFinding(dbPath)];
}

function schemaFinding(db: Database.Database, dbPath: string): Finding {
  const check = 'database migrations';
  const schema = compareSchema(db);
  if (!schema) return { status: 'fail', check, detail: `${dbPath} is not a ccm-bot database`, fix: 'check CCM_DB_PATH' };
  if (schema.unknown > 0) return { status: 'fail', check, detail: 'made by a newer version of ccm-bot', fix: 'run that version or a later one' };
  if (schema.pending.length > 0)
    return { status: 'warn', check, detail: `${schema.pending.length} to apply (${schema.pending.join(', ')})`, fix: 'the next start applies them' };
  return { status: 'ok', check, detail: `${dbPath} is up to date` };
}

function integrityFinding(db: Database.Database): Finding {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((line) => line !== 'ok');
  if (problems.length === 0) return { status: 'ok', check: 'database integrity', detail: 'quick_check found nothing wrong' };
  return { status: 'fail', check: 'database integrity', detail: problems[0]!, fix: 'stop the bot and ccm restore the last good backup' };
}

/** The database's files that others than their owner can read or write. */
function modesFinding(dbPath: string): Finding {
  const files = ['', ...COMPANIONS].map((suffix) => dbPath + suffix).filter((file) => existsSync(file));
  const open = files.filter((file) => (statSync(file).mode & 0o077) !== 0);
  if (open.length === 0) return { status: 'ok', check: 'database file modes', detail: 'readable by their owner only (0600)' };
  const modes = open.map((file) => `${file} ${(statSync(file).mode & 0o777).toString(8).padStart(4, '0')}`);
  return {
    status: 'fail',
    check: 'database file modes',
    detail: `others can read the log: ${modes.join(', ')}`,
    fix: `chmod 600 ${open.join(' ')} (the next start does it too), and run the bot with UMask=0077`,
  };
}

function diskFinding(dbPath: string): Finding {
  const { bavail, bsize } = statfsSync(dirname(resolve(dbPath)));
  const free = bavail * bsize;
  const detail = `${Math.floor(free / 1024 / 1024)} MiB free beside the database`;
  if (free < NO_DISK_BYTES) return { status: 'fail', check: 'disk space', detail, fix: 'free space on that disk now: writes will fail' };
  if (free < LOW_DISK_BYTES) return { status: 'warn', check: 'disk space', detail, fix: 'free space on that disk (old backups?)' };
  return { status: 'ok', check: 'disk space', detail };
}

/** The time zone, the plan files as `ccm plan check` sees them, and the plan in force today. */
export function planFindings(config: Config, now: Date): Finding[] {
  const today = todayIn(config.timeZone, now);
  const zone: Finding = { status: 'ok', check: 'time zone', detail: `${config.timeZone}: today is ${formatDate(today)}` };
  const states = new StateDirectory(loadStatesCsv(STATES_FILE));
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  if (checkPlans(config.planPath, states, silent) !== 0) {
    return [
      zone,
      { status: 'fail', check: 'plans', detail: `${config.planPath} does not pass ccm plan check`, fix: `ccm plan check ${config.planPath} says what to fix` },
    ];
  }
  const book = loadPlans(config.planPath, states);
  const plan = book.activeOn(today);
  const inForce: Finding =
    plan.period.to < today
      ? {
          status: 'warn',
          check: 'plan in force',
          detail: `the last plan (${cycleName(plan)}) ended on ${formatDate(plan.period.to)}`,
          fix: 'write the next cycle’s plan: ccm plan new',
        }
      : { status: 'ok', check: 'plan in force', detail: `${cycleName(plan)}, ${formatDate(plan.period.from)} to ${formatDate(plan.period.to)}` };
  return [zone, { status: 'ok', check: 'plans', detail: `${book.plans.length} in ${config.planPath}, as ccm plan check reads them` }, inForce];
}

export function backupFinding(dbPath: string, now: Date): Finding {
  const record = lastBackup(dbPath);
  const fix = 'run ccm backup <file> daily (deploy/ccm-backup.timer), and keep copies off this machine';
  if (!record) return { status: 'warn', check: 'last backup', detail: 'none recorded beside the database', fix };
  const hours = (now.getTime() - Date.parse(record.at)) / 3_600_000;
  const detail = `${record.at} (${hours < 1 ? 'less than an hour' : `${Math.floor(hours)} h`} ago), ${record.entries} entries in ${record.file}`;
  return hours > BACKUP_STALE_HOURS ? { status: 'warn', check: 'last backup', detail, fix } : { status: 'ok', check: 'last backup', detail };
}

/** The running bot's own report of its replicator (GET /readyz on its port). */
export async function replicaFinding(config: Config, timeoutMs: number): Promise<Finding | undefined> {
  if (!config.replica) return undefined;
  const check = 'replica';
  try {
    const response = await fetch(`http://127.0.0.1:${config.port}/readyz`, { signal: AbortSignal.timeout(timeoutMs) });
    const { replicator } = (await response.json()) as { replicator?: { running: boolean; lagSeconds: number | null } };
    if (!replicator?.running) return { status: 'fail', check, detail: 'the bot reports no replicator running', fix: 'see the bot’s log (litestream lines)' };
    const detail = `${config.replica.url}, ${replicator.lagSeconds === null ? 'lag unknown' : `${replicator.lagSeconds.toFixed(1)} s behind`}`;
    if (response.status !== 200)
      return { status: 'fail', check, detail, fix: `more than CCM_REPLICA_MAX_LAG (${config.replica.maxLagSeconds} s): see the bot’s log` };
    return { status: 'ok', check, detail };
  } catch (error) {
    return {
      status: 'warn',
      check,
      detail: `no bot answered on port ${config.port} (${(error as Error).message})`,
      fix: 'start the bot; its /readyz reports the lag',
    };
  }
}

export async function publicUrlFinding(config: Config, timeoutMs: number): Promise<Finding | undefined> {
  if (!config.publicUrl) return undefined;
  const url = new URL('healthz', config.publicUrl.endsWith('/') ? config.publicUrl : `${config.publicUrl}/`);
  const check = 'public address';
  const fix = 'check the reverse proxy (deploy/Caddyfile), DNS and the firewall';
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (response.ok) return { status: 'ok', check, detail: `${url} answers` };
    return { status: 'fail', check, detail: `${url} answered ${response.status}`, fix };
  } catch (error) {
    return { status: 'fail', check, detail: `${url} cannot be reached (${(error as Error).message})`, fix };
  }
}
