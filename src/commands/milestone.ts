import { type CommandContext, defineCommand, type ParseResult } from '../core/command.ts';
import { parseDateArg, parseDoneDay } from '../core/date-args.ts';
import { fail, words } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import { formatDate } from '../domain/dates.ts';
import { findByIdOrTitle, whenText } from '../domain/milestones.ts';
import type { MilestoneRow } from '../store/store.ts';
import { closedPlanGuard, type PlanToChange, refuseClosedPlan, trailingPlan } from './cycle.ts';
import { undoButton } from './undo.ts';

type MilestoneArgs = PlanToChange &
  (
    | { action: 'date'; milestone: MilestoneRow; date: string }
    | { action: 'done'; milestone: MilestoneRow; date: string }
    | { action: 'show'; milestone: MilestoneRow }
  );

export const milestone = defineCommand<MilestoneArgs>({
  name: 'milestone',
  usage: 'milestone <name or id> [date <date> | done [on <date>]] [<plan id>]',
  summary: "Show a milestone, set its exact date, or mark it done; another cycle's with its plan id (a closed plan: admins only).",
  examples: ['milestone wg3 date 2026-05-12', 'milestone support package done', 'milestone review-conference'],
  writes: true,
  guard: (args, ctx) =>
    args.action === 'show' ? undefined : (closedPlanGuard(args, ctx) ?? { role: 'coordinator', doing: 'set milestone dates or mark milestones done' }),
  parse(rest, ctx) {
    const { tokens, ...choice } = trailingPlan(words(rest), ctx);
    // A change to a closed plan is refused before its date is read: no date buttons that would then be refused.
    const changing = tokens.some((word) => ['date', 'done'].includes(word.toLowerCase()));
    const closed = changing ? refuseClosedPlan(choice, ctx, () => parseMilestone(tokens, { ...choice, named: true }, ctx).ok) : undefined;
    if (closed) return closed;
    const parsed = parseMilestone(tokens, choice, ctx);
    if (!parsed.ok || parsed.args.action === 'show') return parsed;
    return refuseClosedPlan(choice, ctx) ?? parsed;
  },
  run(args, ctx) {
    const m = args.milestone;
    if (args.action === 'show') {
      return reply({
        tone: 'info',
        title: `${m.title} [${m.id}]`,
        facts: [
          { label: 'When', value: whenText(m) },
          { label: 'Plan window', value: whenText({ ...m, plannedDate: null, setDate: null }).replace(' (date not set)', '') },
          { label: 'Status', value: m.doneOn ? `done ${formatDate(m.doneOn)}` : 'not done' },
        ],
      });
    }
    if (args.action === 'date') {
      const { changeId } = ctx.store.changes.update('milestones', m.key, { setDate: args.date }, ctx.who, 'set milestone date');
      const month = args.date.slice(0, 7);
      const outside = month < m.windowFrom || month > m.windowTo;
      return reply({
        tone: 'success',
        title: `${m.title}: ${formatDate(args.date)}`,
        facts: [{ label: 'Before', value: whenText(m) }],
        lines: outside
          ? [`Note: this is outside the plan's window (${whenText({ ...m, plannedDate: null, setDate: null }).replace(' (date not set)', '')}).`]
          : undefined,
        actions: [undoButton(changeId)],
      });
    }
    const { changeId } = ctx.store.changes.update('milestones', m.key, { doneOn: args.date }, ctx.who, 'complete milestone');
    return reply({
      tone: 'success',
      title: `Done: ${m.title}`,
      facts: [{ label: 'Done on', value: formatDate(args.date) }],
      actions: [undoButton(changeId)],
    });
  },
});

/** The milestone named in `tokens` (the plan id taken off), of the chosen plan, and what to do with it. */
function parseMilestone(tokens: string[], choice: PlanToChange, ctx: CommandContext): ParseResult<MilestoneArgs> {
  const lower = tokens.map((w) => w.toLowerCase());
  const dateAt = lower.lastIndexOf('date');
  const doneAt = lower.lastIndexOf('done');
  const actionAt = Math.max(dateAt, doneAt);
  const nameWords = actionAt < 0 ? tokens : tokens.slice(0, actionAt);
  if (nameWords.length === 0) {
    return fail(
      errorReply('missing-milestone', 'Which milestone? Give its id or words of its title.', {
        suggestions: [{ label: 'List milestones', command: 'milestones' }],
      }),
    );
  }
  const typed = nameWords.join(' ');
  const found = findByIdOrTitle(typed, ctx.store.plans.milestones(choice.plan.id));
  if (!found.ok) {
    const base = ctx.text.slice(ctx.text.toLowerCase().indexOf(typed.toLowerCase()) + typed.length);
    return fail(
      errorReply(
        found.candidates.length > 0 ? 'ambiguous-milestone' : 'unknown-milestone',
        found.candidates.length > 0 ? `"${typed}" matches more than one milestone. Which one?` : `No milestone matches "${typed}".`,
        {
          lines: ['Nothing was changed. `milestones` lists them all with their ids.'],
          suggestions: found.candidates.map((m) => ({ label: m.title, command: `milestone ${m.id}${base}` })),
        },
      ),
    );
  }
  const m = found.milestone;
  if (actionAt < 0) return { ok: true, args: { ...choice, action: 'show', milestone: m } };
  const after = tokens.slice(actionAt + 1);
  if (actionAt === dateAt) {
    if (after.length === 0) return fail(errorReply('missing-value', 'Which date? e.g. `milestone wg3 date 2026-05-12`.'));
    const date = parseDateArg(after.join(' '), ctx, 'future');
    if (!date.ok) return date;
    return { ok: true, args: { ...choice, action: 'date', milestone: m, date: date.args } };
  }
  if (m.doneOn) return fail(errorReply('already-done', `${m.title} was already marked done on ${formatDate(m.doneOn)}.`));
  const done = parseDoneDay(after, ctx, 'Write `milestone <id> done` or `milestone <id> done on <date>`.');
  return done.ok ? { ok: true, args: { ...choice, action: 'done', milestone: m, date: done.args } } : done;
}
