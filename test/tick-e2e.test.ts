/**
 * Reminders end to end: a channel subscribes with a signed `/ccm subscribe`, then the
 * operator's `ccm tick --at` (a separate process, as cron or an operator would run it) posts
 * through Slack's Web API stand-in, exactly once.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChatServices, startChat } from '../src/chat.ts';
import { createTestBot, type TestBot, dateSpringMeetings } from './support/harness.ts';
import { commandBody, SIGNING_SECRET, type SlackStandIn, slackHeaders, startSlackStandIn } from './support/slack.ts';

const CCM = resolve(import.meta.dirname, '../bin/ccm.js');
let slack: SlackStandIn;
let bot: TestBot;
let chat: ChatServices;

beforeEach(async () => {
  slack = await startSlackStandIn();
  bot = createTestBot({
    now: '2026-03-01T10:00:00Z',
    env: { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' },
  });
  chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false });
  dateSpringMeetings(bot);
});
afterEach(async () => {
  await chat.stop();
  bot.close();
  await slack.close();
});

/** Runs `ccm <args>` against the test bot's database, with Slack configured or not. */
function ccm(
  args: string[],
  options: { slack?: boolean; env?: Record<string, string> } = { slack: true },
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: bot.dir, CCM_DB_PATH: bot.dbPath, ...options.env };
    if (options.slack) Object.assign(env, { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl });
    const child = spawn(process.execPath, [CCM, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => done({ code, out, err }));
  });
}

async function subscribeC1(): Promise<void> {
  const body = commandBody('subscribe', { channel_id: 'C1' });
  const response = await fetch(`http://127.0.0.1:${chat.http.port}/slack/events`, { method: 'POST', body, headers: slackHeaders(body) });
  expect(((await response.json()) as { text: string }).text).toBe('This channel now receives reminders and digests');
}

const postsToC1 = () => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C1');

describe('ccm tick', () => {
  it('posts a reminder that just fell due exactly once, and nothing on a second run', async () => {
    await subscribeC1();
    const first = await ccm(['tick', '--at', '2026-05-05T09:00:30+02:00']);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toBe('sent meeting-7d to slack:C1: In 7 days: Third meeting of the Informal Working Group on Universalisation\n');
    expect(postsToC1()).toHaveLength(1);
    const second = await ccm(['tick', '--at', '2026-05-05T09:00:30+02:00']);
    expect(second.out).toBe('Nothing due.\n');
    expect(postsToC1()).toHaveLength(1);
  });

  it('posts once when two processes tick the same database at the same time', async () => {
    await subscribeC1();
    const runs = await Promise.all([ccm(['tick', '--at', '2026-05-05T09:00:30+02:00']), ccm(['tick', '--at', '2026-05-05T09:00:30+02:00'])]);
    expect(runs.map((r) => [r.code, r.err])).toEqual([
      [0, ''],
      [0, ''],
    ]);
    expect(postsToC1()).toHaveLength(1);
  });

  it('waits for another program to let go of the write lock, then posts once', async () => {
    await subscribeC1();
    const other = new Database(bot.dbPath);
    other.exec('BEGIN IMMEDIATE');
    const run = ccm(['tick', '--at', '2026-05-05T09:00:30+02:00']);
    // Held well past the process's start-up, its first claim and a few of its retries.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    other.exec('COMMIT');
    other.close();
    const ran = await run;
    expect(ran.code).toBe(0);
    expect(ran.err).toContain('another program holds the database write lock');
    expect(postsToC1()).toHaveLength(1);
  });

  it('prints what it would post when no chat platform is configured, and claims nothing', async () => {
    await subscribeC1();
    const dry = await ccm(['tick', '--at', '2026-05-05T09:00:30+02:00'], { slack: false });
    expect(dry.out).toContain('No chat platform is configured: nothing is posted.');
    expect(dry.out).toContain('→ slack:C1\nIn 7 days: Third meeting of the Informal Working Group on Universalisation');
    expect(postsToC1()).toHaveLength(0);
    expect(bot.ledger.all()).toEqual([]);
  });

  it('refuses to post as of an instant the log changed after, and the preview it suggests works', async () => {
    await subscribeC1();
    bot.setNow('2026-05-06T08:00:00Z');
    bot.say('meeting Kenya held');
    const refused = await ccm(['tick', '--at', '2026-05-05T09:00:30+02:00']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      'ccm tick: 1 change was recorded after 2026-05-05T09:00:30+02:00, and a post sent now would carry the figures as they stood then',
    );
    expect(refused.err).toContain(
      'Run `ccm tick` without --at to post what is due now, or see what was due then without posting: CCM_ADAPTERS=shell ccm tick --at 2026-05-05T09:00:30+02:00',
    );
    expect(postsToC1()).toHaveLength(0);
    expect(bot.ledger.all()).toEqual([]);
    const preview = await ccm(['tick', '--at', '2026-05-05T09:00:30+02:00'], { slack: true, env: { CCM_ADAPTERS: 'shell' } });
    expect(preview.out).toContain('→ slack:C1\nIn 7 days: Third meeting of the Informal Working Group on Universalisation');
    expect(postsToC1()).toHaveLength(0);
  });

  it('rejects a malformed --at with the expected form', async () => {
    const bad = await ccm(['tick', '--at', 'next tuesday']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--at expects a date (2026-05-05) or an ISO timestamp with its offset');
  });
});

describe('the running bot', () => {
  it('catches up at start-up what fell due while it was down', async () => {
    await subscribeC1();
    await chat.stop();
    // Down over the 7-day reminder; restarted the next morning.
    bot.setNow('2026-05-06T08:00:00Z');
    chat = await startChat(bot, { host: '127.0.0.1' });
    for (let waited = 0; postsToC1().length === 0 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(postsToC1().map((p) => p.body.text)).toEqual(['In 6 days: Third meeting of the Informal Working Group on Universalisation']);
  });
});

describe('ccm reminders', () => {
  it('lists the schedule as JSON with offsets, kinds, titles and channels', async () => {
    await subscribeC1();
    const run = await ccm(['reminders', '--from', '2026-05-01', '--to', '2026-05-31', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toEqual([
      {
        at: '2026-05-05T09:00:00+02:00',
        kind: 'reminder',
        title: 'In 7 days: Third meeting of the Informal Working Group on Universalisation',
        channels: ['slack:C1'],
      },
      {
        at: '2026-05-10T09:00:00+02:00',
        kind: 'digest',
        title: 'Progress digest for the Third meeting of the Informal Working Group on Universalisation',
        channels: ['slack:C1'],
      },
      {
        at: '2026-05-11T09:00:00+02:00',
        kind: 'reminder',
        title: 'Tomorrow: Third meeting of the Informal Working Group on Universalisation',
        channels: ['slack:C1'],
      },
    ]);
  });

  it('includes the whole day given as --to', async () => {
    bot.say('milestone wg4 date 2026-06-01');
    const run = await ccm(['reminders', '--from', '2026-05-31', '--to', '2026-05-31']);
    expect(run.out).toContain('2026-05-31T09:00:00+02:00  reminder  Tomorrow: Fourth meeting');
  });

  it('lists one line per post in text', async () => {
    const run = await ccm(['reminders', '--from', '2026-06-01', '--to', '2026-06-10']);
    expect(run.out).toBe(
      '2026-06-09T09:00:00+02:00  reminder  In 7 days: Fourth meeting of the Informal Working Group on Universalisation  →  (no channel subscribed)\nTimes are in Europe/Zurich.\n',
    );
  });
});

describe('ccm digest', () => {
  it('prints the digest as of a time, from the real log', async () => {
    bot.say('meeting Kenya held');
    const run = await ccm(['digest', '--at', '2026-05-10T09:00:00+02:00'], { slack: false });
    expect(run.code).toBe(0);
    expect(run.out).toContain('Progress digest for the Third meeting of the Informal Working Group on Universalisation');
    expect(run.out).toContain('Bilateral outreach meetings: 1 of 10');
  });
});
