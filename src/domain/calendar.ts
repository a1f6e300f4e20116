/**
 * The plan's calendar in one order, used by every report that says what comes next: which
 * working group meeting is next and which was last (the digest, `home`, `snooze … after next
 * meeting`), and what is coming up (the digest's "Next milestones", `home`, the set-date prompt).
 *
 * The plan gives some meetings only a window of months (wg3 and wg4: April–June 2026), so
 * "next" cannot simply follow the window's start: a member who dates wg3 on 23 Apr has said
 * that it comes before the undated wg4, whose window opened on 1 Apr. The rule:
 * - a dated meeting is placed on its date;
 * - a meeting marked done without a date is placed on the day it was marked done;
 * - any other meeting is placed on the last day of its window, and on a tie after a dated one;
 * - ties left are in the plan file's order.
 * The placement decides order only: posts keep the times the schedule gives them.
 */
import { dueDate, exactDate, type MilestoneTiming } from './milestones.ts';
import type { Plan } from './plan.ts';

export interface CalendarMilestone extends MilestoneTiming {
  kind: string;
}

/** The day a milestone is placed on when milestones are put in order (see the file's comment). */
function placedOn(m: CalendarMilestone): string {
  return exactDate(m) ?? m.doneOn ?? dueDate(m);
}

/** Whether the day a milestone is placed on is a day it really falls on, not the end of a window. */
function isFixed(m: CalendarMilestone): boolean {
  return exactDate(m) !== null || m.doneOn !== null;
}

/** Within a day: meetings, then deadlines, then the tasks that lead to them. */
const KIND_RANK: Record<string, number> = { deadline: 1, task: 2 };

/**
 * One plan's milestones in calendar order. `planOrder` lists the milestone ids as the plan
 * file does, for ties (wg3 before wg4 when neither has a date).
 */
export class PlanCalendar<M extends CalendarMilestone> {
  /** Every milestone, in calendar order. */
  readonly ordered: readonly M[];

  constructor(milestones: readonly M[], planOrder: readonly string[] = []) {
    const position = (m: M) => {
      const at = planOrder.indexOf(m.id);
      return at < 0 ? planOrder.length : at;
    };
    this.ordered = [...milestones].sort(
      (a, b) =>
        placedOn(a).localeCompare(placedOn(b)) ||
        Number(isFixed(b)) - Number(isFixed(a)) ||
        (KIND_RANK[a.kind] ?? 0) - (KIND_RANK[b.kind] ?? 0) ||
        position(a) - position(b) ||
        a.id.localeCompare(b.id),
    );
  }

  /** The working group meetings, in calendar order. */
  meetings(): M[] {
    return this.ordered.filter((m) => m.kind === 'working-group-meeting');
  }

  /** The next working group meeting on `today`: the first in calendar order not done and not over. */
  nextMeeting(today: string): M | undefined {
    return this.meetings().find((m) => isAhead(m, today));
  }

  /**
   * The meeting before `meeting` in calendar order that had taken place by `today`, and the day
   * a digest for `meeting` counts changes since: that meeting's date, else the day it was marked
   * done, else the first day of its window.
   */
  lastMeetingBefore(meeting: M, today: string): LastMeeting<M> | undefined {
    const meetings = this.meetings();
    return meetings
      .slice(
        0,
        meetings.findIndex((m) => m.id === meeting.id),
      )
      .map((m): LastMeeting<M> => {
        const exact = exactDate(m);
        if (exact) return { meeting: m, since: exact, sinceIs: 'date' };
        if (m.doneOn) return { meeting: m, since: m.doneOn, sinceIs: 'done' };
        return { meeting: m, since: `${m.windowFrom}-01`, sinceIs: 'window-start' };
      })
      .filter((last) => last.since < today)
      .at(-1);
  }

  /**
   * What is coming up on `today`, what falls due soonest first: milestones not done and not
   * over, dated ones by their date and undated ones by the last day of their window; those whose
   * window has not opened yet come last.
   */
  comingUp(today: string): M[] {
    const ahead = this.ordered.filter((m) => isAhead(m, today));
    const notOpen = (m: M) => exactDate(m) === null && `${m.windowFrom}-01` > today;
    return [...ahead.filter((m) => !notOpen(m)), ...ahead.filter(notOpen)];
  }
}

/** Whether a milestone is still ahead on `today`: not done, and its date or window not over. */
function isAhead(m: CalendarMilestone, today: string): boolean {
  return !m.doneOn && dueDate(m) >= today;
}

export interface LastMeeting<M> {
  meeting: M;
  /** The day changes are counted from. */
  since: string;
  /** Why that day: the meeting's date, the day it was marked done, or (never dated) its window's first day. */
  sinceIs: 'date' | 'done' | 'window-start';
}

/** A plan's calendar over its milestones as stored (with the dates and completions set in chat). */
export function planCalendar<M extends CalendarMilestone>(plan: Pick<Plan, 'milestones'>, milestones: readonly M[]): PlanCalendar<M> {
  return new PlanCalendar(
    milestones,
    plan.milestones.map((m) => m.id),
  );
}
