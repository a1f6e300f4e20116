/**
 * Calendar dates as people type them, and as ccm-bot stores them: `YYYY-MM-DD` strings in
 * the group's time zone. A date is a day, not an instant, so no time zone arithmetic leaks
 * into the log: "today" is decided once, in `CCM_TIMEZONE`, when a command arrives.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What date forms are understood, for error messages and help. */
export const DATE_FORMS = '2026-03-12, 12 Mar, 12 March 2026, today, yesterday or tomorrow';

/** The calendar date of `now` in an IANA time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(now);
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
const PLAUSIBLE_YEARS = { from: 2000, to: 2100 };

function isoOf(year: number, month: number, day: number): string | undefined {
  if (year < PLAUSIBLE_YEARS.from || year > PLAUSIBLE_YEARS.to) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The same day of the month `months` later, or that month's last day when it is shorter
 * (31 Jan + 1 month = 28 Feb), so a monthly series never drifts or skips a month.
 */
export function addMonths(iso: string, months: number): string {
  const [year, month, day] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(year!, month! - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day!, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
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

export type DateParse = { ok: true; date: string } | { ok: false; message: string };

/**
 * Reads a typed date. A day and month without a year ("12 Mar") is taken in the year that
 * makes sense for the slot: the latest past one for things that happened (`prefer: 'past'`),
 * the next one for deadlines (`prefer: 'future'`).
 */
export function parseDate(text: string, today: string, prefer: 'past' | 'future'): DateParse {
  const input = text.trim().toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ');
  const fail = (): DateParse => ({ ok: false, message: `"${text.trim()}" is not a date I can read. Use ${DATE_FORMS}.` });
  if (input === 'today') return { ok: true, date: today };
  if (input === 'yesterday') return { ok: true, date: addDays(today, -1) };
  if (input === 'tomorrow') return { ok: true, date: addDays(today, 1) };

  const year = /^(\d{4})-|\b(\d{4})$/.exec(input);
  const typedYear = Number(year?.[1] ?? year?.[2] ?? PLAUSIBLE_YEARS.from);
  if (typedYear < PLAUSIBLE_YEARS.from || typedYear > PLAUSIBLE_YEARS.to) {
    return { ok: false, message: `${typedYear} looks like a typo: dates from ${PLAUSIBLE_YEARS.from} to ${PLAUSIBLE_YEARS.to} are accepted.` };
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(input);
  if (iso) {
    const date = isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return date ? { ok: true, date } : { ok: false, message: `${text.trim()} is not a real calendar date.` };
  }
  if (/^\d{1,2}[/.]\d{1,2}([/.]\d{2,4})?$/.test(input)) {
    return {
      ok: false,
      message: `"${text.trim()}" could be read day-first or month-first. Write it as 2026-03-12 or 12 Mar.`,
    };
  }

  // "12 mar", "12 march 2026", "mar 12", "march 12 2026"
  const dayFirst = /^(\d{1,2}) ([a-z]+)\.?(?: (\d{4}))?$/.exec(input);
  const monthFirst = /^([a-z]+)\.? (\d{1,2})(?: (\d{4}))?$/.exec(input);
  const parts = dayFirst
    ? { day: dayFirst[1], month: dayFirst[2], year: dayFirst[3] }
    : monthFirst
      ? { day: monthFirst[2], month: monthFirst[1], year: monthFirst[3] }
      : undefined;
  if (!parts || !parts.month || parts.month.length < 3) return fail();
  const monthIndex = MONTHS.findIndex((m) => parts.month!.startsWith(m));
  if (monthIndex < 0 || !fullMonthName(monthIndex).startsWith(parts.month)) return fail();
  const day = Number(parts.day);
  if (parts.year) {
    const date = isoOf(Number(parts.year), monthIndex + 1, day);
    return date ? { ok: true, date } : { ok: false, message: `${text.trim()} is not a real calendar date.` };
  }
  const thisYear = Number(today.slice(0, 4));
  const candidate = isoOf(thisYear, monthIndex + 1, day);
  if (!candidate) {
    // 29 Feb outside a leap year: the nearest leap year in the preferred direction.
    for (let step = 1; step <= 4; step++) {
      const other = isoOf(prefer === 'past' ? thisYear - step : thisYear + step, monthIndex + 1, day);
      if (other) return { ok: true, date: other };
    }
    return { ok: false, message: `${text.trim()} is not a real calendar date.` };
  }
  if (prefer === 'past' && candidate > today) {
    return { ok: true, date: isoOf(thisYear - 1, monthIndex + 1, day) ?? candidate };
  }
  if (prefer === 'future' && candidate < today) {
    return { ok: true, date: isoOf(thisYear + 1, monthIndex + 1, day) ?? candidate };
  }
  return { ok: true, date: candidate };
}

function fullMonthName(index: number): string {
  return ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
    'november', 'december'][index]!;
}

/** True for words that start a date, so a parser can tell "by 12 Mar" from "by email". */
export function looksLikeDate(text: string): boolean {
  const word = text.trim().toLowerCase();
  return /^\d/.test(word) || ['today', 'yesterday', 'tomorrow'].includes(word) ||
    MONTHS.some((m) => word.startsWith(m) && fullMonthName(MONTHS.indexOf(m)).startsWith(word.replace(/\.$/, '')));
}
