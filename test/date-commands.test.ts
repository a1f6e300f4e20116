/**
 * Dates as members type them, through the whole bot with the clock set: which day is logged
 * or due, when the bot asks instead, and that a reply always shows the year.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, fact, type TestBot } from './support/harness.ts';

let bot: TestBot | undefined;
afterEach(() => bot?.close());

/** A test bot whose "today" in Geneva is `today` (YYYY-MM-DD). */
function botOn(today: string): TestBot {
  bot = createTestBot({ now: `${today}T09:00:00Z` });
  return bot;
}

const rows = (b: TestBot) =>
  b.database.sqlite
    .prepare('SELECT occurred_on AS occurredOn, due_on AS dueOn, completed_on AS completedOn FROM entries WHERE withdrawn_at IS NULL ORDER BY id')
    .all() as { occurredOn: string; dueOn: string | null; completedOn: string | null }[];
const audits = (b: TestBot) => b.database.sqlite.prepare('SELECT count(*) FROM audit').pluck().get();

describe('a logging date without a year is the latest such day up to today', () => {
  it.each([
    // typed on 28 Nov 2026
    ['2026-11-28', 'contacted Kenya on 28 Nov', '28 Nov 2026'],
    ['2026-11-28', 'meeting Kenya held on 1 Jun', '1 Jun 2026'],
    // typed on 1 Jan 2027
    ['2027-01-01', 'contacted Kenya on 1 Jan', '1 Jan 2027'],
    ['2027-01-01', 'contacted Kenya on 28 Nov', '28 Nov 2026'],
    ['2027-01-01', 'meeting Kenya held yesterday', '31 Dec 2026'],
    // typed on 29 Feb 2028
    ['2028-02-29', 'contacted Kenya on 29 Feb', '29 Feb 2028'],
    ['2028-02-29', 'contacted Kenya on 1 Jan', '1 Jan 2028'],
    ['2028-02-29', 'meeting Kenya held on 28 Nov', '28 Nov 2027'],
    ['2028-02-29', 'contacted Kenya yesterday', '28 Feb 2028'],
  ])('on %s, %j logs %s', (today, text, date) => {
    const reply = botOn(today).say(text);
    expect(reply.tone).toBe('success');
    expect(fact(reply, 'Date')).toBe(date);
  });
});

describe('a due date without a year is the next such day from today on', () => {
  it.each([
    ['2026-11-28', 'by 28 Nov', '28 Nov 2026'],
    ['2026-11-28', 'by 1 Jan', '1 Jan 2027'],
    ['2026-11-28', 'by 1 Dec', '1 Dec 2026'],
    ['2026-11-28', 'by 28 May', '28 May 2027'],
    ['2027-01-01', 'by 1 Jan', '1 Jan 2027'],
    ['2027-01-01', 'by 28 Feb', '28 Feb 2027'],
    ['2028-02-29', 'by 29 Feb', '29 Feb 2028'],
    ['2028-02-29', 'by 28 Aug', '28 Aug 2028'],
    ['2028-02-29', 'by tomorrow', '1 Mar 2028'],
  ])('on %s, "next Kenya send the note %s" is due %s', (today, by, date) => {
    const reply = botOn(today).say(`next Kenya send the note ${by}`);
    expect(fact(reply, 'Next step')).toBe('send the note');
    expect(fact(reply, 'Due')).toBe(date);
  });

  it('sets a milestone date by the same rule', () => {
    const b = botOn('2026-11-28');
    // The 2025–2026 plan is closed by then: alice, an admin, corrects it by naming it.
    expect(b.say('milestone wg4 date 1 Jan ccm-universalization-2025-2026').title).toMatch(/: 1 Jan 2027$/);
    expect(b.say('milestone wg4 date in 2 weeks ccm-universalization-2025-2026').title).toMatch(/: 12 Dec 2026$/);
  });
});

describe('a due date more than 6 months ahead is asked about, not guessed', () => {
  it.each([
    // Typed on 10 Mar 2026: 5 Mar has passed this year.
    ['2026-03-10', 'next Uganda send note by 5 Mar', '5 Mar 2027', '5 Mar 2026', 'next Uganda send note by 2027-03-05'],
    ['2026-03-10', 'next Kenya call by 29 Feb', '29 Feb 2028', '29 Feb 2024', 'next Kenya call by 2028-02-29'],
    [
      '2026-11-28',
      'next Kenya send the note by 29 Feb — at their request',
      '29 Feb 2028',
      '29 Feb 2024',
      'next Kenya send the note by 2028-02-29 — at their request',
    ],
    ['2027-01-01', 'next Kenya send the note by 28 Nov', '28 Nov 2027', '28 Nov 2026', 'next Kenya send the note by 2027-11-28'],
    ['2028-02-29', 'next Kenya send the note by 1 Jan', '1 Jan 2029', '1 Jan 2028', 'next Kenya send the note by 2029-01-01'],
    ['2027-03-01', 'next Kenya follow up by end of February', '29 Feb 2028', '28 Feb 2027', 'next Kenya follow up by 2028-02-29'],
  ])('on %s, %j asks about %s (%s has passed), and its button sets it', (today, text, ahead, passed, command) => {
    const b = botOn(today);
    const reply = b.say(text);
    expect(reply).toMatchObject({ tone: 'error', code: 'confirm-date' });
    expect(reply.title).toContain(`${ahead}, more than 6 months ahead`);
    expect(reply.lines?.join(' ')).toContain(`${passed} has passed`);
    expect(reply.suggestions).toEqual([{ label: ahead, command }]);
    expect(rows(b)).toEqual([]);
    expect(audits(b)).toBe(0);
    expect(fact(b.say(command), 'Due')).toBe(ahead);
  });

  it('takes a due date typed with its year as typed, however far ahead', () => {
    expect(fact(botOn('2026-03-10').say('next Uganda send note by 5 Mar 2027'), 'Due')).toBe('5 Mar 2027');
  });

  it('asks the same for edit and milestone dates', () => {
    const b = botOn('2026-03-10');
    b.say('next Kenya send the note');
    for (const text of ['edit #1 by 5 Mar', 'milestone wg4 date 5 Mar']) {
      const reply = b.say(text);
      expect(reply.code, text).toBe('confirm-date');
      expect(reply.suggestions?.[0]?.command, text).toBe(text.replace('5 Mar', '2027-03-05'));
    }
  });
});

describe('a due date in a while: "in 2 weeks", "in 10 days"', () => {
  it.each([
    ['next Haiti send the note in 2 weeks', 'send the note', '24 Mar 2026'],
    ['next Haiti send the note in 10 days', 'send the note', '20 Mar 2026'],
    ['next Haiti send the note in a week — at their request', 'send the note', '17 Mar 2026'],
    ['next Haiti meet in capital', 'meet in capital', 'no date given'],
    ['next Haiti raise it in 2 meetings', 'raise it in 2 meetings', 'no date given'],
  ])('%j: step %j, due %s', (text, step, due) => {
    const reply = botOn('2026-03-10').say(text);
    expect(reply.tone).toBe('success');
    expect(fact(reply, 'Next step')).toBe(step);
    expect(fact(reply, 'Due')).toBe(due);
  });

  it('still refuses a period such as "next week" after "by"', () => {
    expect(botOn('2026-03-10').say('next Haiti send the note by next week')).toMatchObject({ code: 'bad-date' });
  });
});

describe('a logging date more than 6 months back is asked about, not logged', () => {
  it('7 months back: asks with the date and its year, and its button logs that date', () => {
    const b = botOn('2026-11-28');
    const reply = b.say('meeting Kenya held on 28 Apr in capital — met the minister');
    expect(reply).toMatchObject({ tone: 'error', code: 'confirm-date' });
    expect(reply.title).toContain('28 Apr 2026');
    expect(reply.suggestions).toEqual([{ label: '28 Apr 2026', command: 'meeting Kenya held on 2026-04-28 in capital — met the minister' }]);
    expect(rows(b)).toEqual([]);
    expect(audits(b)).toBe(0);
    const logged = b.say(reply.suggestions![0]!.command);
    expect(fact(logged, 'Date')).toBe('28 Apr 2026');
    expect(fact(logged, 'Level')).toBe('capital');
    expect(fact(logged, 'Note')).toBe('met the minister');
  });

  it.each([
    ['meeting Kenya held on 1 Dec', '1 Dec 2025', '1 Dec 2026', 'meeting Kenya held on 2025-12-01'],
    ['contacted Kenya on 29 Feb', '29 Feb 2024', '29 Feb 2028', 'contacted Kenya on 2024-02-29'],
    ['contacted Kenya on 1 Jan', '1 Jan 2026', '1 Jan 2027', 'contacted Kenya on 2026-01-01'],
    ['contacted Kenya 1 Dec', '1 Dec 2025', '1 Dec 2026', 'contacted Kenya 2025-12-01'],
  ])('on 28 Nov 2026, %j asks about %s and says %s is still to come', (text, past, future, command) => {
    const b = botOn('2026-11-28');
    const reply = b.say(text);
    expect(reply.code).toBe('confirm-date');
    expect(reply.title).toContain(past);
    expect(reply.lines?.join(' ')).toContain(`${future} is still to come`);
    expect(reply.suggestions).toEqual([{ label: past, command }]);
    expect(rows(b)).toEqual([]);
    expect(fact(b.say(command), 'Date')).toBe(past);
  });

  it('asks the same for edit, done, log and milestone dates', () => {
    const b = botOn('2026-11-28');
    b.say('next Kenya send the note');
    for (const text of ['edit #1 on 1 Dec', 'done #1 on 1 Dec', 'log since 1 Dec', 'milestone wg1 done on 1 Dec ccm-universalization-2025-2026']) {
      const reply = b.say(text);
      expect(reply.code, text).toBe('confirm-date');
      expect(reply.suggestions?.[0]?.command, text).toBe(text.replace('1 Dec', '2025-12-01'));
    }
    expect(fact(b.say('done #1 on 2025-12-01'), 'Done on')).toBe('1 Dec 2025');
    expect(rows(b)).toEqual([{ occurredOn: '2026-11-28', dueOn: null, completedOn: '2025-12-01' }]);
  });

  it('takes a date with its year as typed, however far back', () => {
    expect(fact(botOn('2026-11-28').say('meeting Kenya held on 1 Dec 2025'), 'Date')).toBe('1 Dec 2025');
  });
});

describe('weekdays, "next Friday" and "end of March" near a month end', () => {
  it.each([
    // 30 Jan 2026 is a Friday.
    ['2026-01-30', 'next Kenya follow up by next Friday', 'Due', '6 Feb 2026'],
    ['2026-01-30', 'next Kenya follow up by Friday', 'Due', '30 Jan 2026'],
    ['2026-01-30', 'next Kenya follow up by end of March', 'Due', '31 Mar 2026'],
    ['2026-01-30', 'next Kenya follow up by end of the month', 'Due', '31 Jan 2026'],
    ['2026-01-30', 'contacted Kenya Friday', 'Date', '30 Jan 2026'],
    ['2026-01-30', 'contacted Kenya last Friday', 'Date', '23 Jan 2026'],
    // 31 Mar 2026 is a Tuesday.
    ['2026-03-31', 'next Kenya follow up by next Friday', 'Due', '10 Apr 2026'],
    ['2026-03-31', 'next Kenya follow up by Friday', 'Due', '3 Apr 2026'],
    ['2026-03-31', 'next Kenya follow up by end of March', 'Due', '31 Mar 2026'],
    ['2026-03-31', 'meeting Kenya held on end of March', 'Date', '31 Mar 2026'],
    ['2026-03-31', 'meeting Kenya held Friday', 'Date', '27 Mar 2026'],
    ['2026-03-31', 'meeting Kenya held last Friday', 'Date', '27 Mar 2026'],
    // 28 Feb 2027 is a Sunday, the last day of February.
    ['2027-02-28', 'next Kenya follow up by next Friday', 'Due', '5 Mar 2027'],
    ['2027-02-28', 'next Kenya follow up by Friday', 'Due', '5 Mar 2027'],
    ['2027-02-28', 'next Kenya follow up by end of February', 'Due', '28 Feb 2027'],
    ['2027-02-28', 'next Kenya follow up by end of March', 'Due', '31 Mar 2027'],
    ['2027-02-28', 'contacted Kenya last Friday', 'Date', '26 Feb 2027'],
  ])('on %s, %j: %s %s', (today, text, label, date) => {
    const reply = botOn(today).say(text);
    expect(reply.tone).toBe('success');
    expect(fact(reply, label)).toBe(date);
  });

  it('asks about "end of March" logged ten months later', () => {
    const reply = botOn('2027-01-30').say('contacted Kenya on end of March');
    expect(reply.code).toBe('confirm-date');
    expect(reply.suggestions).toEqual([{ label: '31 Mar 2026', command: 'contacted Kenya on 2026-03-31' }]);
  });

  it('refuses "next Friday" for a meeting and "last Friday" for a deadline, with the full date', () => {
    const b = botOn('2026-03-31');
    expect(b.say('meeting Kenya held next Friday')).toMatchObject({ code: 'future-date', title: expect.stringContaining('10 Apr 2026') });
    expect(b.say('next Kenya follow up by last Friday')).toMatchObject({ code: 'past-due', title: expect.stringContaining('27 Mar 2026') });
    expect(rows(b)).toEqual([]);
  });
});

describe('the date forms of docs/using.md work as documented', () => {
  // 10 Mar 2026 is a Tuesday.
  it.each([
    ['2026-03-02', '2 Mar 2026', '2026-03-12', '12 Mar 2026'],
    ['2 Mar', '2 Mar 2026', '12 Mar', '12 Mar 2026'],
    ['2 March 2026', '2 Mar 2026', '12 March 2026', '12 Mar 2026'],
    ['today', '10 Mar 2026', 'today', '10 Mar 2026'],
    ['yesterday', '9 Mar 2026', 'tomorrow', '11 Mar 2026'],
    ['Friday', '6 Mar 2026', 'Friday', '13 Mar 2026'],
    ['last Friday', '6 Mar 2026', 'next Friday', '20 Mar 2026'],
    ['3 days ago', '7 Mar 2026', 'in 2 weeks', '24 Mar 2026'],
    ['end of February', '28 Feb 2026', 'end of March', '31 Mar 2026'],
  ])('logging %j is %s; due %j is %s', (past, pastDate, due, dueDate) => {
    const b = botOn('2026-03-10');
    expect(fact(b.say(`contacted Kenya on ${past}`), 'Date')).toBe(pastDate);
    // The same day again, confirmed: a second contact that day.
    expect(fact(b.say(`contacted Kenya ${past} again`), 'Date')).toBe(pastDate);
    expect(fact(b.say(`next Kenya send the note by ${due}`), 'Due')).toBe(dueDate);
  });

  it('decides "yesterday" in the group time zone', () => {
    // 20:00 UTC on 10 March is already 11 March in Auckland.
    bot = createTestBot({ now: '2026-03-10T20:00:00Z', env: { CCM_TIMEZONE: 'Pacific/Auckland' } });
    expect(fact(bot.say('contacted Kenya yesterday'), 'Date')).toBe('10 Mar 2026');
  });
});
