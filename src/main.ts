/**
 * The composition root: the only module that reads the environment. It turns the command line
 * into a bot (see bot.ts) and starts the shell, the chat adapters or an operator command.
 */
import type { Readable, Writable } from 'node:stream';
import { AdapterStartError } from './adapters/adapter.ts';
import { platformSecrets, postersOf } from './adapters/index.ts';
import { BACKUP_SUBCOMMANDS, runBackupCommand } from './backup-tools.ts';
import { assemble, type Bot, createScheduler } from './bot.ts';
import { buildAdapters, type ChatServices, converseLocally, startChat } from './chat.ts';
import { ConfigError, LOCAL_PLATFORMS, loadConfig, platformTitles, servedPlatforms } from './config.ts';
import { PlanError } from './domain/plan.ts';
import { runDataCommand } from './data-import.ts';
import { consoleToLog, createLog } from './log.ts';
import { listReminders, printDigest, tickOnce, UsageError } from './operator.ts';
import { PICTURE_SUBCOMMANDS, runPictureCommand } from './picture-tools.ts';
import { runPlanCommand } from './plan-tools.ts';
import { REPORT_SUBCOMMANDS, runReportCommand } from './report-tools.ts';
import { parseRehearsalArgs, prepareRehearsalDatabase, rehearsal, RehearsalError, rehearsalNotice, rehearsalRefusal } from './rehearsal.ts';
import type { AfterStep } from './store/backup.ts';
import { isBusy } from './store/busy.ts';
import { DatabaseError, InterruptedRestoreError } from './store/database.ts';

export interface Io {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
}

const USAGE = `Usage: ccm [shell | reminders | tick | digest | export | barriers | report | chart | map | plan | data | backup | restore | init | help]

  ccm            start ccm-bot: every chat platform with credentials (Slack: SLACK_BOT_TOKEN and
                 SLACK_SIGNING_SECRET; Teams: MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD), or the
                 adapters named in CCM_ADAPTERS, else the local shell
  ccm shell      start the local shell: one command per line, e.g. "meeting Lao PDR held"
  ccm shell --today <date> [--copy-of <real db>]
                 rehearse: the local shell as if it were that day (YYYY-MM-DD), on a rehearsal
                 database (CCM_DB_PATH: a new file becomes one, kept for the next run; the real
                 log is refused); --copy-of starts it from a copy of the real log. Every reply
                 says it is a rehearsal; the bot and ccm tick's posting refuse such a database
  ccm reminders [--at <ISO timestamp>] [--from <date>] [--to <date>] [--json]
                 list the scheduled reminders and digests, with the subscribed channels
  ccm tick [--at <ISO timestamp>]
                 one scheduler pass as of that time: post what is due (with no chat platform
                 configured, print what would be posted)
  ccm digest [--at <ISO timestamp>] [--meeting <id>]
                 print the progress digest for the next working group meeting
  ccm export [--format csv|json] [--since <date>] [--at <ISO timestamp>] [--out <file>]
                 the whole follow-up log, one row per entry (withdrawn entries marked);
                 it names states and members: keep it within the group
  ccm barriers [--format md|csv] [--at <ISO timestamp>] [--out <file>]
                 the 1-page internal barrier map: every category, its states with their
                 notes, and the recommended engagement messages
  ccm report --public [--plan <id>] [--at <ISO timestamp>] [--out <file>]
                 the progress summary for Preparatory Meeting and Review Conference
                 documents (Markdown): figures only, no State named but the coordinators
  ccm chart [--plan <id>] [--at <ISO timestamp>] [--out <file.png>]
                 the progress chart of the digest (PNG): every deliverable's figures
                 against their targets, met / in progress / at risk / past due
  ccm map [--public] [--at <ISO timestamp>] [--out <file.png>]
                 the world map of CCM status (PNG), with the plan's top list outlined and
                 each listed state's stage; --public: the status map alone, to share
  ccm plan check <file or folder>
                 check a work plan file before installing it (no database needed): its
                 calendar, how each figure is counted, when the bot posts; or each mistake
                 with its place in the file. A folder: every plan file, periods together
  ccm plan new   print an annotated plan to start the next cycle from:
                 ccm plan new > data/plans/<years>.yaml (see README, "Starting the next cycle")
  ccm data import <file.csv> [--dry-run] [--problems <file>]
                 update treaty facts without a release: a CSV keyed by iso3 with any of
                 ccm_status, ccm_date, apmbc, crpd, unga_ccm_vote, source, as_of. The whole
                 file is checked first (a bad row changes nothing and is named by line and
                 column: the first 20 problems, then a count of each kind; --problems writes
                 every one to <file>); then it prints what changed (state, column, old → new)
  ccm backup <file>
                 copy the database to <file> while the bot runs (consistent as of one
                 instant, readable by you only); see README, "Backups"
  ccm restore <file>
                 replace the database with a backup, once the bot is stopped: the file's
                 integrity and version are checked first, and the replaced database is kept
  ccm init       create an empty database where there is none (CCM_DB_PATH): a start does
                 not create one where a restore left the log aside
  ccm help       show this text

Without --out, files go to standard output; with it, they are written readable by you only.
Dates are YYYY-MM-DD (midnight in CCM_TIMEZONE); timestamps are ISO 8601 with an offset.
--at reads the log and milestones as they stood at that instant (later changes left out).
`;

const SUBCOMMANDS = ['start', 'shell', 'reminders', 'tick', 'digest', 'data', ...REPORT_SUBCOMMANDS, ...PICTURE_SUBCOMMANDS];

/** Runs the `ccm` command line; resolves to the process exit code. */
export async function main(argv: readonly string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  // `ccm --today <date>` is `ccm start --today <date>`.
  const [subcommand = 'start', ...rest] = argv[0]?.startsWith('--') && argv[0] !== '--help' ? ['start', ...argv] : argv;
  if (['help', '--help', '-h'].includes(subcommand)) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (BACKUP_SUBCOMMANDS.includes(subcommand)) return backupOrRestore(subcommand, rest, env, io);
  if (subcommand === 'plan') {
    // Before configuration and database: a plan is written and checked before it is installed.
    try {
      return runPlanCommand(rest, io.stdout);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`ccm: ${error.message}\n\n${USAGE}`);
      return 2;
    }
  }
  const rehearsing = ['start', 'shell'].includes(subcommand) ? parseRehearsalArgs(rest) : undefined;
  if (!SUBCOMMANDS.includes(subcommand) || (['start', 'shell'].includes(subcommand) && rest.length > 0 && rehearsing === undefined)) {
    io.stderr.write(`ccm: unknown command "${argv.join(' ')}".\n\n${USAGE}`);
    return 2;
  }
  let bot: Bot;
  try {
    const config = loadConfig(env);
    const served = servedPlatforms(config.adapters);
    const chatRequested = served.length > 0 && (subcommand === 'start' || env.CCM_ADAPTERS !== undefined);
    const clock = rehearsing === undefined ? undefined : rehearsal(rehearsing.today, config, chatRequested);
    // Before the database is opened: a rehearsal refuses the real log, the bot a rehearsal's.
    if (rehearsing) await prepareRehearsalDatabase(config, rehearsing.copyOf);
    const refusal = subcommand === 'start' && served.length > 0 ? rehearsalRefusal(config.dbPath, `serve ${platformTitles(served)}`) : undefined;
    if (refusal) throw new RehearsalError(refusal);
    if (!rehearsing) io.stderr.write(rehearsalNotice(config.dbPath) ?? '');
    bot = assemble(config, createLog(config.logLevel, io.stderr, platformSecrets()), clock?.now, clock);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof PlanError || error instanceof RehearsalError) {
      io.stderr.write(`ccm: ${error.message}\n`);
      return 1;
    }
    if (error instanceof InterruptedRestoreError) {
      io.stderr.write(`ccm: ${error.message}\n`);
      return 1;
    }
    if (error instanceof DatabaseError) {
      io.stderr.write(`ccm: ${error.message}. Check CCM_DB_PATH.\n`);
      return 1;
    }
    throw error;
  }
  if (subcommand === 'data') {
    try {
      return await runDataCommand(bot, rest, io.stdout, bot.now());
    } catch (error) {
      if (isBusy(error)) return busy(subcommand, io);
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`ccm data: ${error.message}\n\n${USAGE}`);
      return 2;
    } finally {
      bot.database.close();
    }
  }
  if (['reminders', 'tick', 'digest', ...REPORT_SUBCOMMANDS, ...PICTURE_SUBCOMMANDS].includes(subcommand)) {
    try {
      return await operate(bot, subcommand, rest, io);
    } catch (error) {
      if (isBusy(error)) return busy(subcommand, io);
      if (error instanceof UsageError) {
        io.stderr.write(`ccm ${subcommand}: ${error.message}\n\n${USAGE}`);
        return 2;
      }
      throw error;
    } finally {
      bot.database.close();
    }
  }
  // `ccm shell` is the terminal's conversation alone, whatever else is configured.
  const names = subcommand === 'shell' ? LOCAL_PLATFORMS : bot.config.adapters;
  let chat: ChatServices | undefined;
  let restoreConsole: (() => void) | undefined;
  try {
    if (servedPlatforms(names).length > 0) {
      // botbuilder prints refused tokens and failed turns to the console: through the log's redaction instead.
      restoreConsole = consoleToLog(bot.log);
      chat = await startChat(bot);
    }
    if (!(await converseLocally(bot, names, { input: io.stdin, output: io.stdout }))) {
      io.stderr.write(`ccm-bot is running (${bot.config.adapters.join(', ')}) on port ${chat?.http.port}. Stop with Ctrl-C.\n`);
      const signal = await untilSignalled();
      bot.log.info('stopping: no new requests; finishing those in flight and the post being sent', { signal });
    }
    return 0;
  } catch (error) {
    if (error instanceof AdapterStartError) {
      io.stderr.write(`ccm: ${error.message}\n`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' || (error as NodeJS.ErrnoException).code === 'EACCES') {
      io.stderr.write(`ccm: cannot listen on port ${bot.config.port} (${(error as NodeJS.ErrnoException).code}). Set PORT to a free port.\n`);
      return 1;
    }
    throw error;
  } finally {
    await chat?.stop();
    restoreConsole?.();
    bot.database.close();
  }
}

/**
 * An operator command that another program's write lock outlasted (after the same retries as a
 * chat command): said plainly, as a chat command's refusal says it, with exit code 1.
 */
function busy(subcommand: string, io: Io): number {
  io.stderr.write(`ccm ${subcommand}: the log is busy: another program holds the database's write lock. Nothing more was saved; try again in a moment.\n`);
  return 1;
}

/** `ccm backup|restore <file>`: on the database file alone, before any bot is assembled. */
async function backupOrRestore(subcommand: string, args: readonly string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  try {
    return await runBackupCommand(subcommand, args, loadConfig(env).dbPath, { out: io.stdout, err: io.stderr }, new Date(), killAfter(subcommand, env));
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`ccm: ${error.message}\n`);
      return 1;
    }
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`ccm ${subcommand}: ${error.message}\n\n${USAGE}`);
    return 2;
  }
}

/**
 * Fault injection for tests (test/crash-safety.test.ts): CCM_TEST_KILL_AFTER=restore:kept kills
 * the process with SIGKILL right after that step of a restore (or backup:<step>), as a power cut
 * or an OOM kill would, to prove that no step leaves the database missing or a copy readable by
 * others. Unset, nothing happens.
 */
function killAfter(subcommand: string, env: Record<string, string | undefined>): AfterStep | undefined {
  const target = env.CCM_TEST_KILL_AFTER;
  if (!target) return undefined;
  return (step) => {
    if (`${subcommand}:${step}` === target) process.kill(process.pid, 'SIGKILL');
  };
}

/** Runs an operator subcommand with the same scheduler and reports as the running bot. */
async function operate(bot: Bot, subcommand: string, args: readonly string[], io: Io): Promise<number> {
  const now = bot.now();
  if (REPORT_SUBCOMMANDS.includes(subcommand)) return runReportCommand(bot, subcommand, args, { out: io.stdout, err: io.stderr });
  if (PICTURE_SUBCOMMANDS.includes(subcommand)) return runPictureCommand(bot, subcommand, args, { out: io.stdout, err: io.stderr });
  if (subcommand === 'digest') return printDigest(bot, args, io.stdout, now);
  // Posting needs only each platform's poster: no HTTP server, no connection started.
  const posters = subcommand === 'tick' ? postersOf(await buildAdapters(bot, servedPlatforms(bot.config.adapters))) : {};
  const refusal = Object.keys(posters).length > 0 ? rehearsalRefusal(bot.config.dbPath, `post to ${platformTitles(Object.keys(posters))}`) : undefined;
  if (refusal) {
    io.stderr.write(`ccm: ${refusal}\n`);
    return 1;
  }
  const scheduler = createScheduler(bot, posters);
  if (subcommand === 'reminders') {
    listReminders(bot, scheduler, args, io.stdout, now);
    return 0;
  }
  return tickOnce(bot, scheduler, args, io.stdout, now, Object.keys(posters).length > 0);
}

/**
 * Resolves on SIGINT or SIGTERM, so the bot can finish what it took, close its server and
 * database cleanly (see ChatServices.stop). A second signal stops the process at once.
 */
function untilSignalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      // Back to the default, which ends the process, for the next signal.
      process.off('SIGINT', stop).off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
}
