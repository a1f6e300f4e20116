import { afterEach, describe, expect, it } from 'vitest';
import { addMonths, formatWindow, todayIn } from '../src/domain/dates.ts';
import { looksLikeDate, readDate } from '../src/domain/read-date.ts';

// A Tuesday.
const today = '2026-03-10';

describe('reading dates', () => {
  it.each([
    ['2026-03-12', 'future', '2026-03-12'],
    ['2026-3-2', 'past', '2026-03-02'],
    ['today', 'past', '2026-03-10'],
    ['Yesterday', 'past', '2026-03-09'],
    ['tomorrow', 'future', '2026-03-11'],
    ['12 Mar', 'future', '2026-03-12'],
    ['9 mar', 'past', '2026-03-09'],
    ['12 March 2027', 'past', '2027-03-12'],
    ['March 12', 'future', '2026-03-12'],
    ['March 12, 2026', 'future', '2026-03-12'],
    ['1 sept', 'future', '2026-09-01'],
    ['1 Dec', 'past', '2025-12-01'],
    ['Friday', 'past', '2026-03-06'],
    ['Friday', 'future', '2026-03-13'],
    ['Tuesday', 'past', '2026-03-10'],
    ['Tuesday', 'future', '2026-03-10'],
    ['last Friday', 'past', '2026-03-06'],
    ['last Tuesday', 'past', '2026-03-03'],
    ['next Friday', 'future', '2026-03-20'],
    ['next Monday', 'future', '2026-03-16'],
    ['in 2 weeks', 'future', '2026-03-24'],
    ['3 days ago', 'past', '2026-03-07'],
    ['end of March', 'future', '2026-03-31'],
    ['the end of March', 'future', '2026-03-31'],
    ['end of February', 'past', '2026-02-28'],
    ['end of the month', 'future', '2026-03-31'],
    ['Thursday 12 March 2026', 'future', '2026-03-12'],
  ] as const)('%s (%s) → %s', (typed, slot, expected) => {
    expect(readDate(typed, today, slot)).toEqual({ ok: true, date: expected });
  });

  it.each([
    ['31 Feb', 'impossible', 'February has 28 days (29 in a leap year)'],
    ['29 Feb 2027', 'impossible', '2027 is not a leap year'],
    ['2026-02-30', 'impossible', 'not a real calendar date'],
    ['31 April', 'impossible', 'April has 30 days'],
    ['3/4', 'numeric', 'day-first or month-first'],
    ['03.04.2026', 'numeric', 'day-first or month-first'],
    ['3/15', 'numeric', 'month in figures'],
    ['someday', 'unreadable', 'not a date I can read'],
    ['12 Marchy', 'unreadable', 'not a date I can read'],
    ['12 ma', 'unreadable', 'not a date I can read'],
    ['1900-01-01', 'implausible-year', '1900 looks like a typo'],
    ['12 Mar 3026', 'implausible-year', '3026 looks like a typo'],
    ['March', 'not-a-day', 'does not say which day'],
    ['next week', 'not-a-day', 'does not say which day'],
    ['last weekend', 'not-a-day', 'does not say which day'],
    ['1-3 Mar', 'range', 'range of days'],
    ['Friday 12 Mar 2026', 'weekday-mismatch', '12 Mar 2026 is a Thursday, not a Friday'],
    ['12 Mar', 'far-back', 'Without a year, "12 Mar" is 12 Mar 2025, more than 6 months ago'],
  ])('%s is refused as %s: %s', (typed, problem, message) => {
    const result = readDate(typed, today, 'past');
    expect(result).toMatchObject({ ok: false, problem });
    if (!result.ok) expect(result.message).toContain(message);
  });

  it.each([
    ['5 Mar', 'Without a year, "5 Mar" is 5 Mar 2027, more than 6 months ahead'],
    ['29 Feb', 'Without a year, "29 Feb" is 29 Feb 2028, more than 6 months ahead'],
    ['end of February', 'Without a year, "end of February" is 28 Feb 2027, more than 6 months ahead'],
    ['11 Sep', 'Without a year, "11 Sep" is 11 Sep 2026, more than 6 months ahead'],
  ])('a deadline %s is asked about: %s', (typed, message) => {
    const result = readDate(typed, today, 'future');
    expect(result).toMatchObject({ ok: false, problem: 'far-ahead' });
    if (!result.ok) expect(result.message).toContain(message);
  });

  it('refuses a name of a day or month among other words, never "correcting" one name into another', () => {
    // Tuesday is two edits from Thursday, June one from July: each was corrected into the other, forever.
    for (const typed of ['Kenya Tuesday', 'Tuesday in capital', 'june Kenya', 'July visit']) {
      expect(readDate(typed, today, 'past')).toMatchObject({ ok: false, problem: 'unreadable' });
    }
  });

  it('offers the dates a refused text could mean, with their years', () => {
    const labels = (typed: string, slot: 'past' | 'future') => {
      const result = readDate(typed, today, slot);
      return result.ok ? [] : result.alternatives.map((a) => `${a.label} = ${a.date}`);
    };
    expect(labels('3/4', 'future')).toEqual(['3 Apr 2026 = 2026-04-03', '4 Mar 2027 = 2027-03-04']);
    // Only the readings the slot allows: no meeting held in the future, no deadline already past.
    expect(labels('10/03/2026', 'past')).toEqual(['10 Mar 2026 = 2026-03-10']);
    expect(labels('03/10/2026', 'future')).toEqual(['3 Oct 2026 = 2026-10-03', '10 Mar 2026 = 2026-03-10']);
    expect(labels('9/03/2026', 'future')).toEqual(['3 Sep 2026 = 2026-09-03']);
    // A month: its first and last day, as far as the slot allows (today, while it is not over).
    expect(labels('March', 'future')).toEqual(['10 Mar 2026 = 2026-03-10', '31 Mar 2026 = 2026-03-31']);
    expect(labels('March', 'past')).toEqual(['1 Mar 2026 = 2026-03-01', '10 Mar 2026 = 2026-03-10']);
    expect(labels('February', 'future')).toEqual(['1 Feb 2027 = 2027-02-01', '28 Feb 2027 = 2027-02-28']);
    expect(labels('February', 'past')).toEqual(['1 Feb 2026 = 2026-02-01', '28 Feb 2026 = 2026-02-28']);
    expect(labels('April 2026', 'past')).toEqual([]);
    expect(labels('Fryday', 'future')).toEqual(['13 Mar 2026 = 2026-03-13']);
    expect(labels('12 Mar', 'past')).toEqual(['12 Mar 2025 = 2025-03-12']);
    expect(labels('31 Feb', 'past')).toEqual([]);
  });

  it('asks about a date picked without a year only beyond 6 calendar months back or ahead', () => {
    expect(readDate('10 Sep', today, 'past')).toEqual({ ok: true, date: '2025-09-10' });
    expect(readDate('9 Sep', today, 'past')).toMatchObject({ ok: false, problem: 'far-back' });
    expect(readDate('10 Sep', today, 'future')).toEqual({ ok: true, date: '2026-09-10' });
    expect(readDate('11 Sep', today, 'future')).toMatchObject({ ok: false, problem: 'far-ahead' });
    expect(readDate('5 Mar 2027', today, 'future')).toEqual({ ok: true, date: '2027-03-05' });
    // With its year, a date is taken as typed: the year was not guessed.
    expect(readDate('9 Sep 2025', today, 'past')).toEqual({ ok: true, date: '2025-09-09' });
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
  });

  it('tells words that start like a date from other words after "by"', () => {
    for (const text of ['12 Mar', '3/4', 'Friday', 'next Friday', 'Fryday', 'march', 'in 2 weeks', 'end of March', 'the 12th', 'tomorrow']) {
      expect(looksLikeDate(text), text).toBe(true);
    }
    for (const text of ['email', 'hand', 'the minister', 'next meeting', 'phone', 'mail', 'in person', 'end']) {
      expect(looksLikeDate(text), text).toBe(false);
    }
  });

  it('decides today in the group time zone, not the server one', () => {
    // 23:30 UTC on 9 March is already 10 March in Geneva and still 9 March in San José.
    const instant = new Date('2026-03-09T23:30:00Z');
    expect(todayIn('Europe/Zurich', instant)).toBe('2026-03-10');
    expect(todayIn('America/Costa_Rica', instant)).toBe('2026-03-09');
  });

  it('formats month windows as the plan writes them', () => {
    expect(formatWindow('2026-04', '2026-06')).toBe('Apr–Jun 2026');
    expect(formatWindow('2026-02', '2026-02')).toBe('Feb 2026');
    expect(formatWindow('2025-12', '2026-01')).toBe('Dec 2025–Jan 2026');
  });

  it('steps months on the same day, or the last day of a shorter month', () => {
    expect(addMonths('2026-12-18', 1)).toBe('2027-01-18');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-01-31', 2)).toBe('2027-03-31');
    expect(addMonths('2028-01-30', 1)).toBe('2028-02-29');
  });
});

describe('reading dates does not depend on the server time zone', () => {
  const serverZone = process.env.TZ;
  afterEach(() => {
    if (serverZone === undefined) delete process.env.TZ;
    else process.env.TZ = serverZone;
  });

  it.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/Zurich', 'UTC'])('with the server in %s', (zone) => {
    process.env.TZ = zone;
    const read = (typed: string, slot: 'past' | 'future') => {
      const result = readDate(typed, '2026-03-29', slot); // a Sunday, the day Europe moves to summer time
      return result.ok ? result.date : result.problem;
    };
    expect([
      read('yesterday', 'past'),
      read('tomorrow', 'future'),
      read('Friday', 'past'),
      read('next Friday', 'future'),
      read('in 2 weeks', 'future'),
      read('end of March', 'future'),
      read('1 Apr', 'future'),
    ]).toEqual(['2026-03-28', '2026-03-30', '2026-03-27', '2026-04-03', '2026-04-12', '2026-03-31', '2026-04-01']);
  });
});
