/**
 * What the plan says should be posted, and when: reminders before meetings and due dates,
 * and a digest before each working group meeting. Pure: the scheduler decides which of
 * these are due now and records them in the ledger.
 */
import { addDays } from './dates.ts';
import { dueDate, earliestDate, exactDate, type MilestoneTiming } from './milestones.ts';
import type { MilestoneKind, Plan } from './plan.ts';
import { instantAt } from './time.ts';

/** Milestones that are events people attend: reminded `meetingDaysBefore`. */
const MEETING_KINDS: readonly string[] = ['working-group-meeting', 'preparatory-meeting', 'conference', 'workshop'];

export type PostKind = 'reminder' | 'digest';

export interface PlannedPost {
  /** `meeting-7d`, `due-14d` or `digest`: one rule, one ledger key part. */
  rule: string;
  kind: PostKind;
  /** What the post reminds of: `meeting` (the event itself) or `due` (deliverables due by it). */
  about: 'meeting' | 'due';
  planId: string;
  milestoneId: string;
  /** The date the post counts back from: the exact date, or the first day of the month window. */
  anchorDate: string;
  /** Whether `anchorDate` is the real date or only the start of the window. */
  exact: boolean;
  daysBefore: number;
  /** `${planId}/${milestoneId}@${anchorDate}`: a new date makes new posts, the old ones are never sent. */
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

/**
 * The family of a post: posts of one family announce the same thing (the 7-day and the 1-day
 * reminder of one meeting; the weekly nudges about one next step), so when several are owed
 * at once only the latest is sent. Works on ledger keys, so stored posts group the same way.
 */
export function familyOf(rule: string, occurrence: string): string {
  const subject = occurrence.split('@')[0]!;
  if (rule.startsWith('meeting-')) return `meeting:${subject}`;
  if (rule.startsWith('due-')) return `due:${subject}`;
  if (rule === 'digest') return `digest:${subject}`;
  if (rule === 'nudge') return `nudge:${subject}`;
  return `${rule}:${occurrence}`; // digest parts: each is its own
}

/**
 * The plan and milestone a plan post is about, read back from its ledger occurrence
 * (`<plan id>/<milestone id>@<date>`, digest parts adding `#<part>`). Milestone ids repeat
 * across cycles, so the plan id is part of every occurrence.
 */
export function occurrenceSubject(occurrence: string): { planId: string; milestoneId: string } | undefined {
  const match = /^([^/@#]+)\/([^/@#]+)@/.exec(occurrence);
  return match ? { planId: match[1]!, milestoneId: match[2]! } : undefined;
}

export interface ScheduleMilestone extends MilestoneTiming {
  kind: MilestoneKind | string;
}

/** Every post the plan calls for, in time order. Milestones already done get none. */
export function planSchedule(plan: Plan, milestones: readonly ScheduleMilestone[], timeZone: string): PlannedPost[] {
  const rules = plan.reminders;
  const dueMilestones = new Set([
    ...plan.deliverables.map((d) => d.due),
    ...milestones.filter((m) => m.kind === 'deadline').map((m) => m.id),
  ]);
  const posts: PlannedPost[] = [];
  for (const m of milestones) {
    if (m.doneOn) continue;
    const anchorDate = earliestDate(m);
    const base = {
      planId: plan.id,
      milestoneId: m.id,
      anchorDate,
      exact: exactDate(m) !== null,
      occurrence: `${plan.id}/${m.id}@${anchorDate}`,
      eventEndsOn: dueDate(m),
    };
    const at = (daysBefore: number) => instantAt(addDays(anchorDate, -daysBefore), rules.time, timeZone);
    if (MEETING_KINDS.includes(m.kind)) {
      for (const daysBefore of rules.meetingDaysBefore) {
        const rule = `meeting-${daysBefore}d`;
        posts.push({ ...base, rule, kind: 'reminder', about: 'meeting', daysBefore, dueAt: at(daysBefore), family: familyOf(rule, base.occurrence) });
      }
    }
    if (dueMilestones.has(m.id)) {
      for (const daysBefore of rules.dueDaysBefore) {
        const rule = `due-${daysBefore}d`;
        posts.push({ ...base, rule, kind: 'reminder', about: 'due', daysBefore, dueAt: at(daysBefore), family: familyOf(rule, base.occurrence) });
      }
    }
    if (m.kind === 'working-group-meeting') {
      const daysBefore = rules.digestDaysBefore;
      posts.push({ ...base, rule: 'digest', kind: 'digest', about: 'meeting', daysBefore, dueAt: at(daysBefore), family: familyOf('digest', base.occurrence) });
    }
  }
  return posts.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.rule.localeCompare(b.rule));
}
