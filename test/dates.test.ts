import { describe, expect, it } from 'vitest';
import { addMonths, formatWindow, parseDate, todayIn } from '../src/domain/dates.ts';

const today = '2026-03-10';

describe('reading dates', () => {
  it.each([
    ['2026-03-12', 'future', '2026-03-12'],
    ['2026-3-2', 'past', '2026-03-02'],
    ['today', 'past', '2026-03-10'],
    ['Yesterday', 'past', '2026-03-09'],
    ['tomorrow', 'future', '2026-03-11'],
    ['12 Mar', 'future', '2026-03-12'],
    ['12 Mar', 'past', '2025-03-12'],
    ['9 mar', 'past', '2026-03-09'],
    ['12 March 2027', 'past', '2027-03-12'],
    ['March 12', 'future', '2026-03-12'],
    ['1 sept', 'future', '2026-09-01'],
    ['1 Dec', 'past', '2025-12-01'],
    ['29 Feb', 'future', '2028-02-29'],
  ] as const)('%s (prefer %s) → %s', (typed, prefer, expected) => {
    expect(parseDate(typed, today, prefer)).toEqual({ ok: true, date: expected });
  });

  it.each([
    ['31 Feb', 'not a real calendar date'],
    ['2026-02-30', 'not a real calendar date'],
    ['3/4', 'day-first or month-first'],
    ['03.04.2026', 'day-first or month-first'],
    ['someday', 'not a date I can read'],
    ['12 Marchy', 'not a date I can read'],
    ['12 ma', 'not a date I can read'],
    ['1900-01-01', '1900 looks like a typo'],
    ['12 Mar 3026', '3026 looks like a typo'],
  ])('%s is refused: %s', (typed, message) => {
    const result = parseDate(typed, today, 'past');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
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
