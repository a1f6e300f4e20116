/**
 * Slack end to end: the real HTTP server and Bolt receiver on a free port, signed requests
 * exactly as Slack sends them, and a stand-in for Slack's Web API and response_url.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChatServices, startChat } from '../src/chat.ts';
import { createTestBot, type TestBot } from './support/harness.ts';
import { buttonBody, commandBody, SIGNING_SECRET, type SlackStandIn, slackHeaders, startSlackStandIn } from './support/slack.ts';

let slack: SlackStandIn;
let bot: TestBot;
let chat: ChatServices;
let events: string;

beforeEach(async () => {
  slack = await startSlackStandIn();
  bot = createTestBot({
    env: {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
    },
  });
  chat = await startChat(bot, { host: '127.0.0.1' });
  events = `http://127.0.0.1:${chat.http.port}/slack/events`;
});

afterEach(async () => {
  await chat.stop();
  bot.close();
  await slack.close();
});

interface SlackResponse {
  status: number;
  json:
    | { response_type?: string; text?: string; blocks?: { type: string; elements?: { value?: string; text?: { text: string }; action_id?: string }[] }[] }
    | undefined;
  raw: string;
}

async function post(body: string, headers: Record<string, string> = slackHeaders(body)): Promise<SlackResponse> {
  const response = await fetch(events, { method: 'POST', body, headers, signal: AbortSignal.timeout(2900) });
  const raw = await response.text();
  return { status: response.status, json: raw ? JSON.parse(raw) : undefined, raw };
}

const entries = () =>
  bot.database.sqlite.prepare('SELECT kind, state_iso3, note, withdrawn_at FROM entries').all() as {
    kind: string;
    state_iso3: string;
    note: string | null;
    withdrawn_at: string | null;
  }[];

/** The calls Slack's stand-in received at a response_url, once `count` have arrived (respond() runs after the ack). */
async function responses(path: string, count = 1): Promise<Record<string, unknown>[]> {
  for (let waited = 0; waited < 2000; waited += 10) {
    const found = slack.calls.filter((c) => c.path === path);
    if (found.length >= count) return found.map((c) => c.body);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return slack.calls.filter((c) => c.path === path).map((c) => c.body);
}

function buttons(response: SlackResponse['json']) {
  return (response?.blocks ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}

describe('the /ccm slash command', () => {
  it('stores a meeting and confirms it privately with the canonical name and an Undo button', async () => {
    const response = await post(commandBody('meeting Lao PDR held'));
    expect(response.status).toBe(200);
    expect(response.json?.response_type).toBe('ephemeral');
    expect(response.json?.text).toBe("Logged #1: meeting held, Lao People's Democratic Republic");
    expect(response.raw).toContain("Lao People's Democratic Republic (LAO)");
    expect(buttons(response.json)).toEqual([
      expect.objectContaining({ value: 'undo #1', text: expect.objectContaining({ text: 'Undo' }) }),
      expect.objectContaining({ value: 'form edit #1', text: expect.objectContaining({ text: 'Edit' }) }),
    ]);
    expect(entries()).toEqual([{ kind: 'meeting', state_iso3: 'LAO', note: null, withdrawn_at: null }]);
  });

  it('records the person by Slack user id, with the display name fetched once', async () => {
    await post(commandBody('meeting Kenya held'));
    await post(commandBody('contacted Kenya'));
    expect(slack.callsTo('users.info')).toHaveLength(1);
    expect(slack.callsTo('users.info')[0]?.body.user).toBe('U1');
    expect(bot.database.sqlite.prepare('SELECT platform, platform_user_id, display_name FROM people').all()).toEqual([
      { platform: 'slack', platform_user_id: 'U1', display_name: 'Ana' },
    ]);
  });

  it('answers in time with the payload name when users.info is slow, then keeps the real name', async () => {
    slack.answer('users.info', () => ({ delayMs: 1800, body: { ok: true, user: { id: 'U1', profile: { display_name: 'Ana' } } } }));
    const response = await post(commandBody('meeting Kenya held'));
    expect(response.status).toBe(200);
    expect(entries()).toHaveLength(1);
    expect(bot.say('log').sections?.[0]?.items[0]?.detail).toBe('logged by ana.ortiz');
    // Once Slack answers (after the reply went out), the real name replaces the stand-in.
    for (let waited = 0; bot.store.people.known('slack', 'U1')?.displayName !== 'Ana' && waited < 3000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(bot.say('log').sections?.[0]?.items[0]?.detail).toBe('logged by Ana');
  });

  it('withdraws the entry when its Undo button is pressed, and replaces the confirmation', async () => {
    const responseUrl = `${slack.url}/respond/1`;
    const confirmation = await post(commandBody('meeting Lao PDR held', {}, responseUrl));
    const undo = buttons(confirmation.json)[0]!;
    const pressed = await post(buttonBody({ value: undo.value!, actionId: undo.action_id!, responseUrl }));
    expect(pressed.status).toBe(200);
    const responded = await responses('/respond/1');
    expect(responded).toHaveLength(1);
    expect(responded[0]).toMatchObject({
      response_type: 'ephemeral',
      replace_original: true,
      text: "Withdrew #1: meeting held, Lao People's Democratic Republic",
    });
    expect(entries()[0]?.withdrawn_at).not.toBeNull();
  });

  it('does not let someone else press another person’s Undo', async () => {
    const responseUrl = `${slack.url}/respond/2`;
    const confirmation = await post(commandBody('meeting Kenya held', {}, responseUrl));
    const undo = buttons(confirmation.json)[0]!;
    await post(buttonBody({ value: undo.value!, actionId: undo.action_id!, responseUrl, userId: 'U2' }));
    expect((await responses('/respond/2'))[0]?.text).toBe('#1 was logged by Ana; only they can withdraw it.');
    expect(entries()[0]?.withdrawn_at).toBeNull();
  });

  it('answers an unknown state with suggestion buttons that run the corrected command', async () => {
    const responseUrl = `${slack.url}/respond/3`;
    const response = await post(commandBody('meeting Lao PRD held', {}, responseUrl));
    expect(response.json?.text).toBe('I don\'t know a state called "Lao PRD".');
    const suggestion = buttons(response.json)[0]!;
    expect(suggestion.value).toBe('meeting LAO held');
    expect(entries()).toEqual([]);
    await post(buttonBody({ value: suggestion.value!, actionId: suggestion.action_id!, responseUrl }));
    await responses('/respond/3');
    expect(entries()).toEqual([{ kind: 'meeting', state_iso3: 'LAO', note: null, withdrawn_at: null }]);
  });

  it('escapes a note so that it can neither ping a channel nor forge a link', async () => {
    const note = 'tell <!channel> and <@U999> to see <https://evil.example|the ISU page> & more';
    const response = await post(commandBody(`contacted Kenya — ${note}`));
    // Stored exactly as typed...
    expect(entries()[0]?.note).toBe(note);
    // ...and echoed as literal text.
    expect(response.raw).not.toContain('<!channel>');
    expect(response.raw).not.toContain('<@U999>');
    expect(response.raw).not.toContain('<https://');
    expect(response.raw).toContain('&lt;!channel&gt;');
    expect(response.raw).toContain('&lt;https://evil.example|the ISU page&gt; &amp; more');
  });

  it("answers a pasted 10 kB line within Slack's 3 seconds, refusing it and storing nothing", async () => {
    // Each once took seconds: every known name was compared letter by letter with the whole line.
    for (const text of [`contacted ${'0'.repeat(10_000)}`, `state ${'ab '.repeat(3_000)}`, `next ${'Kenyaa '.repeat(1_500)}by 1 Apr`, 'x'.repeat(10_000)]) {
      const response = await post(commandBody(text));
      expect(response.status).toBe(200);
      expect(response.json?.text).toMatch(/^(I don't know|That next step is \d+ characters)/);
    }
    expect(entries()).toEqual([]);
  });
});

describe('the public echo', () => {
  it('posts a one-line notice naming no state to a channel that turned it on, once even on retry', async () => {
    const responseUrl = `${slack.url}/respond/echo`;
    expect((await post(commandBody('echo on', {}, responseUrl))).json?.text).toBe('Public echo on in this channel');
    const body = commandBody('meeting Kenya held — with the ambassador', {}, responseUrl);
    const confirmation = await post(body);
    expect(confirmation.json?.response_type).toBe('ephemeral');
    expect(await responses('/respond/echo')).toEqual([{ response_type: 'in_channel', replace_original: false, text: 'Ana logged a meeting (#1).' }]);
    await post(body, slackHeaders(body, { retryNum: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await responses('/respond/echo')).toHaveLength(1);
  });

  it('posts the notice too when the entry is logged through a suggestion button', async () => {
    const responseUrl = `${slack.url}/respond/echo-button`;
    await post(commandBody('echo on', {}, responseUrl));
    const error = await post(commandBody('meeting Kenya', {}, responseUrl));
    const suggestion = buttons(error.json)[0]!;
    expect(suggestion.value).toBe('meeting Kenya held');
    await post(buttonBody({ value: suggestion.value!, actionId: suggestion.action_id!, responseUrl }));
    const sent = await responses('/respond/echo-button', 2);
    expect(sent.map((b) => [b.response_type, b.text])).toEqual([
      ['ephemeral', 'Logged #1: meeting held, Kenya'],
      ['in_channel', 'Ana logged a meeting (#1).'],
    ]);
  });

  it('stays silent in channels that did not turn it on', async () => {
    const responseUrl = `${slack.url}/respond/quiet`;
    await post(commandBody('meeting Kenya held', {}, responseUrl));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(slack.calls.filter((c) => c.path === '/respond/quiet')).toEqual([]);
  });
});

describe('request authenticity and retries', () => {
  it('refuses a forged signature with 401 and stores nothing', async () => {
    const body = commandBody('meeting Kenya held');
    const response = await post(body, slackHeaders(body, { secret: 'not-the-secret-at-all' }));
    expect(response.status).toBe(401);
    expect(entries()).toEqual([]);
  });

  it('refuses a missing signature with 401', async () => {
    const body = commandBody('meeting Kenya held');
    const response = await post(body, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(401);
    expect(entries()).toEqual([]);
  });

  it('refuses a 10-minute-old timestamp with 401 and stores nothing', async () => {
    const body = commandBody('meeting Kenya held');
    const response = await post(body, slackHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 600 }));
    expect(response.status).toBe(401);
    expect(entries()).toEqual([]);
  });

  it.each([
    ['6 minutes', 6 * 60],
    ['a year', 365 * 24 * 3600],
  ])('refuses a timestamp %s in the future with 401 and stores nothing', async (_, ahead) => {
    const body = commandBody('meeting Kenya held');
    const response = await fetch(events, { method: 'POST', body, headers: slackHeaders(body, { timestamp: Math.floor(Date.now() / 1000) + ahead }) });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('Request timestamp is in the future');
    expect(entries()).toEqual([]);
  });

  it('runs a command that reuses another person’s trigger_id as their own, never answering with the first reply', async () => {
    const trigger = { trigger_id: '77.1234.abcdef' };
    const first = await post(commandBody('contacted Kenya — only Ana knows this', trigger));
    expect(first.json?.text).toBe('Logged #1: contacted, Kenya');
    const other = await post(commandBody('meeting Chad held', { ...trigger, user_id: 'U2', user_name: 'ben' }));
    expect(other.json?.text).toBe('Logged #2: meeting held, Chad');
    expect(other.raw).not.toContain('only Ana knows this');
    expect(entries().map((e) => e.state_iso3)).toEqual(['KEN', 'TCD']);
  });

  it('stores one entry when Slack retries the same request', async () => {
    const body = commandBody('meeting Kenya held');
    const first = await post(body);
    const retry = await post(body, slackHeaders(body, { retryNum: 1 }));
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual(first.json);
    expect(entries()).toHaveLength(1);
  });

  it('carries out a suggestion button clicked twice once, though each click has its own action_ts', async () => {
    const responseUrl = `${slack.url}/respond/5`;
    const error = await post(commandBody('meeting Lao PRD held', {}, responseUrl));
    const suggestion = buttons(error.json)[0]!;
    await post(buttonBody({ value: suggestion.value!, actionId: suggestion.action_id!, responseUrl }));
    await post(buttonBody({ value: suggestion.value!, actionId: suggestion.action_id!, responseUrl }));
    await responses('/respond/5', 2);
    expect(entries()).toHaveLength(1);
  });

  it('carries out a double-pressed button once', async () => {
    const responseUrl = `${slack.url}/respond/4`;
    await post(commandBody('meeting Kenya held', {}, responseUrl));
    const press = buttonBody({ value: 'undo #1', actionId: 'ccm_run_0', responseUrl });
    await post(press);
    await post(press);
    const texts = (await responses('/respond/4', 2)).map((body) => body.text);
    expect(texts).toEqual(['Withdrew #1: meeting held, Kenya', 'Withdrew #1: meeting held, Kenya']);
    expect(bot.database.sqlite.prepare("SELECT count(*) FROM audit WHERE action = 'undo'").pluck().get()).toBe(1);
  });
});

describe('the HTTP server', () => {
  it('answers /healthz once the database is open', async () => {
    const response = await fetch(`http://127.0.0.1:${chat.http.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('answers 404 elsewhere', async () => {
    expect((await fetch(`http://127.0.0.1:${chat.http.port}/nothing`)).status).toBe(404);
  });

  it('posts a reply model to a channel and into a thread', async () => {
    const parent = await slackPosterOf(chat).post('slack:channel:C9', bot.say('deliverables'));
    await slackPosterOf(chat).post('slack:channel:C9', bot.say('help'), { threadRef: parent.ref });
    const posts = slack.callsTo('chat.postMessage');
    expect(posts.map((p) => [p.body.channel, p.body.thread_ts])).toEqual([
      ['C9', undefined],
      ['C9', parent.ref],
    ]);
    expect(posts[0]?.authorization).toBe('Bearer xoxb-test-token');
    expect(JSON.parse(String(posts[0]?.body.blocks)).length).toBeGreaterThan(1);
  });
});

/** The running Slack adapter's poster. */
function slackPosterOf(services: ChatServices) {
  const adapter = services.adapters.find((a) => a.name === 'slack');
  if (!adapter) throw new Error('Slack is not running');
  return adapter.poster!;
}
