/**
 * Teams end to end in shared places: a command typed in a channel (with the bot @mentioned)
 * or a group chat is answered in the person's 1:1 chat, which the bot opens through the Bot
 * Connector; the channel gets one plain line. Where Teams refuses to open it, nothing is done.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { teamsAddresses } from '../src/adapters/teams/address.ts';
import type { TestBot } from './support/harness.ts';
import {
  ANA,
  BEN,
  buttonsOf,
  CHANNEL,
  type ConnectorStandIn,
  GROUP,
  installed,
  message,
  PERSONAL,
  postActivity,
  submit,
  TENANT,
  titleOf,
} from './support/teams.ts';
import { startTeamsBot, type TeamsBot } from './support/teams-bot.ts';

let teams: TeamsBot;
let connector: ConnectorStandIn;
let bot: TestBot;
let endpoint: string;

beforeEach(async () => {
  // Ben has not added the app for himself: Teams will not open a 1:1 chat with him.
  teams = await startTeamsBot({ notInstalledFor: [BEN.id] });
  ({ connector, bot, endpoint } = teams);
});

afterEach(() => teams.close());

const entries = () => bot.database.sqlite.prepare('SELECT kind, state_iso3, channel_id FROM entries').all();
/** What the channel's members see: the bot's messages in the channel's threads, as text. */
const channelSees = () => connector.calls.filter((c) => c.conversationId?.startsWith(CHANNEL)).map((c) => c.body.text ?? `card: ${titleOf(c)}`);

describe('a command in a channel', () => {
  it('is answered in the person’s 1:1 chat, and the channel thread gets one line', async () => {
    const typed = message(connector.serviceUrl, 'meeting Lao PDR held', { where: 'channel' });
    expect((await postActivity(endpoint, typed)).status).toBe(200);
    const [create, ...rest] = connector.calls;
    expect(create).toMatchObject({ kind: 'create', body: { isGroup: false, tenantId: TENANT, members: [{ id: ANA.id, aadObjectId: ANA.aadObjectId }] } });
    expect(connector.postsTo(PERSONAL).map(titleOf)).toEqual(["✓ Logged #1: meeting held, Lao People's Democratic Republic"]);
    expect(buttonsOf(connector.postsTo(PERSONAL)[0]!)).toEqual([
      { title: 'Undo', command: 'undo #1', type: 'Action.Submit' },
      { title: 'Edit', command: 'form edit #1', type: 'Action.Submit' },
    ]);
    const inChannel = rest.filter((c) => c.conversationId === typed.conversation.id);
    expect(inChannel).toEqual([expect.objectContaining({ kind: 'reply', replyToId: typed.id })]);
    expect(inChannel[0]!.body).toMatchObject({ text: 'I answered you privately, in your chat with me.', textFormat: 'plain' });
    expect(inChannel[0]!.body.attachments).toBeUndefined();
    // The entry belongs to the channel; the person is reachable in their 1:1 chat.
    expect(entries()).toEqual([{ kind: 'meeting', state_iso3: 'LAO', channel_id: CHANNEL }]);
    expect(teamsAddresses.decode(bot.store.people.known('teams', ANA.aadObjectId)!.address!)).toMatchObject({ kind: 'personal', conversationId: PERSONAL });
  });

  it('posts the public echo where the channel turned it on, naming no state', async () => {
    await postActivity(endpoint, message(connector.serviceUrl, 'echo on', { where: 'channel' }));
    await postActivity(endpoint, message(connector.serviceUrl, 'meeting Kenya held', { where: 'channel' }));
    expect(channelSees()).toEqual([
      'I answered you privately, in your chat with me.',
      'I answered you privately, in your chat with me.',
      'Ana Ortiz logged a meeting (#1).',
    ]);
    expect(connector.postsTo(PERSONAL).map(titleOf)).toEqual(['✓ Public echo on in this channel', '✓ Logged #1: meeting held, Kenya']);
  });

  it('does nothing, and says how to fix it, when Teams will not open the person’s 1:1 chat', async () => {
    await postActivity(endpoint, message(connector.serviceUrl, 'meeting Kenya held', { where: 'channel', from: BEN }));
    expect(channelSees()).toEqual([
      'I could not answer you privately: add the app for yourself (in your personal apps) and try again. Nothing else was said here.',
    ]);
    expect(connector.calls.filter((c) => c.kind !== 'create' && !c.conversationId?.startsWith(CHANNEL))).toEqual([]);
    expect(entries()).toEqual([]);
    expect(bot.store.people.known('teams', BEN.aadObjectId)).toBeUndefined();
  });

  it('ignores channel messages that do not mention the bot', async () => {
    expect((await postActivity(endpoint, message(connector.serviceUrl, 'meeting Kenya held', { where: 'channel', mention: false }))).status).toBe(200);
    expect(connector.calls).toEqual([]);
    expect(entries()).toEqual([]);
  });

  it('runs a button pressed on a card in the channel for the person who pressed it, privately', async () => {
    await postActivity(endpoint, installed(connector.serviceUrl, 'channel'));
    const welcome = connector.postsTo(CHANNEL);
    expect(welcome.map(titleOf)).toEqual(['Hello, I am CCM: the universalization follow-up log']);
    expect(bot.store.channels.subscriptions()).toEqual([]);
    await postActivity(endpoint, submit(connector.serviceUrl, { ccm: 'help' }, 'm0001', { where: 'channel' }));
    expect(connector.postsTo(PERSONAL).map(titleOf)).toEqual(['ccm-bot: the universalization follow-up log']);
  });
});

describe('a command in a group chat', () => {
  it('is answered in the 1:1 chat, with or without the mention', async () => {
    await postActivity(endpoint, message(connector.serviceUrl, 'meeting Kenya held', { where: 'group' }));
    await postActivity(endpoint, message(connector.serviceUrl, '/ccm contacted Lao PDR', { where: 'group', mention: false }));
    expect(connector.postsTo(PERSONAL).map(titleOf)).toEqual(['✓ Logged #1: meeting held, Kenya', "✓ Logged #2: contacted, Lao People's Democratic Republic"]);
    expect(connector.postsTo(GROUP).map((c) => c.body.text)).toEqual([
      'I answered you privately, in your chat with me.',
      'I answered you privately, in your chat with me.',
    ]);
  });

  it('subscribes with the group chat’s address', async () => {
    await postActivity(endpoint, message(connector.serviceUrl, 'subscribe', { where: 'group' }));
    const [subscription] = bot.store.channels.subscriptions();
    expect(subscription).toMatchObject({ platform: 'teams', channelId: GROUP });
    expect(teamsAddresses.decode(subscription!.address!)).toEqual({ kind: 'group', conversationId: GROUP, serviceUrl: connector.serviceUrl, tenantId: TENANT });
  });
});
