/**
 * Every chat platform ccm-bot can run on, by the name CCM_ADAPTERS uses. Adding a platform is
 * adding its folder and one line here.
 *
 * Each platform's code, and its SDK, is imported only when the configuration asks for it:
 * botbuilder alone takes about a second and 90 MiB to load, which a Slack-only bot (or the
 * shell) never pays.
 */
import type { Bot } from '../bot.ts';
import type { Poster } from '../core/delivery.ts';
import type { ChatAdapter } from './adapter.ts';

export interface AdapterOptions {
  /** Minimum time between two posts to one address, overriding the platform's; tests set 0. */
  paceMs?: number;
  /** Least time between two refreshes of one person's Slack Home tab (a minute); tests shorten it. */
  homeRefreshMs?: number;
}

type Factory = (bot: Bot, options: AdapterOptions) => Promise<ChatAdapter | undefined>;

/** Each platform's adapter, or undefined when the configuration has no credentials for it. */
const FACTORIES: Record<string, Factory> = {
  async slack(bot, options) {
    if (!bot.config.slack) return undefined;
    const { createSlackAdapter } = await import('./slack/slack-adapter.ts');
    return createSlackAdapter({
      core: bot.core,
      store: bot.store,
      config: bot.config.slack,
      log: bot.log,
      paceMs: options.paceMs,
      homeRefreshMs: options.homeRefreshMs,
    });
  },
  async teams(bot, options) {
    if (!bot.config.teams) return undefined;
    const { createTeamsAdapter } = await import('./teams/teams-adapter.ts');
    return createTeamsAdapter({ core: bot.core, store: bot.store, config: bot.config.teams, log: bot.log, paceMs: options.paceMs });
  },
};

/**
 * The chat adapters the configuration asks for (CCM_ADAPTERS, else every platform with
 * credentials; configuration has already refused a named platform without them). Built, not
 * started: `ccm tick` needs only their posters.
 */
export async function buildChatAdapters(bot: Bot, options: AdapterOptions = {}): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  for (const name of bot.config.adapters.filter((a) => a !== 'shell')) {
    const adapter = await FACTORIES[name]?.(bot, options);
    if (adapter) adapters.push(adapter);
  }
  return adapters;
}

/** The posters of these adapters, by platform, as the scheduler takes them. */
export function postersOf(adapters: readonly ChatAdapter[]): Record<string, Poster> {
  return Object.fromEntries(adapters.map((a) => [a.name, a.poster]));
}
