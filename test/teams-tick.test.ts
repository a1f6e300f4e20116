/**
 * Reminders and digests to Teams: a channel subscribes through /api/messages, then `ccm tick`
 * (its own run of `main`, with no HTTP server, reading the channel's address from SQLite) posts
 * through the stand-in Bot Connector, exactly once; a digest's parts go into its thread.
 * Failures in-process: a 429 waits for its Retry-After, a post with no answer is never resent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { teamsAddresses } from '../src/adapters/teams/address.ts';
import { type ChatServices, startChat } from '../src/chat.ts';
import { ccm } from './support/ccm.ts';
import { createTestBot, type TestBot, dateSpringMeetings } from './support/harness.ts';
import { CHANNEL, type ConnectorStandIn, GROUP, message, postActivity, startConnectorStandIn, TENANT, titleOf } from './support/teams.ts';

let connector: ConnectorStandIn;
let bot: TestBot;
let chat: ChatServices;

beforeEach(async () => {
  connector = await startConnectorStandIn();
  bot = createTestBot({ now: '2026-03-01T10:00:00Z', env: { CCM_ADAPTERS: 'teams', PORT: '0' } });
  chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
  dateSpringMeetings(bot);
  await postActivity(`http://127.0.0.1:${chat.http.port}/api/messages`, message(connector.serviceUrl, 'subscribe', { where: 'channel' }));
  expect(bot.store.channels.subscriptions()).toMatchObject([{ platform: 'teams', channelId: CHANNEL }]);
  connector.calls.length = 0;
});

afterEach(async () => {
  await chat.stop();
  bot.close();
  await connector.close();
});

function ccmTick(at: string) {
  return ccm(['tick', '--at', at], { HOME: bot.dir, CCM_DB_PATH: bot.dbPath, CCM_ADAPTERS: 'teams' });
}

const REMINDER = 'In 7 days: Third meeting of the Informal Working Group on Universalisation';

describe('ccm tick with Teams', () => {
  it('posts a reminder, then a digest with its parts in the digest’s thread, each once', async () => {
    const first = await ccmTick('2026-05-05T09:00:30+02:00');
    expect(first.code).toBe(0);
    expect(first.out).toBe(`sent meeting-7d to teams:${CHANNEL}: ${REMINDER}\n`);
    expect(connector.calls.map((c) => [c.kind, c.conversationId])).toEqual([['send', CHANNEL]]);
    expect(titleOf(connector.calls[0]!)).toContain(REMINDER);

    const digest = await ccmTick('2026-05-10T09:00:30+02:00');
    expect(digest.code).toBe(0);
    const [parent, ...parts] = connector.calls.slice(1);
    expect(parent).toMatchObject({ kind: 'send', conversationId: CHANNEL });
    expect(titleOf(parent!)).toContain('Progress digest for the Third meeting');
    expect(parts.length).toBeGreaterThan(0);
    const root = bot.ledger.all().find((p) => p.rule === 'digest')!.messageRef;
    for (const part of parts) expect(part).toMatchObject({ kind: 'send', conversationId: `${CHANNEL};messageid=${root}` });
    expect((await ccmTick('2026-05-10T09:00:30+02:00')).out).toBe('Nothing due.\n');
    expect(connector.calls).toHaveLength(1 + 1 + parts.length);
  });
});

describe('posting to Teams from the scheduler', () => {
  const tick = (at: string) => chat.scheduler.tick(new Date(at));

  it('waits as long as a 429 asks before trying again', async () => {
    connector.stub((call) => (call.kind === 'send' ? { status: 429, headers: { 'retry-after': '600' }, body: {} } : undefined));
    const limited = await tick('2026-05-05T09:00:30+02:00');
    expect(limited.failed.map((f) => f.error)).toEqual(['Teams rate-limited the post (retry after 600 s)']);
    connector.stub(undefined);
    // Later than the scheduler's own first back-off (1 minute), earlier than Teams asked.
    expect((await tick('2026-05-05T09:05:30+02:00')).sent).toEqual([]);
    const retried = await tick('2026-05-05T09:10:31+02:00');
    expect(retried.sent.map((s) => s.reply.title)).toEqual([REMINDER]);
    expect(connector.calls.filter((c) => c.kind === 'send')).toHaveLength(2);
  });

  it('never resends a post that got no answer', async () => {
    connector.stub((call) => (call.kind === 'send' ? { hangUp: true } : undefined));
    const lost = await tick('2026-05-05T09:00:30+02:00');
    expect(lost.uncertain).toHaveLength(1);
    connector.stub(undefined);
    expect((await tick('2026-05-05T10:00:30+02:00')).sent).toEqual([]);
    expect(connector.calls.filter((c) => c.kind === 'send')).toHaveLength(1);
    expect(bot.ledger.all().map((p) => p.status)).toEqual(['uncertain']);
  });

  it('posts a digest’s parts to a group chat as posts of their own (chats have no threads)', async () => {
    const poster = chat.adapters.find((a) => a.name === 'teams')!.poster!;
    const group = teamsAddresses.encode({ kind: 'group', conversationId: GROUP, serviceUrl: connector.serviceUrl, tenantId: TENANT });
    const parent = await poster.post(group, bot.say('help'));
    await poster.post(group, bot.say('deliverables'), { threadRef: parent.ref });
    expect(connector.calls.map((c) => [c.kind, c.conversationId])).toEqual([
      ['send', GROUP],
      ['send', GROUP],
    ]);
  });

  // An HTTP date an hour ahead (at collection time): the wait is what is left of that hour.
  const later = new Date(Date.now() + 3_600_000).toUTCString();
  it.each<[number, Record<string, string>, Record<string, unknown>]>([
    [401, {}, { failure: 'auth' }],
    [403, {}, { failure: 'permission' }],
    [404, {}, { failure: 'not-found' }],
    [429, { 'retry-after': '30' }, { failure: 'rate-limited', retryAfterMs: 30_000 }],
    [429, { 'retry-after': later }, { failure: 'rate-limited', retryAfterMs: expect.any(Number) }],
    [502, {}, { failure: 'refused', outcome: 'not-delivered' }],
  ])('reports the Bot Connector answering %i as a typed failure', async (status, headers, expected) => {
    const poster = chat.adapters.find((a) => a.name === 'teams')!.poster!;
    connector.stub(() => ({ status, headers, body: { error: { code: 'Failure', message: 'no' } } }));
    const error = await poster.post(bot.store.channels.subscriptions()[0]!.address!, bot.say('help')).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DeliveryError', ...expected });
    if (headers['retry-after'] === later) expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(1_800_000);
    expect(connector.calls).toHaveLength(1);
  });

  it('says when the Bot Connector cannot be reached, so the post is retried', async () => {
    const poster = chat.adapters.find((a) => a.name === 'teams')!.poster!;
    const address = bot.store.channels.subscriptions()[0]!.address!;
    await connector.close();
    await expect(poster.post(address, bot.say('help'))).rejects.toMatchObject({ failure: 'not-connected', outcome: 'not-delivered' });
  });
});
