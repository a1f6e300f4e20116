/**
 * The scheduler with a controlled clock, a real SQLite file and the real Slack adapter
 * posting to a stand-in of Slack's Web API.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planSchedule } from '../src/domain/schedule.ts';
import { isoWithOffset } from '../src/domain/time.ts';
import { createScheduler } from '../src/bot.ts';
import type { Scheduler } from '../src/scheduler/scheduler.ts';
import { PostLedger } from '../src/store/ledger.ts';
import { openDatabase } from '../src/store/database.ts';
import { Store } from '../src/store/store.ts';
import { createTestBot, type TestBot, dateSpringMeetings } from './support/harness.ts';
import { type SlackStandIn, slackPosterFor, startSlackStandIn } from './support/slack.ts';
import { slackActor, slackPlace } from './support/places.ts';

let slack: SlackStandIn;
let bot: TestBot;

beforeEach(async () => {
  slack = await startSlackStandIn();
  bot = createTestBot({ now: '2026-03-01T10:00:00Z' });
});
afterEach(async () => {
  bot.close();
  await slack.close();
});

function slackPoster(target: TestBot = bot) {
  return slackPosterFor(target, slack.apiUrl);
}

function scheduler(target: TestBot = bot): Scheduler {
  return createScheduler(target, { slack: slackPoster(target) });
}

/** Subscribes Slack channel C1 as a member typing `/ccm subscribe` there. */
function subscribe(channelId = 'C1', text = 'subscribe') {
  return bot.core.handle({ text, actor: slackActor('U1', 'Ana'), place: slackPlace(channelId) });
}

const posts = () => slack.callsTo('chat.postMessage');
/** The 2025–2026 plan, the only one these tests load. */
const shipped = () => bot.plans.plans[0]!;
const at = (iso: string) => new Date(iso);

describe('the schedule of the shipped plan', () => {
  const plan = () => planSchedule(shipped(), bot.store.plans.milestones(shipped().id), 'Europe/Zurich');

  it('reminds before every meeting and due date, and sends a digest before every working group meeting', () => {
    const rulesOf = (id: string) =>
      [
        ...new Set(
          plan()
            .filter((p) => p.milestoneId === id)
            .map((p) => p.rule),
        ),
      ].sort();
    for (const wg of ['wg1', 'wg2']) expect(rulesOf(wg)).toEqual(['digest', 'meeting-1d', 'meeting-7d']);
    // Undated, in windows of several months: no reminders counting down to them; wg3 and wg4 share one digest.
    expect(rulesOf('wg3')).toContain('digest');
    expect(rulesOf('wg4')).not.toContain('digest');
    for (const undated of ['wg3', 'wg4', 'pm1', 'pm2', 'workshop-asean', 'workshop-africa']) {
      expect(rulesOf(undated).filter((rule) => rule.startsWith('meeting-'))).toEqual([]);
    }
    // They are asked for instead, in one prompt a month for all of them: from 14 days before the
    // first window opens (January) to the end of the last (the workshops' September).
    const prompts = plan().filter((p) => p.rule === 'set-date');
    expect(prompts.map((p) => isoWithOffset(p.dueAt, 'Europe/Zurich').slice(0, 10))).toEqual([
      '2025-12-18',
      '2026-01-18',
      '2026-02-18',
      '2026-03-18',
      '2026-04-18',
      '2026-05-18',
      '2026-06-18',
      '2026-07-18',
      '2026-08-18',
      '2026-09-18',
    ]);
    expect(rulesOf('review-conference')).toEqual(['due-14d', 'due-3d', 'meeting-1d', 'meeting-7d']);
    for (const deadline of ['support-package', 'top-15', 'barrier-paper']) expect(rulesOf(deadline)).toEqual(['due-14d', 'due-3d']);
    for (const task of shipped().milestones.filter((m) => m.kind === 'task')) expect(rulesOf(task.id)).toEqual([]);
  });

  it('counts month-only milestones from the first day of their window, at 09:00 Geneva time', () => {
    const wg2 = plan().filter((p) => p.milestoneId === 'wg2');
    expect(wg2.map((p) => [p.rule, isoWithOffset(p.dueAt, 'Europe/Zurich'), p.exact])).toEqual([
      ['meeting-7d', '2026-02-22T09:00:00+01:00', false],
      ['digest', '2026-02-27T09:00:00+01:00', false],
      ['meeting-1d', '2026-02-28T09:00:00+01:00', false],
    ]);
  });

  it('fires at 09:00 Geneva time in the week after the change to summer time (29 March 2026)', () => {
    bot.say('milestone wg3 date 2026-04-03');
    const oneDay = plan().find((p) => p.milestoneId === 'wg3' && p.rule === 'meeting-1d')!;
    expect(isoWithOffset(oneDay.dueAt, 'Europe/Zurich')).toBe('2026-04-02T09:00:00+02:00');
    expect(oneDay.dueAt.toISOString()).toBe('2026-04-02T07:00:00.000Z');
    const sevenDays = plan().find((p) => p.milestoneId === 'wg3' && p.rule === 'meeting-7d')!;
    expect(sevenDays.dueAt.toISOString()).toBe('2026-03-27T08:00:00.000Z'); // still winter time
  });

  it('follows a date set in chat', () => {
    bot.say('milestone wg3 date 2026-05-12');
    const wg3 = plan().filter((p) => p.milestoneId === 'wg3');
    expect(wg3.map((p) => [p.rule, p.dueAt.toISOString()])).toEqual([
      ['meeting-7d', '2026-05-05T07:00:00.000Z'],
      ['digest', '2026-05-10T07:00:00.000Z'],
      ['meeting-1d', '2026-05-11T07:00:00.000Z'],
    ]);
  });
});

describe('posting', () => {
  beforeEach(() => {
    dateSpringMeetings(bot);
    subscribe();
  });

  it('posts a due reminder once, at its time, to the subscribed channel', async () => {
    const s = scheduler();
    expect((await s.tick(at('2026-05-05T06:59:00Z'))).sent).toEqual([]);
    const report = await s.tick(at('2026-05-05T07:00:30Z'));
    expect(report.sent.map((r) => r.reply.title)).toEqual(['In 7 days: Third meeting of the Informal Working Group on Universalisation']);
    expect(posts().map((p) => p.body.channel)).toEqual(['C1']);
    expect((await s.tick(at('2026-05-05T07:00:30Z'))).sent).toEqual([]);
    expect((await s.tick(at('2026-05-05T07:01:30Z'))).sent).toEqual([]);
    expect(posts()).toHaveLength(1);
  });

  it('sends nothing twice when two processes tick the same database at the same instant', async () => {
    const second = openDatabase(bot.dbPath);
    try {
      const other = { ...bot, store: new Store(second.db), ledger: new PostLedger(second.db), database: second };
      const [a, b] = [scheduler(), createScheduler(other, { slack: slackPoster() })];
      const reports = await Promise.all([a.tick(at('2026-05-05T07:00:30Z')), b.tick(at('2026-05-05T07:00:30Z'))]);
      expect(reports.map((r) => r.sent.length).sort()).toEqual([0, 1]);
      expect(posts()).toHaveLength(1);
    } finally {
      second.close();
    }
  });

  it('sends a post claimed by a process that stopped before sending, once, after the claim has lapsed', async () => {
    // The first process claims the post and dies before sending it.
    const crashed = scheduler();
    expect(crashed.claim(at('2026-05-05T07:00:30Z')).map((p) => p.rule)).toEqual(['meeting-7d']);
    // A restarted process does not touch a claim that may still be in progress...
    const restarted = scheduler();
    expect((await restarted.tick(at('2026-05-05T07:02:00Z'))).sent).toEqual([]);
    // ...and sends it once the claim has lapsed.
    expect((await restarted.tick(at('2026-05-05T07:06:00Z'))).sent.map((r) => r.post.rule)).toEqual(['meeting-7d']);
    expect((await restarted.tick(at('2026-05-05T07:20:00Z'))).sent).toEqual([]);
    expect(posts()).toHaveLength(1);
  });

  it('retries a post Slack failed (HTTP 500) with backoff, without duplicates', async () => {
    let calls = 0;
    slack.answer('chat.postMessage', (call) =>
      ++calls === 1 ? { status: 500, body: { ok: false } } : { body: { ok: true, channel: call.body.channel, ts: '1.1' } },
    );
    const s = scheduler();
    const first = await s.tick(at('2026-05-05T07:00:30Z'));
    expect(first.failed.map((f) => f.error)).toEqual(['Slack answered HTTP 500']);
    expect((await s.tick(at('2026-05-05T07:01:00Z'))).sent).toEqual([]); // backoff: 1 minute
    expect((await s.tick(at('2026-05-05T07:01:40Z'))).sent.map((r) => r.post.rule)).toEqual(['meeting-7d']);
    expect((await s.tick(at('2026-05-05T07:10:00Z'))).sent).toEqual([]);
    expect(posts()).toHaveLength(2);
    expect(bot.ledger.all().map((p) => [p.rule, p.status, p.attempts])).toEqual([['meeting-7d', 'sent', 1]]);
  });

  it('retries a post when Slack cannot be reached at all, or rate-limits it', async () => {
    // A port nothing listens on: the connection is refused before anything is sent.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = createScheduler(bot, {
      slack: slackPosterFor(bot, `http://127.0.0.1:${port}/api/`),
    });
    const report = await unreachable.tick(at('2026-05-05T07:00:30Z'));
    expect(report.failed.map((f) => f.error)).toEqual(['Could not reach Slack (ECONNREFUSED)']);
    slack.answer('chat.postMessage', () => ({ status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '30' } }));
    expect((await scheduler().tick(at('2026-05-05T07:02:00Z'))).failed.map((f) => f.error)).toEqual(['Slack rate-limited the post (retry after 30 s)']);
    slack.answer('chat.postMessage', (call) => ({ body: { ok: true, channel: call.body.channel, ts: '1.2' } }));
    expect((await scheduler().tick(at('2026-05-05T07:20:00Z'))).sent.map((r) => r.post.rule)).toEqual(['meeting-7d']);
    expect(bot.ledger.all().map((p) => [p.status, p.attempts])).toEqual([['sent', 2]]);
  });

  it('drops a failing reminder once a later one about the same meeting went out, so the channel never sees both', async () => {
    let refuse = true;
    slack.answer('chat.postMessage', (call) =>
      refuse ? { body: { ok: false, error: 'not_in_channel' } } : { body: { ok: true, channel: call.body.channel, ts: `1.${posts().length}` } },
    );
    const s = scheduler();
    const failed = await s.tick(at('2026-05-05T07:00:30Z'));
    expect(failed.failed.map((f) => f.error)).toEqual(['Slack refused the post: not_in_channel (invite the bot to the channel)']);
    refuse = false; // someone invited the bot; the next retry (6 hours later, as the bot was not in the channel) comes after the 1-day reminder
    const report = await s.tick(at('2026-05-11T07:00:30Z'));
    const titles = report.sent.filter((r) => r.post.rule !== 'digest-part').map((r) => r.reply.title);
    expect(titles).toEqual([
      'Progress digest for the Third meeting of the Informal Working Group on Universalisation',
      'Tomorrow: Third meeting of the Informal Working Group on Universalisation',
    ]);
    expect(bot.ledger.all().find((p) => p.rule === 'meeting-7d')?.status).toBe('skipped');
  });

  it('drops an abandoned claim that a later reminder about the same meeting overtook', async () => {
    scheduler().claim(at('2026-05-05T07:00:30Z')); // claimed, then the process died
    const report = await scheduler().tick(at('2026-05-11T07:00:30Z'));
    expect(report.sent.filter((r) => r.post.rule.startsWith('meeting-')).map((r) => r.post.rule)).toEqual(['meeting-1d']);
  });

  it('marks a post as of unknown outcome when its process stopped while sending, and never resends it', async () => {
    const [claimed] = scheduler().claim(at('2026-05-05T07:00:30Z'));
    bot.ledger.startSending(claimed!.id, claimed!.claimedBy!);
    await scheduler().tick(at('2026-05-05T07:30:00Z'));
    expect(bot.ledger.byId(claimed!.id)?.status).toBe('uncertain');
    expect(posts()).toHaveLength(0);
  });

  it('keeps posting the others when one post cannot be built', async () => {
    bot.core.handle({
      text: 'next Kenya send model instrument by 2026-05-01',
      actor: slackActor('U7', 'Ola'),
      place: slackPlace('C1'),
    });
    // A state that left the reference data: the nudge about it cannot be written.
    bot.database.sqlite.pragma('foreign_keys = OFF');
    bot.database.sqlite.prepare("UPDATE entries SET state_iso3 = 'XXX' WHERE id = 1").run();
    const report = await scheduler().tick(at('2026-05-05T07:00:30Z'));
    expect(report.failed.map((f) => f.post.rule)).toEqual(['nudge']);
    expect(report.sent.map((r) => r.post.rule)).toEqual(['meeting-7d']);
  });

  it('does not send a nudge whose next step got a new date meanwhile', async () => {
    bot.core.handle({
      text: 'next Kenya send model instrument by 2026-05-01',
      actor: slackActor('U7', 'Ola'),
      place: slackPlace('C1'),
    });
    slack.answer('chat.postMessage', (call) => (call.body.channel === 'U7' ? { status: 500 } : { body: { ok: true, ts: '1.1' } }));
    await scheduler().tick(at('2026-05-02T07:00:30Z'));
    bot.setNow('2026-05-02T08:00:00Z');
    bot.core.handle({ text: 'edit #1 by 2026-05-20', actor: slackActor('U7', 'Ola'), place: slackPlace('D7') });
    slack.answer('chat.postMessage', (call) => ({ body: { ok: true, channel: call.body.channel, ts: '1.2' } }));
    const report = await scheduler().tick(at('2026-05-02T08:30:00Z'));
    expect(report.skipped.map((s) => s.reason)).toEqual(['the next step got a new due date']);
    // Only the first, failed attempt ever reached Slack.
    expect(posts().filter((p) => p.body.channel === 'U7')).toHaveLength(1);
  });

  it('does not resend a post whose outcome is unknown', async () => {
    // The connection drops before Slack answers: it may or may not have posted.
    slack.answer('chat.postMessage', () => ({ hangUp: true }));
    const report = await scheduler().tick(at('2026-05-05T07:00:30Z'));
    expect(report.uncertain.map((u) => u.post.rule)).toEqual(['meeting-7d']);
    await scheduler().tick(at('2026-05-05T08:00:00Z'));
    await scheduler().tick(at('2026-05-06T08:00:00Z'));
    expect(posts()).toHaveLength(1);
    expect(bot.ledger.all().map((p) => p.status)).toEqual(['uncertain']);
  });

  it('catches up after downtime, once per announcement, as long as the event has not passed', async () => {
    // Down from 1 May to 11 May 10:00: wg3's 7-day reminder, its digest and its 1-day reminder all fell due.
    const report = await scheduler().tick(at('2026-05-11T08:00:00Z'));
    const sent = report.sent.filter((r) => r.post.rule !== 'digest-part').map((r) => r.post.rule);
    // The 1-day reminder replaces the 7-day one; the digest is its own announcement.
    expect(sent).toEqual(['digest', 'meeting-1d']);
    expect(bot.ledger.all().find((p) => p.rule === 'meeting-7d')?.status).toBe('skipped');
  });

  it('does not catch up posts about an event that has passed', async () => {
    const report = await scheduler().tick(at('2026-05-13T08:00:00Z'));
    expect(report.sent.filter((r) => r.post.occurrence.startsWith('wg3'))).toEqual([]);
  });

  it('posts nothing to a channel that unsubscribed, and nothing from before a channel subscribed', async () => {
    subscribe('C2');
    bot.core.handle({ text: 'unsubscribe', actor: slackActor('U1', 'Ana'), place: slackPlace('C1') });
    await scheduler().tick(at('2026-05-05T07:00:30Z'));
    expect(posts().map((p) => p.body.channel)).toEqual(['C2']);
    // wg1's reminders fell due before either channel subscribed.
    expect(bot.ledger.all().some((p) => p.occurrence.startsWith('wg1'))).toBe(false);
  });

  it('posts the digest as a parent message with one thread reply per deliverable and the extras', async () => {
    bot.setNow('2026-04-20T10:00:00Z');
    bot.say('meeting Kenya held in geneva');
    bot.say('meeting Indonesia held in capital');
    await scheduler().tick(at('2026-05-10T07:00:30Z'));
    const parent = posts().find((p) => String(p.body.text).startsWith('Progress digest'));
    const replies = posts().filter((p) => p.body.thread_ts !== undefined);
    expect(parent?.body.text).toBe('Progress digest for the Third meeting of the Informal Working Group on Universalisation');
    expect(replies).toHaveLength(shipped().deliverables.length + 3);
    expect(new Set(replies.map((r) => r.body.thread_ts))).toEqual(new Set([bot.ledger.all().find((p) => p.rule === 'digest')?.messageRef]));
    const texts = replies.map((r) => String(r.body.text));
    expect(texts[0]).toBe('Documented bilateral outreach meetings (Geneva and/or capital level)');
    expect(String(replies[0]?.body.blocks)).toContain('Bilateral outreach meetings: *2 of 10*');
    expect(String(replies[0]?.body.blocks)).toContain('Since 1 Mar 2026: Bilateral outreach meetings: +2');
    expect(texts.slice(-3)).toEqual(['Top-15 coverage: 0 of 0 listed states without contact in 60 days', 'Overdue next steps: 0', 'Next milestones']);
    // A second tick sends nothing more.
    const count = posts().length;
    await scheduler().tick(at('2026-05-10T07:05:00Z'));
    expect(posts()).toHaveLength(count);
  });

  it('names no state in the digest of a channel subscribed without `with names`', async () => {
    bot.core.handle({ text: 'unsubscribe', actor: slackActor('U1', 'Ana'), place: slackPlace('C1') });
    subscribe('C3', 'subscribe');
    bot.setNow('2026-04-20T10:00:00Z');
    bot.say('target add Kenya lead Norway');
    bot.say('next Kenya send model instrument by 2026-04-25');
    subscribe('C4', 'subscribe with names');
    await scheduler().tick(at('2026-05-10T07:00:30Z'));
    const to = (channel: string) =>
      JSON.stringify(
        posts()
          .filter((p) => p.body.channel === channel)
          .map((p) => p.body),
      );
    expect(to('C3')).toContain('Overdue next steps: 1');
    expect(to('C3')).toContain('1 of 1 listed states without contact');
    expect(to('C3')).not.toContain('Kenya');
    // A channel subscribed `with names` gets the states, steps and owners.
    expect(to('C4')).toContain('#1 Kenya: send model instrument');
  });

  it('nudges the owner of an overdue next step privately, weekly, until it is done', async () => {
    bot.core.handle({
      text: 'next Kenya send model instrument by 2026-05-01',
      actor: slackActor('U7', 'Ola'),
      place: slackPlace('C1'),
    });
    const s = scheduler();
    const nudges = () => posts().filter((p) => p.body.channel === 'U7');
    await s.tick(at('2026-05-01T12:00:00Z'));
    expect(nudges()).toHaveLength(0);
    await s.tick(at('2026-05-02T07:00:30Z'));
    expect(nudges().map((p) => p.body.text)).toEqual(['Your next step with Kenya is past its due date']);
    await s.tick(at('2026-05-03T07:00:30Z'));
    expect(nudges()).toHaveLength(1);
    await s.tick(at('2026-05-09T07:00:30Z'));
    expect(nudges()).toHaveLength(2);
    bot.core.handle({ text: 'done #1', actor: slackActor('U7', 'Ola'), place: slackPlace('D7') });
    await s.tick(at('2026-05-16T07:00:30Z'));
    expect(nudges()).toHaveLength(2);
  });
});

describe('the digest of a meeting that shares its window with an earlier one', () => {
  it('counts changes since the last meeting that took place, never since a date ahead', () => {
    // wg3 and wg4 share April–June; on 30 March, wg4's "previous meeting" (wg3) is still ahead.
    bot.setNow('2026-03-20T10:00:00Z');
    bot.say('meeting Kenya held');
    bot.setNow('2026-03-30T08:00:00Z');
    const digest = bot.say('digest wg4');
    expect(digest.facts?.find((f) => f.label === 'Changes counted since')?.value).toBe(
      "1 Mar 2026 (Second meeting of the Informal Working Group on Universalisation: its window's first day, no date set)",
    );
    const bilateral = digest.sections?.[0]?.items.map((i) => i.text);
    expect(bilateral).toContain('Since 1 Mar 2026: Bilateral outreach meetings: +1.');
  });
});

describe('a plan file without a milestone the database knows', () => {
  it('stops reminding of it and showing it', () => {
    bot.say('milestone wg4 date 2026-06-16');
    const trimmed = { ...shipped(), milestones: shipped().milestones.filter((m) => m.id !== 'wg4') };
    bot.store.plans.syncPlan(trimmed);
    expect(planSchedule(trimmed, bot.store.plans.milestones(trimmed.id), 'Europe/Zurich').some((p) => p.milestoneId === 'wg4')).toBe(false);
    expect(bot.say('milestone wg4')).toMatchObject({ code: 'unknown-milestone' });
  });
});

describe('the digest command', () => {
  it('shows the next meeting’s digest privately, built from the real log', () => {
    const before = bot.say('digest');
    expect(before.visibility).toBe('private');
    expect(before.title).toBe('Progress digest for the Second meeting of the Informal Working Group on Universalisation');
    const bilateral = () => bot.say('digest').sections?.[0]?.items.find((i) => i.text.startsWith('Bilateral outreach meetings:'))?.text;
    expect(bilateral()).toBe('Bilateral outreach meetings: 0 of 10');
    bot.say('meeting Kenya held');
    bot.say('meeting Viet Nam held');
    expect(bilateral()).toBe('Bilateral outreach meetings: 2 of 10');
  });

  it('refuses to subscribe the local shell, which has no channel', () => {
    expect(bot.say('subscribe')).toMatchObject({ code: 'needs-channel' });
  });
});
