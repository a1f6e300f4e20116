/**
 * The composition root: the only module that reads the environment, opens the database,
 * applies migrations, loads the plan and the state data, and starts the adapters.
 */
import type { Readable, Writable } from 'node:stream';
import { runShell } from './adapters/shell/shell.ts';
import { commands } from './commands/index.ts';
import { ConfigError, type Config, loadConfig, STATES_FILE } from './config.ts';
import { Core } from './core/dispatch.ts';
import { loadPlanFile, PlanError, type Plan } from './domain/plan.ts';
import { loadStatesCsv, StateDirectory } from './domain/states.ts';
import { createLog, type Log } from './log.ts';
import { openDatabase, type OpenDatabase } from './store/database.ts';
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
  plan: Plan;
  states: StateDirectory;
  log: Log;
  database: OpenDatabase;
}

/** Builds the bot from configuration: database ready, plan and states loaded and synced. */
export function assemble(config: Config, log: Log, now: () => Date = () => new Date()): Bot {
  const plan = loadPlanFile(config.planPath);
  const states = new StateDirectory(loadStatesCsv(STATES_FILE));
  const database = openDatabase(config.dbPath);
  const store = new Store(database.db);
  store.syncStates(states.all);
  store.syncPlan(plan);
  const core = new Core({ store, states, plan, commands, timeZone: config.timeZone, now, log });
  log.info('ready', { db: config.dbPath, plan: plan.id, states: states.all.length });
  return { config, core, store, plan, states, log, database };
}

const USAGE = `Usage: ccm [shell]

  ccm          start ccm-bot (the local shell when no chat platform is configured)
  ccm shell    start the local shell: one command per line, e.g. "meeting Lao PDR held"
  ccm help     show this text
`;

/** Runs the `ccm` command line; resolves to the process exit code. */
export async function main(argv: readonly string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  const [subcommand = 'start', ...rest] = argv;
  if (['help', '--help', '-h'].includes(subcommand)) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (!['start', 'shell'].includes(subcommand) || rest.length > 0) {
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
    throw error;
  }
  try {
    const name = bot.config.shellUser;
    await runShell({
      core: bot.core,
      input: io.stdin,
      output: io.stdout,
      actor: { platform: 'shell', userId: name, displayName: name },
      interactive: io.stdin.isTTY === true,
    });
    return 0;
  } finally {
    bot.database.close();
  }
}
