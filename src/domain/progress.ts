/**
 * How far each deliverable has come, computed from the log, the milestones and the top-15
 * list. Pure: the caller gathers the facts, this decides the figures, so the `deliverables`
 * command and the digest can never disagree.
 */
import { earlierDate } from './dates.ts';
import type { CountingWindow, EntriesIndicator, EntryCount, EntryVerdict } from './counting.ts';
import { dueDate, type MilestoneTiming } from './milestones.ts';
import type { Indicator, Plan, PlanDeliverable } from './plan.ts';

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
  /** Milestone indicators: the titles of the parts not yet done. */
  missing?: string[];
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
}

export function computeProgress(plan: Plan, facts: ProgressFacts): DeliverableProgress[] {
  const milestones = new Map(facts.milestones.map((m) => [m.id, m]));
  return plan.deliverables.map((deliverable) => {
    const due = milestones.get(deliverable.due);
    const dueOn = due ? dueDate(due) : plan.period.to;
    // Entries count from the start of the cycle to the deliverable's due date, never past the cycle.
    const window = { from: plan.period.from, to: earlierDate(dueOn, plan.period.to) };
    const indicators = deliverable.indicators.map((indicator) => measure(indicator, facts, milestones, plan, window));
    // Only what the plan asks for decides the status; the group's own figures are shown beside it.
    const decisive = indicators.filter((i) => i.origin === 'plan' && i.target !== undefined);
    if (decisive.length === 0) return { deliverable, dueOn, indicators, status: 'info' as const };
    const met = decisive.every((i) => i.met);
    return { deliverable, dueOn, indicators, status: met ? 'done' : facts.today > dueOn ? 'behind' : 'open' };
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
      const parts = indicator.milestones.map((id) => milestones.get(id));
      const missing = parts.filter((m) => m && !m.doneOn).map((m) => m!.title);
      const current = parts.length - missing.length;
      return { ...base, current, target: parts.length, met: missing.length === 0, missing };
    }
    case 'targets': {
      const current = facts.targets.filter((t) => indicator.require === undefined || (indicator.require === 'lead' ? t.hasLead : t.hasBarrier)).length;
      return { ...base, current, target: plan.targetListSize, met: current >= plan.targetListSize };
    }
  }
}
