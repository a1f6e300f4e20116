/**
 * How far each deliverable has come, computed from the log, the milestones and the top-15
 * list. Pure: the caller gathers the facts, this decides the figures, so the `deliverables`
 * command and the digest can never disagree.
 */
import { dueDate, type MilestoneTiming } from './milestones.ts';
import type { EntryKind, Indicator, Level, Plan, PlanDeliverable } from './plan.ts';

export interface ProgressFacts {
  /** Live log entries with the CCM status of their state. */
  entries: readonly { kind: EntryKind; level: Level | null; ccmStatus: string }[];
  milestones: readonly MilestoneTiming[];
  /** The current top-15 list. */
  targets: readonly { hasLead: boolean; hasBarrier: boolean }[];
  today: string;
}

export interface IndicatorProgress {
  label: string;
  current: number;
  /** What counts as met; absent for figures shown for information only. */
  target?: number;
  targetMax?: number;
  met: boolean;
  /** Milestone indicators: the titles of the parts not yet done. */
  missing?: string[];
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
    const indicators = deliverable.indicators.map((indicator) => measure(indicator, facts, milestones, plan));
    const due = milestones.get(deliverable.due);
    const dueOn = due ? dueDate(due) : '9999-12-31';
    if (indicators.every((i) => i.target === undefined)) return { deliverable, dueOn, indicators, status: 'info' as const };
    const met = indicators.every((i) => i.met);
    return { deliverable, dueOn, indicators, status: met ? 'done' : facts.today > dueOn ? 'behind' : 'open' };
  });
}

function measure(
  indicator: Indicator,
  facts: ProgressFacts,
  milestones: Map<string, MilestoneTiming>,
  plan: Plan,
): IndicatorProgress {
  switch (indicator.measure) {
    case 'entries': {
      const current = facts.entries.filter(
        (e) =>
          indicator.kinds.includes(e.kind) &&
          (!indicator.levels || (e.level !== null && indicator.levels.includes(e.level))) &&
          (!indicator.excludeLevels || e.level === null || !indicator.excludeLevels.includes(e.level)) &&
          (!indicator.stateStatuses || (indicator.stateStatuses as readonly string[]).includes(e.ccmStatus)),
      ).length;
      if (!indicator.target) return { label: indicator.label, current, met: true };
      return {
        label: indicator.label,
        current,
        target: indicator.target.min,
        targetMax: indicator.target.max,
        met: current >= indicator.target.min,
      };
    }
    case 'milestones': {
      const parts = indicator.milestones.map((id) => milestones.get(id));
      const missing = parts.filter((m) => m && !m.doneOn).map((m) => m!.title);
      const current = parts.length - missing.length;
      return { label: indicator.label, current, target: parts.length, met: missing.length === 0, missing };
    }
    case 'targets': {
      const current = facts.targets.filter(
        (t) => indicator.require === undefined || (indicator.require === 'lead' ? t.hasLead : t.hasBarrier),
      ).length;
      return { label: indicator.label, current, target: plan.targetListSize, met: current >= plan.targetListSize };
    }
  }
}
