/**
 * The reminders the scheduler posts, as reply models: before a meeting, before a due date,
 * and the private nudge about an overdue next step.
 */
import { reply, type Reply } from '../core/reply.ts';
import { daysBetween, formatDate } from '../domain/dates.ts';
import { whenText } from '../domain/milestones.ts';
import type { PlannedPost } from '../domain/schedule.ts';
import type { EntryRow, MilestoneRow } from '../store/store.ts';
import { deliverableProgress, progressItems, type ReportContext } from './progress.ts';

/** "In 7 days", "Tomorrow", "Today". */
function inDays(days: number): string {
  if (days <= 0) return 'Today';
  if (days === 1) return 'Tomorrow';
  return `In ${days} days`;
}

function dateNotSet(m: MilestoneRow): string {
  return `The exact date is not set yet; this reminder counts from the start of the window. Set it with \`milestone ${m.id} date <date>\` and the reminders follow.`;
}

export function meetingReminder(ctx: ReportContext, post: PlannedPost, m: MilestoneRow): Reply {
  const days = daysBetween(ctx.today, post.anchorDate);
  const digestNote =
    m.kind === 'working-group-meeting' ? [`The progress digest comes ${ctx.plan.reminders.digestDaysBefore} days before the meeting.`] : [];
  return reply({
    tone: 'info',
    visibility: 'public',
    title: post.exact ? `${inDays(days)}: ${m.title}` : `Coming up: ${m.title}`,
    facts: [{ label: 'When', value: whenText(m) }],
    lines: [...(post.exact ? [] : [dateNotSet(m)]), ...digestNote],
  });
}

export function dueReminder(ctx: ReportContext, post: PlannedPost, m: MilestoneRow): Reply {
  const days = daysBetween(ctx.today, post.anchorDate);
  const due = deliverableProgress(ctx).filter((d) => d.deliverable.due === m.id);
  return reply({
    tone: 'info',
    visibility: 'public',
    title: post.exact ? `${inDays(days)}: due by "${m.title}"` : `Coming up: due by "${m.title}"`,
    facts: [{ label: 'When', value: whenText(m) }],
    progress: due.flatMap(progressItems),
    lines: [
      ...(post.exact ? [] : [dateNotSet(m)]),
      ...(due.length === 0 ? [`Mark it done with \`milestone ${m.id} done\`.`] : []),
    ],
  });
}

/** A private message to the owner of a next step that is past its due date. */
export function overdueNudge(ctx: ReportContext, entry: EntryRow): Reply {
  const state = ctx.states.byCode(entry.stateIso3);
  return reply({
    tone: 'warning',
    title: `Your next step with ${state.name} is past its due date`,
    facts: [
      { label: 'Next step', value: entry.step ?? '' },
      { label: 'Due', value: `${formatDate(entry.dueOn ?? ctx.today)} (${daysBetween(entry.dueOn ?? ctx.today, ctx.today)} days ago)` },
      { label: 'Entry', value: `#${entry.id}` },
    ],
    lines: [`Done? \`done #${entry.id}\`. New date? \`edit #${entry.id} by <date>\`. This reminder comes back every ${ctx.plan.reminders.overdueNudgeEveryDays} days until then.`],
    actions: [{ label: 'Mark done', command: `done #${entry.id}`, style: 'primary' }],
  });
}
