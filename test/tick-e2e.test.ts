/**
 * Reminders end to end: a channel subscribes with a signed `/ccm subscribe`, then the
 * operator's `ccm tick --at` (its real `main`, as cron or an operator would run it) posts
 * through Slack's Web API stand-in, exactly once. Two processes ticking at once, and a tick
 * waiting for another process's lock, are in test/e2e/tick-processes.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startChat } from '../src/chat.ts';
import { ccm as ccmInProcess } from './support/ccm.ts';
import { type SlackChannelBot, slackChannelBot } from './support/slack-channel.ts';

let setup: SlackChannelBot;
beforeEach(async () => {
  setup = await slackChannelBot();
});
afterEach(() => setup.stop());

/** Runs `ccm <args>` against the test bot's database, with Slack configured or not. */
function ccm(args: string[], options: { slack?: boolean; env?: Record<string, string> } = { slack: true }) {
  return ccmInProcess(args, { ...setup.env(options.slack ?? false), ...options.env });
}

const subscribeC1 = () => setup.subscribeC1();
const postsToC1 = () => setup.postsToC1();

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

  it('prints what it would post when no chat platform is configured, and claims nothing', async () => {
    await subscribeC1();
    const dry = await ccm(['tick', '--at', '2026-05-05T09:00:30+02:00'], { slack: false });
    expect(dry.out).toContain('No chat platform is configured: nothing is posted.');
    expect(dry.out).toContain('→ slack:C1\nIn 7 days: Third meeting of the Informal Working Group on Universalisation');
    expect(postsToC1()).toHaveLength(0);
    expect(setup.bot.ledger.all()).toEqual([]);
  });

  it('refuses to post as of an instant the log changed after, and the preview it suggests works', async () => {
    await subscribeC1();
    setup.bot.setNow('2026-05-06T08:00:00Z');
    setup.bot.say('meeting Kenya held');
    const refused = await ccm(['tick', '--at', '2026-05-05T09:00:30+02:00']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      'ccm tick: 1 change was recorded after 2026-05-05T09:00:30+02:00, and a post sent now would carry the figures as they stood then',
    );
    expect(refused.err).toContain(
      'Run `ccm tick` without --at to post what is due now, or see what was due then without posting: CCM_ADAPTERS=shell ccm tick --at 2026-05-05T09:00:30+02:00',
    );
    expect(postsToC1()).toHaveLength(0);
    expect(setup.bot.ledger.all()).toEqual([]);
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
    await setup.chat.stop();
    // Down over the 7-day reminder; restarted the next morning.
    setup.bot.setNow('2026-05-06T08:00:00Z');
    setup.chat = await startChat(setup.bot, { host: '127.0.0.1' });
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
    setup.bot.say('milestone wg4 date 2026-06-01');
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
    setup.bot.say('meeting Kenya held');
    const run = await ccm(['digest', '--at', '2026-05-10T09:00:00+02:00'], { slack: false });
    expect(run.code).toBe(0);
    expect(run.out).toContain('Progress digest for the Third meeting of the Informal Working Group on Universalisation');
    expect(run.out).toContain('Bilateral outreach meetings: 1 of 10');
  });
});
