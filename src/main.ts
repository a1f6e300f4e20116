/**
 * The composition root: the only module that reads the environment, opens the database,
 * applies migrations, loads the plan and the state data, and starts the adapters.
 */
import type { Readable, Writable } from 'node:stream';
import { type HttpServer, startHttpServer } from './adapters/http-server.ts';
import { runShell } from './adapters/shell/shell.ts';
import { createSlackAdapter, type SlackAdapter, SlackStartError } from './adapters/slack/slack-adapter.ts';
import { commands } from './commands/index.ts';
import { ConfigError, type Config, loadConfig, STATES_FILE } from './config.ts';
import { Core } from './core/dispatch.ts';
import { PlanError } from './domain/plan.ts';
import { loadPlans, type PlanBook } from './domain/plan-book.ts';
import { loadStatesCsv, StateDirectory } from './domain/states.ts';
import { createLog, type Log } from './log.ts';
import { listReminders, printDigest, tickOnce, UsageError } from './operator.ts';
import { startHeartbeat } from './scheduler/heartbeat.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import type { Poster } from './core/delivery.ts';
import { DatabaseError, openDatabase, type OpenDatabase } from './store/database.ts';
import { PostLedger } from './store/ledger.ts';
import { Store } from './store/store.ts';

export interface Io {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
}

/** Everything a running ccm-bot is made of, wired together once. */
export interface Bot {
  config: Config;
  core: Core;
  store: Store;
  /** Every cycle's plan; which one is in force depends on the day (see PlanBook.activeOn). */
  plans: PlanBook;
  states: StateDirectory;
  log: Log;
  database: OpenDatabase;
  ledger: PostLedger;
  now: () => Date;
}

/** Builds the bot from configuration: database ready, plan and states loaded and synced. */
export function assemble(config: Config, log: Log, now: () => Date = () => new Date()): Bot {
  const plans = loadPlans(config.planPath);
  const states = new StateDirectory(loadStatesCsv(STATES_FILE));
  const database = openDatabase(config.dbPath);
  const store = new Store(database.db);
  store.syncStates(states.all);
  for (const plan of plans.plans) store.syncPlan(plan);
  const core = new Core({ store, states, plans, commands, timeZone: config.timeZone, now, log });
  log.info('ready', { db: config.dbPath, plans: plans.plans.map((p) => p.id), states: states.all.length });
  return { config, core, store, plans, states, log, database, ledger: new PostLedger(database.db), now };
}

/** The scheduler over this bot's store and plan, posting through the given platforms. */
export function createScheduler(bot: Bot, posters: Partial<Record<string, Poster>>, options: { paceMs?: number } = {}): Scheduler {
  const { store, ledger, plans, states, log, config } = bot;
  return new Scheduler({ store, ledger, plans, states, timeZone: config.timeZone, log, posters, ...options });
}

/** The chat side of a running bot: the HTTP server, the platform adapters and the scheduler's heartbeat. */
export interface ChatServices {
  http: HttpServer;
  slack: SlackAdapter | undefined;
  scheduler: Scheduler;
  stop(): Promise<void>;
}

/**
 * Starts the configured chat adapters and the HTTP server they share. `host` narrows where
 * the server listens (tests use 127.0.0.1); by default it listens on every interface.
 */
export async function startChat(bot: Bot, options: { host?: string; heartbeat?: boolean; paceMs?: number } = {}): Promise<ChatServices> {
  const { config, core, store, log } = bot;
  const slack = config.slack ? createSlackAdapter({ core, store, config: config.slack, log }) : undefined;
  await slack?.start();
  const http = await startHttpServer({
    port: config.port,
    host: options.host,
    routes: [...(slack?.routes ?? [])],
    healthy: () => bot.database.sqlite.open,
    log,
  });
  log.info('listening', { port: http.port, adapters: config.adapters });
  const scheduler = createScheduler(bot, { slack }, { paceMs: options.paceMs });
  const heartbeat = options.heartbeat === false ? undefined : startHeartbeat(scheduler, log, bot.now);
  return {
    http,
    slack,
    scheduler,
    async stop() {
      await heartbeat?.stop();
      await http.close();
      await slack?.stop();
    },
  };
}

const USAGE = `Usage: ccm [shell | reminders | tick | digest | help]

  ccm            start ccm-bot: Slack when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set
                 (or the adapters in CCM_ADAPTERS), else the local shell
  ccm shell      start the local shell: one command per line, e.g. "meeting Lao PDR held"
  ccm reminders [--at <ISO timestamp>] [--from <date>] [--to <date>] [--json]
                 list the scheduled reminders and digests, with the subscribed channels
  ccm tick [--at <ISO timestamp>]
                 one scheduler pass as of that time: post what is due (with no chat platform
                 configured, print what would be posted)
  ccm digest [--at <ISO timestamp>] [--meeting <id>]
                 print the progress digest for the next working group meeting
  ccm help       show this text

Dates are YYYY-MM-DD (midnight in CCM_TIMEZONE); timestamps are ISO 8601 with an offset.
--at reads the log and milestones as they stood at that instant (later changes left out).
`;

const SUBCOMMANDS = ['start', 'shell', 'reminders', 'tick', 'digest'];

/** Runs the `ccm` command line; resolves to the process exit code. */
export async function main(argv: readonly string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  const [subcommand = 'start', ...rest] = argv;
  if (['help', '--help', '-h'].includes(subcommand)) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (!SUBCOMMANDS.includes(subcommand) || (['start', 'shell'].includes(subcommand) && rest.length > 0)) {
    io.stderr.write(`ccm: unknown command "${argv.join(' ')}".\n\n${USAGE}`);
    return 2;
  }
  let bot: Bot;
  try {
    const config = loadConfig(env);
    bot = assemble(config, createLog(config.logLevel, (line) => io.stderr.write(`${line}\n`)));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof PlanError) {
      io.stderr.write(`ccm: ${error.message}\n`);
      return 1;
    }
    if (error instanceof DatabaseError) {
      io.stderr.write(`ccm: ${error.message}. Check CCM_DB_PATH.\n`);
      return 1;
    }
    throw error;
  }
  if (['reminders', 'tick', 'digest'].includes(subcommand)) {
    try {
      return await operate(bot, subcommand, rest, io);
    } catch (error) {
      if (error instanceof UsageError) {
        io.stderr.write(`ccm ${subcommand}: ${error.message}\n\n${USAGE}`);
        return 2;
      }
      throw error;
    } finally {
      bot.database.close();
    }
  }
  const shell = subcommand === 'shell' || bot.config.adapters.includes('shell');
  let chat: ChatServices | undefined;
  try {
    if (subcommand !== 'shell' && bot.config.adapters.some((a) => a !== 'shell')) chat = await startChat(bot);
    if (shell) {
      const name = bot.config.shellUser;
      await runShell({
        core: bot.core,
        input: io.stdin,
        output: io.stdout,
        actor: { platform: 'shell', userId: name, displayName: name },
        interactive: io.stdin.isTTY === true,
      });
    } else {
      io.stderr.write(`ccm-bot is running (${bot.config.adapters.join(', ')}) on port ${chat?.http.port}. Stop with Ctrl-C.\n`);
      await untilSignalled();
    }
    return 0;
  } catch (error) {
    if (error instanceof SlackStartError) {
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
    bot.database.close();
  }
}

/** Runs an operator subcommand with the same scheduler and reports as the running bot. */
async function operate(bot: Bot, subcommand: string, args: readonly string[], io: Io): Promise<number> {
  const now = bot.now();
  if (subcommand === 'digest') return printDigest(bot, args, io.stdout, now);
  // Posting needs only Slack's Web API: no HTTP server and no Socket Mode connection.
  const slack = subcommand === 'tick' && bot.config.slack
    ? createSlackAdapter({ core: bot.core, store: bot.store, config: bot.config.slack, log: bot.log })
    : undefined;
  const scheduler = createScheduler(bot, { slack });
  if (subcommand === 'reminders') {
    listReminders(bot, scheduler, args, io.stdout, now);
    return 0;
  }
  return tickOnce(bot, scheduler, args, io.stdout, now, slack !== undefined);
}

/** Resolves on SIGINT or SIGTERM, so the bot can close its server and database cleanly. */
function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
