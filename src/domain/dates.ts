/**
 * Calendar dates as people type them, and as ccm-bot stores them: `YYYY-MM-DD` strings in
 * the group's time zone. A date is a day, not an instant, so no time zone arithmetic leaks
 * into the log: "today" is decided once, in `CCM_TIMEZONE`, when a command arrives.
 * Reading what people type ("12 Mar", "last Friday") is in `read-date.ts`.
 */

const MONTH_LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** One formatter per zone: building one costs more than the rest of `todayIn`, which runs for every command. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `now` in an IANA time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The calendar date of a stored ISO timestamp, in the group's time zone. */
export function dateOfInstant(iso: string, timeZone: string): string {
  return todayIn(timeZone, new Date(iso));
}

/** True when `timeZone` is an IANA zone this Node.js knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Years a working-group date can plausibly fall in; "1900-01-01" or "3026" is a typo. */
export const PLAUSIBLE_YEARS = { from: 2000, to: 2100 } as const;

/** The YYYY-MM-DD date of a year, month (1–12) and day, or undefined when no such day exists (31 Feb). */
export function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year); // Date.UTC reads years 0–99 as 1900–1999
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "2026-03-12" or "2026-3-2" as a real calendar date (normalised), or undefined. */
export function parseIsoDate(text: string): string | undefined {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  return match ? calendarDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
}

/** The number of days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day of the week of a YYYY-MM-DD date: 0 is Sunday, as in JavaScript. */
export function weekdayOf(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

/** Adds calendar months, keeping the day where the month has it and else its last day (31 Aug − 6 months = 28 Feb). */
export function addMonths(iso: string, months: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return calendarDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)))!;
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The earlier of two calendar dates (YYYY-MM-DD compares as text). */
export function earlierDate(a: string, b: string): string {
  return a <= b ? a : b;
}

/** "2026-03-12" → "12 Mar 2026". */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${MONTH_LABELS[(month ?? 1) - 1]} ${year}`;
}

/** "2026-04" → "Apr 2026"; a range of months → "Apr–Jun 2026". */
export function formatWindow(from: string, to: string): string {
  const label = (ym: string) => MONTH_LABELS[Number(ym.slice(5, 7)) - 1];
  if (from === to) return `${label(from)} ${from.slice(0, 4)}`;
  if (from.slice(0, 4) === to.slice(0, 4)) return `${label(from)}–${label(to)} ${to.slice(0, 4)}`;
  return `${label(from)} ${from.slice(0, 4)}–${label(to)} ${to.slice(0, 4)}`;
}
