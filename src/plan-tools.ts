/**
 * `ccm plan check` and `ccm plan new`: the coordinators' tools for writing the next cycle's plan.
 *
 * They work on files alone, with no configuration and no database, so a plan can be written and
 * checked on any machine before it is installed. `check` says back, in words, what the bot will
 * do with the plan (its calendar, how each figure is counted, when it posts), because a plan that
 * is valid can still count the wrong thing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { addDays, formatDate, formatWindow } from './domain/dates.ts';
import { dueDate, earliestDate, type MilestoneTiming, whenText } from './domain/milestones.ts';
import { type EntryKind, type Indicator, type Level, loadPlanFile, type Plan, type PlanDeliverable, PlanError } from './domain/plan.ts';
import { cycleName, PlanBook } from './domain/plan-book.ts';
import { pathText } from './domain/plan-problems.ts';
import { planSchedule } from './domain/schedule.ts';
import { describeTargeting } from './domain/targeting-rules.ts';
import { UsageError } from './operator.ts';

/** The annotated plan `ccm plan new` prints; outside data/plans, so the bot never loads it as a plan. */
export const PLAN_SKELETON = resolve(import.meta.dirname, '../data/plan-skeleton.yaml');

/** Runs `ccm plan <action> …`; resolves to the exit code. Usage mistakes throw {@link UsageError}. */
export function runPlanCommand(args: readonly string[], out: Writable): number {
  const [action, ...rest] = args;
  if (action === 'new') {
    if (rest.length > 0) throw new UsageError('ccm plan new takes no arguments; save what it prints with: ccm plan new > data/plans/<years>.yaml');
    out.write(readFileSync(PLAN_SKELETON, 'utf8'));
    return 0;
  }
  if (action === 'check') {
    if (rest.length !== 1) throw new UsageError('ccm plan check needs one plan file (or a folder of plan files): ccm plan check data/plans/<file>.yaml');
    return checkPath(rest[0]!, out);
  }
  throw new UsageError(
    action === undefined ? 'ccm plan needs "check <file>" or "new".' : `unknown command "ccm plan ${action}": ccm plan has "check <file>" and "new".`,
  );
}

function checkPath(path: string, out: Writable): number {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    out.write(`✗ Cannot read ${path}: there is no such file or folder.\n`);
    return 1;
  }
  return isFolder ? checkFolder(path, out) : checkFile(path, out);
}

type Loaded = { ok: true; plan: Plan } | { ok: false; error: PlanError };

function load(path: string): Loaded {
  try {
    return { ok: true, plan: loadPlanFile(path) };
  } catch (error) {
    if (error instanceof PlanError) return { ok: false, error };
    throw error;
  }
}

/** The problems of a file that is not a valid plan, one per line, or the reason it could not be read. */
function problemLines(error: PlanError, indent: string): string[] {
  return error.problems.length > 0 ? error.problems.map((p) => `${indent}${p}`) : [`${indent}${error.message}`];
}

const HOW_TO_READ = 'Each problem names the field (milestones[0] is the first milestone, deliverables[1] the second deliverable) and its line.';

function checkFile(path: string, out: Writable): number {
  const loaded = load(path);
  if (!loaded.ok) {
    const count = loaded.error.problems.length;
    out.write(`✗ ${path} is not a valid plan${count > 0 ? `: ${count} problem${count === 1 ? '' : 's'}` : ''}.\n`);
    out.write(`${problemLines(loaded.error, '  ').join('\n')}\n\n`);
    out.write(`${count > 0 ? `${HOW_TO_READ}\n` : ''}Fix, then check again: ccm plan check ${path}\n`);
    return 1;
  }
  out.write(`✓ ${path} is a valid plan.\n\n${describePlan(loaded.plan).join('\n')}\n`);
  return 0;
}

/** Every plan file of a folder, as the bot would load them (CCM_PLAN naming the folder), periods included. */
function checkFolder(folder: string, out: Writable): number {
  const files = readdirSync(folder)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort();
  if (files.length === 0) {
    out.write(`✗ The folder ${folder} holds no .yaml plan file.\n`);
    return 1;
  }
  const plans: Plan[] = [];
  for (const name of files) {
    const loaded = load(join(folder, name));
    if (!loaded.ok) {
      out.write(`✗ ${name} is not a valid plan:\n${problemLines(loaded.error, '    ').join('\n')}\n`);
      continue;
    }
    plans.push(loaded.plan);
    out.write(`✓ ${name}: ${loaded.plan.id}, ${periodText(loaded.plan)}\n`);
    for (const warning of planWarnings(loaded.plan)) out.write(`    ! ${warning}\n`);
  }
  if (plans.length < files.length) {
    out.write(`\n${HOW_TO_READ}\nFix, then check again: ccm plan check ${folder}\n`);
    return 1;
  }
  try {
    const book = new PlanBook(plans);
    out.write(`✓ The periods do not overlap: on any day one plan is in force.\n`);
    book.plans.slice(1).forEach((plan, i) => {
      const previous = book.plans[i]!;
      if (addDays(previous.period.to, 1) < plan.period.from) {
        out.write(
          `    ! No plan covers ${formatDate(addDays(previous.period.to, 1))} to ${formatDate(addDays(plan.period.from, -1))}: the bot follows the ${cycleName(plan)} plan's calendar then, and counts nothing toward either plan.\n`,
        );
      }
    });
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    out.write(`✗ ${error.message}\n`);
    return 1;
  }
  out.write(`\nFor a plan's calendar and counting rules: ccm plan check ${join(folder, files.at(-1)!)}\n`);
  return 0;
}

const KIND_NAMES: Record<string, string> = {
  'working-group-meeting': 'working group meeting',
  'preparatory-meeting': 'Preparatory Meeting',
  conference: 'conference',
  workshop: 'workshop',
  deadline: 'deadline',
  task: 'task',
};

/** The plan as the bot will follow it, in words: what a coordinator checks against the adopted plan. */
export function describePlan(plan: Plan): string[] {
  const timings = new Map(plan.milestones.map((m) => [m.id, timingOf(m)]));
  const byDate = [...plan.milestones].sort((a, b) => earliestDate(timings.get(a.id)!).localeCompare(earliestDate(timings.get(b.id)!)));
  const milestoneLine = (m: Plan['milestones'][number]) => `  - ${m.title} [${m.id}]: ${KIND_NAMES[m.kind]}, ${whenText(timings.get(m.id)!)}`;
  const warnings = planWarnings(plan);
  return [
    `${plan.title}`,
    `  Plan id: ${plan.id}`,
    `  Coordinators: ${plan.coordinators.join(', ')}`,
    `  Period: ${periodText(plan)}; only log entries in between count.`,
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

function periodText(plan: Plan): string {
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
export function countingRule(plan: Plan, indicator: Indicator, dueOn: string): string {
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

/** What a valid plan may still get wrong: dates outside its own period, and placeholders left from `ccm plan new`. */
export function planWarnings(plan: Plan): string[] {
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
  const placeholders = todoPaths(plan, []);
  if (placeholders.length > 0) warnings.push(`Still TODO (from \`ccm plan new\`): ${placeholders.join(', ')}.`);
  return warnings;
}

function todoPaths(value: unknown, path: PropertyKey[]): string[] {
  if (typeof value === 'string') return /\btodo\b/i.test(value) ? [pathText(path)] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => todoPaths(item, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => todoPaths(item, [...path, key]));
  return [];
}
