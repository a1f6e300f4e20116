/**
 * A subscribed channel the platform says is gone (archived or deleted: Slack's
 * `channel_not_found`): the post is dropped, the operator told once, nothing more is claimed for
 * it, `subscriptions` says so, and `subscribe` typed there again resumes the posts. A channel
 * the bot was only removed from is retried instead, since inviting it back fixes that.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../src/bot.ts';
import { capturedLog, createTestBot, dateSpringMeetings, type TestBot } from './support/harness.ts';
import { slackActor, slackPlace } from './support/places.ts';
import { type SlackStandIn, slackPosterFor, startSlackStandIn } from './support/slack.ts';

let slack: SlackStandIn;
let bot: TestBot;
let captured: ReturnType<typeof capturedLog>;

beforeEach(async () => {
  slack = await startSlackStandIn();
  captured = capturedLog('warn');
  bot = createTestBot({ now: '2026-03-01T10:00:00Z', log: captured.log });
  dateSpringMeetings(bot);
  expect(say('subscribe').tone).toBe('success');
});
afterEach(async () => {
  bot.close();
  await slack.close();
});

const say = (text: string) => bot.core.handle({ text, actor: slackActor('U1', 'Ana'), place: slackPlace('C1') });
const scheduler = () => createScheduler(bot, { slack: slackPosterFor(bot, slack.apiUrl) });
const posts = () => slack.callsTo('chat.postMessage');
const goneLines = () => captured.lines.filter((l) => String(l.message).includes('refused the post as gone'));

describe('a subscribed channel that is gone', () => {
  it('gets nothing more, the operator is told once, and subscribing it again resumes the posts', async () => {
    let gone = true;
    slack.answer('chat.postMessage', (call) =>
      gone ? { body: { ok: false, error: 'channel_not_found' } } : { body: { ok: true, channel: call.body.channel, ts: `1.${posts().length}` } },
    );
    const first = await scheduler().tick(new Date('2026-05-05T07:00:30Z'));
    expect(first.failed).toHaveLength(1);
    expect(bot.ledger.all().find((p) => p.rule === 'meeting-7d')).toMatchObject({ status: 'skipped', lastError: 'the conversation is gone (not-found)' });
    expect(goneLines()).toEqual([expect.objectContaining({ level: 'error', platform: 'slack', channel: 'C1', failure: 'not-found' })]);
    expect(say('subscriptions').sections![0]!.items[0]!.detail).toContain('gone since 5 May 2026 (the channel was not found: archived or deleted)');

    // The digest and the 1-day reminder fall due: nothing is claimed or tried for a gone channel.
    const later = await scheduler().tick(new Date('2026-05-11T07:00:30Z'));
    expect([later.sent, later.failed]).toEqual([[], []]);
    expect(posts()).toHaveLength(1);
    expect(goneLines()).toHaveLength(1);

    // Unarchived, and subscribed again by a member: the next post goes out.
    gone = false;
    bot.setNow('2026-05-11T08:00:00Z');
    expect(say('subscribe').title).toBe('This channel receives reminders and digests again');
    expect(say('subscriptions').sections![0]!.items[0]!.detail).not.toContain('gone');
    await scheduler().tick(new Date('2026-05-11T08:00:30Z'));
    expect(posts().map((p) => p.body.text)).toContain('Tomorrow: Third meeting of the Informal Working Group on Universalisation');
  });

  it('is only retried when the bot was removed from it, since inviting it back fixes that', async () => {
    slack.answer('chat.postMessage', () => ({ body: { ok: false, error: 'not_in_channel' } }));
    const report = await scheduler().tick(new Date('2026-05-05T07:00:30Z'));
    expect(report.failed).toHaveLength(1);
    expect(bot.ledger.all().find((p) => p.rule === 'meeting-7d')?.status).toBe('failed');
    expect(say('subscriptions').sections![0]!.items[0]!.detail).not.toContain('gone');
    expect(goneLines()).toEqual([]);
  });

  it('leaves undo of the resumed subscription as any change', async () => {
    slack.answer('chat.postMessage', () => ({ body: { ok: false, error: 'channel_not_found' } }));
    await scheduler().tick(new Date('2026-05-05T07:00:30Z'));
    bot.setNow('2026-05-06T08:00:00Z');
    const resumed = say('subscribe');
    expect(resumed.actions?.map((a) => a.label)).toContain('Undo');
    expect(say(resumed.actions!.find((a) => a.label === 'Undo')!.command).tone).toBe('success');
    expect(say('subscriptions').sections![0]!.items[0]!.detail).toContain('gone since 5 May 2026');
  });
});
