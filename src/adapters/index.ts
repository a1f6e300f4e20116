/**
 * Every chat platform ccm-bot can run on, by the name CCM_ADAPTERS uses. Adding a platform is
 * adding its folder and one line here.
 */
import type { Bot } from '../bot.ts';
import type { Poster } from '../core/delivery.ts';
import type { ChatAdapter } from './adapter.ts';
import { createSlackAdapter } from './slack/slack-adapter.ts';
import { createTeamsAdapter } from './teams/teams-adapter.ts';

export interface AdapterOptions {
  /** Minimum time between two posts to one address, overriding the platform's; tests set 0. */
  paceMs?: number;
  /** Least time between two refreshes of one person's Slack Home tab (a minute); tests shorten it. */
  homeRefreshMs?: number;
}

type Factory = (bot: Bot, options: AdapterOptions) => ChatAdapter | undefined;

/** Each platform's adapter, or undefined when the configuration has no credentials for it. */
const FACTORIES: Record<string, Factory> = {
  slack: (bot, options) => (bot.config.slack
    ? createSlackAdapter({ core: bot.core, store: bot.store, config: bot.config.slack, log: bot.log, paceMs: options.paceMs, homeRefreshMs: options.homeRefreshMs })
    : undefined),
  teams: (bot, options) => (bot.config.teams
    ? createTeamsAdapter({ core: bot.core, store: bot.store, config: bot.config.teams, log: bot.log, paceMs: options.paceMs })
    : undefined),
};

/**
 * The chat adapters the configuration asks for (CCM_ADAPTERS, else every platform with
 * credentials; configuration has already refused a named platform without them). Built, not
 * started: `ccm tick` needs only their posters.
 */
export function buildChatAdapters(bot: Bot, options: AdapterOptions = {}): ChatAdapter[] {
  return bot.config.adapters
    .filter((name) => name !== 'shell')
    .flatMap((name) => {
      const adapter = FACTORIES[name]?.(bot, options);
      return adapter ? [adapter] : [];
    });
}

/** The posters of these adapters, by platform, as the scheduler takes them. */
export function postersOf(adapters: readonly ChatAdapter[]): Record<string, Poster> {
  return Object.fromEntries(adapters.map((a) => [a.name, a.poster]));
}
