import { type CommandContext, defineCommand, type ParseResult } from '../core/command.ts';
import { parseDayFromToday } from '../core/date-args.ts';
import { fail, parseLiveEntry, words } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import { addDays, formatDate } from '../domain/dates.ts';
import { dueDate, exactDate } from '../domain/milestones.ts';
import { digestMeeting } from '../reports/digest.ts';
import type { EntryRow } from '../store/store.ts';
import { othersEntry } from './describe.ts';
import { undoButton } from './undo.ts';

/** The last day a snooze holds, and how it was worked out, said in full in the reply. */
type SnoozeArgs = { entry: EntryRow; toDay: string; why: string };

const USAGE = 'snooze <entry id> <n> week(s)|day(s) | after next meeting | until <date>';

export const snooze = defineCommand<SnoozeArgs>({
  name: 'snooze',
  usage: USAGE,
  summary: 'No nudges about one of your overdue next steps for a while; they come back the day after.',
  examples: ['snooze #12 1 week', 'snooze #12 after next meeting', 'snooze #12 until 2026-04-06'],
  writes: true,
  guard: ({ entry }, ctx) => othersEntry(entry, ctx, 'snooze #'),
  parse(rest, ctx) {
    const [typedId, ...after] = words(rest);
    const found = parseLiveEntry(typedId, ctx);
    if (!found.ok) return found;
    const entry = found.args;
    if (entry.kind !== 'next_step') return fail(errorReply('not-a-next-step', `#${entry.id} is not a next step; only next steps are nudged.`));
    if (entry.completedOn) return fail(errorReply('already-done', `#${entry.id} was done on ${formatDate(entry.completedOn)}: it is not nudged any more.`));
    const until = snoozeEnd(after, ctx);
    return until.ok ? { ok: true, args: { entry, ...until.args } } : until;
  },
  run({ entry, toDay, why }, ctx) {
    const current = ctx.store.holds.snoozeOf(entry.id);
    const { changeId } = current
      ? ctx.store.changes.update('holds', current.id, { fromDay: ctx.today, toDay }, ctx.who, 'snooze next step')
      : ctx.store.changes.create(
          'holds',
          { kind: 'snooze', personId: entry.personId, entryId: entry.id, fromDay: ctx.today, toDay, createdAt: ctx.who.at },
          ctx.who,
          'snooze next step',
        );
    return reply({
      tone: 'success',
      title: `Snoozed #${entry.id} until ${formatDate(toDay)}, ${why}`,
      facts: [
        { label: 'Next step', value: entry.step ?? '' },
        { label: 'No nudges', value: `${formatDate(ctx.today)} to ${formatDate(toDay)}` },
        { label: 'Nudges resume', value: `${formatDate(addDays(toDay, 1))}, if it is still open` },
      ],
      lines: [`Done sooner? \`done #${entry.id}\`.`],
      actions: [undoButton(changeId)],
    });
  },
});

/** The last day of a snooze from the words after the entry id, or a specific error. */
function snoozeEnd(after: string[], ctx: CommandContext): ParseResult<{ toDay: string; why: string }> {
  const text = after.join(' ').toLowerCase();
  const length = /^(\d+)\s+(day|days|week|weeks)$/.exec(text);
  if (length) {
    const days = Number(length[1]) * (length[2]!.startsWith('week') ? 7 : 1);
    if (days < 1 || days > 366) return fail(errorReply('bad-duration', 'Snooze for 1 day to a year.', { lines: ['Nothing was changed.'] }));
    return { ok: true, args: { toDay: addDays(ctx.today, days - 1), why: `${length[1]} ${length[2]} from today` } };
  }
  if (/^after (the )?next meeting$/.test(text)) {
    const meeting = digestMeeting(ctx);
    if (!meeting) return fail(errorReply('no-meeting', 'No working group meeting is left in this plan: snooze for a time instead, e.g. `snooze #12 2 weeks`.'));
    const exact = exactDate(meeting);
    // Never a silent guess: a meeting with no date yet counts to the end of its window, and the reply says so.
    const why = exact ? `the day of ${meeting.title}` : `the last day of the window of ${meeting.title}, whose date is not set yet`;
    return { ok: true, args: { toDay: exact ?? dueDate(meeting), why } };
  }
  if (after[0]?.toLowerCase() === 'until' && after.length > 1) {
    const date = parseDayFromToday(after.slice(1).join(' '), ctx);
    if (!date.ok) return date;
    return { ok: true, args: { toDay: date.args, why: 'as you asked' } };
  }
  return fail(errorReply('bad-syntax', `Write \`${USAGE}\`.`, { lines: ['For example `snooze #12 1 week`. Nothing was changed.'] }));
}
