/**
 * Stopping the running bot while the scheduler is posting: the post being sent is finished
 * and recorded, the others stay claimed in the ledger, and a later tick (this process's
 * successor, once the claim has lapsed) sends them. The real HTTP server, signed Slack
 * requests and the Web API stand-in; the process-level SIGTERM is in durability.test.ts.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type ChatServices, startChat } from '../src/chat.ts';
import { createTestBot, type TestBot } from './support/harness.ts';
import { commandBody, SIGNING_SECRET, type SlackStandIn, slackHeaders, startSlackStandIn } from './support/slack.ts';

let slack: SlackStandIn;
let bot: TestBot;
let chat: ChatServices | undefined;

beforeEach(async () => {
  slack = await startSlackStandIn();
  bot = createTestBot({
    now: '2026-03-01T10:00:00Z',
    env: { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' },
  });
  // Dated, so that only the 7-day reminder of the third meeting falls due at the instant below.
  for (const [id, date] of [
    ['wg3', '2026-05-12'],
    ['wg4', '2026-06-16'],
    ['pm1', '2026-07-06'],
    ['pm2', '2026-08-24'],
    ['workshop-asean', '2026-07-14'],
    ['workshop-africa', '2026-08-04'],
  ]) {
    bot.say(`milestone ${id} date ${date}`);
  }
});
afterEach(async () => {
  await chat?.stop();
  bot.close();
  await slack.close();
});

async function subscribe(port: number, channel: string): Promise<void> {
  const body = commandBody('subscribe', { channel_id: channel });
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body, headers: slackHeaders(body) });
  expect(((await response.json()) as { text: string }).text).toBe('This channel now receives reminders and digests');
}

it('finishes the post being sent when stopped, and leaves the others claimed for the next start', async () => {
  const setUp = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
  for (const channel of ['C1', 'C2', 'C3']) await subscribe(setUp.http.port, channel);
  await setUp.stop();
  // The reminder is due in three channels; Slack is slow to answer the first post.
  bot.setNow('2026-05-05T07:00:30Z');
  slack.answer('chat.postMessage', (call) => ({ delayMs: 300, body: { ok: true, channel: call.body.channel, ts: '1700000000.000100' } }));
  chat = await startChat(bot, { host: '127.0.0.1', paceMs: 0 });
  while (slack.callsTo('chat.postMessage').length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  await chat.stop();
  chat = undefined;

  expect(slack.callsTo('chat.postMessage').map((c) => c.body.channel)).toEqual(['C1']);
  expect(bot.ledger.all().map((p) => [p.channelId, p.status])).toEqual([
    ['C1', 'sent'],
    ['C2', 'claimed'],
    ['C3', 'claimed'],
  ]);

  // The next start, once the stopped process's claims have lapsed, sends the rest.
  bot.setNow('2026-05-05T07:06:00Z');
  chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
  const report = await chat.scheduler.tick(bot.now());
  expect(report.sent.map((s) => s.post.channelId)).toEqual(['C2', 'C3']);
  expect(slack.callsTo('chat.postMessage').map((c) => c.body.channel)).toEqual(['C1', 'C2', 'C3']);
});
