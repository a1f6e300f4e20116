/**
 * Writing to the app in Slack's Messages tab, over signed HTTP: a sentence gets the proposed
 * entry with Log it, Edit (the form, filled in) and No in the same conversation; an event Slack delivers again is not
 * answered twice; Log it stores the entry once, even pressed twice; a command typed there is
 * answered as anywhere; and a message in a channel, or the app's own post, is never read.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChatServices, startChat } from '../src/chat.ts';
import { createTestBot, type TestBot } from './support/harness.ts';
import { buttonBody, eventRequest, SIGNING_SECRET, type SlackStandIn, slackHeaders, startSlackStandIn } from './support/slack.ts';

const SENTENCE = 'Had a bilateral with the Kenyan mission this morning, they asked for the Q&A before their capital decides.';
const PROPOSED = `meeting Kenya held on 2026-03-11 in geneva — ${SENTENCE}`;

let slack: SlackStandIn;
let bot: TestBot;
let chat: ChatServices;
let events: string;

beforeEach(async () => {
  slack = await startSlackStandIn();
  bot = createTestBot({
    now: '2026-03-11T09:00:00Z',
    env: { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' },
  });
  chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
  events = `http://127.0.0.1:${chat.http.port}/slack/events`;
});
afterEach(async () => {
  await chat.stop();
  bot.close();
  await slack.close();
});

const post = (request: { body: string; headers: Record<string, string> }) => fetch(events, { method: 'POST', ...request });
const dm = (text: string, extra: Record<string, unknown> = {}) =>
  eventRequest({ type: 'message', channel_type: 'im', channel: 'DU1', user: 'U1', text, ts: '1700000000.000200', ...extra });
const entries = () => bot.database.sqlite.prepare('SELECT kind, state_iso3, occurred_on, level, note FROM entries').all();

/** The messages the app posted into the person's conversation with it, once `count` have arrived. */
async function postsToDm(count: number): Promise<{ text: string; blocks: string }[]> {
  for (let waited = 0; waited < 5000; waited += 20) {
    const posts = slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'DU1');
    if (posts.length >= count)
      return posts.map((p) => ({ text: String(p.body.text), blocks: typeof p.body.blocks === 'string' ? p.body.blocks : JSON.stringify(p.body.blocks) }));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`fewer than ${count} posts to DU1: ${JSON.stringify(slack.callsTo('chat.postMessage'))}`);
}

describe('a message to the app in Slack', () => {
  it('gets the proposal in the same conversation, once though Slack delivers the event again', async () => {
    const request = dm(SENTENCE);
    expect((await post(request)).status).toBe(200);
    const [proposal] = await postsToDm(1);
    expect(proposal!.text).toContain('Log this?');
    expect(proposal!.blocks).toContain(`"value":${JSON.stringify(PROPOSED)}`);
    expect(proposal!.blocks).toContain(`"value":${JSON.stringify(`form from ${SENTENCE}`)}`);
    expect(proposal!.blocks).toContain('"value":"no"');
    // The same delivery again (the same event_id), as Slack retries it.
    expect((await post({ body: request.body, headers: { ...slackHeaders(request.body, { retryNum: 1 }), 'content-type': 'application/json' } })).status).toBe(
      200,
    );
    // A later message is answered: so by then the retry, sent before it, has been dealt with.
    await post(dm('help', { ts: '1700000000.000300' }));
    const posts = await postsToDm(2);
    expect(posts).toHaveLength(2);
    expect(posts[1]!.text).not.toContain('Log this?');
    expect(entries()).toEqual([]);
  });

  it('stores the proposed entry once when Log it is pressed twice', async () => {
    await post(dm(SENTENCE));
    await postsToDm(1);
    const respond = `${slack.url}/respond`;
    for (let press = 0; press < 2; press++) {
      const body = buttonBody({ value: PROPOSED, actionId: 'ccm_run_0', responseUrl: respond });
      expect((await fetch(events, { method: 'POST', body, headers: slackHeaders(body) })).status).toBe(200);
    }
    expect(entries()).toEqual([{ kind: 'meeting', state_iso3: 'KEN', occurred_on: '2026-03-11', level: 'geneva', note: SENTENCE }]);
  });

  it('opens the form filled in from the sentence when Edit is pressed, storing nothing until it is saved', async () => {
    await post(dm(SENTENCE));
    await postsToDm(1);
    const body = buttonBody({ value: `form from ${SENTENCE}`, actionId: 'ccm_run_1', responseUrl: `${slack.url}/respond` });
    expect((await fetch(events, { method: 'POST', body, headers: slackHeaders(body) })).status).toBe(200);
    for (let waited = 0; slack.callsTo('views.open').length === 0 && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    const view = JSON.parse(String(slack.callsTo('views.open')[0]!.body.view)) as { blocks: { block_id: string; element: Record<string, any> }[] };
    const element = (id: string) => view.blocks.find((b) => b.block_id === id)?.element;
    expect(element('form_state')?.initial_option?.value).toBe('KEN');
    expect(element('form_date')?.initial_date).toBe('2026-03-11');
    expect(element('form_note')?.initial_value).toBe(SENTENCE);
    expect(entries()).toEqual([]);
  });

  it('reads no channel message and none of its own posts', async () => {
    await post(eventRequest({ type: 'message', channel_type: 'channel', channel: 'C1', user: 'U1', text: SENTENCE, ts: '1700000000.000400' }));
    await post(dm(SENTENCE, { bot_id: 'B1', ts: '1700000000.000500' }));
    await post(dm(SENTENCE, { subtype: 'message_changed', ts: '1700000000.000600' }));
    // Something is answered after them: had any of them been read, its answer would come first.
    await post(dm('help', { ts: '1700000000.000700' }));
    const posts = await postsToDm(1);
    expect(posts.map((p) => p.text.includes('Log this?'))).toEqual([false]);
    expect(slack.callsTo('chat.postMessage').filter((c) => c.body.channel !== 'DU1')).toEqual([]);
  });
});
