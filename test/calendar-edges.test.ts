/**
 * The shipped 2025–2026 plan at the edges its own calendar creates: wg3 and wg4 share April–June,
 * and members date one of them first. One order (domain/calendar.ts) decides which meeting is
 * next, which was last, and what is coming up, for the digest, `home`, reminders and snoozes.
 */
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../src/bot.ts';
import { listReminders, printDigest } from '../src/operator.ts';
import { type Calendar, startChannel } from './support/calendar.ts';
import { fact } from './support/harness.ts';

const WG3 = 'Third meeting of the Informal Working Group on Universalisation';
const WG4 = 'Fourth meeting of the Informal Working Group on Universalisation';
const WG2 = 'Second meeting of the Informal Working Group on Universalisation';
const PM1 = 'First Preparatory Meeting of the Third Review Conference (PM1)';

let calendar: Calendar;
beforeEach(async () => {
  calendar = await startChannel({ now: '2026-03-01T09:00:00Z', naming: 'states' });
});
afterEach(() => calendar.close());

/** Runs commands as the test's coordinator on `iso`, each of which must succeed. */
function on(iso: string, ...commands: string[]): void {
  calendar.bot.setNow(iso);
  for (const command of commands) {
    const reply = calendar.bot.say(command);
    expect(reply.tone, `${command}: ${reply.title}`).toBe('success');
  }
}

/** What an operator's `ccm <subcommand>` prints, run in process on the test bot. */
function printed(run: (out: Writable) => unknown): string {
  let text = '';
  const out = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      text += chunk.toString();
      done();
    },
  });
  run(out);
  return text;
}

/**
 * wg2 held on its date, 17 Mar; two bilateral meetings before it and four after it, up to
 * 20 Apr: the digest before the next meeting must count the four.
 */
function aSpringOfOutreach(wg2: 'dated' | 'undated' = 'dated'): void {
  if (wg2 === 'dated') on('2026-03-01T09:00:00Z', 'milestone wg2 date 2026-03-17');
  on('2026-03-05T10:00:00Z', 'meeting Kenya held', 'meeting Uganda held');
  on('2026-03-25T10:00:00Z', 'meeting Kenya held', 'meeting Haiti held');
  on('2026-04-14T10:00:00Z', 'meeting Viet Nam held in capital', 'meeting Malaysia held');
}

describe('the digest before a meeting, when one of two meetings sharing a window is dated', () => {
  for (const [dated, undated, title] of [
    ['wg3', 'wg4', WG3],
    ['wg4', 'wg3', WG4],
  ] as const) {
    it(`with ${dated} dated 23 Apr and ${undated} not: is ${dated}'s, on 21 Apr, counting since wg2's date, and the only one that week`, async () => {
      aSpringOfOutreach();
      on('2026-03-20T10:00:00Z', `milestone ${dated} date 2026-04-23`);
      const received = await calendar.receive('2026-03-26', '2026-04-27');
      const digests = received.filter((r) => r.title.startsWith('Progress digest'));
      expect(digests.map((r) => [r.day, r.title])).toEqual([['2026-04-21', `Progress digest for the ${title}`]]);

      const digest = printed((out) => printDigest(calendar.bot, { at: '2026-04-21T09:00:00+02:00' }, out, calendar.bot.now()));
      expect(digest).toContain(`Progress digest for the ${title}`);
      expect(digest).toContain(`Changes counted since: 17 Mar 2026 (${WG2}: its date)`);
      expect(digest).toContain('Since 17 Mar 2026: Bilateral outreach meetings: +4.');
      expect(digest).toContain('Since 17 Mar 2026: States not party engaged: +3.');
    });
  }

  it('counts since the day the last meeting was marked done when it was never dated', () => {
    aSpringOfOutreach('undated');
    on('2026-03-20T10:00:00Z', 'milestone wg2 done on 2026-03-19', 'milestone wg3 date 2026-04-23');
    const digest = printed((out) => printDigest(calendar.bot, { at: '2026-04-21T09:00:00+02:00' }, out, calendar.bot.now()));
    expect(digest).toContain(`Changes counted since: 19 Mar 2026 (${WG2}: the day it was marked done)`);
    expect(digest).toContain('Since 19 Mar 2026: Bilateral outreach meetings: +4.');
  });
});

describe('what is coming up', () => {
  const comingUp = () =>
    calendar.bot
      .say('digest')
      .sections?.find((s) => s.heading === 'Next milestones')
      ?.items.map((i) => i.text) ?? [];

  it('on 10 Mar lists wg2 and the two 31 Mar deadlines before PM1, in the digest and on `home`', () => {
    calendar.bot.setNow('2026-03-10T09:00:00Z');
    const titles = comingUp();
    expect(titles.slice(0, 3)).toEqual([WG2, 'Finalise the universalisation support package', 'Finalise the top-15 list of prioritised countries']);
    const pm1 = titles.indexOf(PM1);
    expect(pm1 === -1 || pm1 > 2).toBe(true);
    expect(fact(calendar.bot.say('home'), 'Next milestone')).toBe(`${WG2}: Mar 2026 (date not set)`);
  });

  it('on 21 Apr, with wg3 dated 23 Apr, starts with wg3, and a snooze after the next meeting ends on its day', () => {
    on('2026-03-20T10:00:00Z', 'milestone wg3 date 2026-04-23', 'next Kenya send the Q&A by 2026-04-10');
    calendar.bot.setNow('2026-04-21T09:00:00Z');
    expect(comingUp()[0]).toBe(WG3);
    expect(fact(calendar.bot.say('home'), 'Next milestone')).toBe(`${WG3}: 23 Apr 2026`);
    const snooze = calendar.bot.sayText('snooze #1 after next meeting');
    expect(snooze).toContain('23 Apr 2026');
    expect(snooze).not.toContain(WG4);
  });
});

describe('the prompt to set dates', () => {
  it('comes once a month to each channel, listing every meeting then without a date', () => {
    const lines = printed((out) =>
      listReminders(calendar.bot, createScheduler(calendar.bot, {}), { from: '2026-03-01', to: '2026-04-30' }, out, calendar.bot.now()),
    )
      .split('\n')
      .filter((line) => line.includes('Set the date'));
    expect(lines.map((line) => line.slice(0, 10))).toEqual(['2026-03-18', '2026-04-18']);
  });

  it('lists the meetings whose window opens within six weeks or is open, and none already dated', async () => {
    on('2026-03-01T09:00:00Z', 'milestone pm1 date 2026-07-06');
    const [march] = (await calendar.receive('2026-03-18', '2026-03-18')).filter((r) => r.title.startsWith('Set the date'));
    expect(march!.title).toBe('Set the dates of 6 meetings');
    for (const id of ['wg2', 'wg3', 'wg4', 'pm2', 'workshop-asean', 'workshop-africa']) expect(march!.body).toContain(`milestone ${id} date`);
    expect(march!.body).not.toContain('milestone pm1 date');
  });
});
