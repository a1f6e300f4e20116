/**
 * `/ccm export` over Slack: a signed slash command to the real adapter, and the CSV uploaded
 * through files.uploadV2 (getUploadURLExternal, the upload, completeUploadExternal) into the
 * person's direct messages with the app, never into the conversation the command came from.
 */
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChatServices, startChat } from '../src/chat.ts';
import { createTestBot, type TestBot } from './support/harness.ts';
import { commandBody, SIGNING_SECRET, type SlackStandIn, slackHeaders, startSlackStandIn } from './support/slack.ts';

let slack: SlackStandIn;
let bot: TestBot;
let chat: ChatServices;

beforeEach(async () => {
  slack = await startSlackStandIn();
  bot = createTestBot({
    now: '2026-03-10T09:00:00Z',
    env: { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' },
  });
  chat = await startChat(bot, { host: '127.0.0.1' });
});

afterEach(async () => {
  await chat.stop();
  bot.close();
  await slack.close();
});

async function post(body: string): Promise<{ json: { response_type?: string; text?: string } | undefined; raw: string }> {
  const response = await fetch(`http://127.0.0.1:${chat.http.port}/slack/events`, {
    method: 'POST',
    body,
    headers: slackHeaders(body),
    signal: AbortSignal.timeout(2900),
  });
  const raw = await response.text();
  return { json: raw ? JSON.parse(raw) : undefined, raw };
}

/** What Slack's stand-in received at a response_url, once something arrived. */
async function responses(path: string): Promise<Record<string, unknown>[]> {
  for (let waited = 0; !slack.calls.some((c) => c.path === path) && waited < 3000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return slack.calls.filter((c) => c.path === path).map((c) => c.body);
}

describe('/ccm export', () => {
  /** The Web API calls and the upload of one file, once Slack's stand-in saw the upload completed. */
  async function upload() {
    for (let waited = 0; slack.callsTo('files.completeUploadExternal').length === 0 && waited < 3000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [completed] = slack.callsTo('files.completeUploadExternal');
    return {
      opened: slack.callsTo('conversations.open').map((c) => c.body.users),
      asked: slack.callsTo('files.getUploadURLExternal').map((c) => c.body.filename),
      content: slack.calls.filter((c) => c.path.startsWith('/upload/')).map((c) => Object.values(c.body)[0]),
      channel: completed?.body.channel_id,
      files: completed ? JSON.parse(String(completed.body.files)) : undefined,
    };
  }

  it("uploads the log as CSV into the person's messages with the app, and answers without its content", async () => {
    await post(commandBody('meeting Kenya held — with the ambassador, "in confidence"'));
    const response = await post(commandBody('export'));
    expect(response.json?.response_type).toBe('ephemeral');
    expect(response.json?.text).toBe('Export of the follow-up log: 1 entry');
    expect(response.raw).toContain('The file ccm-log-2026-03-10.csv follows in your direct messages with the app; only you receive it.');
    expect(response.raw).not.toContain('in confidence');
    const sent = await upload();
    expect(sent.opened).toEqual(['U1']);
    expect(sent.asked).toEqual(['ccm-log-2026-03-10.csv']);
    const rows = parse(String(sent.content[0]), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.id, r.state, r.note, r.logged_by])).toEqual([['1', 'Kenya', 'with the ambassador, "in confidence"', 'Ana']]);
    expect(sent.channel).toBe('DU1');
    expect(sent.files).toEqual([{ id: 'F1', title: 'ccm-log-2026-03-10.csv' }]);
  });

  it('sends it to the person alone when the command was typed in a direct message with someone else', async () => {
    await post(commandBody('export', { channel_id: 'D0OTHERPERSON' }));
    expect((await upload()).channel).toBe('DU1');
  });

  it('says so privately when Slack refuses the file, with the command that writes it', async () => {
    slack.answer('files.getUploadURLExternal', () => ({ body: { ok: false, error: 'missing_scope' } }));
    const responseUrl = `${slack.url}/respond/export`;
    await post(commandBody('export', {}, responseUrl));
    const [refusal] = await responses('/respond/export');
    expect(refusal).toMatchObject({ response_type: 'ephemeral', text: 'The file ccm-log-2026-03-10.csv could not be sent (missing_scope).' });
    expect(JSON.stringify(refusal)).toContain('ccm export --out ccm-log-2026-03-10.csv');
    expect(slack.callsTo('files.completeUploadExternal')).toEqual([]);
  });
});
