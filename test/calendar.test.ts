/**
 * The calendar of the shipped plan moved a year ahead (2026–2027), as a subscribed Slack
 * channel receives it: the real scheduler and Slack adapter, ticked every morning with a
 * controlled clock, posting to a stand-in of Slack's Web API.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SHIPPED_PLAN } from '../src/config.ts';
import { createScheduler } from '../src/bot.ts';
import { listReminders } from '../src/operator.ts';
import { type Calendar, type Received, startChannel } from './support/calendar.ts';
import { tempDir } from './support/harness.ts';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shipped plan with every month and date one year later, as the next cycle's file would read. */
function planAYearAhead(edit: (text: string) => string = (text) => text): string {
  const text = readFileSync(SHIPPED_PLAN, 'utf8').replace(
    /\b(2025|2026)-(0[1-9]|1[0-2])\b/g,
    (_, year: string, month: string) => `${Number(year) + 1}-${month}`,
  );
  const path = join(dir, `plan-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, edit(text));
  return path;
}

/** A bot on the plan a year ahead, with Slack channel C1 subscribed on 2 Nov 2026. */
const startCalendar = (planPath = planAYearAhead()): Promise<Calendar> => startChannel({ now: '2026-11-02T10:00:00Z', planPath });

const days = (received: Received[]) => received.map((r) => r.day);
/** Digests for wg3 and wg4 (a run starting in March also catches up wg2's, due on 27 Feb: its meeting is still ahead). */
const laterDigests = (received: Received[]) =>
  received.filter((r) => r.title.startsWith('Progress digest') && !r.title.includes('Second meeting')).map((r) => [r.day, r.title]);
const PM1 = 'First Preparatory Meeting of the Third Review Conference (PM1)';
const WG3 = 'Third meeting of the Informal Working Group on Universalisation';
const WG4 = 'Fourth meeting of the Informal Working Group on Universalisation';

describe('the shipped plan a year ahead, with no date set', () => {
  let calendar: Calendar;
  let received: Received[];
  beforeAll(async () => {
    calendar = await startCalendar();
    received = await calendar.receive('2026-11-02', '2027-09-30');
  });
  afterAll(() => calendar.close());

  it('never says an undated Preparatory Meeting is coming up, and asks for its date in one prompt a month until its window ends', () => {
    const prompts = received.filter((r) => r.title.startsWith('Set the date'));
    // One prompt a month for every meeting then without a date, from 14 days before the first
    // window opens (January) to the last window's end (the workshops' September).
    expect(days(prompts)).toEqual([
      '2026-12-18',
      '2027-01-18',
      '2027-02-18',
      '2027-03-18',
      '2027-04-18',
      '2027-05-18',
      '2027-06-18',
      '2027-07-18',
      '2027-08-18',
      '2027-09-18',
    ]);
    expect(received.filter((r) => r.title.includes(PM1))).toEqual([]);
    expect(days(prompts.filter((r) => r.body.includes(PM1)))).toEqual(days(prompts).slice(0, 9));
    expect(prompts[0]!.title).toBe('Set the dates of 4 meetings');
    expect(prompts[0]!.body).toContain('`milestone pm1 date &lt;date&gt;`');
    expect(received.filter((r) => r.title.startsWith('Coming up') || r.title.startsWith('Tomorrow')).map((r) => r.title)).toEqual([
      'Coming up: First meeting of the Informal Working Group on Universalisation',
      'Coming up: First meeting of the Informal Working Group on Universalisation',
      'Coming up: Second meeting of the Informal Working Group on Universalisation',
      'Coming up: Second meeting of the Informal Working Group on Universalisation',
      'Coming up: Third Review Conference (follow-up during the Conference)',
      'Coming up: Third Review Conference (follow-up during the Conference)',
    ]);
  });

  it('sends one digest for wg3 and wg4, which share April–June, naming both', () => {
    const digests = received.filter((r) => r.title.startsWith('Progress digest'));
    expect(digests.map((r) => [r.day, r.title])).toEqual([
      ['2027-01-30', 'Progress digest for the First meeting of the Informal Working Group on Universalisation'],
      ['2027-02-27', 'Progress digest for the Second meeting of the Informal Working Group on Universalisation'],
      ['2027-03-30', 'Progress digest for the next working group meeting (wg3 or wg4, date not set)'],
    ]);
    expect(digests[2]!.body).toContain(`${WG3} (wg3); ${WG4} (wg4)`);
  });

  it('reminds of deadlines 14 and 3 days before the last day of their window, saying the date is not set', () => {
    const due = received.filter((r) => r.title.includes('due by'));
    expect(due.map((r) => [r.day, r.title])).toEqual([
      ['2027-03-17', 'Within 14 days: due by "Finalise the universalisation support package"'],
      ['2027-03-17', 'Within 14 days: due by "Finalise the top-15 list of prioritised countries"'],
      ['2027-03-28', 'Within 3 days: due by "Finalise the universalisation support package"'],
      ['2027-03-28', 'Within 3 days: due by "Finalise the top-15 list of prioritised countries"'],
      ['2027-07-17', 'Within 14 days: due by "Working paper on barriers submitted"'],
      ['2027-07-28', 'Within 3 days: due by "Working paper on barriers submitted"'],
      ['2027-09-16', 'Within 14 days: due by "Third Review Conference (follow-up during the Conference)"'],
      ['2027-09-27', 'Within 3 days: due by "Third Review Conference (follow-up during the Conference)"'],
    ]);
    expect(due[0]!.body).toContain('The exact date is not set yet; this reminder counts from the last day of the window (31 Mar 2027)');
  });

  it('never reminds of a task, and never posts the same thing twice on one day', () => {
    const tasks = calendar.bot.plans.plans[0]!.milestones.filter((m) => m.kind === 'task');
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) expect(received.filter((r) => r.title.includes(task.title))).toEqual([]);
    expect(new Set(received.map((r) => `${r.day} ${r.title}`)).size).toBe(received.length);
  });
});

describe('the shipped plan a year ahead, as dates are set', () => {
  let calendar: Calendar;
  beforeEach(async () => {
    calendar = await startCalendar();
  });
  afterEach(() => calendar.close());

  it('stops asking for PM1’s date once it is set, and reminds 7 days and 1 day before it', async () => {
    const before = await calendar.receive('2026-11-02', '2027-01-31');
    calendar.bot.say('milestone pm1 date 2027-05-12');
    const after = await calendar.receive('2027-02-01', '2027-08-31');
    const aboutPm1 = [...before, ...after].filter((r) => r.title.includes(PM1) || r.body.includes(PM1));
    expect(aboutPm1.map((r) => [r.day, r.title.startsWith('Set the date') ? 'asked for its date' : r.title])).toEqual([
      ['2026-12-18', 'asked for its date'],
      ['2027-01-18', 'asked for its date'],
      ['2027-05-05', `In 7 days: ${PM1}`],
      ['2027-05-11', `Tomorrow: ${PM1}`],
    ]);
  });

  it('gives wg3 and wg4 each their own digest once their dates are set', async () => {
    calendar.bot.setNow('2027-03-10T10:00:00Z');
    calendar.bot.say('milestone wg3 date 2027-05-11');
    calendar.bot.say('milestone wg4 date 2027-06-15');
    const received = await calendar.receive('2027-03-10', '2027-06-30');
    expect(laterDigests(received)).toEqual([
      ['2027-05-09', `Progress digest for the ${WG3}`],
      ['2027-06-13', `Progress digest for the ${WG4}`],
    ]);
    expect(received.filter((r) => r.body.includes(WG3) && r.title.startsWith('Set the date'))).toEqual([]);
  });

  it('does not send wg4 the digest it already shared once wg3’s date is set afterwards', async () => {
    const shared = await calendar.receive('2027-03-25', '2027-04-05');
    calendar.bot.say('milestone wg3 date 2027-05-11');
    const after = await calendar.receive('2027-04-06', '2027-06-30');
    expect(laterDigests([...shared, ...after])).toEqual([
      ['2027-03-30', 'Progress digest for the next working group meeting (wg3 or wg4, date not set)'],
      ['2027-05-09', `Progress digest for the ${WG3}`],
    ]);
    // wg4 is still undated: still asked for.
    const prompts = after.filter((r) => r.title.startsWith('Set the date'));
    expect(days(prompts.filter((r) => r.body.includes(WG4)))).toEqual(['2027-04-18', '2027-05-18', '2027-06-18']);
    expect(prompts.filter((r) => r.body.includes(WG3))).toEqual([]);
  });

  it('sends only the latest prompt when several were missed while the bot was down', async () => {
    // Down from 2 Nov to 20 Feb: the December, January and February prompts all fell due.
    const received = await calendar.receive('2027-02-20', '2027-02-20');
    expect(received.filter((r) => r.title.startsWith('Set the date'))).toHaveLength(1);
    // A month's prompt is worth sending only in its month: December's and January's lapsed unsent.
    const pm1 = 'ccm-universalization-2025-2026/pm1';
    expect(
      calendar.bot.ledger
        .all()
        .filter((p) => p.occurrence.startsWith(`${pm1}@`))
        .map((p) => [p.occurrence, p.status]),
    ).toEqual([[`${pm1}@2027-02-18`, 'sent']]);
  });

  it('lists the prompts in `ccm reminders`, beside the reminders and the shared digest', () => {
    let out = '';
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        out += chunk.toString();
        done();
      },
    });
    const scheduler = createScheduler(calendar.bot, {});
    listReminders(calendar.bot, scheduler, { from: '2027-03-17', to: '2027-03-30', json: true }, sink, new Date('2027-03-01T00:00:00Z'));
    const lines = (JSON.parse(out) as { at: string; kind: string; title: string }[]).map((l) => `${l.at} ${l.kind} ${l.title}`);
    expect(lines).toEqual([
      '2027-03-17T09:00:00+01:00 reminder Within 14 days: due by "Finalise the universalisation support package"',
      '2027-03-17T09:00:00+01:00 reminder Within 14 days: due by "Finalise the top-15 list of prioritised countries"',
      // One prompt for wg2 (March) and the six meetings of several months, none of them dated.
      '2027-03-18T09:00:00+01:00 reminder Set the dates of 7 meetings',
      '2027-03-28T09:00:00+02:00 reminder Within 3 days: due by "Finalise the universalisation support package"',
      '2027-03-28T09:00:00+02:00 reminder Within 3 days: due by "Finalise the top-15 list of prioritised countries"',
      '2027-03-30T09:00:00+02:00 digest Progress digest for the next working group meeting (wg3 or wg4, date not set)',
    ]);
  });
});

describe('a task that a deliverable is due by', () => {
  it('still gets no reminder', async () => {
    // Today's path to a task reminder: a deliverable `due` by it made it a due date.
    const calendar = await startCalendar(planAYearAhead((text) => text.replace('due: top-15', 'due: sp-qa')));
    try {
      const received = await calendar.receive('2027-03-01', '2027-03-31');
      expect(received.filter((r) => r.title.includes('Support package: basic Q&A'))).toEqual([]);
      expect(received.filter((r) => r.title.includes('due by')).map((r) => r.day)).toEqual(['2027-03-17', '2027-03-17', '2027-03-28', '2027-03-28']);
    } finally {
      await calendar.close();
    }
  });
});
