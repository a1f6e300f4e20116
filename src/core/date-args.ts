/**
 * Dates in commands: one typed after a keyword (`on`, `by`, `since`, `date`), a due date at
 * the end of a next step, and a date typed without a keyword at the end of some words
 * ("contacted Kenya yesterday"). How a date is read is `domain/read-date.ts`; this file turns
 * a reading into arguments or an error reply that stores nothing. Where the bot can tell what
 * was meant, each button runs the same command with the exact date in place of what was typed.
 */
import { formatDate } from '../domain/dates.ts';
import { looksLikeDate, readDate, type DateReading, type DateSlot } from '../domain/read-date.ts';
import type { CommandContext, ParseResult } from './command.ts';
import { splitNote } from './parse.ts';
import { errorReply, type Suggestion } from './reply.ts';

/** Most words a date typed without a keyword can have ("end of March 2027", "Thursday 12 March 2026"). */
const MAX_DATE_WORDS = 5;

/** Reads a date typed after a keyword, for a slot: `past` for what happened, `future` for deadlines. */
export function parseDateArg(typed: string, ctx: CommandContext, slot: DateSlot): ParseResult<string> {
  return dateResult(readDate(typed, ctx.today, slot), typed, ctx);
}

/**
 * Reads the last day of something that lasts from today on (a snooze, time away, a quiet
 * period): a day already past is refused, so nothing is held for a span that is over.
 */
export function parseDayFromToday(typed: string, ctx: CommandContext): ParseResult<string> {
  const date = parseDateArg(typed, ctx, 'future');
  if (date.ok && date.args < ctx.today)
    return { ok: false, reply: errorReply('past-date', `${formatDate(date.args)} has passed.`, { lines: ['Nothing was changed.'] }) };
  return date;
}

/**
 * The day something was done, from the words after `done`: today when there are none, else
 * `[on] <date>` (`on` may be left out: `done #12 yesterday`), never a day still to come.
 * `syntax` is how to write it, for the refusal of `done on` with no date.
 */
export function parseDoneDay(after: readonly string[], ctx: CommandContext, syntax: string): ParseResult<string> {
  if (after.length === 0) return { ok: true, args: ctx.today };
  const dateWords = after[0]?.toLowerCase() === 'on' ? after.slice(1) : after;
  if (dateWords.length === 0) return { ok: false, reply: errorReply('bad-syntax', syntax) };
  const date = parseDateArg(dateWords.join(' '), ctx, 'past');
  if (date.ok && date.args > ctx.today)
    return {
      ok: false,
      reply: errorReply('future-date', `${formatDate(date.args)} is in the future: mark it done once it is.`, { lines: ['Nothing was saved.'] }),
    };
  return date;
}

/** A reading as arguments, or as the error reply that explains it with buttons for the dates meant. */
export function dateResult(reading: DateReading, typed: string, ctx: CommandContext): ParseResult<string> {
  if (reading.ok) return { ok: true, args: reading.date };
  const suggestions: Suggestion[] = [];
  for (const alternative of reading.alternatives) {
    const command = commandWithDate(ctx.text, typed, alternative.date);
    if (command) suggestions.push({ label: alternative.label, command });
  }
  // A date far back is not wrong, only unlikely enough to ask about: its own code says so.
  const code = reading.problem === 'far-back' ? 'confirm-date' : 'bad-date';
  return { ok: false, reply: errorReply(code, reading.message, { lines: [...reading.detail, 'Nothing was saved.'], suggestions }) };
}

/**
 * The command as typed with its date (the last place `typed` occurs before the note) replaced
 * by an ISO date, so that a button logs exactly the date on its label.
 */
export function commandWithDate(text: string, typed: string, date: string): string | undefined {
  const body = splitNote(text).body;
  const words = typed
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}#])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'giu');
  const last = [...body.matchAll(pattern)].at(-1);
  if (last?.index === undefined) return undefined;
  return text.slice(0, last.index) + date + text.slice(last.index + last[0].length);
}

/**
 * Takes a trailing `by <date>` off a next step ("send model instrument by 1 Mar"). The words
 * after the last `by` are the due date when they read as one. When they start like a date but
 * do not read as one ("by 31 Feb", "by 3/4", "by Fryday", "by March") the bot asks rather than
 * keep them in the step; anything else ("by email") stays in the step, with no due date.
 */
export function takeTrailingDue(tokens: readonly string[], ctx: CommandContext): ParseResult<{ text: string[]; due?: string }> {
  const at = tokens.map((w) => w.toLowerCase()).lastIndexOf('by');
  if (at < 0 || at === tokens.length - 1) return { ok: true, args: { text: [...tokens] } };
  const typed = tokens.slice(at + 1).join(' ');
  const reading = readDate(typed, ctx.today, 'future');
  if (!reading.ok && reading.problem !== 'far-back' && !looksLikeDate(typed)) return { ok: true, args: { text: [...tokens] } };
  const due = dateResult(reading, typed, ctx);
  if (!due.ok) return due;
  return { ok: true, args: { text: tokens.slice(0, at), due: due.args } };
}

export interface DateRun {
  /** Index of the run's first word; it ends where the search was told to end. */
  start: number;
  typed: string;
  reading: DateReading;
}

/**
 * The longest run of words ending just before `end` (and starting at `from` or later) that
 * reads as a date, for a date typed without a keyword. With `accept: 'date-like'`, the longest
 * run that only starts like a date, so that "Kenya 31 Feb" can be refused as a date.
 */
export function findDateRun(
  tokens: readonly string[],
  from: number,
  end: number,
  ctx: CommandContext,
  slot: DateSlot,
  accept: 'readable' | 'date-like',
): DateRun | undefined {
  for (let start = Math.max(from, end - MAX_DATE_WORDS); start < end; start++) {
    const typed = tokens.slice(start, end).join(' ');
    const reading = readDate(typed, ctx.today, slot);
    const readable = reading.ok || reading.problem === 'far-back';
    if (accept === 'readable' ? readable : !readable && looksLikeDate(typed)) return { start, typed, reading };
  }
  return undefined;
}
