/**
 * Bodies over 256 KB, over real HTTP: the server refuses them with 413 before Slack's or Teams'
 * adapter reads a byte, whether the size is declared (Content-Length) or not (chunked). A
 * signed Slack command padded past the limit would otherwise be verified and run (Bolt alone
 * takes up to 4 MB), so "nothing was logged" shows that no adapter saw it.
 */
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../src/adapters/http-server.ts';
import { type ChatServices, startChat } from '../src/chat.ts';
import { createTestBot, type TestBot } from './support/harness.ts';
import { commandBody, SIGNING_SECRET, type SlackStandIn, slackHeaders, startSlackStandIn } from './support/slack.ts';
import { message } from './support/teams.ts';

let slack: SlackStandIn;
let bot: TestBot;
let chat: ChatServices;

beforeEach(async () => {
  slack = await startSlackStandIn();
  bot = createTestBot({
    env: { CCM_ADAPTERS: 'slack,teams', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' },
  });
  chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false });
});
afterEach(async () => {
  await chat.stop();
  bot.close();
  await slack.close();
});

const entries = () => bot.database.sqlite.prepare('SELECT count(*) FROM entries').pluck().get();

/** A signed slash command carrying `padding` bytes in a field of its own. */
function paddedSlackCommand(padding: number, text = 'meeting Kenya held'): { body: string; headers: Record<string, string> } {
  const body = commandBody(text, { padding: 'x'.repeat(padding) });
  return { body, headers: slackHeaders(body) };
}

/** A Teams message carrying `padding` bytes beside its text. */
function paddedTeamsMessage(padding: number): { body: string; headers: Record<string, string> } {
  return {
    body: JSON.stringify({ ...message('http://127.0.0.1:9/', 'meeting Kenya held'), padding: 'x'.repeat(padding) }),
    headers: { 'content-type': 'application/json' },
  };
}

/**
 * POSTs `body` in 64 KB chunks with no Content-Length (Transfer-Encoding: chunked); resolves to
 * the status of the answer, which may come before the whole body has been sent.
 */
function postChunked(path: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: chat.http.port, path, method: 'POST', headers });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    // Once answered, the server may close before the rest is sent: that is the point.
    req.on('error', reject);
    const data = Buffer.from(body);
    for (let at = 0; at < data.length; at += 64 * 1024) req.write(data.subarray(at, at + 64 * 1024));
    req.end();
  });
}

const ROUTES = [
  { route: 'Slack', path: '/slack/events', padded: paddedSlackCommand },
  { route: 'Teams', path: '/api/messages', padded: paddedTeamsMessage },
];

describe('a request body over 256 KB', () => {
  it.each(ROUTES)('is refused with 413 on the $route route when its Content-Length says so', async ({ path, padded }) => {
    const { body, headers } = padded(MAX_BODY_BYTES);
    const response = await fetch(`http://127.0.0.1:${chat.http.port}${path}`, { method: 'POST', body, headers });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe('Request body larger than 256 KB');
    expect(entries()).toBe(0);
  });

  it.each(ROUTES)('is refused with 413 on the $route route when it comes in chunks with no length', async ({ path, padded }) => {
    const { body, headers } = padded(MAX_BODY_BYTES);
    expect(await postChunked(path, body, headers)).toBe(413);
    expect(entries()).toBe(0);
    // The server still answers after refusing.
    expect((await fetch(`http://127.0.0.1:${chat.http.port}/healthz`)).status).toBe(200);
  });

  it('leaves a large body under the limit to the adapter, chunked or not', async () => {
    const { body, headers } = paddedSlackCommand(MAX_BODY_BYTES - 4096);
    const response = await fetch(`http://127.0.0.1:${chat.http.port}/slack/events`, { method: 'POST', body, headers });
    expect(await response.json()).toMatchObject({ text: 'Logged #1: meeting held, Kenya' });
    const chunked = paddedSlackCommand(MAX_BODY_BYTES - 4096, 'meeting Chad held');
    expect(await postChunked('/slack/events', chunked.body, chunked.headers)).toBe(200);
    expect(entries()).toBe(2);
  });
});
