/**
 * The outgoing side of Teams with authentication on, as in a real tenant: the bot gets its
 * bearer token from Microsoft Entra (here a stand-in over HTTPS, trusted through
 * NODE_EXTRA_CA_CERTS, which is why `ccm` runs as a process of its own), and the Bot Connector
 * stand-in refuses, with 401, every call whose token Entra did not issue to this bot.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startChat } from '../../src/chat.ts';
import { type EntraStandIn, startEntraStandIn, TEST_CA } from '../support/entra.ts';
import { createTestBot, dateSpringMeetings, tempDir } from '../support/harness.ts';
import { connectorToken, type OpenIdStandIn, signingKey, startOpenIdStandIn } from '../support/jwt.ts';
import { runCcm, startBot } from '../support/process.ts';
import { BEN, CHANNEL, type ConnectorStandIn, message, PERSONAL, postActivity, startConnectorStandIn, TENANT, titleOf } from '../support/teams.ts';

const APP_ID = '00000000-1111-2222-3333-444444444444';
const SECRET = 'the-client-secret';
const connectorKey = signingKey('connector-key-1');

let entra: EntraStandIn;
let openId: OpenIdStandIn;
let connector: ConnectorStandIn;
let dir: string;

beforeAll(async () => {
  entra = await startEntraStandIn({ appId: APP_ID, secret: SECRET });
  openId = await startOpenIdStandIn([connectorKey]);
  // Setting up runs without authentication; from then on the Connector takes only Entra's tokens.
  let settingUp = true;
  connector = await startConnectorStandIn({ acceptsToken: (authorization) => settingUp || entra.verifies(authorization, APP_ID) });
  dir = tempDir();
  // The log the processes share: the spring meetings dated and the channel subscribed on 1 Mar 2026,
  // so that a reminder falls due on 5 May (the process itself runs on today's clock).
  const setUp = createTestBot({ now: '2026-03-01T10:00:00Z', dir, env: { CCM_ADAPTERS: 'teams', PORT: '0' } });
  dateSpringMeetings(setUp);
  const chat = await startChat(setUp, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
  await postActivity(`http://127.0.0.1:${chat.http.port}/api/messages`, message(connector.serviceUrl, 'subscribe', { where: 'channel' }));
  await chat.stop();
  setUp.close();
  expect(connector.calls.map((c) => c.kind)).toEqual(['create', 'send', 'reply']);
  connector.calls.length = 0;
  settingUp = false;
});

afterAll(async () => {
  await Promise.all([entra.close(), openId.close(), connector.close()]);
});

function teamsEnv(secret: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    CCM_DB_PATH: join(dir, 'ccm.sqlite'),
    PORT: '0',
    CCM_ADAPTERS: 'teams',
    CCM_LOG_LEVEL: 'info',
    CCM_ALLOWED_TENANTS: TENANT,
    MICROSOFT_APP_ID: APP_ID,
    MICROSOFT_APP_PASSWORD: secret,
    MICROSOFT_APP_TENANT_ID: TENANT,
    MICROSOFT_BOT_OPENID_METADATA: openId.metadataUrl,
    MICROSOFT_LOGIN_URL: entra.loginUrl,
    NODE_EXTRA_CA_CERTS: TEST_CA,
  };
}

const bearer = () => ({ authorization: `Bearer ${connectorToken(connectorKey, { appId: APP_ID, serviceUrl: connector.serviceUrl })}` });

it('refuses to start when Microsoft Entra refuses the secret', async () => {
  // A log of its own: a start that gets as far as the scheduler would settle what fell due in the shared one.
  const run = await runCcm([], { ...teamsEnv('a-wrong-secret'), CCM_DB_PATH: join(tempDir(), 'ccm.sqlite') });
  expect(run.code).not.toBe(0);
  expect(run.err).toContain('Microsoft Entra did not accept the Teams credentials');
  expect(entra.requests.at(-1)).toEqual({ tenant: TENANT, clientId: APP_ID, scope: 'https://api.botframework.com/.default', granted: false });
});

it('posts proactively, answers in the turn and privately in a new 1:1 chat, each call carrying a token the Connector accepts', async () => {
  // Proactively: `ccm tick` in a process of its own posts the reminder due on 5 May to the
  // channel (first: a tick at an instant refuses to post once anything was logged after it).
  const tick = await runCcm(['tick', '--at', '2026-05-05T09:00:30+02:00'], teamsEnv(SECRET));
  expect(tick.code).toBe(0);
  expect(tick.out).toContain(`sent meeting-7d to teams:${CHANNEL}`);
  expect(connector.postsTo(CHANNEL)).toHaveLength(1);

  const bot = await startBot(teamsEnv(SECRET));
  try {
    await bot.logged(/"authenticated":true,.*"message":"teams ready"/);
    expect(entra.requests.filter((r) => r.granted).length).toBeGreaterThan(0);
    const endpoint = `http://127.0.0.1:${bot.port}/api/messages`;

    // In the turn: `help` in the 1:1 chat.
    expect((await postActivity(endpoint, message(connector.serviceUrl, 'help'), bearer())).status).toBe(200);
    // Privately: a command in the channel from someone the bot has no 1:1 chat with yet is
    // answered in a 1:1 chat it creates (createConversation).
    const inChannel = message(connector.serviceUrl, 'meeting Kenya held on 2026-03-12 in capital', { where: 'channel', from: BEN });
    expect((await postActivity(endpoint, inChannel, bearer())).status).toBe(200);
    const bensChat = `a:personal-${BEN.id}`;
    await vi.waitFor(() => expect(connector.postsTo(bensChat).map((c) => titleOf(c))).toContain('✓ Logged #1: meeting held, Kenya'), { timeout: 10_000 });
    expect(connector.calls.filter((c) => c.kind === 'create').map((c) => c.body.members[0].id)).toEqual([BEN.id]);
    expect(connector.postsTo(PERSONAL).map((c) => titleOf(c))).toEqual(['ccm-bot: the universalization follow-up log']);
  } finally {
    bot.child.kill('SIGTERM');
    await bot.exit;
  }

  expect(connector.refused).toEqual([]);
  expect(connector.calls.length).toBeGreaterThanOrEqual(4);
  for (const call of connector.calls) expect(entra.verifies(call.authorization, APP_ID)).toBe(true);
});

it('`ccm doctor` asks Entra for the token: ✓ when it hands one out, ✗ with the fix when it refuses the secret', async () => {
  const healthy = await runCcm(['doctor'], teamsEnv(SECRET));
  expect(healthy.out).toContain(`✓ Teams token: ${entra.loginUrl} hands out the bot's token`);
  const refused = await runCcm(['doctor'], teamsEnv('a-wrong-secret'));
  expect(refused.out).toContain("✗ Teams token: Microsoft Entra refused the bot's credentials");
  expect(refused.out).toContain('copy a current client secret of the app registration into MICROSOFT_APP_PASSWORD');
  expect(refused.code).toBe(1);
});
