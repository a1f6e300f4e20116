import { type CommandContext, defineCommand } from '../core/command.ts';
import { parseDateArgs } from '../core/date-args.ts';
import { fail, words } from '../core/parse.ts';
import { errorReply, type ListItem, reply } from '../core/reply.ts';
import { addDays, formatDate } from '../domain/dates.ts';
import type { HoldRow } from '../store/store.ts';
import { undoButton } from './undo.ts';

type NumberedPeriod = HoldRow & { number: number };
type QuietArgs = { action: 'list' } | { action: 'add'; fromDay: string; toDay: string } | { action: 'remove'; period: NumberedPeriod };

const USAGE = 'quiet [<from> to <to> | remove <number>]';

export const quiet = defineCommand<QuietArgs>({
  name: 'quiet',
  usage: USAGE,
  summary: 'Quiet periods (holidays): channel reminders that fall inside go out on the first day after, if their event is still ahead.',
  examples: ['quiet 2026-12-21 to 2027-01-04', 'quiet'],
  writes: true,
  guard: (args) => (args.action === 'list' ? undefined : { role: 'coordinator', doing: 'set or remove quiet periods' }),
  parse(rest, ctx) {
    const tokens = words(rest);
    if (tokens.length === 0) return { ok: true, args: { action: 'list' } };
    if (['remove', 'off'].includes(tokens[0]!.toLowerCase())) {
      const number = Number(tokens[1]?.replace(/^#/, ''));
      const period = tokens.length === 2 ? ctx.store.holds.quietNumbered().find((p) => p.number === number) : undefined;
      if (!period || period.removedAt) {
        return fail(
          errorReply('no-quiet-period', `There is no quiet period ${tokens[1] ?? ''}.`.replace(' .', '.'), {
            lines: ['`quiet` lists them with their numbers. Nothing was changed.'],
          }),
        );
      }
      return { ok: true, args: { action: 'remove', period } };
    }
    const to = tokens.map((w) => w.toLowerCase()).indexOf('to');
    if (to <= 0 || to === tokens.length - 1) {
      return fail(errorReply('bad-syntax', `Write \`${USAGE}\`.`, { lines: ['For example `quiet 21 Dec to 4 Jan`. Nothing was changed.'] }));
    }
    // Both days at once, so that a button settling "3/4 to 5/4" settles both.
    const days = parseDateArgs([tokens.slice(0, to).join(' '), tokens.slice(to + 1).join(' ')], ctx, 'future', {
      fits: ([first = '', last = '']) => first <= last && last >= ctx.today,
      joiner: ' to ',
    });
    if (!days.ok) return days;
    const [fromDay = '', toDay = ''] = days.args;
    if (toDay < fromDay) {
      return fail(
        errorReply('bad-range', `${formatDate(toDay)} is before ${formatDate(fromDay)}.`, {
          lines: ['Write the first day, then the last. Nothing was changed.'],
        }),
      );
    }
    if (toDay < ctx.today) return fail(errorReply('past-date', `${formatDate(toDay)} has passed.`, { lines: ['Nothing was changed.'] }));
    return { ok: true, args: { action: 'add', fromDay, toDay } };
  },
  run(args, ctx) {
    if (args.action === 'list') {
      return reply({
        tone: 'info',
        title: 'Quiet periods',
        lines: [
          'Channel reminders and digests that fall in one go out on the first day after, unless their event is over by then. Personal nudges follow `away` and `snooze` instead.',
        ],
        sections: [quietSection(ctx)],
      });
    }
    if (args.action === 'remove') {
      const { changeId } = ctx.store.changes.update('holds', args.period.id, { removedAt: ctx.who.at }, ctx.who, 'remove quiet period');
      return reply({
        tone: 'success',
        title: `Removed quiet period ${args.period.number}: ${span(args.period)}`,
        lines: ['Reminders in those days go out on their own days again.'],
        actions: [undoButton(changeId)],
      });
    }
    const { row, changeId } = ctx.store.changes.create(
      'holds',
      { kind: 'quiet', personId: ctx.person.id, fromDay: args.fromDay, toDay: args.toDay, createdAt: ctx.who.at },
      ctx.who,
      'set quiet period',
    );
    const number = ctx.store.holds.quietNumbered().find((p) => p.id === row.id)!.number;
    return reply({
      tone: 'success',
      title: `Quiet period ${number}: ${span(row)}`,
      facts: [
        { label: 'No channel reminders', value: span(row) },
        { label: 'Held reminders go out', value: `${formatDate(addDays(row.toDay, 1))}, if their event is still ahead` },
      ],
      lines: [`Remove it with \`quiet remove ${number}\`.`],
      actions: [undoButton(changeId)],
    });
  },
});

/** "21 Dec 2026 to 4 Jan 2027 (both included)". */
function span(h: Pick<HoldRow, 'fromDay' | 'toDay'>): string {
  return `${formatDate(h.fromDay)} to ${formatDate(h.toDay)} (both included)`;
}

/** The quiet periods still ahead or under way, for `quiet` and `subscriptions`. */
export function quietSection(ctx: CommandContext): { heading: string; items: ListItem[]; empty: string } {
  const items = ctx.store.holds
    .quietNumbered()
    .filter((h) => h.removedAt === null && h.toDay >= ctx.today)
    .sort((a, b) => a.fromDay.localeCompare(b.fromDay) || a.id - b.id)
    .map((h) => ({
      text: `${h.number}. ${span(h)}`,
      detail: `set by ${ctx.store.people.byId(h.personId)?.displayName ?? 'unknown'}`,
    }));
  return { heading: 'Quiet periods', items, empty: 'None. Coordinators set one with `quiet <from> to <to>`.' };
}
