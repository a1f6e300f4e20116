/**
 * A bot serving Slack (against the Web API stand-in) with its spring meetings dated, and a
 * channel C1 that subscribes with a signed `/ccm subscribe`: what the tests of `ccm tick` and
 * the running bot's reminders start from.
 */
import { expect } from 'vitest';
import { type ChatServices, startChat } from '../../src/chat.ts';
import { createTestBot, dateSpringMeetings, type TestBot } from './harness.ts';
import { commandBody, SIGNING_SECRET, type SlackStandIn, slackHeaders, startSlackStandIn } from './slack.ts';

export interface SlackChannelBot {
  slack: SlackStandIn;
  bot: TestBot;
  chat: ChatServices;
  /** The environment of a `ccm` run on this bot's database, with Slack configured or not. */
  env(withSlack: boolean): Record<string, string>;
  subscribeC1(): Promise<void>;
  postsToC1(): { body: Record<string, unknown> }[];
  stop(): Promise<void>;
}

export async function slackChannelBot(): Promise<SlackChannelBot> {
  const slack = await startSlackStandIn();
  const slackEnv = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl };
  const bot = createTestBot({ now: '2026-03-01T10:00:00Z', env: { ...slackEnv, PORT: '0' } });
  const setup: SlackChannelBot = {
    slack,
    bot,
    chat: await startChat(bot, { host: '127.0.0.1', heartbeat: false }),
    env: (withSlack) => ({ HOME: bot.dir, CCM_DB_PATH: bot.dbPath, ...(withSlack ? slackEnv : {}) }),
    async subscribeC1() {
      const body = commandBody('subscribe', { channel_id: 'C1' });
      const response = await fetch(`http://127.0.0.1:${setup.chat.http.port}/slack/events`, { method: 'POST', body, headers: slackHeaders(body) });
      expect(((await response.json()) as { text: string }).text).toBe('This channel now receives reminders and digests');
    },
    postsToC1: () => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C1'),
    async stop() {
      await setup.chat.stop();
      bot.close();
      await slack.close();
    },
  };
  dateSpringMeetings(bot);
  return setup;
}
