/**
 * The composition root: the only module that reads the environment. It turns the command line
 * into a bot (see bot.ts) and starts the shell, the chat adapters or an operator command.
 */
import type { Readable, Writable } from 'node:stream';
import { AdapterStartError } from './adapters/adapter.ts';
import { platformSecrets, postersOf } from './adapters/index.ts';
import { findSubcommand, USAGE } from './cli/index.ts';
import { rehearsalRequest } from './cli/session.ts';
import { type Arguments, type Output, parseArguments, type Subcommand, UsageError } from './cli/subcommand.ts';
import { assemble, type Bot, createScheduler } from './bot.ts';
import { buildAdapters, type ChatServices, converseLocally, startChat } from './chat.ts';
import { ConfigError, LOCAL_PLATFORMS, loadConfig, platformTitles, servedPlatforms } from './config.ts';
import { PlanError } from './domain/plan.ts';
import { doctorInBackground } from './doctor.ts';
import { consoleToLog, createLog } from './log.ts';
import { ReplicationError } from './replication.ts';
import { prepareRehearsalDatabase, rehearsal, RehearsalError, type RehearsalRequest, rehearsalNotice, rehearsalRefusal } from './rehearsal.ts';
import type { AfterStep } from './store/backup.ts';
import { isBusy } from './store/busy.ts';
import { DatabaseError, InterruptedRestoreError } from './store/database.ts';

export interface Io {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
}

/** Runs the `ccm` command line; resolves to the process exit code. */
export async function main(argv: readonly string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  let command: Subcommand | undefined;
  let args: Arguments;
  let rehearsing: RehearsalRequest | undefined;
  try {
    const found = findSubcommand(argv);
    command = found.command;
    args = parseArguments(command, found.words);
    // Before configuration and database (a plan is written and checked before it is installed), and before a bot.
    if (command.needs === 'nothing') return await command.run(args, output(io));
    if (command.needs === 'database file') return await onDatabaseFile(command, args, env, io);
    if (command.needs === 'environment') return await command.run(args, { env, io: output(io), now: new Date() });
    if (command.needs === 'chat session') rehearsing = rehearsalRequest(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return usageMistake(error, command, io);
  }
  const subcommand = command.name;
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
  if (command.needs !== 'chat session') {
    try {
      return await operate(bot, command, args, io);
    } catch (error) {
      if (isBusy(error)) return busy(subcommand, io);
      if (error instanceof UsageError) return usageMistake(error, command, io);
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
      // Once listening, so that start-up is not slowed: what to look at, as warnings.
      if (env.NODE_ENV === 'production') void doctorInBackground(env, bot.log);
    }
    if (!(await converseLocally(bot, names, { input: io.stdin, output: io.stdout }))) {
      io.stderr.write(`ccm-bot is running (${bot.config.adapters.join(', ')}) on port ${chat?.http.port}. Stop with Ctrl-C.\n`);
      const signal = await untilSignalled();
      bot.log.info('stopping: no new requests; finishing those in flight and the post being sent', { signal });
    }
    return 0;
  } catch (error) {
    if (error instanceof AdapterStartError || error instanceof ReplicationError) {
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

/**
 * A mistake on the command line: said, naming the subcommand unless the message already does
 * (or it is `ccm` itself, whose options `ccm shell`'s are), then the usage; exit code 2.
 */
function usageMistake(error: UsageError, command: Subcommand | undefined, io: Io): number {
  const where = command === undefined || command.needs === 'chat session' || error.message.startsWith('ccm ') ? 'ccm' : `ccm ${command.name}`;
  io.stderr.write(`${where}: ${error.message}\n\n${USAGE}`);
  return 2;
}

function output(io: Io): Output {
  return { out: io.stdout, err: io.stderr };
}

/** `ccm backup|restore <file>` and `ccm init`: on the database file alone, before any bot is assembled. */
async function onDatabaseFile(
  command: Subcommand & { needs: 'database file' },
  args: Arguments,
  env: Record<string, string | undefined>,
  io: Io,
): Promise<number> {
  let dbPath: string;
  try {
    dbPath = loadConfig(env).dbPath;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`ccm: ${error.message}\n`);
    return 1;
  }
  return command.run(args, { dbPath, io: output(io), now: new Date(), afterStep: killAfter(command.name, env) });
}

/**
 * Fault injection for tests (test/e2e/crash-safety.test.ts): CCM_TEST_KILL_AFTER=restore:kept kills
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

/** Runs an operator subcommand on the assembled bot, with the same scheduler and reports as the running bot. */
async function operate(bot: Bot, command: Subcommand, args: Arguments, io: Io): Promise<number> {
  if (command.needs === 'bot') return command.run(args, bot, output(io));
  if (command.needs !== 'scheduler' && command.needs !== 'posters') throw new Error(`ccm ${command.name} does not run on an assembled bot`);
  // Posting needs only each platform's poster: no HTTP server, no connection started.
  const posters = command.needs === 'posters' ? postersOf(await buildAdapters(bot, servedPlatforms(bot.config.adapters))) : {};
  const refusal = Object.keys(posters).length > 0 ? rehearsalRefusal(bot.config.dbPath, `post to ${platformTitles(Object.keys(posters))}`) : undefined;
  if (refusal) {
    io.stderr.write(`ccm: ${refusal}\n`);
    return 1;
  }
  const scheduler = createScheduler(bot, posters);
  return command.run(args, { bot, scheduler, canPost: Object.keys(posters).length > 0, io: output(io) });
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
