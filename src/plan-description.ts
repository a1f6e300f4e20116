/**
 * A plan in words, as `ccm plan check` says it back: its calendar, how each figure is counted,
 * when the bot posts, and what a valid plan may still get wrong (warnings). A plan that is valid
 * can still count the wrong thing, so the coordinators read this against the adopted plan.
 */
import { lastOpenDay } from './domain/plan-closing.ts';
import { addDays, formatDate, formatWindow } from './domain/dates.ts';
import { dueDate, earliestDate, type MilestoneTiming, whenText } from './domain/milestones.ts';
import type { EntryKind, Indicator, Level, Plan, PlanDeliverable } from './domain/plan.ts';
import { planSchedule } from './domain/schedule.ts';
import type { StateDirectory } from './domain/states.ts';
import { deliverableTitle, milestoneTitle, planTitle, statesNamedInTitle } from './reports/figures-only.ts';
import { describeTargeting } from './domain/targeting-rules.ts';

const KIND_NAMES: Record<string, string> = {
  'working-group-meeting': 'working group meeting',
  'preparatory-meeting': 'Preparatory Meeting',
  conference: 'conference',
  workshop: 'workshop',
  deadline: 'deadline',
  task: 'task',
};

/** The plan as the bot will follow it, in words: what a coordinator checks against the adopted plan. */
export function describePlan(plan: Plan, states: StateDirectory): string[] {
  const timings = new Map(plan.milestones.map((m) => [m.id, timingOf(m)]));
  const byDate = [...plan.milestones].sort((a, b) => earliestDate(timings.get(a.id)!).localeCompare(earliestDate(timings.get(b.id)!)));
  const milestoneLine = (m: Plan['milestones'][number]) => `  - ${m.title} [${m.id}]: ${KIND_NAMES[m.kind]}, ${whenText(timings.get(m.id)!)}`;
  const warnings = planWarnings(plan, states);
  return [
    `${plan.title}`,
    `  Plan id: ${plan.id}`,
    `  Coordinators: ${plan.coordinators.join(', ')}`,
    `  Period: ${periodText(plan)}; only log entries in between count.`,
    `  ${closingText(plan)}`,
    `  Engagement list: top ${plan.targetListSize} states.`,
    '',
    'Calendar: meetings and deadlines',
    ...byDate.filter((m) => m.kind !== 'task').map(milestoneLine),
    'Calendar: deliverable parts (tasks, ticked off with `milestone <id> done`)',
    ...byDate.filter((m) => m.kind === 'task').map(milestoneLine),
    '',
    'Deliverables, and how each figure is counted',
    ...plan.deliverables.flatMap((d) => describeDeliverable(plan, d, timings)),
    '',
    ...describeReminders(plan, [...timings.values()]),
    '',
    ...describeTargeting(plan.targeting),
    ...(warnings.length > 0 ? ['', 'Warnings (the plan is valid, but check these)', ...warnings.map((w) => `  ! ${w}`)] : []),
  ];
}

/** A plan milestone as the calendar code reads stored ones: nothing set in chat yet. */
function timingOf(m: Plan['milestones'][number]): MilestoneTiming & { kind: string } {
  return { id: m.id, title: m.title, kind: m.kind, windowFrom: m.window.from, windowTo: m.window.to, plannedDate: m.date ?? null, setDate: null, doneOn: null };
}

/** When the plan closes, and what a milestone done late counts for. */
function closingText(plan: Plan): string {
  const late = plan.lateMilestones === 'count' ? 'counted, shown as met late' : 'shown as met late, not counted';
  return `Closes: after ${formatDate(lastOpenDay(plan))} (${plan.graceDays} grace days after the period), its milestones, top-${plan.targetListSize} list and figures are final. Milestones done after their due date: ${late}.`;
}

export function periodText(plan: Plan): string {
  return `${formatDate(plan.period.from)} to ${formatDate(plan.period.to)}`;
}

function describeDeliverable(plan: Plan, d: PlanDeliverable, timings: Map<string, MilestoneTiming>): string[] {
  const due = timings.get(d.due)!;
  const dueOn = dueDate(due);
  return [
    `  - ${d.title} [${d.id}]`,
    `    Due by ${d.due}: ${formatDate(dueOn)}${due.plannedDate ? '' : ' (the last day of its window; date not set)'}. Source: ${d.source}.`,
    ...d.indicators.map((indicator) => `    · ${indicator.label}: ${countingRule(plan, indicator, dueOn)}`),
  ];
}

const ENTRY_NAMES: Record<EntryKind, string> = {
  contacted: 'contacts',
  meeting: 'meetings',
  next_step: 'next steps agreed',
  interim: 'interim steps',
  joined: 'instruments deposited (`joined`)',
  announced: 'announcements of intent to join',
};
const LEVEL_NAMES: Record<Level, string> = { geneva: 'Geneva', capital: 'capital', regional: 'regional' };
const DISTINCT_WORDS = { entry: 'every entry counts', state: 'each state once', 'state-day': 'one per state and day', day: 'one per day' };

/** "meetings with states not party on the day, at Geneva or capital level, one per state and day, …; target 10". */
function countingRule(plan: Plan, indicator: Indicator, dueOn: string): string {
  const origin = indicator.origin === 'group' ? " — the group's own measure, not in the plan: shown, but never decides whether the deliverable is met" : '';
  switch (indicator.measure) {
    case 'entries': {
      const states =
        indicator.states === 'party'
          ? 'with States Parties on the day'
          : indicator.states === 'not-party'
            ? `with states not party on the day${indicator.kinds.includes('joined') ? ' (a join counts if the state had not joined before it)' : ''}`
            : 'with any state';
      const ends = dueOn <= plan.period.to ? `to the due date ${formatDate(dueOn)}` : `to the end of the period ${formatDate(plan.period.to)}`;
      const target = indicator.target
        ? `target ${indicator.target.min}${indicator.target.max === undefined ? '' : `–${indicator.target.max}`}`
        : 'no numeric target';
      return [
        `${wordList(
          indicator.kinds.map((k) => ENTRY_NAMES[k]),
          'and',
        )} ${states}`,
        indicator.levels
          ? `at ${wordList(
              indicator.levels.map((l) => LEVEL_NAMES[l]),
              'or',
            )} level`
          : 'at any level',
        DISTINCT_WORDS[indicator.distinct],
        `from ${formatDate(plan.period.from)} ${ends}; ${target}${origin}`,
      ].join(', ');
    }
    case 'milestones': {
      const n = indicator.milestones.length;
      return `${n === 1 ? 'the milestone' : `the ${n} milestones`} ${wordList(indicator.milestones, 'and')} marked done; target ${n === 1 ? 'done' : n === 2 ? 'both' : `all ${n}`}${origin}`;
    }
    case 'targets': {
      const which = indicator.require === 'lead' ? ' with a lead' : indicator.require === 'barrier' ? ' with a barrier recorded' : '';
      return `states on the top-${plan.targetListSize} list${which}; target ${plan.targetListSize}${origin}`;
    }
  }
}

function describeReminders(plan: Plan, milestones: readonly (MilestoneTiming & { kind: string })[]): string[] {
  const r = plan.reminders;
  const posts = planSchedule(plan, milestones, 'UTC');
  const days = posts.map((p) => addDays(p.anchorDate, -p.daysBefore)).sort();
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const prompts = posts.filter((p) => p.rule === 'set-date').length;
  const digests = posts.filter((p) => p.kind === 'digest').length;
  return [
    `Reminders and digests, posted at ${r.time} (CCM_TIMEZONE) to the channels that subscribed`,
    `  - Meetings (working group meetings, Preparatory Meetings, conferences, workshops): ${daysBefore(r.meetingDaysBefore)}.`,
    `  - Due dates (deadlines, and the milestones deliverables are due by): ${daysBefore(r.dueDaysBefore)}.`,
    `  - A meeting with no date and a window of several months: instead of reminders, the channels are asked to set its date ${r.setDatePromptDaysBefore === 0 ? 'on the day its window opens' : `${count(r.setDatePromptDaysBefore, 'day', 'days')} before its window opens`}, then monthly until it is set.`,
    `  - Progress digest: ${r.digestDaysBefore === 0 ? 'on the day of' : `${count(r.digestDaysBefore, 'day', 'days')} before`} each working group meeting.`,
    `  - Overdue next steps: a private nudge to the owner every ${count(r.overdueNudgeEveryDays, 'day', 'days')}.`,
    `  - Top-${plan.targetListSize} states with no contact or meeting for ${r.staleContactDays} days are flagged in the digest.`,
    '  - Tasks get no reminders.',
    days.length === 0
      ? '  In all: nothing to post.'
      : `  In all: ${count(posts.length - prompts - digests, 'reminder', 'reminders')}, ${count(prompts, 'prompt', 'prompts')} to set a date and ${count(digests, 'digest', 'digests')}, from ${formatDate(days[0]!)} to ${formatDate(days.at(-1)!)} (until dates are set; \`ccm reminders\` lists each once the bot runs this plan).`,
  ];
}

/** [7, 1] → "7 days and 1 day before". */
function daysBefore(list: readonly number[]): string {
  return `${wordList(
    list.map((n) => `${n} ${n === 1 ? 'day' : 'days'}`),
    'and',
  )} before`;
}

/** ["a", "b", "c"] → "a, b and c". */
function wordList(words: readonly string[], conjunction: 'and' | 'or'): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1)}`;
}

/** What a valid plan may still get wrong: dates outside its own period, and titles that name a state. */
export function planWarnings(plan: Plan, states: StateDirectory): string[] {
  const warnings: string[] = [];
  const [from, to] = [plan.period.from.slice(0, 7), plan.period.to.slice(0, 7)];
  plan.milestones.forEach((m, i) => {
    if (m.window.from < from || m.window.to > to) {
      warnings.push(`milestones[${i}] (${m.id}): its window, ${formatWindow(m.window.from, m.window.to)}, is not within the period (${periodText(plan)}).`);
    }
  });
  const timings = new Map(plan.milestones.map((m) => [m.id, timingOf(m)]));
  plan.deliverables.forEach((d, i) => {
    const dueOn = dueDate(timings.get(d.due)!);
    if (dueOn > plan.period.to) {
      warnings.push(`deliverables[${i}] (${d.id}): due ${formatDate(dueOn)}, after the period ends; entries after ${formatDate(plan.period.to)} never count.`);
    }
  });
  return [...warnings, ...namingWarnings(plan, states)];
}

/**
 * Titles that name a state other than the coordinators: valid, since the group's own calendar
 * may name one, but not words for circulation: figures-only posts and the public report show
 * them by their kind (reports/figures-only.ts), and this says how.
 */
function namingWarnings(plan: Plan, states: StateDirectory): string[] {
  const shown = { plan, states, naming: 'counts' as const };
  const titled = [
    { field: 'title', id: plan.id, title: plan.title, generic: planTitle(shown) },
    ...plan.milestones.map((m, i) => ({ field: `milestones[${i}].title`, id: m.id, title: m.title, generic: milestoneTitle(shown, m) })),
    ...plan.deliverables.map((d, i) => ({ field: `deliverables[${i}].title`, id: d.id, title: d.title, generic: deliverableTitle(shown, d) })),
  ];
  return titled.flatMap(({ field, id, title, generic }) => {
    const named = statesNamedInTitle(title, plan, states).map((s) => s.name);
    return named.length === 0
      ? []
      : [`${field} (${id}) names ${wordList(named, 'and')}: figures-only posts and the public report name no State, so they show this title as "${generic}".`];
  });
}
