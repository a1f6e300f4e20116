/**
 * The work plan as data: its calendar (milestones) and its promises (deliverables).
 *
 * The plan is a YAML file checked against {@link planSchema}; a new cycle is a new file,
 * never a code change. Cross-references (a deliverable naming a milestone) are checked
 * too, so a typo in the file fails at start-up rather than silently counting nothing.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { calendarDate, formatWindow } from './dates.ts';
import { describeIssues } from './plan-problems.ts';
import { readinessIssues } from './plan-readiness.ts';
import type { StateDirectory } from './states.ts';
import { targetingSchema } from './targeting-rules.ts';

/**
 * The log's entry kinds: the follow-up log (contacted, meeting, next_step), a state's own
 * interim steps (interim), and outreach outcomes (joined: instrument deposited; announced:
 * intent to join announced).
 */
export const ENTRY_KINDS = ['contacted', 'meeting', 'next_step', 'interim', 'joined', 'announced'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const LEVELS = ['geneva', 'capital', 'regional'] as const;
export type Level = (typeof LEVELS)[number];

const MILESTONE_KINDS = ['working-group-meeting', 'preparatory-meeting', 'conference', 'workshop', 'deadline', 'task'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

const MONTH = /^\d{4}-(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Whether a value has the shape the order checks below need, so one typo gives one problem, not two. */
const isMonth = (value: string) => MONTH.test(value) && Number(value.slice(5)) >= 1 && Number(value.slice(5)) <= 12;
const isDate = (value: string) => DATE.test(value) && calendarDate(...(value.split('-').map(Number) as [number, number, number])) !== undefined;

// Plain messages for the coordinators who write plan files: "month 13", "no day 30 in Feb 2027".
const yearMonth = z.string().superRefine((value, ctx) => {
  const match = MONTH.exec(value);
  if (!match) ctx.addIssue({ code: 'custom', message: 'Expected a month like 2026-03' });
  else if (!isMonth(value)) ctx.addIssue({ code: 'custom', message: `month ${Number(match[1])}` });
});
const isoDate = z.string().superRefine((value, ctx) => {
  const match = DATE.exec(value);
  if (!match) ctx.addIssue({ code: 'custom', message: 'Expected a date like 2026-03-12' });
  else if (!isMonth(value.slice(0, 7))) ctx.addIssue({ code: 'custom', message: `month ${Number(match[2])}` });
  else if (!isDate(value)) ctx.addIssue({ code: 'custom', message: `no day ${Number(match[3])} in ${formatWindow(value.slice(0, 7), value.slice(0, 7))}` });
});
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'Expected a lower-case id such as wg1 or support-package');

const milestoneSchema = z
  .object({
    id,
    title: z.string().min(1),
    kind: z.enum(MILESTONE_KINDS),
    window: z.object({ from: yearMonth, to: yearMonth }).refine((w) => !isMonth(w.from) || !isMonth(w.to) || w.from <= w.to, {
      message: 'window.from must not be after window.to',
    }),
    date: isoDate.optional(),
  })
  .strict();

export const DISTINCT_UNITS = ['entry', 'state', 'state-day', 'day'] as const;
export type DistinctUnit = (typeof DISTINCT_UNITS)[number];

/**
 * `plan`: the work plan asks for this figure. `group`: the group's own measure, which the plan
 * does not name; it is labelled as such and never decides whether a deliverable is met.
 */
const indicatorOrigin = z.enum(['plan', 'group']).default('plan');

const targetRange = z
  .object({ min: z.number().int().positive(), max: z.number().int().positive().optional() })
  .strict()
  .refine((t) => t.max === undefined || t.max >= t.min, { message: 'max must be at least min' });

/**
 * Which log entries count, and how. Each rule leaves an entry out with a reason that
 * `deliverable <id>` shows, so the figure can be checked entry by entry:
 * kind, then the plan's period (its start to the deliverable's due date), then the state's
 * CCM status on the day of the entry, then level, then `distinct`.
 */
const entriesIndicator = z
  .object({
    label: z.string().min(1),
    measure: z.literal('entries'),
    kinds: z.array(z.enum(ENTRY_KINDS)).min(1),
    /**
     * Only entries about states that were (`party`) or were not yet (`not-party`) States Parties
     * on the day of the entry. A state counts as joined from the day it deposited its instrument.
     */
    states: z.enum(['party', 'not-party']).optional(),
    /** Only entries at these levels; absent means any level, including none given. */
    levels: z.array(z.enum(LEVELS)).min(1).optional(),
    /**
     * What one unit of the figure is: every entry (`entry`, the default), each state once
     * (`state`), each state and day once (`state-day`: two members logging the same meeting
     * count once), or each day once (`day`: one workshop reaching five states is one engagement).
     */
    distinct: z.enum(DISTINCT_UNITS).default('entry'),
    /** Absent: the figure is shown for information, with no "of N". */
    target: targetRange.optional(),
    origin: indicatorOrigin,
  })
  .strict();

const milestonesIndicator = z
  .object({
    label: z.string().min(1),
    measure: z.literal('milestones'),
    milestones: z.array(id).min(1),
    origin: indicatorOrigin,
  })
  .strict();

const targetsIndicator = z
  .object({
    label: z.string().min(1),
    measure: z.literal('targets'),
    /** Count only listed states that have a lead, or at least one barrier recorded. */
    require: z.enum(['lead', 'barrier']).optional(),
    origin: indicatorOrigin,
  })
  .strict();

const indicatorSchema = z.discriminatedUnion('measure', [entriesIndicator, milestonesIndicator, targetsIndicator]);

const deliverableSchema = z
  .object({
    id,
    title: z.string().min(1),
    source: z.string().min(1),
    /** The milestone by which the deliverable is due. */
    due: id,
    indicators: z.array(indicatorSchema).min(1),
  })
  .strict();

const days = z.number().int().positive();

/** When reminders and digests go out. Every field has a default, so a plan may leave it out. */
const remindersSchema = z
  .object({
    /** Local time (in CCM_TIMEZONE) at which every post goes out. */
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a time like 09:00')
      .default('09:00'),
    /** Days before each working group meeting, Preparatory Meeting, conference and workshop. */
    meetingDaysBefore: z.array(days).min(1).default([7, 1]),
    /** Days before each date by which a deliverable is due. */
    dueDaysBefore: z.array(days).min(1).default([14, 3]),
    /**
     * Days before the window of a meeting with no date (and a window of several months) opens
     * that channels are first asked to set its date; the prompt then comes back monthly.
     */
    setDatePromptDaysBefore: z.number().int().nonnegative().default(14),
    /** Days before each working group meeting that the progress digest goes out. */
    digestDaysBefore: z.number().int().nonnegative().default(2),
    /** Days between nudges to the owner of a next step that is past its due date. */
    overdueNudgeEveryDays: days.default(7),
    /** A top-15 state with no contact or meeting for this many days is flagged in the digest. */
    staleContactDays: days.default(60),
  })
  .strict()
  .prefault({});

const planSchema = z
  .object({
    id,
    title: z.string().min(1),
    coordinators: z.array(z.string().min(1)).min(1),
    /** The cycle's first and last day: every figure counts only entries in between. */
    period: z
      .object({ from: isoDate, to: isoDate })
      .strict()
      .refine((p) => !isDate(p.from) || !isDate(p.to) || p.from <= p.to, {
        message: 'period.from must not be after period.to',
      }),
    /**
     * Days after the period's last day during which the plan can still be changed (the Review
     * Conference's month recorded, a milestone ticked off late). After the last of them the plan
     * is closed: its milestones, top-15 list and figures are final, and only an admin naming the
     * plan can correct them. Entries logged after it no longer count, whatever their date.
     */
    graceDays: z.number().int().nonnegative().default(30),
    /**
     * Whether a milestone done after its due date still counts toward a deliverable (`count`,
     * shown as met late) or not (`exclude`: listed as done late, still to do).
     */
    lateMilestones: z.enum(['count', 'exclude']).default('count'),
    targetListSize: z.number().int().positive(),
    reminders: remindersSchema,
    /** How `suggest` ranks states not party (section 3, Priority Target Profiles); defaults when absent. */
    targeting: targetingSchema,
    milestones: z.array(milestoneSchema).min(1),
    deliverables: z.array(deliverableSchema).min(1),
  })
  .strict()
  .superRefine((plan, ctx) => {
    const milestoneIds = new Set<string>();
    plan.milestones.forEach((m, i) => {
      if (milestoneIds.has(m.id)) {
        ctx.addIssue({ code: 'custom', path: ['milestones', i, 'id'], message: `Duplicate milestone id "${m.id}"` });
      }
      milestoneIds.add(m.id);
      if (
        m.date &&
        isDate(m.date) &&
        isMonth(m.window.from) &&
        isMonth(m.window.to) &&
        (m.date.slice(0, 7) < m.window.from || m.date.slice(0, 7) > m.window.to)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', i, 'date'],
          message: `Date ${m.date} lies outside the window ${m.window.from}..${m.window.to}`,
        });
      }
    });
    const deliverableIds = new Set<string>();
    plan.deliverables.forEach((d, i) => {
      if (deliverableIds.has(d.id)) {
        ctx.addIssue({ code: 'custom', path: ['deliverables', i, 'id'], message: `Duplicate deliverable id "${d.id}"` });
      }
      deliverableIds.add(d.id);
      if (!milestoneIds.has(d.due)) {
        ctx.addIssue({ code: 'custom', path: ['deliverables', i, 'due'], message: `Unknown milestone "${d.due}"` });
      }
      d.indicators.forEach((indicator, j) => {
        if (indicator.measure !== 'milestones') return;
        indicator.milestones.forEach((milestoneId, k) => {
          if (!milestoneIds.has(milestoneId)) {
            ctx.addIssue({
              code: 'custom',
              path: ['deliverables', i, 'indicators', j, 'milestones', k],
              message: `Unknown milestone "${milestoneId}"`,
            });
          }
        });
      });
    });
  });

export type Plan = z.infer<typeof planSchema>;
export type PlanDeliverable = Plan['deliverables'][number];
export type Indicator = PlanDeliverable['indicators'][number];

/** A plan file that could not be read or does not follow {@link planSchema}; the message says where. */
export class PlanError extends Error {
  override name = 'PlanError';

  /** Each mistake found in the file, as `milestones[3].window.from: month 13 (line 52)`; empty when it could not be read. */
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = []) {
    super(message);
    this.problems = problems;
  }
}

/**
 * Parses and checks plan text: its shape, then what it must settle before the bot follows it
 * (plan-readiness.ts), against the known `states`. `origin` names the file in error messages.
 */
export function parsePlan(text: string, origin: string, states: StateDirectory): Plan {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  const yamlError = document.errors[0];
  if (yamlError) throw new PlanError(`Plan file ${origin} is not valid YAML: ${yamlError.message}`);
  if (document.contents === null) throw new PlanError(`Plan file ${origin} is empty.`);
  // A field left out reads "required, but missing" rather than zod's "expected string, received undefined".
  const raw = document.toJS();
  const result = planSchema.safeParse(raw, {
    error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'required, but missing' : undefined),
  });
  const issues = [...(result.success ? [] : result.error.issues), ...readinessIssues(raw, document, states)];
  if (!result.success || issues.length > 0) {
    const problems = describeIssues(issues, document, lines);
    throw new PlanError(`Plan file ${origin} has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`, problems);
  }
  return result.data;
}

/** Reads and checks a plan file (see {@link parsePlan}). */
export function loadPlanFile(path: string, states: StateDirectory): Plan {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PlanError(`Cannot read plan file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parsePlan(text, path, states);
}
