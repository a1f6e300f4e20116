/**
 * Snoozes, time away and quiet periods: the scheduler at successive instants, with a real
 * SQLite file and the real Slack adapter posting to a stand-in of Slack's Web API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../src/bot.ts';
import type { Scheduler } from '../src/scheduler/scheduler.ts';
import { createTestBot, fact, type TestBot, dateSpringMeetings } from './support/harness.ts';
import { slackActor, slackPlace } from './support/places.ts';
import { type SlackStandIn, slackPosterFor, startSlackStandIn } from './support/slack.ts';

let slack: SlackStandIn;
let bot: TestBot;

beforeEach(async () => {
  slack = await startSlackStandIn();
  bot = createTestBot({ now: '2026-03-01T10:00:00Z' });
  dateSpringMeetings(bot);
});
afterEach(async () => {
  bot.close();
  await slack.close();
});

function scheduler(): Scheduler {
  return createScheduler(bot, { slack: slackPosterFor(bot, slack.apiUrl) });
}

const at = (iso: string) => new Date(iso);
const postsTo = (channel: string) => slack.callsTo('chat.postMessage').filter((p) => p.body.channel === channel);
/** Ola, a member on Slack, whose nudges go to U7. */
const asOla = (text: string) => bot.core.handle({ text, actor: slackActor('U7', 'Ola'), place: slackPlace('D7') });

describe('a snoozed nudge', () => {
  it('is not sent during the snooze, and is sent once after it, then weekly again', async () => {
    asOla('next Kenya send model instrument by 2026-05-01');
    const s = scheduler();
    const first = await s.tick(at('2026-05-02T07:00:30Z'));
    expect(first.sent.map((r) => r.reply.actions?.map((a) => [a.label, a.command]))).toEqual([
      [
        ['Mark done', 'done #1'],
        ['Snooze 1 week', 'snooze #1 1 week'],
        ['Snooze until after the next meeting', 'snooze #1 after next meeting'],
      ],
    ]);
    bot.setNow('2026-05-04T10:00:00Z');
    const snoozed = asOla('snooze #1 1 week');
    expect(snoozed).toMatchObject({ tone: 'success', title: 'Snoozed #1 until 10 May 2026, 1 week from today' });
    expect(fact(snoozed, 'Nudges resume')).toBe('11 May 2026, if it is still open');
    // Without the snooze, the second nudge would come on 9 May.
    for (const day of ['2026-05-09', '2026-05-10']) await s.tick(at(`${day}T07:00:30Z`));
    expect(postsTo('U7')).toHaveLength(1);
    await s.tick(at('2026-05-11T07:00:30Z'));
    await s.tick(at('2026-05-11T07:05:00Z'));
    await s.tick(at('2026-05-12T07:00:30Z'));
    expect(postsTo('U7')).toHaveLength(2);
    await s.tick(at('2026-05-18T07:00:30Z'));
    expect(postsTo('U7')).toHaveLength(3);
    // The ledger says what the snooze held, and history shows the snooze with the step.
    const held = bot.ledger
      .all()
      .filter((p) => p.rule === 'nudge')
      .map((p) => [p.dueAt, p.heldFrom, p.heldBy]);
    expect(held).toEqual([
      ['2026-05-02T07:00:00.000Z', null, null],
      ['2026-05-11T07:00:00.000Z', '2026-05-09T07:00:00.000Z', 1],
      ['2026-05-18T07:00:00.000Z', null, null],
    ]);
    const history = asOla('history #1').sections![0]!.items;
    expect(history[0]!.text).toContain('snooze next step #1: from ');
    expect(history[0]!.detail).toContain('"snooze #1 1 week"');
  });

  it('until after the next meeting says the date it understood, and can be undone', () => {
    bot.setNow('2026-04-20T10:00:00Z');
    asOla('next Kenya send model instrument by 2026-04-25');
    const snoozed = asOla('snooze #1 after next meeting');
    expect(snoozed.title).toBe('Snoozed #1 until 12 May 2026, the day of Third meeting of the Informal Working Group on Universalisation');
    expect(fact(snoozed, 'No nudges')).toBe('20 Apr 2026 to 12 May 2026');
    expect(asOla('undo').tone).toBe('success');
    expect(bot.store.holds.snoozeOf(1)).toBeUndefined();
  });

  it("refuses what it cannot read, and someone else's step for a member", () => {
    asOla('next Kenya send model instrument by 2026-05-01');
    expect(asOla('snooze #1 for a while')).toMatchObject({ code: 'bad-syntax' });
    expect(asOla('snooze #1 until 31 Feb')).toMatchObject({ code: 'bad-date' });
    expect(asOla('snooze #1 until 2026-02-20')).toMatchObject({ code: 'past-date', title: '20 Feb 2026 has passed.' });
    expect(asOla('away until 2026-02-20')).toMatchObject({ code: 'past-date', title: '20 Feb 2026 has passed.' });
    expect(asOla('snooze #9 1 week')).toMatchObject({ code: 'no-entry' });
    const asMia = bot.core.handle({ text: 'snooze #1 1 week', actor: slackActor('U8', 'Mia'), place: slackPlace('D8') });
    expect(asMia).toMatchObject({ code: 'forbidden' });
    expect(bot.store.holds.all()).toEqual([]);
  });
});

describe('time away', () => {
  it('holds every nudge to the person until the day after', async () => {
    asOla('next Kenya send model instrument by 2026-05-01');
    const s = scheduler();
    await s.tick(at('2026-05-02T07:00:30Z'));
    bot.setNow('2026-05-03T10:00:00Z');
    expect(asOla('away until 20 May')).toMatchObject({ tone: 'success', title: 'Away until 20 May 2026' });
    expect(asOla('away').title).toBe('You are away until 20 May 2026');
    for (const day of ['2026-05-09', '2026-05-16', '2026-05-20']) await s.tick(at(`${day}T07:00:30Z`));
    expect(postsTo('U7')).toHaveLength(1);
    await s.tick(at('2026-05-21T07:00:30Z'));
    expect(postsTo('U7')).toHaveLength(2);
    bot.setNow('2026-05-22T10:00:00Z');
    expect(asOla('back')).toMatchObject({ tone: 'info', title: 'You are not away: nudges come as usual' });
    expect(asOla('history away').sections![0]!.items[0]!.text).toContain('set time away');
  });

  it('ends with `back`, and the nudge held comes at the next tick', async () => {
    asOla('next Kenya send model instrument by 2026-05-01');
    const s = scheduler();
    await s.tick(at('2026-05-02T07:00:30Z'));
    bot.setNow('2026-05-03T10:00:00Z');
    asOla('away until 2026-05-31');
    await s.tick(at('2026-05-16T07:00:30Z'));
    bot.setNow('2026-05-17T10:00:00Z');
    expect(asOla('back')).toMatchObject({ tone: 'success', title: 'Welcome back: nudges about your overdue next steps resume' });
    await s.tick(at('2026-05-17T10:00:30Z'));
    await s.tick(at('2026-05-18T07:00:30Z'));
    expect(postsTo('U7')).toHaveLength(2);
    await s.tick(at('2026-05-23T07:00:30Z'));
    expect(postsTo('U7')).toHaveLength(3);
  });
});

describe('a quiet period', () => {
  beforeEach(() => {
    bot.core.handle({ text: 'subscribe', actor: slackActor('U1', 'Ana'), place: slackPlace('C1') });
  });

  it('moves a channel reminder that falls inside to the first day after', async () => {
    const set = bot.say('quiet 1 May to 7 May');
    expect(set).toMatchObject({ tone: 'success', title: 'Quiet period 1: 1 May 2026 to 7 May 2026 (both included)' });
    expect(bot.say('subscriptions').sections?.[1]?.items.map((i) => i.text)).toEqual(['1. 1 May 2026 to 7 May 2026 (both included)']);
    const s = scheduler();
    await s.tick(at('2026-05-05T07:00:30Z'));
    expect(postsTo('C1')).toHaveLength(0);
    const report = await s.tick(at('2026-05-08T07:00:30Z'));
    expect(report.sent.map((r) => r.reply.title)).toEqual(['In 4 days: Third meeting of the Informal Working Group on Universalisation']);
    expect(bot.ledger.all().map((p) => [p.rule, p.dueAt, p.heldFrom])).toEqual([['meeting-7d', '2026-05-08T07:00:00.000Z', '2026-05-05T07:00:00.000Z']]);
  });

  it('drops a reminder whose event is over by the end of the quiet period', async () => {
    bot.say('quiet 10 May to 13 May');
    const s = scheduler();
    for (const instant of ['2026-05-05T07:00:30Z', '2026-05-10T07:00:30Z', '2026-05-11T07:00:30Z', '2026-05-14T07:00:30Z']) await s.tick(at(instant));
    // The 7-day reminder, before the quiet period; not the digest nor the 1-day reminder.
    expect(postsTo('C1').map((p) => p.body.text)).toEqual(['In 7 days: Third meeting of the Informal Working Group on Universalisation']);
  });

  it('is listed, removed by its number (coordinators only) and on record', () => {
    // A snooze and time away first: quiet periods have numbers of their own all the same.
    asOla('next Kenya send model instrument by 2026-05-01');
    asOla('snooze #1 1 week');
    asOla('away until 2026-03-20');
    expect(bot.say('quiet 2026-12-21 to 2027-01-04')).toMatchObject({
      title: 'Quiet period 1: 21 Dec 2026 to 4 Jan 2027 (both included)',
      lines: ['Remove it with `quiet remove 1`.'],
    });
    expect(bot.say('quiet').sections?.[0]?.items.map((i) => i.text)).toEqual(['1. 21 Dec 2026 to 4 Jan 2027 (both included)']);
    expect(bot.core.handle({ text: 'quiet remove 1', actor: slackActor('U8', 'Mia'), place: slackPlace('C1') })).toMatchObject({ code: 'forbidden' });
    expect(bot.say('quiet 4 Jan 2027 to 21 Dec 2026')).toMatchObject({ code: 'bad-range' });
    expect(bot.say('quiet remove 7')).toMatchObject({ code: 'no-quiet-period' });
    expect(bot.say('quiet remove 3')).toMatchObject({ code: 'no-quiet-period' });
    expect(bot.say('quiet remove 1')).toMatchObject({ tone: 'success' });
    expect(bot.say('quiet').sections?.[0]?.items).toEqual([]);
    expect(bot.say('history quiet').sections![0]!.items.map((i) => [i.text.split(' · ')[2], i.detail?.split(' · ')[2]])).toEqual([
      [expect.stringMatching(/^remove quiet period: removed \d+ \w+ 2026 \d\d:\d\d$/), '"quiet remove 1"'],
      ['set quiet period: from 21 Dec 2026, until 4 Jan 2027', '"quiet 2026-12-21 to 2027-01-04"'],
    ]);
  });
});
