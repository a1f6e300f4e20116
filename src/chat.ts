/**
 * The chat side of a running bot: the configured platform adapters, the HTTP server they share
 * (with /healthz), and the scheduler's heartbeat.
 */
import type { ChatAdapter } from './adapters/adapter.ts';
import { type HttpServer, startHttpServer } from './adapters/http-server.ts';
import { type AdapterOptions, buildChatAdapters, postersOf } from './adapters/index.ts';
import { type Bot, createScheduler } from './bot.ts';
import { startHeartbeat } from './scheduler/heartbeat.ts';
import type { Scheduler } from './scheduler/scheduler.ts';

export interface ChatServices {
  http: HttpServer;
  adapters: ChatAdapter[];
  scheduler: Scheduler;
  stop(): Promise<void>;
}

/**
 * Starts the configured chat adapters and the HTTP server they share. `host` narrows where
 * the server listens (tests use 127.0.0.1); by default it listens on every interface.
 */
export async function startChat(bot: Bot, options: AdapterOptions & { host?: string; heartbeat?: boolean } = {}): Promise<ChatServices> {
  const { config, log } = bot;
  const adapters = await buildChatAdapters(bot, options);
  for (const adapter of adapters) await adapter.start();
  const http = await startHttpServer({
    port: config.port,
    host: options.host,
    routes: adapters.flatMap((a) => a.routes),
    healthy: () => bot.database.sqlite.open,
    log,
  });
  log.info('listening', { port: http.port, adapters: adapters.map((a) => a.name) });
  const scheduler = createScheduler(bot, postersOf(adapters));
  const heartbeat = options.heartbeat === false ? undefined : startHeartbeat(scheduler, log, bot.now);
  return {
    http,
    adapters,
    scheduler,
    async stop() {
      await heartbeat?.stop();
      await http.close();
      for (const adapter of adapters) await adapter.stop();
    },
  };
}
