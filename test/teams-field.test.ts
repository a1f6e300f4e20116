/**
 * Teams as a real tenant behaves, end to end through /api/messages and the stand-in Bot
 * Connector: answers that survive throttling, private answers in the 1:1 chat already known,
 * cards that are replaced by their outcome, and addresses that follow a new service URL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { teamsAddresses } from '../src/adapters/teams/address.ts';
import type { ChatServices } from '../src/chat.ts';
import type { TestBot } from './support/harness.ts';
import {
  ANA,
  buttonsOf,
  CHANNEL,
  type ConnectorStandIn,
  installed,
  message,
  PERSONAL,
  postActivity,
  startConnectorStandIn,
  submit,
  TENANT,
  titleOf,
} from './support/teams.ts';
import { startTeamsBot, type TeamsBot } from './support/teams-bot.ts';

let teams: TeamsBot;
let connector: ConnectorStandIn;
let bot: TestBot;
let chat: ChatServices;
let endpoint: string;

beforeEach(async () => {
  teams = await startTeamsBot();
  ({ connector, bot, chat, endpoint } = teams);
});

afterEach(() => teams.close());

const entries = () =>
  bot.database.sqlite.prepare('SELECT state_iso3, withdrawn_at FROM entries').all() as { state_iso3: string; withdrawn_at: string | null }[];
const delivered = () => connector.calls.filter((c) => !connector.refused.includes(c));

describe('an answer the Bot Connector throttles', () => {
  it('is tried again after the Retry-After it asks for, and delivered once', async () => {
    connector.once({ status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'TooManyRequests' } } }, 'reply');
    const started = performance.now();
    expect((await postActivity(endpoint, message(connector.serviceUrl, 'meeting Kenya held'))).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(connector.calls.map((c) => c.kind)).toEqual(['reply', 'reply']);
    expect(connector.postsTo(PERSONAL).map(titleOf)).toEqual(['✓ Logged #1: meeting held, Kenya']);
    expect(entries()).toHaveLength(1);
  });

  it.each([412, 502, 504])('is tried again after %i', async (status) => {
    connector.once({ status, body: {} }, 'reply');
    await postActivity(endpoint, message(connector.serviceUrl, 'meeting Kenya held'));
    expect(connector.calls.map((c) => c.kind)).toEqual(['reply', 'reply']);
    expect(connector.postsTo(PERSONAL).map(titleOf)).toEqual(['✓ Logged #1: meeting held, Kenya']);
  });

  it('is not sent again after another 5xx or no answer: it may have arrived', async () => {
    for (const [answer, state] of [
      [{ status: 500, body: {} }, 'Kenya'],
      [{ hangUp: true }, 'Chad'],
    ] as const) {
      connector.calls.length = 0;
      connector.once(answer, 'reply');
      await postActivity(endpoint, message(connector.serviceUrl, `contacted ${state}`));
      expect(connector.calls.map((c) => c.kind)).toEqual(['reply']);
    }
    expect(entries()).toHaveLength(2);
  });

  it('opens the person’s 1:1 chat even when the first try is throttled', async () => {
    connector.once({ status: 429, headers: { 'retry-after': '0' }, body: {} }, 'create');
    await postActivity(endpoint, message(connector.serviceUrl, 'meeting Kenya held', { where: 'channel' }));
    expect(connector.calls.filter((c) => c.kind === 'create')).toHaveLength(2);
    expect(connector.postsTo(PERSONAL).map(titleOf)).toEqual(['✓ Logged #1: meeting held, Kenya']);
  });
});

describe('a private answer to a command in a channel', () => {
  it('goes to the 1:1 chat stored for the person, without asking Teams to open it', async () => {
    await postActivity(endpoint, installed(connector.serviceUrl, 'personal'));
    connector.calls.length = 0;
    await postActivity(endpoint, message(connector.serviceUrl, 'meeting Kenya held', { where: 'channel' }));
    expect(connector.calls.filter((c) => c.kind === 'create')).toEqual([]);
    expect(connector.postsTo(PERSONAL).map(titleOf)).toEqual(['✓ Logged #1: meeting held, Kenya']);
  });

  it('opens the 1:1 chat anew, once, when the stored one is gone, and keeps the new one', async () => {
    await postActivity(endpoint, installed(connector.serviceUrl, 'personal'));
    const stale = 'a:personal-gone';
    bot.database.sqlite
      .prepare('UPDATE people SET address = ? WHERE platform_user_id = ?')
      .run(teamsAddresses.encode({ kind: 'personal', conversationId: stale, serviceUrl: connector.serviceUrl, tenantId: TENANT }), ANA.aadObjectId);
    connector.stub((call) => (call.conversationId === stale ? { status: 404, body: { error: { code: 'ConversationNotFound' } } } : undefined));
    connector.calls.length = 0;
    await postActivity(endpoint, message(connector.serviceUrl, 'meeting Kenya held', { where: 'channel' }));
    expect(connector.calls.map((c) => c.kind).slice(0, 3)).toEqual(['send', 'create', 'send']);
    expect(connector.postsTo(PERSONAL).map(titleOf)).toEqual(['✓ Logged #1: meeting held, Kenya']);
    expect(teamsAddresses.decode(bot.store.people.known('teams', ANA.aadObjectId)!.address!)).toMatchObject({ conversationId: PERSONAL });
  });
});

describe('a card’s button that settles it', () => {
  it('replaces the pressed Undo card with the outcome; pressing the old card again changes nothing', async () => {
    await postActivity(endpoint, message(connector.serviceUrl, 'meeting Kenya held'));
    const card = connector.calls.at(-1)!;
    const cardId = 'm0001';
    const [undo] = buttonsOf(card);
    expect(undo).toMatchObject({ title: 'Undo', command: 'undo #1' });
    const data = card.body.attachments[0].content.actions[0].data;
    expect(data).toEqual({ ccm: 'undo #1', settles: true });
    connector.calls.length = 0;
    await postActivity(endpoint, submit(connector.serviceUrl, data, cardId));
    expect(connector.calls.map((c) => ({ kind: c.kind, conversationId: c.conversationId, id: c.replyToId }))).toEqual([
      { kind: 'update', conversationId: PERSONAL, id: cardId },
    ]);
    expect(titleOf(connector.calls[0]!)).toBe('✓ Withdrew #1: meeting held, Kenya');
    // The Undo button is gone from the card; what is left is the outcome's own.
    expect(buttonsOf(connector.calls[0]!).map((b) => b.title)).not.toContain('Undo');
    const withdrawnAt = entries()[0]!.withdrawn_at;
    expect(withdrawnAt).not.toBeNull();
    // A second press of the old card (a client that had not redrawn it yet): carried out once.
    await postActivity(endpoint, submit(connector.serviceUrl, data, cardId));
    expect(connector.calls.every((c) => c.kind === 'update')).toBe(true);
    expect(entries()).toEqual([{ state_iso3: 'KEN', withdrawn_at: withdrawnAt }]);
    expect(bot.database.sqlite.prepare("SELECT count(*) FROM audit WHERE action = 'undo'").pluck().get()).toBe(1);
  });

  it('posts the outcome below the card when Teams will not replace it', async () => {
    await postActivity(endpoint, message(connector.serviceUrl, 'meeting Kenya held'));
    connector.once({ status: 404, body: {} }, 'update');
    connector.calls.length = 0;
    await postActivity(endpoint, submit(connector.serviceUrl, { ccm: 'undo #1', settles: true }, 'm0001'));
    expect(delivered().map((c) => c.kind)).toEqual(['reply']);
    expect(titleOf(delivered()[0]!)).toBe('✓ Withdrew #1: meeting held, Kenya');
  });

  it('leaves a card whose button does not settle it (help, a dashboard) as it was', async () => {
    await postActivity(endpoint, message(connector.serviceUrl, 'help'));
    connector.calls.length = 0;
    await postActivity(endpoint, submit(connector.serviceUrl, { ccm: 'help' }, 'm0001'));
    expect(connector.calls.map((c) => c.kind)).toEqual(['reply']);
  });
});

describe('a new service URL', () => {
  it('is where the next reminder or digest to a subscribed channel goes; an unchanged one writes nothing', async () => {
    await postActivity(endpoint, message(connector.serviceUrl, 'subscribe', { where: 'channel' }));
    const moved = await startConnectorStandIn();
    try {
      const audit = () => bot.database.sqlite.prepare("SELECT count(*) FROM audit WHERE entity = 'subscriptions'").pluck().get();
      const before = audit();
      await postActivity(endpoint, message(moved.serviceUrl, 'help', { where: 'channel' }));
      await postActivity(endpoint, message(moved.serviceUrl, 'help', { where: 'channel' }));
      expect(audit()).toBe((before as number) + 1);
      const [subscription] = bot.store.channels.subscriptions();
      expect(teamsAddresses.decode(subscription!.address!)).toMatchObject({ conversationId: CHANNEL, serviceUrl: moved.serviceUrl });
      connector.calls.length = 0;
      const poster = chat.adapters.find((a) => a.name === 'teams')!.poster!;
      await poster.post(subscription!.address!, bot.say('help'));
      expect(moved.postsTo(CHANNEL)).toHaveLength(1);
      expect(connector.calls).toEqual([]);
    } finally {
      await moved.close();
    }
  });
});
