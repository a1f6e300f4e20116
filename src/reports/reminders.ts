/**
 * The reminders the scheduler posts, as reply models: before a meeting, before a due date,
 * the prompt to set a meeting's date, and the private nudge about an overdue next step.
 */
import { reply, type Reply } from '../core/reply.ts';
import { addDays, daysBetween, formatDate } from '../domain/dates.ts';
import { dueDate, exactDate, whenText } from '../domain/milestones.ts';
import { MEETING_KINDS, type PlannedPost } from '../domain/schedule.ts';
import type { EntryRow, MilestoneRow } from '../store/store.ts';
import { milestoneTitle } from './figures-only.ts';
import { calendarOf, deliverableProgress, progressItems, type ReportContext } from './progress.ts';

/** "In 7 days", "Tomorrow", "Today". */
function inDays(days: number): string {
  if (days <= 0) return 'Today';
  if (days === 1) return 'Tomorrow';
  return `In ${days} days`;
}

/** "By tomorrow", "Within 14 days": the date is only the window's last day, so at the latest. */
function withinDays(days: number): string {
  if (days <= 0) return 'Today';
  if (days === 1) return 'By tomorrow';
  return `Within ${days} days`;
}

/** `countsFrom`: the day the reminder counted from instead, and why that day. */
function dateNotSet(m: MilestoneRow, countsFrom: string): string {
  return `The exact date is not set yet; this reminder counts from ${countsFrom}. Set it with \`milestone ${m.id} date <date>\` and the reminders follow.`;
}

/** "7 and 1 days", "14 days". */
function daysList(days: readonly number[]): string {
  const [last, ...rest] = [...days].reverse();
  return `${rest.length > 0 ? `${rest.reverse().join(', ')} and ` : ''}${last} ${last === 1 && rest.length === 0 ? 'day' : 'days'}`;
}

export function meetingReminder(ctx: ReportContext, post: PlannedPost, m: MilestoneRow): Reply {
  const days = daysBetween(ctx.today, post.anchorDate);
  const digestNote = m.kind === 'working-group-meeting' ? [`The progress digest comes ${ctx.plan.reminders.digestDaysBefore} days before the meeting.`] : [];
  return reply({
    tone: 'info',
    visibility: 'public',
    title: post.exact ? `${inDays(days)}: ${milestoneTitle(ctx, m)}` : `Coming up: ${milestoneTitle(ctx, m)}`,
    facts: [{ label: 'When', value: whenText(m) }],
    lines: [...(post.exact ? [] : [dateNotSet(m, 'the start of the window')]), ...digestNote],
  });
}

export function dueReminder(ctx: ReportContext, post: PlannedPost, m: MilestoneRow): Reply {
  const days = daysBetween(ctx.today, post.anchorDate);
  const due = deliverableProgress(ctx).filter((d) => d.deliverable.due === m.id);
  return reply({
    tone: 'info',
    visibility: 'public',
    title: `${post.exact ? inDays(days) : withinDays(days)}: due by "${milestoneTitle(ctx, m)}"`,
    facts: [{ label: 'When', value: whenText(m) }],
    progress: due.flatMap((d) => progressItems(d, ctx)),
    lines: [
      ...(post.exact ? [] : [dateNotSet(m, `the last day of the window (${formatDate(dueDate(m))}), the due date \`deliverables\` shows`)]),
      ...(due.length === 0 ? [`Mark it done with \`milestone ${m.id} done\`.`] : []),
    ],
  });
}

/** How far ahead the set-date prompt looks for meetings whose window is about to open. */
const SET_DATE_HORIZON_DAYS = 42;

/**
 * The meetings a set-date prompt asks about on `today`: every meeting with no date, not done,
 * whose window is open and not over or opens within six weeks, in calendar order.
 */
function meetingsAwaitingADate(ctx: ReportContext): MilestoneRow[] {
  const horizon = addDays(ctx.today, SET_DATE_HORIZON_DAYS);
  return calendarOf(ctx)
    .comingUp(ctx.today)
    .filter((m) => MEETING_KINDS.includes(m.kind) && exactDate(m) === null && `${m.windowFrom}-01` <= horizon);
}

/**
 * The monthly prompt to set the dates of the meetings the plan gives only months for: until a
 * date is set there is no day to remind of, so the channel is asked instead, once a month for
 * all of them. Nothing to ask (every date set since): no prompt.
 */
export function setDatePrompt(ctx: ReportContext): Reply | undefined {
  const meetings = meetingsAwaitingADate(ctx);
  const [first] = meetings;
  if (!first) return undefined;
  return reply({
    tone: 'info',
    visibility: 'public',
    title: meetings.length === 1 ? `Set the date: ${milestoneTitle(ctx, first)}` : `Set the dates of ${meetings.length} meetings`,
    sections: [
      {
        heading: 'No date yet',
        items: meetings.map((m) => ({ text: milestoneTitle(ctx, m), detail: `${whenText(m)} · \`milestone ${m.id} date <date>\`` })),
      },
    ],
    lines: [
      `The plan gives only months for ${meetings.length === 1 ? 'this meeting' : 'these meetings'}, so no reminder can count down to ${meetings.length === 1 ? 'it' : 'them'}. Once a date is known, type \`milestone ${first.id} date <date>\` (with that meeting's id): reminders ${daysList(ctx.plan.reminders.meetingDaysBefore)} before it follow.`,
      'Until then this question comes back once a month.',
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
    lines: [
      `Done? \`done #${entry.id}\`. New date? \`edit #${entry.id} by <date>\`. This reminder comes back every ${ctx.plan.reminders.overdueNudgeEveryDays} days until then.`,
      `Not now? \`snooze #${entry.id} 1 week\`, or \`away until <date>\` while you are away.`,
    ],
    actions: [
      { label: 'Mark done', command: `done #${entry.id}`, style: 'primary', settles: true },
      { label: 'Snooze 1 week', command: `snooze #${entry.id} 1 week`, settles: true },
      { label: 'Snooze until after the next meeting', command: `snooze #${entry.id} after next meeting`, settles: true },
    ],
  });
}
