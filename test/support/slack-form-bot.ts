/**
 * A test bot with the Slack adapter over real HTTP, for the "Log outreach" modal's tests: signed
 * requests go in, Slack's stand-in records views.open and the messages sent.
 */
import { expect } from 'vitest';
import { type ChatServices, startChat } from '../../src/chat.ts';
import { createTestBot, type TestBot } from './harness.ts';
import { SIGNING_SECRET, type SlackStandIn, slackHeaders, startSlackStandIn } from './slack.ts';
import type { OpenedView } from './slack-form.ts';

export interface SlackFormBot {
  slack: SlackStandIn;
  bot: TestBot;
  chat: ChatServices;
  post(body: string): Promise<{ status: number; json: Record<string, unknown> | undefined }>;
}

const running: SlackFormBot[] = [];

/** Stops every bot started since the last call: each test file calls it after each test (files share this module). */
export async function stopSlackBots(): Promise<void> {
  for (const { chat, bot, slack } of running.splice(0)) {
    await chat.stop();
    bot.close();
    await slack.close();
  }
}

export async function startSlackBot(): Promise<SlackFormBot> {
  const slack = await startSlackStandIn();
  const bot = createTestBot({ env: { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' } });
  const chat = await startChat(bot, { host: '127.0.0.1' });
  const events = `http://127.0.0.1:${chat.http.port}/slack/events`;
  const post = async (body: string) => {
    const response = await fetch(events, { method: 'POST', body, headers: slackHeaders(body), signal: AbortSignal.timeout(2900) });
    const raw = await response.text();
    return { status: response.status, json: raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined };
  };
  const started = { slack, bot, chat, post };
  running.push(started);
  return started;
}

/** The modal views.open received (the n-th), with the id and hash the stand-in gave it. */
export async function opened(slack: SlackStandIn, n = 1): Promise<OpenedView & { callback_id: string; title: { text: string } }> {
  for (let waited = 0; slack.callsTo('views.open').length < n && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  const call = slack.callsTo('views.open')[n - 1];
  expect(call, 'views.open was called').toBeDefined();
  return { id: `V${n}`, hash: `h${n}`, ...JSON.parse(String(call!.body.view)) };
}

/** The calls to `method` once one has arrived (an answer is sent after the acknowledgement). */
export async function sent(slack: SlackStandIn, method: string) {
  for (let waited = 0; slack.callsTo(method).length === 0 && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  return slack.callsTo(method);
}

/** Every column of every entry but its number. */
export const entries = (bot: TestBot) =>
  (bot.database.sqlite.prepare('SELECT * FROM entries ORDER BY id').all() as Record<string, unknown>[]).map(({ id: _id, ...row }) => row);

/** One element of a modal, by its block. */
export const elementOf = (view: OpenedView, block: string) => view.blocks.find((b) => b.block_id === block)?.element;
