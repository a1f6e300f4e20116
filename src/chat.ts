/**
 * The chat side of a running bot: the configured platform adapters; for those that serve
 * people over the network, the HTTP server they share (with /healthz), the scheduler's
 * heartbeat and the database's checkpoints; for the one in this terminal (the shell), its conversation.
 */
import type { ChatAdapter } from './adapters/adapter.ts';
import { type HttpServer, startHttpServer } from './adapters/http-server.ts';
import { within } from './adapters/in-flight.ts';
import { buildChatAdapters, postersOf } from './adapters/index.ts';
import type { AdapterContext } from './adapters/platform.ts';
import { type Bot, createScheduler } from './bot.ts';
import { missingAllowLists, servedPlatforms } from './config.ts';
import { startHeartbeat } from './scheduler/heartbeat.ts';
import { leaveCheckpointsToLitestream, startCheckpoints } from './store/checkpoints.ts';
import { readiness, startReplication } from './replication.ts';
import type { Scheduler } from './scheduler/scheduler.ts';

export interface ChatServices {
  http: HttpServer;
  adapters: ChatAdapter[];
  scheduler: Scheduler;
  /**
   * Stops taking requests and lets what was taken finish: commands being answered, the post
   * being sent (the rest stay claimed). After `graceMs`, connections still open are closed.
   */
  stop(graceMs?: number): Promise<void>;
}

/**
 * How long a stop waits for work in flight. Within 10 s in all, the time container runtimes
 * give between SIGTERM and SIGKILL (Docker's default): a command takes milliseconds, a post
 * at most the platform client's timeout.
 */
const SHUTDOWN_GRACE_MS = 8000;

/** What the adapters are built with, beyond the bot: this process's terminal, and tests' shorter pauses. */
export type AdapterOptions = Partial<Pick<AdapterContext, 'terminal' | 'paceMs' | 'homeRefreshMs'>>;

/** The adapters of the named platforms (configured ones), built, not started: `ccm tick` needs only their posters. */
export function buildAdapters(bot: Bot, names: readonly string[], options: AdapterOptions = {}): Promise<ChatAdapter[]> {
  const { core, store, log, config } = bot;
  const platforms = names.map((name) => ({ name, settings: config.settings[name] }));
  const terminal = options.terminal ?? { input: process.stdin, output: process.stdout };
  return buildChatAdapters(platforms, { core, store, log, localUser: config.localUser, ...options, terminal });
}

/**
 * Runs the platforms among `names` that live in this terminal (the shell) until their
 * conversations end; resolves to false at once when there is none.
 */
export async function converseLocally(bot: Bot, names: readonly string[], terminal: AdapterContext['terminal']): Promise<boolean> {
  const served = servedPlatforms(names);
  const adapters = await buildAdapters(
    bot,
    names.filter((name) => !served.includes(name)),
    { terminal },
  );
  if (adapters.length === 0) return false;
  for (const adapter of adapters) await adapter.start();
  await Promise.race(adapters.map((a) => a.ended));
  await Promise.all(adapters.map((a) => a.stop()));
  return true;
}

/**
 * Starts the configured adapters that serve people over the network, and the HTTP server
 * they share. `host` narrows where the server listens (tests use 127.0.0.1); by default it
 * listens on every interface.
 */
export async function startChat(bot: Bot, options: AdapterOptions & { host?: string; heartbeat?: boolean } = {}): Promise<ChatServices> {
  const { config, log } = bot;
  const missing = missingAllowLists(config);
  if (missing.platforms.length > 0) {
    log.warn('serving any workspace: anyone who installs the app can read and write the log', { platforms: missing.platforms, fix: missing.variables });
  }
  // First: a second replicator on the database is refused before anything is served.
  const replicator = config.replica ? await startReplication(config.dbPath, config.replica, log) : undefined;
  let adapters: ChatAdapter[];
  let http: HttpServer;
  try {
    adapters = await buildAdapters(bot, servedPlatforms(config.adapters), options);
    for (const adapter of adapters) await adapter.start();
    http = await startHttpServer({
      port: config.port,
      host: options.host,
      routes: adapters.flatMap((a) => a.routes),
      healthy: () => bot.database.sqlite.open,
      ready: () => readiness(bot.database.sqlite.open, replicator),
      log,
      trustProxy: config.trustProxy,
      now: () => bot.now().getTime(),
    });
  } catch (error) {
    await replicator?.stop();
    throw error;
  }
  log.info('listening', { port: http.port, adapters: adapters.map((a) => a.name) });
  // The log copied into the database file off the requests' path (see checkpoints.ts), unless
  // Litestream replicates it: then Litestream alone checkpoints, when it has shipped the WAL.
  const checkpoints = replicator ? leaveCheckpointsToLitestream(bot.database.sqlite) : startCheckpoints(bot.database.sqlite, log);
  const scheduler = createScheduler(bot, postersOf(adapters));
  const heartbeat = options.heartbeat === false ? undefined : startHeartbeat(scheduler, log, bot.now);
  return {
    http,
    adapters,
    scheduler,
    async stop(graceMs = SHUTDOWN_GRACE_MS) {
      // Requests answered first: an adapter's follow-up work (after the answer) starts before that.
      const answered = http.drain().then(() => Promise.all(adapters.map((a) => a.stop())));
      const finished = Promise.all([answered, heartbeat?.stop()]);
      if (!(await within(finished, graceMs))) log.warn('stopped with work still in flight', { graceMs });
      await http.close();
      await checkpoints.stop();
      await replicator?.stop();
    },
  };
}
