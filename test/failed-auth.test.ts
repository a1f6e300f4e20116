/**
 * The limit on failed authentications, over real HTTP: one address that collects 20 refusals
 * (401) within 10 seconds gets 429 for a minute on every route, Slack's and Teams', before its
 * requests are read. The bot's clock (the harness's) moves instead of the test waiting.
 * Behind a reverse proxy named by CCM_TRUST_PROXY, each forwarded client counts apart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FAILED_AUTH_LIMIT } from '../src/adapters/failed-auth.ts';
import { type ChatServices, startChat } from '../src/chat.ts';
import { createTestBot, type TestBot } from './support/harness.ts';
import { type OpenIdStandIn, signingKey, startOpenIdStandIn } from './support/jwt.ts';
import { commandBody, SIGNING_SECRET, slackHeaders, startSlackStandIn } from './support/slack.ts';
import { message, TENANT } from './support/teams.ts';

const START = '2026-03-10T09:00:00Z';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A bot serving Slack and Teams with an app id. */
async function start(env: Record<string, string> = {}): Promise<{ bot: TestBot; base: string }> {
  const openId: OpenIdStandIn = await startOpenIdStandIn([signingKey('connector-key-1')]);
  cleanups.push(() => openId.close());
  const slackApi = await startSlackStandIn();
  cleanups.push(() => slackApi.close());
  const bot = createTestBot({
    now: START,
    env: {
      CCM_ADAPTERS: 'slack,teams',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApi.apiUrl,
      MICROSOFT_APP_ID: '00000000-1111-2222-3333-444444444444',
      MICROSOFT_APP_PASSWORD: 'test-secret-never-sent',
      MICROSOFT_APP_TENANT_ID: TENANT,
      MICROSOFT_BOT_OPENID_METADATA: openId.metadataUrl,
      PORT: '0',
      ...env,
    },
  });
  cleanups.push(() => bot.close());
  const chat: ChatServices = await startChat(bot, { host: '127.0.0.1', heartbeat: false });
  cleanups.push(() => chat.stop());
  return { bot, base: `http://127.0.0.1:${chat.http.port}` };
}

const entries = (bot: TestBot) => bot.database.sqlite.prepare('SELECT count(*) FROM entries').pluck().get();
const secondsLater = (seconds: number) => new Date(Date.parse(START) + seconds * 1000).toISOString();

function slack(base: string, options: { signed: boolean; forwardedFor?: string }) {
  const body = commandBody('meeting Kenya held');
  const headers = options.signed ? slackHeaders(body) : slackHeaders(body, { secret: 'not-the-signing-secret' });
  return fetch(`${base}/slack/events`, {
    method: 'POST',
    body,
    headers: { ...headers, ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}) },
  });
}

function teams(base: string) {
  return fetch(`${base}/api/messages`, { method: 'POST', body: JSON.stringify(message('http://127.0.0.1:9/', 'meeting Kenya held')) });
}

/** `count` refused requests, alternating between Slack (bad signature) and Teams (no token). */
async function fail(base: string, count: number, forwardedFor?: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    const response = i % 2 === 0 || forwardedFor ? await slack(base, { signed: false, forwardedFor }) : await teams(base);
    expect(response.status).toBe(401);
  }
}

describe('failed authentications', () => {
  it('block the address with 429 for a minute on every route after 20 in 10 seconds, then it is served again', async () => {
    const { bot, base } = await start();
    await fail(base, FAILED_AUTH_LIMIT);
    const blocked = await slack(base, { signed: true });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('60');
    expect((await teams(base)).status).toBe(429);
    expect(entries(bot)).toBe(0);
    // The health check is not behind the limit.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    bot.setNow(secondsLater(59));
    expect((await slack(base, { signed: true })).status).toBe(429);
    bot.setNow(secondsLater(60));
    expect((await slack(base, { signed: true })).status).toBe(200);
    expect(entries(bot)).toBe(1);
  });

  it('do not add up across windows of 10 seconds', async () => {
    const { bot, base } = await start();
    await fail(base, FAILED_AUTH_LIMIT - 1);
    bot.setNow(secondsLater(10));
    await fail(base, FAILED_AUTH_LIMIT - 1);
    expect((await slack(base, { signed: true })).status).toBe(200);
  });

  it('count against the socket’s address, whatever X-Forwarded-For says, unless CCM_TRUST_PROXY names the proxy', async () => {
    const { base } = await start();
    await fail(base, FAILED_AUTH_LIMIT, '203.0.113.5');
    expect((await slack(base, { signed: true, forwardedFor: '203.0.113.6' })).status).toBe(429);
  });

  it('behind the trusted proxy, count against the client it forwarded (the last address), one client apart from another', async () => {
    const { bot, base } = await start({ CCM_TRUST_PROXY: '127.0.0.1' });
    // The client wrote the first address itself; the proxy appended the second.
    await fail(base, FAILED_AUTH_LIMIT, '198.51.100.7, 203.0.113.5');
    expect((await slack(base, { signed: true, forwardedFor: '203.0.113.5' })).status).toBe(429);
    expect((await slack(base, { signed: true, forwardedFor: '198.51.100.7, 203.0.113.6' })).status).toBe(200);
    expect(entries(bot)).toBe(1);
  });
});
