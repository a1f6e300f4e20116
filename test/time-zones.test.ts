/**
 * Personal nudges at the plan's reminder time in the person's own time zone: Slack's `tz` from
 * users.info and Teams' `clientInfo` entity, kept with the person; the group's zone otherwise.
 * Real HTTP on 127.0.0.1 with signed Slack requests and Teams activities, and the scheduler at
 * successive instants.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ChatServices, startChat } from '../src/chat.ts';
import { createTestBot, type TestBot } from './support/harness.ts';
import { commandBody, SIGNING_SECRET, type SlackStandIn, slackHeaders, startSlackStandIn } from './support/slack.ts';
import { ANA, message, postActivity, startConnectorStandIn } from './support/teams.ts';

let bot: TestBot;
let chat: ChatServices;
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await chat.stop();
  bot.close();
  for (const close of closers.splice(0)) await close();
});

const at = (iso: string) => new Date(iso);

describe('a Slack member in San José', () => {
  it('is nudged at 09:00 Costa Rica time, not at 09:00 Geneva time', async () => {
    const slack: SlackStandIn = await startSlackStandIn();
    closers.push(() => slack.close());
    slack.answer('users.info', (call) => ({
      body: { ok: true, user: { id: call.body.user, name: 'lucia', real_name: 'Lucía Mora', tz: 'America/Costa_Rica', profile: { display_name: 'Lucía' } } },
    }));
    bot = createTestBot({
      now: '2026-04-20T15:00:00Z',
      env: { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' },
    });
    chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
    const body = commandBody('next Kenya send model instrument by 2026-05-01', { user_id: 'U5', user_name: 'lucia', channel_id: 'D5' });
    const response = await fetch(`http://127.0.0.1:${chat.http.port}/slack/events`, { method: 'POST', body, headers: slackHeaders(body) });
    expect(response.status).toBe(200);
    expect(bot.store.people.known('slack', 'U5')).toMatchObject({ displayName: 'Lucía', timeZone: 'America/Costa_Rica' });
    const nudges = () => slack.callsTo('chat.postMessage').filter((p) => p.body.channel === 'U5');
    // 09:00 in Geneva (CEST) is 01:00 in San José: nothing.
    await chat.scheduler.tick(at('2026-05-02T07:00:30Z'));
    await chat.scheduler.tick(at('2026-05-02T14:59:00Z'));
    expect(nudges()).toHaveLength(0);
    // 09:00 in San José (UTC−6, no summer time).
    const report = await chat.scheduler.tick(at('2026-05-02T15:00:30Z'));
    expect(report.sent.map((s) => [s.post.dueAt, s.reply.title])).toEqual([['2026-05-02T15:00:00.000Z', 'Your next step with Kenya is past its due date']]);
    expect(nudges()).toHaveLength(1);
  });
});

describe('a Teams member whose client reports a time zone', () => {
  it('keeps it, and is nudged at 09:00 there', async () => {
    const connector = await startConnectorStandIn();
    closers.push(() => connector.close());
    bot = createTestBot({ now: '2026-04-20T15:00:00Z', env: { CCM_ADAPTERS: 'teams', PORT: '0' } });
    chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
    const activity = message(connector.serviceUrl, 'next Kenya send model instrument by 2026-05-01');
    const withZone = { ...activity, entities: [{ type: 'clientInfo', locale: 'es-CR', country: 'CR', platform: 'Web', timezone: 'America/Costa_Rica' }] };
    expect((await postActivity(`http://127.0.0.1:${chat.http.port}/api/messages`, withZone)).status).toBeLessThan(300);
    expect(bot.store.people.known('teams', ANA.aadObjectId)?.timeZone).toBe('America/Costa_Rica');
    const nudgesAt = (iso: string) =>
      chat.scheduler
        .due(at(iso))
        .due.filter((d) => d.kind === 'nudge')
        .map((d) => d.key.dueAt);
    expect(nudgesAt('2026-05-02T07:00:30Z')).toEqual([]);
    expect(nudgesAt('2026-05-02T15:00:30Z')).toEqual(['2026-05-02T15:00:00.000Z']);
    // A zone the client does not send (or that is no zone) leaves the one kept.
    const bogus = { ...message(connector.serviceUrl, 'help'), entities: [{ type: 'clientInfo', timezone: 'Mars/Olympus' }] };
    await postActivity(`http://127.0.0.1:${chat.http.port}/api/messages`, bogus);
    expect(bot.store.people.known('teams', ANA.aadObjectId)?.timeZone).toBe('America/Costa_Rica');
  });
});
