/**
 * Teams end to end, in a 1:1 chat with the bot: the real HTTP server and botbuilder's
 * CloudAdapter at /api/messages (unauthenticated, as with the Emulator), activities exactly
 * as Teams posts them, and a stand-in Bot Connector that records the cards sent back. Slack
 * runs in the same process, on the same database.
 */
import { MAX_BODY_BYTES } from '../src/adapters/http-server.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { teamsAddresses } from '../src/adapters/teams/address.ts';
import { type ChatServices, startChat } from '../src/chat.ts';
import { createTestBot, type TestBot } from './support/harness.ts';
import { commandBody, SIGNING_SECRET, type SlackStandIn, slackHeaders, startSlackStandIn } from './support/slack.ts';
import {
  ANA,
  BEN,
  buttonsOf,
  cardLines,
  type ConnectorStandIn,
  installed,
  message,
  PERSONAL,
  postActivity,
  startConnectorStandIn,
  submit,
  titleOf,
} from './support/teams.ts';

let connector: ConnectorStandIn;
let slack: SlackStandIn;
let bot: TestBot;
let chat: ChatServices;
let endpoint: string;

beforeEach(async () => {
  connector = await startConnectorStandIn();
  slack = await startSlackStandIn();
  bot = createTestBot({
    env: { CCM_ADAPTERS: 'slack,teams', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' },
  });
  chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
  endpoint = `http://127.0.0.1:${chat.http.port}/api/messages`;
});

afterEach(async () => {
  await chat.stop();
  bot.close();
  await connector.close();
  await slack.close();
});

/** Sends a message in Ana's 1:1 chat; resolves to the card the bot answered with. */
async function say(text: string) {
  const sent = message(connector.serviceUrl, text);
  const before = connector.calls.length;
  expect((await postActivity(endpoint, sent)).status).toBe(200);
  const answers = connector.calls.slice(before);
  expect(answers).toHaveLength(1);
  expect(answers[0]).toMatchObject({ kind: 'reply', conversationId: PERSONAL, replyToId: sent.id });
  return answers[0]!;
}

const entries = () =>
  bot.database.sqlite.prepare('SELECT kind, state_iso3, withdrawn_at FROM entries').all() as {
    kind: string;
    state_iso3: string;
    withdrawn_at: string | null;
  }[];

describe('a 1:1 chat with the bot', () => {
  it('welcomes a person who adds the app, once, and keeps their chat to reach them', async () => {
    await postActivity(endpoint, installed(connector.serviceUrl, 'personal'));
    await postActivity(endpoint, installed(connector.serviceUrl, 'personal', 'installationUpdate'));
    const posts = connector.postsTo(PERSONAL);
    expect(posts).toHaveLength(1);
    const lines = cardLines(posts[0]!.body.attachments[0].content);
    expect(lines[0]).toBe('Hello, I am CCM: the universalization follow-up log');
    expect(lines).toEqual(expect.arrayContaining(['• meeting Lao PDR held', '• state Laos', '• log', '• help']));
    expect(buttonsOf(posts[0]!)).toEqual([
      { title: 'Log outreach', command: 'form', type: 'Action.Submit' },
      { title: 'help', command: 'help', type: 'Action.Submit' },
    ]);
    // Log outreach opens the form's dialog (task/fetch) rather than posting a command.
    expect(posts[0]!.body.attachments[0].content.actions[0].data.msteams).toEqual({ type: 'task/fetch' });
    const person = bot.store.people.known('teams', ANA.aadObjectId);
    expect(person?.displayName).toBe('Ana Ortiz');
    expect(teamsAddresses.decode(person!.address!)).toEqual({
      kind: 'personal',
      conversationId: PERSONAL,
      serviceUrl: connector.serviceUrl,
      tenantId: expect.any(String),
    });
  });

  it('logs a meeting and answers with a card and an Undo button, recording the person by Entra id', async () => {
    const answer = await say('meeting Lao PDR held');
    expect(titleOf(answer)).toBe("✓ Logged #1: meeting held, Lao People's Democratic Republic");
    expect(answer.body.text).toBeUndefined();
    expect(answer.body.summary).toBe("✓ Logged #1: meeting held, Lao People's Democratic Republic");
    expect(buttonsOf(answer)).toEqual([
      { title: 'Undo', command: 'undo #1', type: 'Action.Submit' },
      { title: 'Edit', command: 'form edit #1', type: 'Action.Submit' },
    ]);
    expect(entries()).toEqual([{ kind: 'meeting', state_iso3: 'LAO', withdrawn_at: null }]);
    expect(bot.database.sqlite.prepare('SELECT platform, platform_user_id, display_name FROM people').all()).toEqual([
      { platform: 'teams', platform_user_id: ANA.aadObjectId, display_name: 'Ana Ortiz' },
    ]);
    expect(titleOf(await say('/ccm contacted Kenya'))).toBe('✓ Logged #2: contacted, Kenya');
  });

  it('answers an unknown state with suggestion buttons that run the corrected command', async () => {
    const answer = await say('meeting Lao PRD held');
    expect(titleOf(answer)).toBe('✗ I don\'t know a state called "Lao PRD".');
    const suggestion = buttonsOf(answer)[0]!;
    expect(suggestion).toEqual({ title: expect.any(String), command: 'meeting LAO held', type: 'Action.Submit' });
    expect(entries()).toEqual([]);
    const press = submit(connector.serviceUrl, { ccm: suggestion.command }, 'm-card-1');
    await postActivity(endpoint, press);
    expect(titleOf(connector.calls.at(-1)!)).toBe("✓ Logged #1: meeting held, Lao People's Democratic Republic");
    expect(entries()).toEqual([{ kind: 'meeting', state_iso3: 'LAO', withdrawn_at: null }]);
  });

  it('carries out an Undo pressed twice (Action.Submit) once', async () => {
    await say('meeting Kenya held');
    const cardId = connector.calls.at(-1)!.replyToId!;
    for (let i = 0; i < 2; i++) await postActivity(endpoint, submit(connector.serviceUrl, { ccm: 'undo #1' }, cardId));
    const answers = connector.calls.slice(-2);
    expect(answers.map(titleOf)).toEqual(['✓ Withdrew #1: meeting held, Kenya', '✓ Withdrew #1: meeting held, Kenya']);
    expect(answers.map((a) => a.conversationId)).toEqual([PERSONAL, PERSONAL]);
    expect(bot.database.sqlite.prepare("SELECT count(*) FROM audit WHERE action = 'undo'").pluck().get()).toBe(1);
    expect(entries()[0]?.withdrawn_at).not.toBeNull();
  });

  it('runs a message that reuses another person’s activity id as their own, never answering with the first reply', async () => {
    const first = message(connector.serviceUrl, 'contacted Kenya — only Ana knows this');
    expect((await postActivity(endpoint, first)).status).toBe(200);
    const reused = { ...message(connector.serviceUrl, 'meeting Chad held', { from: BEN }), id: first.id };
    expect((await postActivity(endpoint, reused)).status).toBe(200);
    const answers = connector.calls.filter((c) => c.replyToId === first.id);
    expect(answers.map(titleOf)).toEqual(['✓ Logged #1: contacted, Kenya', '✓ Logged #2: meeting held, Chad']);
    expect(JSON.stringify(answers[1]!.body)).not.toContain('only Ana knows this');
    expect(entries().map((e) => e.state_iso3)).toEqual(['KEN', 'TCD']);
  });

  it('ignores its own messages and messages with nothing for it', async () => {
    await postActivity(endpoint, { ...message(connector.serviceUrl, 'meeting Kenya held'), from: { id: '28:ccm-bot-id', name: 'CCM' } });
    await postActivity(endpoint, { ...message(connector.serviceUrl, ''), text: undefined });
    expect(connector.calls).toEqual([]);
    expect(entries()).toEqual([]);
  });
});

describe('one log for Slack and Teams', () => {
  const slackSays = async (text: string) => {
    const body = commandBody(text);
    const response = await fetch(`http://127.0.0.1:${chat.http.port}/slack/events`, { method: 'POST', body, headers: slackHeaders(body) });
    return (await response.json()) as { text: string };
  };

  it('shows in Teams what was logged from Slack', async () => {
    expect((await slackSays('meeting Kenya held — with the ambassador')).text).toBe('Logged #1: meeting held, Kenya');
    const lines = cardLines((await say('state Kenya')).body.attachments[0].content);
    expect(lines).toEqual(expect.arrayContaining(['• #1 · 10 Mar 2026 · Meeting held (Geneva)', 'with the ambassador — logged by Ana']));
  });

  it('shows in Slack what was logged from Teams', async () => {
    await say('meeting Viet Nam held — ratification discussed');
    const answer = await slackSays('state Viet Nam');
    expect(JSON.stringify(answer)).toContain('ratification discussed');
    expect(JSON.stringify(answer)).toContain('Ana Ortiz');
  });
});

describe('the endpoint', () => {
  it('refuses a body over 256 KB with 413 and anything but a JSON object with 400', async () => {
    const huge = { ...message(connector.serviceUrl, 'meeting Kenya held'), padding: 'x'.repeat(MAX_BODY_BYTES) };
    expect((await postActivity(endpoint, huge)).status).toBe(413);
    const broken = await fetch(endpoint, { method: 'POST', body: '{"type": "message",', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(entries()).toEqual([]);
  });
});
