/**
 * With an app id set, /api/messages takes only activities whose token the Bot Connector
 * signed: botbuilder checks it against the signing keys at MICROSOFT_BOT_OPENID_METADATA (here
 * a stand-in serving keys made in the test). Anything else gets 401 and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsAddresses } from '../src/adapters/teams/address.ts';
import { type ChatServices, startChat } from '../src/chat.ts';
import { createTestBot, type TestBot } from './support/harness.ts';
import { connectorToken, type OpenIdStandIn, signingKey, startOpenIdStandIn } from './support/jwt.ts';
import { type ConnectorStandIn, message, postActivity, startConnectorStandIn, TENANT } from './support/teams.ts';

const APP_ID = '00000000-1111-2222-3333-444444444444';
const published = signingKey('connector-key-1');
// Same key id, but not the Bot Connector's key; and a key nobody published.
const forged = signingKey('connector-key-1');
const unknown = signingKey('someone-elses-key');

let openId: OpenIdStandIn;
let connector: ConnectorStandIn;
let bot: TestBot;
let chat: ChatServices;
let endpoint: string;

beforeAll(async () => {
  openId = await startOpenIdStandIn([published]);
  connector = await startConnectorStandIn();
  bot = createTestBot({
    env: {
      CCM_ADAPTERS: 'teams',
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'test-secret-never-sent',
      MICROSOFT_APP_TENANT_ID: TENANT,
      MICROSOFT_BOT_OPENID_METADATA: openId.metadataUrl,
      PORT: '0',
    },
  });
  chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
  endpoint = `http://127.0.0.1:${chat.http.port}/api/messages`;
});

afterAll(async () => {
  await chat.stop();
  bot.close();
  await connector.close();
  await openId.close();
});

const entries = () => bot.database.sqlite.prepare('SELECT count(*) FROM entries').pluck().get();
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('requests to /api/messages with an app id set', () => {
  it.each([
    ['no token', {}],
    ['a malformed token', bearer('not-a-jwt')],
    ['another scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
  ])('refuses %s with 401 and changes nothing', async (_, headers) => {
    const response = await postActivity(endpoint, message(connector.serviceUrl, 'meeting Kenya held'), headers);
    expect(response.status).toBe(401);
    expect(entries()).toBe(0);
    expect(connector.calls).toEqual([]);
  });

  it('refuses a well-formed token signed by a key the Bot Connector did not publish', async () => {
    for (const key of [forged, unknown]) {
      const token = connectorToken(key, { appId: APP_ID, serviceUrl: connector.serviceUrl });
      const response = await postActivity(endpoint, message(connector.serviceUrl, 'meeting Kenya held'), bearer(token));
      expect(response.status).toBe(401);
    }
    expect(entries()).toBe(0);
  });

  it('refuses a token for another bot, or for another service URL', async () => {
    const otherBot = connectorToken(published, { appId: '99999999-1111-2222-3333-444444444444', serviceUrl: connector.serviceUrl });
    const otherUrl = connectorToken(published, { appId: APP_ID, serviceUrl: 'https://smba.trafficmanager.net/emea/' });
    for (const token of [otherBot, otherUrl]) {
      expect((await postActivity(endpoint, message(connector.serviceUrl, 'meeting Kenya held'), bearer(token))).status).toBe(401);
    }
    expect(entries()).toBe(0);
  });

  it('refuses a token that expired, or that another issuer signed', async () => {
    // botbuilder allows five minutes of clock skew: this one expired ten minutes ago.
    const expired = connectorToken(published, { appId: APP_ID, serviceUrl: connector.serviceUrl, expiresInSeconds: -600 });
    const otherIssuer = connectorToken(published, { appId: APP_ID, serviceUrl: connector.serviceUrl, issuer: 'https://issuer.example' });
    for (const token of [expired, otherIssuer]) {
      expect((await postActivity(endpoint, message(connector.serviceUrl, 'meeting Kenya held'), bearer(token))).status).toBe(401);
    }
    expect(entries()).toBe(0);
  });

  it('refuses a request without a valid token before reading its body: even one that is not JSON gets 401, not 400', async () => {
    const flood = '['.repeat(50_000);
    const forgedToken = connectorToken(forged, { appId: APP_ID, serviceUrl: connector.serviceUrl });
    for (const headers of [{}, bearer('not-a-jwt'), bearer(forgedToken)]) {
      const response = await fetch(endpoint, { method: 'POST', body: flood, headers: { 'content-type': 'application/json', ...headers } });
      expect(response.status).toBe(401);
    }
    // With a good token the body is read, and refused for what it is.
    const token = connectorToken(published, { appId: APP_ID, serviceUrl: connector.serviceUrl });
    const parsed = await fetch(endpoint, { method: 'POST', body: flood, headers: { 'content-type': 'application/json', ...bearer(token) } });
    expect(parsed.status).toBe(400);
  });

  it('accepts a token the Bot Connector signed', async () => {
    // The command runs; its answer needs a token from Microsoft Entra, out of reach here, so none reaches the connector.
    const token = connectorToken(published, { appId: APP_ID, serviceUrl: connector.serviceUrl });
    const response = await postActivity(endpoint, message(connector.serviceUrl, 'meeting Kenya held'), bearer(token));
    expect(response.status).toBe(200);
    expect(entries()).toBe(1);
  });

  it('never reaches the Bot Connector with a post it has no token for, and reports it as not delivered', async () => {
    // Microsoft Entra is out of reach here (or refuses this made-up tenant): either way nothing is sent.
    const poster = chat.adapters.find((a) => a.name === 'teams')!.poster!;
    const address = teamsAddresses.encode({ kind: 'personal', conversationId: 'a:personal-29:ana', serviceUrl: connector.serviceUrl, tenantId: TENANT });
    const error = await poster.post(address, bot.say('help')).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DeliveryError', outcome: 'not-delivered' });
    expect(['not-connected', 'auth']).toContain((error as { failure: string }).failure);
    expect(connector.calls).toEqual([]);
  });
});
