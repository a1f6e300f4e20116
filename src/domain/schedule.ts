/**
 * What the plan says should be posted, and when: reminders before meetings and due dates,
 * prompts to set the date of a meeting the plan gives only months for, and a digest before
 * each working group meeting. Pure: the scheduler decides which of these are due now and
 * records them in the ledger.
 */
import { familyOf, planOccurrence } from './post-key.ts';
import { addDays, addMonths, daysInMonth } from './dates.ts';
import { planCalendar } from './calendar.ts';
import { dueDate, earliestDate, exactDate, type MilestoneTiming } from './milestones.ts';
import type { MilestoneKind, Plan } from './plan.ts';
import { instantAt } from './time.ts';

/** Milestones that are events people attend: reminded `meetingDaysBefore`. */
export const MEETING_KINDS: readonly string[] = ['working-group-meeting', 'preparatory-meeting', 'conference', 'workshop'];

type PostKind = 'reminder' | 'digest';

export interface PlannedPost {
  /** `meeting-7d`, `due-14d`, `set-date` or `digest`: one rule, one ledger key part. */
  rule: string;
  kind: PostKind;
  /**
   * What the post reminds of: `meeting` (the event itself), `due` (deliverables due by it) or
   * `set-date` (the meeting has only a window of months: members are asked for its date).
   */
  about: 'meeting' | 'due' | 'set-date';
  planId: string;
  milestoneId: string;
  /**
   * The date the post counts back from: the exact date, else the window's first day (meetings,
   * digests, set-date prompts) or its last day (due dates, as `deliverables` shows them).
   */
  anchorDate: string;
  /** Whether `anchorDate` is the real date or only an end of the window. */
  exact: boolean;
  /** Days from the post to `anchorDate`; negative for set-date prompts once the window is open. */
  daysBefore: number;
  /**
   * `${planId}/${milestoneId}@${anchorDate}` (a new date makes new posts, the old ones are never
   * sent); for a set-date prompt `${planId}/${milestoneId}@${day of the prompt}`, each its own.
   */
  occurrence: string;
  dueAt: Date;
  /** The last day of the event: after it, an unsent post about it is no longer worth sending. */
  eventEndsOn: string;
  /**
   * Posts of one family announce the same thing; when several fell due while the bot was
   * down, only the latest is sent.
   */
  family: string;
}

export interface ScheduleMilestone extends MilestoneTiming {
  kind: MilestoneKind | string;
}

/**
 * A meeting whose date nobody knows yet and whose window spans several months: counting
 * reminders from the window's first day would announce it months early ("tomorrow", on
 * 31 Dec, for a meeting some time in January–August), so it gets set-date prompts instead.
 */
function awaitsDate(m: ScheduleMilestone): boolean {
  return MEETING_KINDS.includes(m.kind) && exactDate(m) === null && m.windowFrom !== m.windowTo;
}

/**
 * The working group meetings not done and without a date that share `m`'s window exactly,
 * in plan order (`m` included; empty when `m` is not one). They share one digest, the
 * first's: until one has a date nobody can tell which comes first, and two digests at the
 * same minute would be identical.
 */
export function meetingsSharingWindow<M extends ScheduleMilestone>(plan: Plan, m: M, milestones: readonly M[]): M[] {
  const undated = (x: M) => x.kind === 'working-group-meeting' && !x.doneOn && exactDate(x) === null;
  if (!undated(m)) return [];
  const planOrder = (x: M) => plan.milestones.findIndex((p) => p.id === x.id);
  return milestones.filter((x) => undated(x) && x.windowFrom === m.windowFrom && x.windowTo === m.windowTo).sort((a, b) => planOrder(a) - planOrder(b));
}

/**
 * The days on which members are asked to set a meeting's date: `setDatePromptDaysBefore`
 * before its window opens, then on the same day of each month until the window's end.
 */
function setDatePromptDays(m: ScheduleMilestone, daysBefore: number): string[] {
  const first = addDays(earliestDate(m), -daysBefore);
  const days: string[] = [];
  for (let day = first, n = 1; day <= dueDate(m); day = addMonths(first, n++)) days.push(day);
  return days;
}

/**
 * The days of the one set-date prompt a month: of the days each meeting awaiting a date asks for
 * (see setDatePromptDays), the first of each month, with the meeting that asks for it. A channel
 * is asked once a month about every meeting then awaiting a date, never once per meeting.
 */
function monthlySetDatePrompts<M extends ScheduleMilestone>(awaiting: readonly M[], daysBefore: number): { day: string; meeting: M }[] {
  const firstOfMonth = new Map<string, { day: string; meeting: M }>();
  for (const meeting of awaiting) {
    for (const day of setDatePromptDays(meeting, daysBefore)) {
      const held = firstOfMonth.get(day.slice(0, 7));
      if (!held || day < held.day) firstOfMonth.set(day.slice(0, 7), { day, meeting });
    }
  }
  return [...firstOfMonth.values()];
}

/** The last day of the month `day` is in. */
function endOfMonth(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return `${day.slice(0, 7)}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

/**
 * Every post the plan calls for, in time order. Milestones already done, and tasks, get none.
 *
 * A working group meeting's digest goes out `digestDaysBefore` its day, except when a dated
 * meeting that comes before it in calendar order (domain/calendar.ts) is still ahead on that day:
 * the digest before that one is the one the channel needs, and two digests in one week would
 * disagree about what comes next. (wg3 dated 23 Apr and wg4 undated: wg4's digest, due when
 * the April–June window opens, is not sent; wg3's is, on 21 Apr.)
 */
export function planSchedule(plan: Plan, milestones: readonly ScheduleMilestone[], timeZone: string): PlannedPost[] {
  const rules = plan.reminders;
  const dueMilestones = new Set([...plan.deliverables.map((d) => d.due), ...milestones.filter((m) => m.kind === 'deadline').map((m) => m.id)]);
  const calendar = planCalendar(plan, milestones);
  const meetingsInOrder = calendar.meetings();
  const posts: PlannedPost[] = [];
  const post = (m: ScheduleMilestone, fields: Omit<PlannedPost, 'kind' | 'dueAt' | 'eventEndsOn' | 'family'> & { kind?: PostKind; eventEndsOn?: string }) =>
    posts.push({
      kind: 'reminder',
      eventEndsOn: dueDate(m),
      ...fields,
      dueAt: instantAt(addDays(fields.anchorDate, -fields.daysBefore), rules.time, timeZone),
      family: familyOf(fields.rule, fields.occurrence),
    });
  const occurrence = (m: ScheduleMilestone, day: string) => planOccurrence(plan.id, m.id, day);
  const startOf = (m: ScheduleMilestone) => ({
    planId: plan.id,
    milestoneId: m.id,
    exact: exactDate(m) !== null,
    anchorDate: earliestDate(m),
    occurrence: occurrence(m, earliestDate(m)),
  });
  // In calendar order, so that a month's prompt is filed under the meeting that comes first.
  const live = calendar.ordered.filter((m) => !m.doneOn && m.kind !== 'task');
  for (const { day, meeting } of monthlySetDatePrompts(live.filter(awaitsDate), rules.setDatePromptDaysBefore)) {
    post(meeting, {
      ...startOf(meeting),
      rule: 'set-date',
      about: 'set-date',
      anchorDate: day,
      daysBefore: 0,
      occurrence: occurrence(meeting, day),
      eventEndsOn: endOfMonth(day),
    });
  }
  for (const m of live) {
    // A task is ticked off in the log, never announced: reminders about it would be noise.
    const start = startOf(m);
    if (!awaitsDate(m) && MEETING_KINDS.includes(m.kind)) {
      for (const daysBefore of rules.meetingDaysBefore) post(m, { ...start, rule: `meeting-${daysBefore}d`, about: 'meeting', daysBefore });
    }
    if (dueMilestones.has(m.id)) {
      // From the day `deliverables` shows as the due date: the exact date, else the window's end.
      const end = { ...start, anchorDate: dueDate(m), occurrence: occurrence(m, dueDate(m)) };
      for (const daysBefore of rules.dueDaysBefore) post(m, { ...end, rule: `due-${daysBefore}d`, about: 'due', daysBefore });
    }
    const sharing = meetingsSharingWindow(plan, m, milestones);
    if (m.kind !== 'working-group-meeting' || (sharing.length > 0 && sharing[0]!.id !== m.id)) continue;
    const digestDay = addDays(start.anchorDate, -rules.digestDaysBefore);
    const datedAheadOfIt = meetingsInOrder.slice(0, meetingsInOrder.indexOf(m)).some((d) => (exactDate(d) ?? '') >= digestDay);
    if (!datedAheadOfIt) post(m, { ...start, rule: 'digest', kind: 'digest', about: 'meeting', daysBefore: rules.digestDaysBefore });
  }
  return posts.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.rule.localeCompare(b.rule));
}
