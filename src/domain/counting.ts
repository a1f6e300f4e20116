/**
 * Which log entries a figure counts, and why each other entry of the same kind is left out.
 *
 * The figures are quoted to the States Parties, so they must mean what the work plan means:
 * "10 documented bilateral outreach meetings" is ten meetings with states not party, at Geneva
 * or capital level, within the cycle, each meeting once however many members logged it. The
 * rules come from the plan file (see `entriesIndicator` in plan.ts); this file applies them, in
 * the order the plan file documents, and keeps a reason for every entry it leaves out.
 */
import { addDays, formatDate } from './dates.ts';
import type { DistinctUnit, EntryKind, Indicator, Level } from './plan.ts';
import type { PlanClosing } from './plan-closing.ts';

export type EntriesIndicator = Extract<Indicator, { measure: 'entries' }>;

/** A log entry as counting sees it. */
export interface CountableEntry {
  id: number;
  kind: EntryKind;
  stateIso3: string;
  occurredOn: string;
  level: Level | null;
  /** When it was logged (UTC ISO instant, as `created_at`): an entry logged after its plan closed does not count. */
  loggedAt: string;
  /** Whether the state was a State Party on the day of the entry (from its deposit date on). */
  partyThatDay: boolean;
}

/** One entry and whether it counts; an entry left out says why ("State Party", "same state and day as #12"). */
export interface EntryVerdict {
  entry: CountableEntry;
  counts: boolean;
  reason?: string;
}

export interface EntryCount {
  /** The figure: how many units (entries, states, state-days or days) count. */
  current: number;
  /** How many different states the counted entries concern. */
  states: number;
  /** Every entry of the indicator's kinds, oldest first, counted or not (only when asked for). */
  verdicts?: EntryVerdict[];
}

/**
 * The days an entry must fall within: the plan's start to the deliverable's due date; and, once
 * the plan is closed, the instant by which it must have been logged.
 */
export interface CountingWindow {
  from: string;
  to: string;
  closed?: PlanClosing;
}

const LEVEL_NAMES: Record<Level, string> = { geneva: 'Geneva', capital: 'capital', regional: 'regional' };

/**
 * Applies an indicator's rules to the log. Pure: the caller gathers the entries. Only with
 * `verdicts: true` is each entry sorted and given its reason; otherwise only the figure is
 * worked out. This is the reference for the rules: {@link figureQuery} states the same rules
 * for the store to count in SQL, and test/figures.test.ts checks that both give the same figures.
 */
export function countEntries(
  indicator: EntriesIndicator,
  entries: readonly CountableEntry[],
  window: CountingWindow,
  options: { verdicts?: boolean } = {},
): EntryCount {
  const outside = {
    before: `before the plan's period (from ${formatDate(window.from)})`,
    after: `after the due date (${formatDate(window.to)})`,
    late: window.closed ? `logged after the plan closed on ${formatDate(window.closed.on)}` : '',
  };
  if (options.verdicts !== true) return countOnly(indicator, entries, window, outside);
  // ISO dates sort as plain strings; the log can hold a hundred thousand entries.
  const ofKind = entries
    .filter((e) => indicator.kinds.includes(e.kind))
    .sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.id - b.id));
  const firstOfUnit = new Map<string, number>();
  // The states the figure reaches: those of every entry that passed the rules, so one workshop
  // day reaching three states is "1 regional engagement with 3 states".
  const reached = new Set<string>();
  let current = 0;
  const verdicts = ofKind.map((entry): EntryVerdict => {
    const reason = ruledOut(indicator, entry, window, outside);
    if (reason) return { entry, counts: false, reason };
    reached.add(entry.stateIso3);
    const unit = unitOf(indicator.distinct, entry);
    const first = firstOfUnit.get(unit);
    if (first !== undefined) return { entry, counts: false, reason: duplicateReason(indicator.distinct, first) };
    firstOfUnit.set(unit, entry.id);
    current++;
    return { entry, counts: true };
  });
  return { current, states: reached.size, verdicts };
}

/** {@link countEntries}' figure alone: the units and states of the entries that pass the rules. */
function countOnly(indicator: EntriesIndicator, entries: readonly CountableEntry[], window: CountingWindow, outside: Outside): EntryCount {
  const units = new Set<string>();
  const reached = new Set<string>();
  for (const entry of entries) {
    if (!indicator.kinds.includes(entry.kind) || ruledOut(indicator, entry, window, outside)) continue;
    reached.add(entry.stateIso3);
    units.add(unitOf(indicator.distinct, entry));
  }
  return { current: units.size, states: reached.size };
}

type Outside = { before: string; after: string; late: string };

/** The first rule an entry fails, as the reason shown to people; undefined when it passes them all. */
function ruledOut(indicator: EntriesIndicator, entry: CountableEntry, window: CountingWindow, outside: Outside): string | undefined {
  if (entry.occurredOn < window.from) return outside.before;
  if (entry.occurredOn > window.to) return outside.after;
  // The plan's figures are final once it closed: a meeting dated in the period but logged later changes none.
  if (window.closed && entry.loggedAt > window.closed.at) return outside.late;
  if (indicator.states === 'not-party' && entry.partyThatDay) return 'State Party';
  if (indicator.states === 'party' && !entry.partyThatDay) return 'not a State Party';
  if (indicator.levels && (entry.level === null || !indicator.levels.includes(entry.level))) {
    return entry.level === null ? 'no level given' : `${LEVEL_NAMES[entry.level]} level`;
  }
  return undefined;
}

function unitOf(distinct: EntriesIndicator['distinct'], entry: CountableEntry): string {
  switch (distinct) {
    case 'entry':
      return String(entry.id);
    case 'state':
      return entry.stateIso3;
    case 'state-day':
      return `${entry.stateIso3}@${entry.occurredOn}`;
    case 'day':
      return entry.occurredOn;
  }
}

function duplicateReason(distinct: EntriesIndicator['distinct'], firstId: number): string {
  if (distinct === 'state') return `state already counted (#${firstId})`;
  if (distinct === 'day') return `same day as #${firstId}`;
  return `same state and day as #${firstId}`;
}

/**
 * When states became States Parties, as counting needs it (see `partySince` in ccm.ts): what
 * `partyThatDay` says of each entry, as first days.
 */
export interface PartyDays {
  /** Every state entries can be about, with its first day as a State Party (undefined: never one). */
  states: ReadonlyMap<string, string | undefined>;
  /** Each live `joined` entry, with its state's first day as a party without that join (a join is judged without itself). */
  joins: ReadonlyMap<number, string | undefined>;
}

/**
 * {@link countEntries}' rules for the figure alone, in the form the store counts them in SQL
 * (`EntryRepository.figure`), from an index of each state's entries by kind and day: an entry
 * counts when it is live, of one of `kinds`, at one of `levels` (any level, or none, when
 * absent), and falls on its state's `stateDays` (first and last day, both included: the
 * window, cut where the state became a State Party or was not one yet). A `joined` entry
 * counts on its own days, `joinDays`, since it is judged without itself; once the plan is
 * closed, only an entry logged by `loggedBy` counts. The counted entries
 * give `distinct` units and states as countEntries' do.
 */
export interface FigureQuery {
  /** The indicator's kinds, `joined` apart. */
  kinds: EntryKind[];
  levels: Level[] | undefined;
  distinct: DistinctUnit;
  stateDays: [iso3: string, first: string, last: string][];
  /** Only when the indicator counts `joined` entries. */
  joinDays: [entryId: number, first: string, last: string][];
  /** Once the plan is closed: the instant by which an entry must have been logged (`created_at`). */
  loggedBy: string | undefined;
}

export function figureQuery(indicator: EntriesIndicator, window: CountingWindow, parties: PartyDays): FigureQuery {
  // The days on which an entry counts, for a state that is a party from `since` on: the window,
  // then the states rule, which keeps the days before (`not-party`) or from (`party`) `since`.
  const daysFor = (since: string | undefined): [string, string] | undefined => {
    let first = window.from;
    let last = window.to;
    if (indicator.states === 'party') {
      if (since === undefined) return undefined;
      if (since > first) first = since;
    }
    if (indicator.states === 'not-party' && since !== undefined) {
      if (since <= first) return undefined;
      if (since <= last) last = addDays(since, -1);
    }
    return first <= last ? [first, last] : undefined;
  };
  const stateDays: FigureQuery['stateDays'] = [];
  for (const [iso3, since] of parties.states) {
    const days = daysFor(since);
    if (days) stateDays.push([iso3, ...days]);
  }
  const joinDays: FigureQuery['joinDays'] = [];
  if (indicator.kinds.includes('joined')) {
    for (const [id, since] of parties.joins) {
      const days = daysFor(since);
      if (days) joinDays.push([id, ...days]);
    }
  }
  return {
    kinds: indicator.kinds.filter((k) => k !== 'joined'),
    levels: indicator.levels,
    distinct: indicator.distinct,
    stateDays,
    joinDays,
    loggedBy: window.closed?.at,
  };
}
