/**
 * A subscribed Slack channel living through the plan's calendar: the real scheduler and Slack
 * adapter, ticked every morning with a controlled clock, posting to a stand-in of Slack's Web API.
 */
import { createScheduler } from '../../src/bot.ts';
import { addDays } from '../../src/domain/dates.ts';
import { instantAt } from '../../src/domain/time.ts';
import { createTestBot, type TestBot } from './harness.ts';
import { slackActor, slackPlace } from './places.ts';
import { type SlackStandIn, slackPosterFor, startSlackStandIn } from './slack.ts';

const TZ = 'Europe/Zurich';

/** A top-level post channel C1 received (thread replies left out). */
export interface Received {
  day: string;
  title: string;
  body: string;
}

export interface Calendar {
  bot: TestBot;
  /**
   * Ticks every morning at 09:00:30 Geneva time, `from` to `to`: what channel C1 received,
   * thread replies left out unless `threads` is set.
   */
  receive(from: string, to: string, options?: { threads?: boolean }): Promise<Received[]>;
  close(): Promise<void>;
}

/**
 * A bot with Slack channel C1 subscribed at `now` (for figures only, as `subscribe` does;
 * `naming: 'states'` subscribes it `with names`), on the shipped plan or the plan file at `planPath`.
 */
export async function startChannel(options: { now: string; planPath?: string; naming?: 'states' | 'counts' }): Promise<Calendar> {
  const slack: SlackStandIn = await startSlackStandIn();
  const bot = createTestBot({ now: options.now, env: options.planPath ? { CCM_PLAN: options.planPath } : {} });
  const subscribe = options.naming === 'states' ? 'subscribe with names' : 'subscribe';
  const subscribed = bot.core.handle({ text: subscribe, actor: slackActor('U1', 'Ana'), place: slackPlace('C1') });
  if (subscribed.tone !== 'success') throw new Error(`Could not subscribe: ${subscribed.title}`);
  const scheduler = createScheduler(bot, { slack: slackPosterFor(bot, slack.apiUrl) });
  return {
    bot,
    async receive(from, to, options = {}) {
      const received: Received[] = [];
      for (let day = from; day <= to; day = addDays(day, 1)) {
        const at = new Date(instantAt(day, '09:00', TZ).getTime() + 30_000);
        bot.setNow(at.toISOString());
        const before = slack.callsTo('chat.postMessage').length;
        await scheduler.tick(at);
        for (const call of slack.callsTo('chat.postMessage').slice(before)) {
          if (call.body.channel !== 'C1' || (call.body.thread_ts !== undefined && !options.threads)) continue;
          received.push({ day, title: String(call.body.text), body: String(call.body.blocks) });
        }
      }
      return received;
    },
    async close() {
      bot.close();
      await slack.close();
    },
  };
}
