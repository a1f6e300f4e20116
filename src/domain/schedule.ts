/**
 * What the plan says should be posted, and when: reminders before meetings and due dates,
 * prompts to set the date of a meeting the plan gives only months for, and a digest before
 * each working group meeting. Pure: the scheduler decides which of these are due now and
 * records them in the ledger.
 */
import { familyOf, planOccurrence } from './post-key.ts';
import { addDays, addMonths, daysBetween } from './dates.ts';
import { dueDate, earliestDate, exactDate, type MilestoneTiming } from './milestones.ts';
import type { MilestoneKind, Plan } from './plan.ts';
import { instantAt } from './time.ts';

/** Milestones that are events people attend: reminded `meetingDaysBefore`. */
const MEETING_KINDS: readonly string[] = ['working-group-meeting', 'preparatory-meeting', 'conference', 'workshop'];

export type PostKind = 'reminder' | 'digest';

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

/** Every post the plan calls for, in time order. Milestones already done, and tasks, get none. */
export function planSchedule(plan: Plan, milestones: readonly ScheduleMilestone[], timeZone: string): PlannedPost[] {
  const rules = plan.reminders;
  const dueMilestones = new Set([...plan.deliverables.map((d) => d.due), ...milestones.filter((m) => m.kind === 'deadline').map((m) => m.id)]);
  const posts: PlannedPost[] = [];
  for (const m of milestones) {
    // A task is ticked off in the log, never announced: reminders about it would be noise.
    if (m.doneOn || m.kind === 'task') continue;
    const post = (fields: Omit<PlannedPost, 'kind' | 'dueAt' | 'eventEndsOn' | 'family'> & { kind?: PostKind }) =>
      posts.push({
        kind: 'reminder',
        ...fields,
        dueAt: instantAt(addDays(fields.anchorDate, -fields.daysBefore), rules.time, timeZone),
        eventEndsOn: dueDate(m),
        family: familyOf(fields.rule, fields.occurrence),
      });
    const occurrence = (day: string) => planOccurrence(plan.id, m.id, day);
    const start = { planId: plan.id, milestoneId: m.id, exact: exactDate(m) !== null, anchorDate: earliestDate(m), occurrence: occurrence(earliestDate(m)) };
    if (awaitsDate(m)) {
      for (const day of setDatePromptDays(m, rules.setDatePromptDaysBefore)) {
        post({ ...start, rule: 'set-date', about: 'set-date', daysBefore: daysBetween(day, start.anchorDate), occurrence: occurrence(day) });
      }
    } else if (MEETING_KINDS.includes(m.kind)) {
      for (const daysBefore of rules.meetingDaysBefore) post({ ...start, rule: `meeting-${daysBefore}d`, about: 'meeting', daysBefore });
    }
    if (dueMilestones.has(m.id)) {
      // From the day `deliverables` shows as the due date: the exact date, else the window's end.
      const end = { ...start, anchorDate: dueDate(m), occurrence: occurrence(dueDate(m)) };
      for (const daysBefore of rules.dueDaysBefore) post({ ...end, rule: `due-${daysBefore}d`, about: 'due', daysBefore });
    }
    const sharing = meetingsSharingWindow(plan, m, milestones);
    if (m.kind === 'working-group-meeting' && (sharing.length === 0 || sharing[0]!.id === m.id)) {
      post({ ...start, rule: 'digest', kind: 'digest', about: 'meeting', daysBefore: rules.digestDaysBefore });
    }
  }
  return posts.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.rule.localeCompare(b.rule));
}
