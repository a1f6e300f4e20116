/**
 * The public progress summary: the group's progress in neutral words, for Preparatory Meeting
 * and Review Conference documents, which quote it "without naming or isolating specific States".
 * It gives figures only: no State other than the coordinators, and no person, is named.
 *
 * The figures are the ones `deliverables` and the digest show (deliverableProgress), and the
 * outreach counts go through the same counting rules (countEntries), so the documents can never
 * quote a number the group's own reports contradict. A plan or deliverable title that names a
 * state is shown by its generic kind (reports/figures-only.ts), and before the summary is given
 * out its whole text is checked for state and person names: a figure's label naming one stops it.
 */
import { progressFigure, type Progress, type Reply, reply } from '../core/reply.ts';
import { countEntries, type EntriesIndicator } from '../domain/counting.ts';
import { earlierDate, formatDate } from '../domain/dates.ts';
import type { DeliverableProgress } from '../domain/progress.ts';
import { deliverableTitle, namesIn, planTitle } from './figures-only.ts';
import { markdownText } from './files.ts';
import { closingOn } from '../domain/plan-closing.ts';
import { countableEntries, deliverableProgress, type ReportContext } from './progress.ts';

interface OutreachFigure {
  label: string;
  current: number;
  /** How many States the figure spans, when it is not itself a count of States. */
  states?: number;
  /** A breakdown of the figure above it (meetings by level). */
  part?: boolean;
}

type Status = 'met' | 'in progress' | 'past due' | 'ongoing, no numeric target';

interface PublicDeliverable {
  title: string;
  dueOn: string;
  status: Status;
  figures: Pick<Progress, 'label' | 'current' | 'target' | 'targetMax'>[];
}

interface PublicReport {
  planTitle: string;
  coordinators: readonly string[];
  from: string;
  /** The last day counted: today, or the end of the plan's period if that came first. */
  to: string;
  outreach: OutreachFigure[];
  deliverables: PublicDeliverable[];
}

type Rule = Pick<EntriesIndicator, 'kinds' | 'states' | 'levels' | 'distinct'>;

/** The outreach figures, counted as the plan file's rules count: one meeting per State and day however many members log it. */
const OUTREACH: { label: string; part?: boolean; rule: Rule }[] = [
  { label: 'Contacts with States', rule: { kinds: ['contacted'], distinct: 'state-day' } },
  { label: 'Meetings held', rule: { kinds: ['meeting'], distinct: 'state-day' } },
  { label: 'at Geneva level', part: true, rule: { kinds: ['meeting'], levels: ['geneva'], distinct: 'state-day' } },
  { label: 'at capital level', part: true, rule: { kinds: ['meeting'], levels: ['capital'], distinct: 'state-day' } },
  { label: 'at regional level', part: true, rule: { kinds: ['meeting'], levels: ['regional'], distinct: 'state-day' } },
  // One workshop reaching five States is one engagement, as the plan counts it.
  { label: 'Regional engagements with States not party', rule: { kinds: ['meeting'], states: 'not-party', levels: ['regional'], distinct: 'day' } },
  { label: 'States not party engaged', rule: { kinds: ['contacted', 'meeting'], states: 'not-party', distinct: 'state' } },
  { label: 'States Parties engaged', rule: { kinds: ['contacted', 'meeting'], states: 'party', distinct: 'state' } },
];

const STATUS: Record<DeliverableProgress['status'], Status> = { done: 'met', open: 'in progress', behind: 'past due', info: 'ongoing, no numeric target' };

function buildPublicReport(group: ReportContext): PublicReport {
  // Titles as any reader outside the group may read them: generic where one names a state.
  const ctx: ReportContext = { ...group, naming: 'counts' };
  const { plan } = ctx;
  const closed = closingOn(plan, ctx.today, ctx.timeZone);
  const window = { from: plan.period.from, to: earlierDate(ctx.today, plan.period.to), ...(closed ? { closed } : {}) };
  const entries = countableEntries(ctx);
  const outreach = OUTREACH.map(({ label, part, rule }) => {
    const counted = countEntries({ label, measure: 'entries', origin: 'plan', ...rule }, entries, window, { verdicts: false });
    // A breakdown by level gives the count alone: the States are said once, on the total.
    return { label, part, current: counted.current, states: rule.distinct === 'state' || part ? undefined : counted.states };
  });
  const deliverables = deliverableProgress(ctx).map((d) => ({
    title: deliverableTitle(ctx, d.deliverable),
    dueOn: d.dueOn,
    status: STATUS[d.status],
    // The group's own measures stay internal: the documents quote what the plan asked for.
    figures: d.indicators.filter((i) => i.origin === 'plan').map(({ label, current, target, targetMax }) => ({ label, current, target, targetMax })),
  }));
  return { planTitle: planTitle(ctx), coordinators: plan.coordinators, from: window.from, to: window.to, outreach, deliverables };
}

function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function introText(report: PublicReport): string {
  const who = report.coordinators.length > 0 ? `, coordinated by ${andList(report.coordinators)},` : '';
  return (
    `The Informal Working Group on Universalization${who} reports progress under the ${report.planTitle}, from ${formatDate(report.from)} to ${formatDate(report.to)}. ` +
    "The figures come from the Working Group's follow-up log; individual States are not named."
  );
}

function figureText(f: OutreachFigure): string {
  return `${f.current}${f.states !== undefined && f.current > 0 ? `, with ${f.states} ${f.states === 1 ? 'State' : 'States'}` : ''}`;
}

/** The summary as Markdown, to paste into a document. */
function publicReportMarkdown(report: PublicReport): string {
  const out = [
    '# Universalization of the Convention on Cluster Munitions: progress of the Informal Working Group',
    '',
    markdownText(introText(report)),
    '',
    `## Outreach, ${formatDate(report.from)} to ${formatDate(report.to)}`,
    '',
    ...report.outreach.map((f) => `${f.part ? '  ' : ''}- ${f.label}: ${figureText(f)}`),
    '',
    '## Deliverables of the work plan',
    '',
    '| Deliverable | Due | Progress | Status |',
    '| --- | --- | --- | --- |',
    ...report.deliverables.map(
      (d) =>
        `| ${markdownText(d.title)} | ${formatDate(d.dueOn)} | ${d.figures.map((f) => `${markdownText(f.label)}: ${progressFigure(f)}`).join('; ')} | ${d.status} |`,
    ),
  ];
  return `${out.join('\n')}\n`;
}

const PROGRESS_STATUS: Record<Status, Progress['status']> = {
  met: 'done',
  'in progress': 'on-track',
  'past due': 'behind',
  'ongoing, no numeric target': 'info',
};

/** The summary as a reply, for `report public` in chat; `command` writes it as Markdown. */
function publicReportReply(report: PublicReport, command: string): Reply {
  return reply({
    tone: 'info',
    title: `Public progress summary, as of ${formatDate(report.to)}`,
    lines: [introText(report), `To paste into a document as Markdown: \`${command}\`.`],
    facts: report.outreach.map((f) => ({ label: f.part ? `Meetings ${f.label}` : f.label, value: figureText(f) })),
    progress: report.deliverables.flatMap((d) =>
      d.figures.map((f) => ({
        ...f,
        status: f.target === undefined ? ('info' as const) : f.current >= f.target ? ('done' as const) : PROGRESS_STATUS[d.status],
        group: { title: d.title, detail: `due ${formatDate(d.dueOn)} · ${d.status}` },
      })),
    ),
  });
}

export type CheckedPublicReport = { ok: true; markdown: string; reply: Reply } | { ok: false; names: string[] };

/**
 * The summary in both forms, given out only if neither names a State (bar the coordinators) or
 * a person. `command` is the operator's command that writes the Markdown, for the reply to name.
 */
export function publicReport(ctx: ReportContext, command = 'ccm report --public'): CheckedPublicReport {
  const report = buildPublicReport(ctx);
  const markdown = publicReportMarkdown(report);
  const shown = publicReportReply(report, command);
  const names = [...new Set([...namesIn(markdown, ctx), ...namesIn(shown, ctx)])];
  return names.length > 0 ? { ok: false, names } : { ok: true, markdown, reply: shown };
}

/** Why a summary was withheld: the names found, and where they can only have come from. */
export function withheldText(names: readonly string[]): string {
  return (
    `The public summary would name ${andList(names.map((n) => `"${n}"`))}, so it was not produced. ` +
    "Titles that name a state are already shown by their kind, so it can only come from the plan file's figure labels: reword the one that names it, then try again."
  );
}
