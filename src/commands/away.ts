import { defineCommand } from '../core/command.ts';
import { parseDayFromToday } from '../core/date-args.ts';
import { fail, words } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import { addDays, formatDate } from '../domain/dates.ts';
import { undoButton } from './undo.ts';

type AwayArgs = { action: 'show' } | { action: 'off' } | { action: 'set'; toDay: string };

const USAGE = 'away [until <date> | off]';

export const away = defineCommand<AwayArgs>({
  name: 'away',
  aliases: ['back'],
  usage: USAGE,
  summary: 'No nudges to you until a date (the day included); `away` shows it, `away off` or `back` ends it.',
  examples: ['away until 2026-04-06', 'away until 6 Apr', 'away', 'back'],
  writes: true,
  parse(rest, ctx) {
    const tokens = words(rest);
    // `back` is `away off`.
    if (/^back\b/i.test(ctx.text)) {
      return tokens.length === 0 ? { ok: true, args: { action: 'off' } } : fail(errorReply('bad-syntax', 'Write `back` alone: it ends your time away.'));
    }
    if (tokens.length === 0) return { ok: true, args: { action: 'show' } };
    if (tokens.length === 1 && ['off', 'back'].includes(tokens[0]!.toLowerCase())) return { ok: true, args: { action: 'off' } };
    if (tokens[0]?.toLowerCase() !== 'until' || tokens.length < 2) {
      return fail(errorReply('bad-syntax', `Write \`${USAGE}\`.`, { lines: ['For example `away until 6 April`. Nothing was changed.'] }));
    }
    const date = parseDayFromToday(tokens.slice(1).join(' '), ctx);
    if (!date.ok) return date;
    return { ok: true, args: { action: 'set', toDay: date.args } };
  },
  run(args, ctx) {
    const current = ctx.store.holds.awayOf(ctx.person.id);
    const live = current && current.toDay >= ctx.today ? current : undefined;
    if (args.action === 'show') {
      return reply({
        tone: 'info',
        title: live ? `You are away until ${formatDate(live.toDay)}` : 'You are not away',
        lines: live
          ? [`No nudges about your next steps until then, that day included; they resume on ${formatDate(addDays(live.toDay, 1))}. \`away off\` ends it now.`]
          : ['`away until <date>` stops nudges to you until then.'],
      });
    }
    if (args.action === 'off') {
      // Nothing to end: said plainly, not as a mistake (a second `back` is harmless).
      if (!live || !current) return reply({ tone: 'info', title: 'You are not away: nudges come as usual', lines: ['Nothing was changed.'] });
      const { changeId } = ctx.store.changes.update('holds', current.id, { removedAt: ctx.who.at }, ctx.who, 'end time away');
      return reply({ tone: 'success', title: 'Welcome back: nudges about your overdue next steps resume', actions: [undoButton(changeId)] });
    }
    const { changeId } = current
      ? ctx.store.changes.update('holds', current.id, { fromDay: ctx.today, toDay: args.toDay }, ctx.who, 'set time away')
      : ctx.store.changes.create(
          'holds',
          { kind: 'away', personId: ctx.person.id, fromDay: ctx.today, toDay: args.toDay, createdAt: ctx.who.at },
          ctx.who,
          'set time away',
        );
    return reply({
      tone: 'success',
      title: `Away until ${formatDate(args.toDay)}`,
      facts: [
        { label: 'No nudges', value: `${formatDate(ctx.today)} to ${formatDate(args.toDay)}` },
        { label: 'Nudges resume', value: formatDate(addDays(args.toDay, 1)) },
      ],
      lines: ['Channel reminders and digests are not affected. `back` ends it sooner.'],
      actions: [undoButton(changeId)],
    });
  },
});
