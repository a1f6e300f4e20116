/**
 * The role matrix (test/support/roles.ts) on Teams: every command under every role, typed in
 * a Teams channel and posted to /api/messages as Teams posts it, answered in the person's
 * 1:1 chat through a stand-in Bot Connector. One bot for the whole matrix, so each command
 * meets the log as the ones before it left it: a refusal is checked to change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allows, ROLES, type Role } from '../src/core/access.ts';
import { type ChatServices, startChat } from '../src/chat.ts';
import { createTestBot, type TestBot } from './support/harness.ts';
import { MATRIX, PEOPLE } from './support/roles.ts';
import { CHANNEL, type ConnectorStandIn, message, postActivity, startConnectorStandIn, titleOf } from './support/teams.ts';

/** Each person of the matrix, and Ben (who logged #1 and #2), as Teams names them. */
const personOf = (id: string, name: string, n: number) => ({ id: `29:${id.toLowerCase()}`, aadObjectId: `0000000${n}-0000-0000-0000-000000000000`, name });
const TEAMS_PEOPLE: Record<Role, ReturnType<typeof personOf>> = {
  member: personOf(PEOPLE.member.id, PEOPLE.member.name, 1),
  coordinator: personOf(PEOPLE.coordinator.id, PEOPLE.coordinator.name, 2),
  admin: personOf(PEOPLE.admin.id, PEOPLE.admin.name, 3),
};
const BEN = personOf('UBEN', 'Ben', 4);

let connector: ConnectorStandIn;
let bot: TestBot;
let chat: ChatServices;
let endpoint: string;

/** The channel a matrix row names (C9 unless said), as a Teams channel of its own. */
function channelOf(name = 'C9'): string {
  return name === 'C9' ? CHANNEL : `19:${name.toLowerCase()}@thread.tacv2`;
}

/** Types `text` in a channel as `who`; resolves to the title of the answer in their 1:1 chat. */
async function say(who: ReturnType<typeof personOf>, text: string, channel = channelOf()): Promise<string> {
  const activity = message(connector.serviceUrl, text, { where: 'channel', from: who });
  const conversation = { ...activity.conversation, id: `${channel};messageid=${activity.id}` };
  const channelData = { ...activity.channelData, teamsChannelId: channel, channel: { id: channel } };
  const before = connector.calls.length;
  expect((await postActivity(endpoint, { ...activity, conversation, channelData })).status).toBe(200);
  const answer = connector.calls.slice(before).find((c) => c.kind === 'send' && c.conversationId === `a:personal-${who.id}`);
  return answer ? titleOf(answer)! : '(no answer)';
}

/** The row counts of every table: "nothing was changed". */
function snapshot(): string {
  const tables = bot.database.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return JSON.stringify(tables.map((t) => [t, bot.database.sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get()]));
}

beforeAll(async () => {
  connector = await startConnectorStandIn();
  bot = createTestBot({ env: { CCM_ADAPTERS: 'teams', PORT: '0' } });
  chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
  endpoint = `http://127.0.0.1:${chat.http.port}/api/messages`;
  // As in roles.test.ts: #1 a next step and #2 a meeting, both Ben's; the roles given; C9 subscribed.
  expect(await say(BEN, 'next Kenya send the note by 2026-04-01')).toMatch(/^✓ Logged #1/);
  expect(await say(BEN, 'meeting Kenya held on 2026-03-01')).toMatch(/^✓ Logged #2/);
  for (const who of Object.values(TEAMS_PEOPLE)) await say(who, 'help');
  expect(bot.say(`role teams:${TEAMS_PEOPLE.coordinator.aadObjectId} coordinator`).tone).toBe('success');
  expect(bot.say(`role teams:${TEAMS_PEOPLE.admin.aadObjectId} admin`).tone).toBe('success');
  expect(bot.say(`role teams:${BEN.aadObjectId} coordinator`).tone).toBe('success');
  expect(await say(BEN, 'subscribe')).not.toMatch(/^Only/);
  expect(bot.say(`role teams:${BEN.aadObjectId} member`).tone).toBe('success');
});

afterAll(async () => {
  await chat.stop();
  bot.close();
  await connector.close();
});

const REFUSED = /^✗ Only (coordinators and admins|admins) can /;
const cases = MATRIX.flatMap(([text, least, channel]) => ROLES.map((role) => ({ text, role, channel, allowed: allows(role, least) })));

// Refusals first, on the log as set up (a coordinator's `done #1` would make a member's
// `snooze #1` fail for another reason); then every allowed use.
describe('the role matrix on Teams', () => {
  it.each(cases.filter((c) => !c.allowed))('refuses $text as $role, changing nothing', async ({ text, role, channel }) => {
    const before = snapshot();
    expect(await say(TEAMS_PEOPLE[role], text, channelOf(channel))).toMatch(REFUSED);
    expect(snapshot()).toBe(before);
  });

  it.each(cases.filter((c) => c.allowed))('lets $role use $text', async ({ text, role, channel }) => {
    const title = await say(TEAMS_PEOPLE[role], text, channelOf(channel));
    expect(title).not.toBe('(no answer)');
    expect(title).not.toMatch(REFUSED);
  });
});
