/**
 * The year rule: which day a date typed without its year (or a weekday alone) means, for a slot
 * (what happened, or a deadline), and when that day is far enough off to ask about instead. The
 * shapes of a reading are here too, so that `read-date.ts` and the rule share them.
 */
import { addDays, addMonths, calendarDate, daysInMonth, earlierDate, formatDate, PLAUSIBLE_YEARS, weekdayOf } from './dates.ts';

/** Whether a date is something that happened (logged) or a deadline. */
export type DateSlot = 'past' | 'future';

/** A date picked without a year is taken without asking only this many months back (logging) or ahead (a deadline). */
const MONTHS_WITHOUT_ASKING = 6;

/** A date the caller may offer instead, as a button: its label and the exact date it stands for. */
export interface DateAlternative {
  label: string;
  date: string;
}

export type DateProblem = 'unreadable' | 'numeric' | 'impossible' | 'implausible-year' | 'not-a-day' | 'range' | 'weekday-mismatch' | 'far-back' | 'far-ahead';

export type DateReading = { ok: true; date: string } | { ok: false; problem: DateProblem; message: string; detail: string[]; alternatives: DateAlternative[] };

/**
 * True when a reading names one day, though one picked without a year far back or ahead, which
 * the caller asks about (its button carries the year): such text is a date, not other words.
 */
export function namesADay(reading: DateReading): boolean {
  return reading.ok || isFarOff(reading);
}

/** A day read, but picked without a year more than {@link MONTHS_WITHOUT_ASKING} months away: asked about. */
export function isFarOff(reading: DateReading): boolean {
  return !reading.ok && (reading.problem === 'far-back' || reading.problem === 'far-ahead');
}

/**
 * The year for a day and month typed without one: the latest such day up to today for the past
 * slot, the first from today on for the future slot, asking when it is over 6 months away.
 */
export function pickYear(month: number, day: number | 'end', today: string, slot: DateSlot, typed = 'that'): DateReading {
  const thisYear = Number(today.slice(0, 4));
  const occurrences: string[] = [];
  // Eight years either side always holds a 29 February.
  for (let year = thisYear - 8; year <= thisYear + 8; year++) {
    const date = calendarDate(year, month, day === 'end' ? daysInMonth(year, month) : day);
    if (date) occurrences.push(date);
  }
  const latest = occurrences.filter((d) => d <= today).at(-1)!;
  const upcoming = occurrences.find((d) => d >= today)!;
  const what = typed === 'that' ? typed : `"${typed}"`;
  if (slot === 'future') {
    if (upcoming <= addMonths(today, MONTHS_WITHOUT_ASKING)) return { ok: true, date: upcoming };
    return problem('far-ahead', `Without a year, ${what} is ${formatDate(upcoming)}, more than ${MONTHS_WITHOUT_ASKING} months ahead. Is that the date?`, {
      detail: [`${formatDate(latest)} has passed, and a deadline is from today on.`, 'Choose the date below, or type it with its year.'],
      alternatives: [{ label: formatDate(upcoming), date: upcoming }],
    });
  }
  if (latest >= addMonths(today, -MONTHS_WITHOUT_ASKING)) return { ok: true, date: latest };
  const next = occurrences.find((d) => d > today)!;
  return problem('far-back', `Without a year, ${what} is ${formatDate(latest)}, more than ${MONTHS_WITHOUT_ASKING} months ago. Is that the date?`, {
    detail: [`${formatDate(next)} is still to come, and only what already happened is logged.`, 'Choose the date below, or type it with its year.'],
    alternatives: [{ label: formatDate(latest), date: latest }],
  });
}

/** "Friday" alone: the latest Friday up to today when logging, the coming one (today included) for a deadline. */
export function nearestWeekday(weekday: number, today: string, slot: DateSlot): string {
  const todayWeekday = weekdayOf(today);
  const days = slot === 'past' ? -((todayWeekday - weekday + 7) % 7) : (weekday - todayWeekday + 7) % 7;
  return addDays(today, days);
}

/**
 * The first and last day of a month named for a slot, as far as the slot allows: without a year,
 * the latest such month begun by today (logging) or the first not over (a deadline); a day
 * after today (logging) or before it (a deadline) is replaced by today (`clipped`).
 */
export function daysOfMonth(month: number, typedYear: number | undefined, today: string, slot: DateSlot): { dates: string[]; clipped: boolean } {
  const thisYear = Number(today.slice(0, 4));
  const thisMonth = Number(today.slice(5, 7));
  const year = typedYear ?? (slot === 'past' ? (month <= thisMonth ? thisYear : thisYear - 1) : month >= thisMonth ? thisYear : thisYear + 1);
  let first = calendarDate(year, month, 1)!;
  let last = calendarDate(year, month, daysInMonth(year, month))!;
  if (!plausible(year) || (slot === 'past' ? first > today : last < today)) return { dates: [], clipped: false };
  const clipped = slot === 'past' ? last > today : first < today;
  if (slot === 'past') last = earlierDate(last, today);
  else if (first < today) first = today;
  return { dates: [...new Set([first, last])], clipped };
}

/** The date of a reading, taking a far-off one as given: a button carries its year, so pressing it is an answer. */
export function dayEvenIfFarOff(reading: DateReading): string | undefined {
  if (reading.ok) return reading.date;
  return isFarOff(reading) ? reading.alternatives[0]?.date : undefined;
}

export function plausible(year: number): boolean {
  return year >= PLAUSIBLE_YEARS.from && year <= PLAUSIBLE_YEARS.to;
}

export function problem(kind: DateProblem, message: string, more: { detail?: string[]; alternatives?: DateAlternative[] } = {}): DateReading {
  return { ok: false, problem: kind, message, detail: more.detail ?? [], alternatives: more.alternatives ?? [] };
}
