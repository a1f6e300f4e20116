/**
 * How far each deliverable has come, computed from the log, the milestones and the top-15
 * list. Pure: the caller gathers the facts, this decides the figures, so the `deliverables`
 * command and the digest can never disagree.
 */
import { daysBetween, earlierDate } from './dates.ts';
import type { CountingWindow, EntriesIndicator, EntryCount, EntryVerdict } from './counting.ts';
import { dueDate, type MilestoneTiming } from './milestones.ts';
import type { Indicator, Plan, PlanDeliverable } from './plan.ts';
import type { PlanClosing } from './plan-closing.ts';

export interface ProgressFacts {
  /**
   * An entry indicator's figure within a window, as countEntries (counting.ts) counts it: over
   * the log's entries in JavaScript, with each entry's verdict for `deliverable <id>`, or in SQL
   * for the figure alone (see reports/progress.ts).
   */
  countEntries: (indicator: EntriesIndicator, window: CountingWindow) => EntryCount;
  milestones: readonly MilestoneTiming[];
  /** The current top-15 list. */
  targets: readonly { hasLead: boolean; hasBarrier: boolean }[];
  today: string;
  /** Once the plan is closed: entries logged after it count no more (see plan-closing.ts). */
  closed?: PlanClosing;
}

/** A milestone done after its own due date: met late (counted or not, as the plan's `lateMilestones` says). */
export interface LateMilestone {
  title: string;
  dueOn: string;
  doneOn: string;
  daysLate: number;
}

export interface IndicatorProgress {
  label: string;
  /** `group`: the group's own measure, not named by the plan; it never decides `met`. */
  origin: 'plan' | 'group';
  current: number;
  /** What counts as met; absent for figures shown for information only. */
  target?: number;
  targetMax?: number;
  met: boolean;
  /** Milestone indicators: the parts not yet done. */
  missing?: Pick<MilestoneTiming, 'id' | 'title'>[];
  /** Milestone indicators: the parts done after their due date; `lateCounted`: whether they count. */
  late?: LateMilestone[];
  lateCounted?: boolean;
  /** Entry indicators, when asked for: every entry of the indicator's kinds, and whether and why not it counts. */
  verdicts?: EntryVerdict[];
  /** Entry indicators not counted by state: how many states the counted entries concern. */
  states?: number;
}

export interface DeliverableProgress {
  deliverable: PlanDeliverable;
  dueOn: string;
  indicators: IndicatorProgress[];
  /**
   * done: every target met; behind: due date passed without it; open: still in time;
   * info: figures without a numeric target (e.g. engagement with States Parties), never "met".
   */
  status: 'done' | 'open' | 'behind' | 'info';
  /**
   * A deliverable met by milestones alone, the last of them done after its due date: the day it
   * was met and how many days late.
   */
  metLate?: { on: string; daysLate: number };
}

export function computeProgress(plan: Plan, facts: ProgressFacts): DeliverableProgress[] {
  const milestones = new Map(facts.milestones.map((m) => [m.id, m]));
  return plan.deliverables.map((deliverable) => {
    const due = milestones.get(deliverable.due);
    const dueOn = due ? dueDate(due) : plan.period.to;
    // Entries count from the start of the cycle to the deliverable's due date, never past the cycle.
    const window = { from: plan.period.from, to: earlierDate(dueOn, plan.period.to), ...(facts.closed ? { closed: facts.closed } : {}) };
    const indicators = deliverable.indicators.map((indicator) => measure(indicator, facts, milestones, plan, window));
    // Only what the plan asks for decides the status; the group's own figures are shown beside it.
    const decisive = indicators.filter((i) => i.origin === 'plan' && i.target !== undefined);
    if (decisive.length === 0) return { deliverable, dueOn, indicators, status: 'info' as const };
    const met = decisive.every((i) => i.met);
    if (!met) return { deliverable, dueOn, indicators, status: facts.today > dueOn ? 'behind' : 'open' };
    const late = metLate(deliverable, milestones, dueOn);
    return { deliverable, dueOn, indicators, status: 'done', ...(late ? { metLate: late } : {}) };
  });
}

function measure(indicator: Indicator, facts: ProgressFacts, milestones: Map<string, MilestoneTiming>, plan: Plan, window: CountingWindow): IndicatorProgress {
  const base = { label: indicator.label, origin: indicator.origin };
  switch (indicator.measure) {
    case 'entries': {
      const { current, states, verdicts } = facts.countEntries(indicator, window);
      // A figure of states is its own count of states; any other figure says how many states it spans.
      const counted = { ...base, current, verdicts, states: indicator.distinct === 'state' ? undefined : states };
      if (!indicator.target) return { ...counted, met: true };
      return { ...counted, target: indicator.target.min, targetMax: indicator.target.max, met: current >= indicator.target.min };
    }
    case 'milestones': {
      const parts = indicator.milestones.flatMap((id) => milestones.get(id) ?? []);
      const late = parts.flatMap((m) => lateness(m) ?? []);
      const lateCounted = plan.lateMilestones === 'count';
      const missing = parts.filter((m) => !m.doneOn);
      const current = parts.length - missing.length - (lateCounted ? 0 : late.length);
      return { ...base, current, target: parts.length, met: current === parts.length, missing, late, lateCounted };
    }
    case 'targets': {
      const current = facts.targets.filter((t) => indicator.require === undefined || (indicator.require === 'lead' ? t.hasLead : t.hasBarrier)).length;
      return { ...base, current, target: plan.targetListSize, met: current >= plan.targetListSize };
    }
  }
}

/** A milestone done after its due date, and by how many days; undefined when not done or done in time. */
function lateness(m: MilestoneTiming): LateMilestone | undefined {
  const dueOn = dueDate(m);
  if (!m.doneOn || m.doneOn <= dueOn) return undefined;
  return { title: m.title, dueOn, doneOn: m.doneOn, daysLate: daysBetween(dueOn, m.doneOn) };
}

/**
 * When a met deliverable that only milestones decide was met, if after its due date: the day
 * its last milestone was done. (A figure from the log or the list has no such day to compare.)
 */
function metLate(deliverable: PlanDeliverable, milestones: Map<string, MilestoneTiming>, dueOn: string): DeliverableProgress['metLate'] {
  const decisive = deliverable.indicators.filter((i) => i.origin === 'plan' && (i.measure !== 'entries' || i.target !== undefined));
  if (decisive.some((i) => i.measure !== 'milestones')) return undefined;
  const doneDays = decisive.flatMap((i) => (i.measure === 'milestones' ? i.milestones.map((id) => milestones.get(id)?.doneOn ?? '') : []));
  // ISO days sort as text: the last of them, '' when none is done.
  const on = doneDays.sort().at(-1) ?? '';
  return on > dueOn ? { on, daysLate: daysBetween(dueOn, on) } : undefined;
}
