/**
 * Wall-clock times in the group's time zone. Reminders go out at 09:00 Geneva time whether
 * Geneva is on CET or CEST, so instants are computed from (date, time, zone), never by
 * adding fixed hours.
 */
import { formatDate } from './dates.ts';

/** One formatter per time zone: making one costs a hundred times more than using it. */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at `instant`, in minutes (e.g. +120 for CEST). */
function offsetMinutes(instant: Date, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!match) return 0; // "GMT" alone: UTC itself
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * The instant at which the clock in `timeZone` shows `time` ("09:00") on `date` (YYYY-MM-DD).
 * Across a daylight-saving change the offset of that very moment is used.
 */
export function instantAt(date: string, time: string, timeZone: string): Date {
  const naive = Date.parse(`${date}T${time}:00Z`);
  // Two passes: the offset at the first guess can differ from the offset at the answer
  // when a DST change falls between them.
  let guess = naive - offsetMinutes(new Date(naive), timeZone) * 60_000;
  guess = naive - offsetMinutes(new Date(guess), timeZone) * 60_000;
  // A time that does not exist that day (the clock jumps over it, e.g. midnight in Santiago
  // when summer time starts) would land on the evening before: take the first moment after
  // the jump instead, on the right day.
  const wall = (instant: number) => isoWithOffset(new Date(instant), timeZone).slice(0, 16);
  if (wall(guess) < `${date}T${time}`) {
    guess += (offsetMinutes(new Date(guess + 3 * 3_600_000), timeZone) - offsetMinutes(new Date(guess), timeZone)) * 60_000;
  }
  return new Date(guess);
}

/** ISO 8601 with the zone's offset: "2026-05-05T09:00:00+02:00". */
export function isoWithOffset(instant: Date, timeZone: string): string {
  const offset = offsetMinutes(instant, timeZone);
  const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The date and time the clock in `timeZone` shows at `instant`: { date: "2026-05-05", time: "09:00" }. */
export function wallClock(instant: Date, timeZone: string): { date: string; time: string } {
  const local = isoWithOffset(instant, timeZone);
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

/** "5 May 2026, 09:00 (Europe/Zurich)": every time shown says its zone. */
export function formatInstant(instant: Date, timeZone: string): string {
  const { date, time } = wallClock(instant, timeZone);
  return `${formatDate(date)}, ${time} (${timeZone})`;
}
