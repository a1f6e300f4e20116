/**
 * Reads the dates people type ("12 Mar", "last Friday", "in 2 weeks", "end of March") with
 * chrono-node, then applies ccm-bot's own rules wherever chrono would otherwise guess:
 *
 * - a day named without a year is the latest such day up to today when logging what happened
 *   (`past` slot) and the next such day from today on for a deadline (`future` slot); chrono
 *   picks the closest year either way, which would log next December's date as a meeting;
 * - a weekday alone ("Friday") follows the same slot rule; with `last`/`next`/`this` chrono's
 *   meaning is kept ("next Friday" is the Friday of next week, weeks running Monday to Sunday);
 * - a date whose year was picked by the rule and lies more than 6 months back (logging) or ahead
 *   (a deadline) is not taken: the caller asks, offering the date with its year. Typed on 10 Mar,
 *   "by 5 Mar" would be 5 Mar of next year; a date typed with its year is taken as typed;
 * - the month in figures ("10/03/2026") is never guessed: the caller offers both readings, but
 *   only those the slot allows (no meeting held in the future, no deadline already past);
 * - the whole text must be one date naming one day: "March", "next week", "3/4", "31 Feb",
 *   "1-3 Mar" and years outside 2000–2100 are refused with the reason; for a named month the
 *   caller offers its first and last day (as far as the slot allows).
 *
 * The year rule itself (and the shapes of a reading) is `year-rule.ts`. The casual English
 * parser is used (the strict one has no "today" or "end of March"); the strictness above is ours. Everything here is pure: today's date comes in as YYYY-MM-DD.
 */
// The English locale alone: the package's root loads every language's parsers (about 270 modules).
import * as chrono from 'chrono-node/en';
import { calendarDate, daysInMonth, formatDate, parseIsoDate, PLAUSIBLE_YEARS, weekdayOf } from './dates.ts';
import { boundedEditDistance } from './edit-distance.ts';
import { type DateReading, type DateSlot, dayEvenIfFarOff, daysOfMonth, nearestWeekday, pickYear, plausible, problem } from './year-rule.ts';

export { type DateReading, type DateSlot, isFarOff, namesADay } from './year-rule.ts';

/** What date forms are understood, for error messages and help. */
export const DATE_FORMS =
  '2026-03-12, 12 Mar, 12 March 2026, today, yesterday, tomorrow, Friday, last Friday, next Friday, in 2 weeks, 3 days ago or end of March';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAY_WORDS = ['today', 'tomorrow', 'yesterday', 'tonight'];
/** Names a typo is compared with: "Fryday" is Friday, "Decmber" December. */
const NAMES = [...WEEKDAYS, ...MONTHS, ...DAY_WORDS];
const MODIFIER = /\b(?:this|last|past|next)\b/i;
/** Day and month in figures ("3/4", "12.03.2026"): the order cannot be known, so never guessed. */
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?\.?$/;

/** Reads `text` as one calendar day, as of `today`, for a slot; see the module comment for the rules. */
export function readDate(text: string, today: string, slot: DateSlot): DateReading {
  const typed = text.trim().replace(/\s+/g, ' ');
  // "the end of March" is chrono's "end of March"; "the" is not stripped elsewhere, so a state
  // name ending in "of the" does not lend its last word to a date typed after it.
  const input = typed.replace(/^the (?=end of|last day of)/i, '').replace(/[,;]+$/, '');
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(input)) return readIso(input, typed);
  const numeric = NUMERIC.exec(input);
  if (numeric) return readNumeric(numeric, typed, today, slot);

  // chrono gets the calendar day at noon in the server's own zone and no time zone: it computes
  // in local time, and with a zone it mixes shifted and unshifted instants ("this week").
  // Results are read as year, month and day components, never as instants.
  let result = parseWhole(input, localNoon(today));
  if (!result) {
    // Without a year chrono checks the day against this year, so "29 Feb" fails outside leap
    // years; checked against a leap year it is a real day, and our rule picks the year.
    const leapDay = parseWhole(input, localNoon('2024-01-01'));
    if (leapDay && isDayWithoutYear(leapDay)) result = leapDay;
  }
  if (!result) return unreadable(input, typed, today, slot);

  const start = result.start;
  if (result.end) return problem('range', `"${typed}" is a range of days; give one day.`);
  if (start.isCertain('year') && !plausible(start.get('year')!)) return implausible(start.get('year')!);
  const period = /^(?:this|last|past|next) (?:week|month|year|quarter)$/i.test(input) || /\bweek(?:end|day)s?\b/i.test(input);
  if (period || (!start.isCertain('day') && !start.isCertain('weekday'))) return notADay(result, typed, today, slot);

  let date: string | undefined;
  if (isDayWithoutYear(result)) {
    const month = start.get('month')!;
    const day = result.tags().has('refiner/ENEndOfPeriodRefiner') ? 'end' : start.get('day')!;
    const picked = pickYear(month, day, today, slot, typed);
    if (!picked.ok) return picked;
    date = picked.date;
  } else if (start.isCertain('weekday') && !start.isCertain('day') && !MODIFIER.test(input)) {
    date = nearestWeekday(start.get('weekday')!, today, slot);
  } else {
    date = calendarDate(start.get('year')!, start.get('month')!, start.get('day')!);
  }
  if (!date) return problem('impossible', `"${typed}" is not a real calendar date.`);
  if (!plausible(Number(date.slice(0, 4)))) return implausible(Number(date.slice(0, 4)));
  if (start.isCertain('weekday') && start.isCertain('day') && weekdayOf(date) !== start.get('weekday')) {
    return problem('weekday-mismatch', `${formatDate(date)} is a ${capital(WEEKDAYS[weekdayOf(date)]!)}, not a ${capital(WEEKDAYS[start.get('weekday')!]!)}.`, {
      detail: ['Check the day, or give the date alone.'],
    });
  }
  return { ok: true, date };
}

/** True for text that starts like a date, so "by next Friday" or "by 31 Feb" is a date and "by email" is not. */
export function looksLikeDate(text: string): boolean {
  const [first = '', second = ''] = text.trim().toLowerCase().replace(/^the /, '').split(/\s+/);
  if (/^\d/.test(first) || isDateWord(first)) return true;
  if (['this', 'last', 'past', 'next'].includes(first)) return isDateWord(second) || /^(?:week|month|year)/.test(second);
  if (first === 'in' || first === 'within') return /^(?:\d|an?$|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)/.test(second);
  return first === 'end' && second === 'of';
}

function isDateWord(word: string): boolean {
  const bare = word.replace(/(?:['’]s)?[.,]?$/, ''); // "Monday's meeting" starts like a date too
  if (bare.length >= 3 && [...WEEKDAYS, ...MONTHS].some((name) => name.startsWith(bare))) return true;
  return DAY_WORDS.includes(bare) || nearName(bare) !== undefined;
}

/** The weekday, month or day word a typed word is a typo of, if it is close enough to be one. */
function nearName(word: string): string | undefined {
  // A name is no typo: "tuesday" is two edits from "thursday", and correcting each into the
  // other would never end.
  if (word.length < 4 || !/^[a-z]+$/.test(word) || NAMES.includes(word)) return undefined;
  const allowed = word.length >= 6 ? 2 : 1;
  const [best] = NAMES.map((name) => ({ name, distance: boundedEditDistance(word, name, allowed) }))
    .filter((n) => n.distance > 0 && n.distance <= allowed)
    .sort((a, b) => a.distance - b.distance);
  return best?.name;
}

/** chrono's reading of the whole text as one date, or nothing when it reads only part of it. */
function parseWhole(input: string, reference: Date): chrono.ParsedResult | undefined {
  const [result] = chrono.casual.parse(input, reference);
  return result && result.index === 0 && result.text.length === input.length ? result : undefined;
}

/** A day and month named without a year (or the end of a named month): where our year rule applies. */
function isDayWithoutYear(result: chrono.ParsedResult): boolean {
  const start = result.start;
  return start.isCertain('month') && start.isCertain('day') && !start.isCertain('year');
}

function localNoon(iso: string): Date {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day, 12);
}

function readIso(input: string, typed: string): DateReading {
  const year = Number(input.slice(0, 4));
  if (!plausible(year)) return implausible(year);
  const date = parseIsoDate(input);
  return date ? { ok: true, date } : problem('impossible', `${typed} is not a real calendar date.`);
}

function readNumeric(match: RegExpExecArray, typed: string, today: string, slot: DateSlot): DateReading {
  const [first, second] = [Number(match[1]), Number(match[2])];
  const year = match[3] === undefined ? undefined : Number(match[3].length === 2 ? `20${match[3]}` : match[3]);
  const dates = new Set<string>();
  const refused = new Set<string>();
  for (const [day, month] of [
    [first, second],
    [second, first],
  ] as const) {
    // 2024 is a leap year: whether the day exists in some year at all.
    if (!calendarDate(2024, month, day)) continue;
    const date = year === undefined ? dayEvenIfFarOff(pickYear(month, day, today, slot)) : calendarDate(year, month, day);
    if (!date || !plausible(Number(date.slice(0, 4)))) continue;
    // A reading the slot refuses is no answer to offer: no meeting held in the future, no deadline already past.
    if (slot === 'past' ? date > today : date < today) refused.add(date);
    else dates.add(date);
  }
  const readings = new Set([...dates, ...refused]).size;
  return problem(
    'numeric',
    readings > 1
      ? `"${typed}" could be read day-first or month-first.`
      : `"${typed}" gives the month in figures, which is read differently from country to country.`,
    {
      detail: [
        'Write the month as a word (12 Mar) or the date as 2026-03-12.',
        ...[...refused].map((date) =>
          slot === 'past' ? `${formatDate(date)} is in the future, so it is not offered.` : `${formatDate(date)} has passed, so it is not offered.`,
        ),
      ],
      alternatives: [...dates].map((date) => ({ label: formatDate(date), date })),
    },
  );
}

/** Says why chrono could not read the text: an impossible day, a typo of a name, or just unreadable. */
function unreadable(input: string, typed: string, today: string, slot: DateSlot): DateReading {
  // "31 Feb": the same text with day 1 reads, so the day is what does not exist.
  const day = /\b(\d{1,2})(?:st|nd|rd|th)?\b/i.exec(input);
  const asFirst = day && parseWhole(input.replace(day[0], '1'), localNoon('2024-01-01'));
  if (day && asFirst?.start.isCertain('month')) {
    const month = asFirst.start.get('month')!;
    const year = asFirst.start.isCertain('year') ? asFirst.start.get('year')! : undefined;
    const reason =
      month === 2 && Number(day[1]) === 29 && year !== undefined
        ? `${year} is not a leap year`
        : `${capital(MONTHS[month - 1]!)} has ${month === 2 ? '28 days (29 in a leap year)' : `${daysInMonth(2024, month)} days`}`;
    return problem('impossible', `"${typed}" is not a real calendar date: ${reason}.`);
  }
  // "Fryday": offer the date the corrected text stands for.
  const corrected = input
    .split(' ')
    .map((word) => capitalOrSame(nearName(word.toLowerCase())) ?? word)
    .join(' ');
  const date = corrected !== input ? dayEvenIfFarOff(readDate(corrected, today, slot)) : undefined;
  return problem('unreadable', `"${typed}" is not a date I can read.`, {
    detail: [date ? `Did you mean ${corrected}?` : `Use ${DATE_FORMS}.`],
    alternatives: date ? [{ label: formatDate(date), date }] : [],
  });
}

/** "March", "next week", "midday": no one day; for a named month, offer its first and last day. */
function notADay(result: chrono.ParsedResult, typed: string, today: string, slot: DateSlot): DateReading {
  const start = result.start;
  const month = result.tags().has('parser/ENMonthNameParser') && !start.isCertain('day') ? start.get('month')! : undefined;
  const days = month === undefined ? undefined : daysOfMonth(month, start.isCertain('year') ? start.get('year')! : undefined, today, slot);
  const alternatives = days?.dates.map((date) => ({ label: formatDate(date), date })) ?? [];
  const name = month === undefined ? '' : `${capital(MONTHS[month - 1]!)}${start.isCertain('year') ? ` ${start.get('year')}` : ''}`;
  const detail =
    month === undefined
      ? ['Give a day, e.g. next Friday, in 2 weeks or end of March.']
      : alternatives.length === 0
        ? [slot === 'past' ? `${name} has not begun: only what already happened is logged.` : `${name} is over: a deadline is from today on.`]
        : [
            `${name} is a month: an entry has one day. Choose its first or last day below, or type the day.`,
            ...(days?.clipped
              ? [slot === 'past' ? `It is not over: its last day so far is today.` : `It has begun: its first day still to come is today.`]
              : []),
          ];
  return problem('not-a-day', `"${typed}" does not say which day.`, { detail, alternatives });
}

function implausible(year: number): DateReading {
  return problem('implausible-year', `${year} looks like a typo: dates from ${PLAUSIBLE_YEARS.from} to ${PLAUSIBLE_YEARS.to} are accepted.`);
}

function capitalOrSame(word: string | undefined): string | undefined {
  return word === undefined ? undefined : capital(word);
}

function capital(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
