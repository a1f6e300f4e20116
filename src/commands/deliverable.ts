import type { CommandContext } from '../core/command.ts';
import { defineCommand } from '../core/command.ts';
import { fail, words } from '../core/parse.ts';
import { errorReply, type ListItem, reply, type Section } from '../core/reply.ts';
import type { EntryVerdict } from '../domain/counting.ts';
import { formatDate } from '../domain/dates.ts';
import type { Plan, PlanDeliverable } from '../domain/plan.ts';
import type { DeliverableProgress, IndicatorProgress } from '../domain/progress.ts';
import { findByIdOrTitle } from '../domain/milestones.ts';
import { isClosed, lastOpenDay } from '../domain/plan-closing.ts';
import { deliverableProgress, progressItems, statusText } from '../reports/progress.ts';
import { cycleLines, reportingOn } from './cycle.ts';
import { KIND_TEXT, levelText } from './describe.ts';

/** Entries listed per section before "and N more"; the figure itself always counts them all. */
const LISTED = 40;

/** The deliverable asked for, and the plan it belongs to (the one in force unless named). */
interface DeliverableChoice {
  deliverable: PlanDeliverable;
  plan: Plan;
}

export const deliverable = defineCommand<DeliverableChoice>({
  name: 'deliverable',
  usage: 'deliverable <id or words of its title> [<plan id>]',
  summary: "One deliverable in full: the entries that count toward it, and why each other one does not; of another cycle's plan when its id follows.",
  examples: ['deliverable bilateral-meetings', 'deliverable regional', 'deliverable bilateral-meetings ccm-universalization-2025-2026'],
  writes: false,
  parse(rest, ctx) {
    const { typed, plan } = planNamedLast(words(rest), ctx);
    // Suggestions name the plan too when it is not the one in force, so that they stay in its cycle.
    const suffix = plan === ctx.plan ? '' : ` ${plan.id}`;
    const all = plan.deliverables;
    const list = all.slice(0, 3).map((d) => ({ label: d.id, command: `deliverable ${d.id}${suffix}` }));
    if (typed === '') {
      return fail(
        errorReply('missing-deliverable', 'Which deliverable? Give its id or words of its title.', {
          lines: [`The ids: ${all.map((d) => d.id).join(', ')}.`],
          suggestions: list,
        }),
      );
    }
    const found = findByIdOrTitle(typed, all);
    if (found.ok) return { ok: true, args: { deliverable: found.milestone, plan } };
    const matches = found.candidates;
    return fail(
      errorReply(
        matches.length > 1 ? 'ambiguous-deliverable' : 'unknown-deliverable',
        matches.length > 1 ? `"${typed}" matches more than one deliverable. Which one?` : `No deliverable matches "${typed}".`,
        {
          lines: [`The ids: ${all.map((d) => d.id).join(', ')}.`],
          suggestions: matches.length > 1 ? matches.slice(0, 3).map((d) => ({ label: d.title, command: `deliverable ${d.id}${suffix}` })) : list,
        },
      ),
    );
  },
  run(wanted, ctx) {
    const { period } = wanted.plan;
    const progress = deliverableProgress(reportingOn(ctx, wanted.plan), undefined, { verdicts: true }).find((d) => d.deliverable.id === wanted.deliverable.id)!;
    // Entries from before the plan's period are every earlier cycle's log: counted, not listed.
    const earlier = new Set(progress.indicators.flatMap((i) => i.verdicts ?? []).flatMap((v) => (v.entry.occurredOn < period.from ? [v.entry.id] : [])));
    return reply({
      tone: 'info',
      title: progress.deliverable.title,
      facts: [
        { label: 'In the plan', value: progress.deliverable.source },
        { label: 'Due', value: `${formatDate(progress.dueOn)} · ${statusText(progress)}` },
        {
          label: 'Counts',
          value: `entries from ${formatDate(period.from)} to ${formatDate(countedUntil(progress, period.to))}${loggedByText(wanted.plan, ctx.today)}`,
        },
      ],
      lines: [
        ...cycleLines(ctx, wanted.plan),
        ...(earlier.size > 0
          ? [`${earlier.size} earlier ${earlier.size === 1 ? 'entry' : 'entries'}, before this plan's period, ${earlier.size === 1 ? 'is' : 'are'} not listed.`]
          : []),
      ],
      progress: progressItems(progress).map(({ group: _group, ...item }) => item),
      sections: progress.indicators.flatMap((indicator) => indicatorSections(indicator, earlier, ctx)),
    });
  },
});

/** ", logged by 30 Oct 2026" once the plan is closed: later entries no longer count toward it. */
function loggedByText(plan: Plan, today: string): string {
  return isClosed(plan, today) ? `, logged by ${formatDate(lastOpenDay(plan))}` : '';
}

/**
 * `deliverable regional ccm-universalization-2025-2026`: a plan id as the last word names the
 * plan; the words before it are the deliverable. Otherwise every word is, in the plan in force.
 */
function planNamedLast(typed: readonly string[], ctx: CommandContext): { typed: string; plan: Plan } {
  const last = typed.length > 1 ? ctx.plans.byId(typed.at(-1)!.toLowerCase()) : undefined;
  return last ? { typed: typed.slice(0, -1).join(' '), plan: last } : { typed: typed.join(' '), plan: ctx.plan };
}

function countedUntil(progress: DeliverableProgress, periodEnd: string): string {
  return progress.dueOn < periodEnd ? progress.dueOn : periodEnd;
}

/** The evidence behind one figure: the entries counted and those left out, or the parts done and to do. */
function indicatorSections(indicator: IndicatorProgress, earlier: ReadonlySet<number>, ctx: CommandContext): Section[] {
  if (indicator.verdicts) {
    const counted = indicator.verdicts.filter((v) => v.counts);
    const left = indicator.verdicts.filter((v) => !v.counts && !earlier.has(v.entry.id));
    return [
      listed(
        `${indicator.label}: counted (${counted.length})`,
        counted.map((v) => verdictItem(v, ctx)),
        'No entry counts yet.',
      ),
      listed(
        `${indicator.label}: not counted (${left.length})`,
        left.map((v) => verdictItem(v, ctx)),
        'None: every entry of this kind counts.',
      ),
    ];
  }
  if (indicator.missing && indicator.missing.length > 0) {
    return [
      listed(
        `${indicator.label}: to do`,
        indicator.missing.map((m) => ({ text: m.title })),
        '',
      ),
    ];
  }
  return [];
}

function listed(heading: string, items: ListItem[], empty: string): Section {
  const more = items.length - LISTED;
  return {
    heading,
    items: items.slice(0, LISTED),
    empty,
    ...(more > 0 ? { more: { count: more, hint: '`log` lists every entry' } } : {}),
  };
}

/** "#12 · 3 Mar 2026 · Kenya · Meeting held (Geneva)", with the reason when it does not count. */
function verdictItem(verdict: EntryVerdict, ctx: CommandContext): ListItem {
  const { entry } = verdict;
  const who = ctx.store.people.byId(ctx.store.entries.byId(entry.id)?.personId ?? -1)?.displayName ?? 'unknown';
  const text = [
    `#${entry.id}`,
    formatDate(entry.occurredOn),
    ctx.states.byCode(entry.stateIso3).name,
    // Only contacts and meetings have a level; a join or an announcement has none to show.
    entry.kind === 'contacted' || entry.kind === 'meeting' ? `${KIND_TEXT[entry.kind]} (${levelText(entry.level)})` : KIND_TEXT[entry.kind],
  ].join(' · ');
  return { text, detail: verdict.counts ? `logged by ${who}` : `not counted: ${verdict.reason} · logged by ${who}` };
}
