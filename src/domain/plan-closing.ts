/**
 * When a plan's cycle is over for good. A plan stays open for its period and `graceDays` after
 * it (the Review Conference's month still gets recorded); after that it is closed: its
 * milestones, top-15 list and figures are final, so the numbers quoted to the States Parties do
 * not move. Only an admin naming the plan corrects it, and entries logged after it closed no
 * longer count toward it, whatever day they are dated.
 */
import { addDays } from './dates.ts';
import type { Plan } from './plan.ts';
import { instantAt } from './time.ts';

/** A closed plan's last open day, and the instant that day ended in the group's time zone (UTC ISO, as `created_at` is stored). */
export interface PlanClosing {
  on: string;
  at: string;
}

/** The last day the plan can be changed: its period's last day and the grace days after it. */
export function lastOpenDay(plan: Pick<Plan, 'period' | 'graceDays'>): string {
  return addDays(plan.period.to, plan.graceDays);
}

/** Whether the plan is closed on `today` (a calendar date in the group's time zone). */
export function isClosed(plan: Pick<Plan, 'period' | 'graceDays'>, today: string): boolean {
  return today > lastOpenDay(plan);
}

/** The plan's closing when it is closed on `today`; undefined while it is open. */
export function closingOn(plan: Pick<Plan, 'period' | 'graceDays'>, today: string, timeZone: string): PlanClosing | undefined {
  if (!isClosed(plan, today)) return undefined;
  const on = lastOpenDay(plan);
  // The end of the last open day: the instant before the next day starts there.
  return { on, at: new Date(instantAt(addDays(on, 1), '00:00', timeZone).getTime() - 1).toISOString() };
}
