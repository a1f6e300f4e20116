/**
 * Deliverable progress as the store knows it today (or knew it on a past day), and its
 * presentation as progress items. Shared by the `deliverables` and `digest` commands and
 * the scheduled digest, so they can never disagree.
 */
import type { Standing } from '../core/picture.ts';
import type { OperatorCommand } from '../core/operator-command.ts';
import type { Progress } from '../core/reply.ts';
import { addDays, daysBetween, earlierDate, formatDate } from '../domain/dates.ts';
import { instantAt } from '../domain/time.ts';
import { type CountableEntry, type CountingWindow, countEntries, type EntriesIndicator, figureQuery, type PartyDays } from '../domain/counting.ts';
import { computeProgress, type DeliverableProgress, type IndicatorProgress, type LateMilestone, type ProgressFacts } from '../domain/progress.ts';
import type { Plan } from '../domain/plan.ts';
import { closingOn } from '../domain/plan-closing.ts';
import type { StateDirectory } from '../domain/states.ts';
import { ccmStatusOn, partySince } from '../domain/ccm.ts';
import type { Counted, MilestoneRow, Store } from '../store/store.ts';
import { type PlanCalendar, planCalendar } from '../domain/calendar.ts';
import { deliverableTitle, milestoneTitle, type Naming } from './figures-only.ts';
import { type TreatyFacts, treatyFacts } from './facts.ts';

/** The plan's calendar as the store has it now (see domain/calendar.ts). */
export function calendarOf(ctx: Pick<ReportContext, 'store' | 'plan'>): PlanCalendar<MilestoneRow> {
  return planCalendar(ctx.plan, ctx.store.plans.milestones(ctx.plan.id));
}

export interface ReportContext {
  store: Store;
  plan: Plan;
  states: StateDirectory;
  /** The calendar date in the group's time zone. */
  today: string;
  timeZone: string;
  /** Who the report may name; `states` when absent. */
  naming?: Naming;
  /** How to spell a `ccm` command for the operator to run; plain when absent (see core/operator-command.ts). */
  operatorCommand?: OperatorCommand;
}

/**
 * Every deliverable's progress. With `asOf`, as things stood at the end of that day: entries
 * that happened by then, milestones done by then, the top-15 list as it was. With `verdicts`,
 * each entry indicator also says, for every entry of its kinds, whether and why not it counts
 * (for `deliverable`): the log is read and counted by countEntries. Without, only the figures
 * are worked out, counted by the store in SQL by the same rules (see {@link figureQuery}).
 */
export function deliverableProgress(ctx: ReportContext, asOf?: string, options: { verdicts?: boolean } = {}): DeliverableProgress[] {
  return progressOf(ctx, asOf, options.verdicts ? countedWithVerdicts(ctx, asOf) : countedInStore(ctx, asOf));
}

/**
 * Every deliverable's progress now and as it stood at the end of `asOf` (for the digest's
 * changes since the previous meeting), the figures only: both come from the same windows, so
 * each figure's statements count now and then in one pass (see `EntryRepository.figure`).
 */
export function progressNowAndThen(ctx: ReportContext, asOf: string): { now: DeliverableProgress[]; before: DeliverableProgress[] } {
  const parties = partyDays(planFacts(ctx));
  // The two runs ask for the same indicators over the same windows: the second finds them counted.
  const counted = new Map<string, Counted & { until: Counted }>();
  const numbers = new Map<EntriesIndicator, number>();
  const both = (indicator: EntriesIndicator, window: CountingWindow) => {
    if (!numbers.has(indicator)) numbers.set(indicator, numbers.size);
    const key = `${numbers.get(indicator)} ${window.from} ${window.to}`;
    let figure = counted.get(key);
    if (!figure) {
      figure = ctx.store.entries.figure(figureQuery(indicator, window, parties), asOf);
      counted.set(key, figure);
    }
    return figure;
  };
  return {
    now: progressOf(ctx, undefined, (indicator, window) => {
      const { current, states } = both(indicator, window);
      return { current, states };
    }),
    before: progressOf(ctx, asOf, (indicator, window) => both(indicator, window).until),
  };
}

function progressOf(ctx: ReportContext, asOf: string | undefined, countEntries: ProgressFacts['countEntries']): DeliverableProgress[] {
  // The end of that day in the group's time zone, as an instant comparable with stored timestamps.
  const end = asOf ? new Date(instantAt(addDays(asOf, 1), '00:00', ctx.timeZone).getTime() - 1).toISOString() : undefined;
  const targets = end ? ctx.store.targets.activeAt(ctx.plan.id, end) : ctx.store.targets.active(ctx.plan.id);
  const closed = closingOn(ctx.plan, ctx.today, ctx.timeZone);
  // Barriers belong to no plan (every cycle shares them): a closed plan counts those recorded by its closing.
  const withBarrier = ctx.store.barriers.statesWith(
    targets.map((t) => t.stateIso3),
    closed && (end === undefined || closed.at < end) ? closed.at : end,
  );
  return computeProgress(ctx.plan, {
    countEntries,
    milestones: ctx.store.plans.milestones(ctx.plan.id).map((m) => (asOf && m.doneOn && m.doneOn > asOf ? { ...m, doneOn: null } : m)),
    targets: targets.map((t) => ({ hasLead: t.lead !== null, hasBarrier: withBarrier.has(t.stateIso3) })),
    today: asOf ?? ctx.today,
    closed,
  });
}

/** Each figure with every entry's verdict: the live entries (that happened by `asOf`) counted by countEntries. */
function countedWithVerdicts(ctx: ReportContext, asOf: string | undefined): ProgressFacts['countEntries'] {
  const entries = countableEntries(ctx, asOf);
  return (indicator, window) => countEntries(indicator, entries, window, { verdicts: true });
}

/**
 * Each figure alone, counted by the store in SQL from the states' days as parties (an entry
 * that happened after `asOf` is one after the window).
 */
function countedInStore(ctx: ReportContext, asOf: string | undefined): ProgressFacts['countEntries'] {
  const parties = partyDays(planFacts(ctx));
  return (indicator, window) =>
    ctx.store.entries.figure(figureQuery(indicator, asOf ? { from: window.from, to: earlierDate(window.to, asOf) } : window, parties));
}

/**
 * The treaty facts a plan's figures judge entries by: once the plan is closed, as recorded by
 * its closing, so that a join logged or a status imported later does not turn a meeting of the
 * closed cycle into one with a State Party.
 */
function planFacts(ctx: ReportContext): TreatyFacts {
  const facts = treatyFacts(ctx.store, ctx.states);
  const closed = closingOn(ctx.plan, ctx.today, ctx.timeZone);
  return closed ? facts.recordedBy(closed.at) : facts;
}

/** When each state became a State Party, by the treaty facts, and each join judged without itself: what counting in SQL needs. */
export function partyDays(facts: TreatyFacts): PartyDays {
  return {
    states: new Map(facts.all().map((state) => [state.iso3, partySince(state)])),
    joins: new Map(facts.records.filter((r) => r.origin === 'joined').map((r) => [r.id, partySince(facts.without(r.iso3, r.id))])),
  };
}

/**
 * Live entries (that happened by `asOf`, if given) as counting sees them, with the state's
 * status that day.
 */
export function countableEntries(ctx: ReportContext, asOf?: string): CountableEntry[] {
  const facts = planFacts(ctx);
  return ctx.store.entries
    .engagementFacts()
    .filter((e) => !asOf || e.occurredOn <= asOf)
    .map((e) => {
      // A join is judged without itself: it counts as new only if the state had not joined before.
      const state = e.kind === 'joined' ? facts.without(e.stateIso3, e.id) : facts.of(e.stateIso3);
      return { ...e, partyThatDay: ccmStatusOn(state, e.occurredOn) === 'party' };
    });
}

/** Within this many days of its due date, an unmet deliverable is called at risk. */
const AT_RISK_DAYS = 60;

/** Whether an unmet deliverable still in time is close enough to its due date to be at risk. */
export function isAtRisk(d: DeliverableProgress, today: string): boolean {
  return d.status === 'open' && daysBetween(today, d.dueOn) <= AT_RISK_DAYS;
}

/** How one figure of a deliverable stands on `today`: the chart's colour and words. */
export function standingOf(d: DeliverableProgress, i: IndicatorProgress, today: string): Standing {
  if (i.target === undefined) return 'no target';
  if (i.met) return 'met';
  if (d.status === 'behind') return 'past due';
  return isAtRisk(d, today) ? 'at risk' : 'in progress';
}

/** "met", or "met 15 Apr 2026, 15 days late" when its last milestone was done after the due date. */
export function statusText(d: DeliverableProgress): string {
  if (d.metLate) return `met ${formatDate(d.metLate.on)}, ${daysText(d.metLate.daysLate)} late`;
  return { done: 'met', behind: 'past due, not met', open: 'open', info: 'no numeric target' }[d.status];
}

/** "1 day", "15 days". */
function daysText(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** "Support package: Q&A met 15 Apr 2026, 15 days late": one milestone done after its due date. */
function lateText(m: LateMilestone): string {
  return `${m.title} met ${formatDate(m.doneOn)}, ${daysText(m.daysLate)} late`;
}

/** The headline counts: deliverables with a target, and how many are met or past due. */
export function progressCounts(all: DeliverableProgress[]): { measured: number; met: number; behind: number } {
  const measured = all.filter((d) => d.status !== 'info');
  return {
    measured: measured.length,
    met: measured.filter((d) => d.status === 'done').length,
    behind: measured.filter((d) => d.status === 'behind').length,
  };
}

/**
 * One deliverable's indicators as progress items, grouped under the deliverable. With `shown`,
 * titles read as that report shows them (generic in figures-only text, see figures-only.ts).
 */
export function progressItems(d: DeliverableProgress, shown?: Pick<ReportContext, 'plan' | 'states' | 'naming'>): Progress[] {
  return d.indicators.map((i) => ({
    label: i.label,
    current: i.current,
    target: i.target,
    targetMax: i.targetMax,
    status: i.target === undefined ? 'info' : i.met ? 'done' : d.status === 'behind' ? 'behind' : 'on-track',
    detail: indicatorDetail(i, (m) => (shown ? milestoneTitle(shown, m) : m.title)),
    group: { title: shown ? deliverableTitle(shown, d.deliverable) : d.deliverable.title, detail: `due ${formatDate(d.dueOn)} · ${statusText(d)}` },
  }));
}

/** What a figure needs beside it to be quoted correctly. */
function indicatorDetail(i: IndicatorProgress, titleOf: (m: { id: string; title: string }) => string): string | undefined {
  const parts = [
    // "12 meetings" could be twelve states or one state twelve times: say which.
    i.states !== undefined && i.current > 0 ? `with ${i.states} ${i.states === 1 ? 'state' : 'states'}` : undefined,
    i.missing && i.missing.length > 0 ? `to do: ${i.missing.map(titleOf).join('; ')}` : undefined,
    i.late && i.late.length > 0 ? `${i.lateCounted ? 'late' : 'late, not counted'}: ${i.late.map(lateText).join('; ')}` : undefined,
    i.origin === 'group' ? "the group's own measure, not in the plan" : undefined,
  ].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
