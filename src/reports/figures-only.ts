/**
 * Text for readers outside the group: channels subscribed for figures only, and the public
 * summary that Preparatory Meeting and Review Conference documents quote "without naming or
 * isolating specific States". Such text names no state (bar the plan's coordinators) and no person.
 *
 * Two guards, both applied where the text is produced:
 * - titles the plan file supplies (milestones, deliverables, the plan's own) are shown by their
 *   generic kind when they name a state: "Regional workshop 1" for "Regional workshop:
 *   ASEAN/South-East Asia, through Lao PDR's leadership role";
 * - the finished text is checked as a whole (namesIn), and is not given out if it still names one.
 */
import type { Reply } from '../core/reply.ts';
import type { MilestoneKind, Plan } from '../domain/plan.ts';
import { peopleNamedIn, statesNamedIn } from '../domain/naming.ts';
import { cycleName } from '../domain/plan-book.ts';
import type { StateDirectory, StateRecord } from '../domain/states.ts';
import type { Store } from '../store/store.ts';

/** What a generic title calls a milestone of each kind. */
const KIND_NAMES: Record<MilestoneKind, string> = {
  'working-group-meeting': 'Working group meeting',
  'preparatory-meeting': 'Preparatory Meeting',
  conference: 'Conference',
  workshop: 'Regional workshop',
  deadline: 'Deadline',
  task: 'Task',
};

/** The ISO3 codes of the plan's coordinators: the only states figures-only text may name. */
function coordinatorCodes(plan: Plan, states: StateDirectory): Set<string> {
  return new Set(
    plan.coordinators.flatMap((name) => {
      const found = states.resolve(name);
      return found.ok ? [found.state.iso3] : [];
    }),
  );
}

/** The states other than the coordinators that a title the plan file supplies names. */
export function statesNamedInTitle(title: string, plan: Plan, states: StateDirectory): StateRecord[] {
  return statesNamedIn(title, states.all, coordinatorCodes(plan, states));
}

function titleNamesAState(title: string, plan: Plan, states: StateDirectory): boolean {
  return statesNamedInTitle(title, plan, states).length > 0;
}

/**
 * Who a report may name: `states` for the group's own channels and members; `counts` for
 * channels subscribed for figures only and the public summary, the readers this file serves.
 */
export type Naming = 'states' | 'counts';

/** What showing a title needs: the plan, the states, and who the text may name (`states` when absent). */
interface TitleContext {
  plan: Plan;
  states: StateDirectory;
  naming?: Naming;
}

/** A milestone's title as `ctx` shows it: its own, or in figures-only text, its kind and number if it names a state. */
export function milestoneTitle(ctx: TitleContext, milestone: { id: string; title: string }): string {
  if (ctx.naming !== 'counts' || !titleNamesAState(milestone.title, ctx.plan, ctx.states)) return milestone.title;
  const kind = ctx.plan.milestones.find((m) => m.id === milestone.id)?.kind ?? 'task';
  const sameKind = ctx.plan.milestones.filter((m) => m.kind === kind);
  return `${KIND_NAMES[kind]} ${sameKind.findIndex((m) => m.id === milestone.id) + 1}`;
}

/** A deliverable's title as `ctx` shows it: its own, or in figures-only text, "Deliverable 3" if it names a state. */
export function deliverableTitle(ctx: TitleContext, deliverable: { id: string; title: string }): string {
  if (ctx.naming !== 'counts' || !titleNamesAState(deliverable.title, ctx.plan, ctx.states)) return deliverable.title;
  return `Deliverable ${ctx.plan.deliverables.findIndex((d) => d.id === deliverable.id) + 1}`;
}

/** The plan's title as `ctx` shows it: its own, or in figures-only text, "the 2025–2026 work plan" if it names a state. */
export function planTitle(ctx: TitleContext): string {
  if (ctx.naming !== 'counts' || !titleNamesAState(ctx.plan.title, ctx.plan, ctx.states)) return ctx.plan.title;
  return `${cycleName(ctx.plan)} work plan`;
}

/** Every text of a reply a reader sees, pictures' captions and chart labels included (a status map's data is public treaty data). */
function readableText(reply: Reply): string {
  const picture = reply.picture;
  const chart = picture?.drawing.kind === 'progress-chart' ? picture.drawing : undefined;
  return [
    reply.title,
    ...(reply.lines ?? []),
    ...(reply.facts ?? []).flatMap((f) => [f.label, f.value]),
    ...(reply.progress ?? []).flatMap((p) => [p.label, p.detail ?? '', p.group?.title ?? '', p.group?.detail ?? '']),
    ...(reply.sections ?? []).flatMap((s) => [s.heading, s.empty ?? '', s.more?.hint ?? '', ...s.items.flatMap((i) => [i.text, i.detail ?? ''])]),
    ...[...(reply.suggestions ?? []), ...(reply.actions ?? [])].flatMap((a) => [a.label, a.command]),
    reply.publicEcho ?? '',
    picture?.alt ?? '',
    ...(chart ? [chart.title, chart.subtitle, ...chart.bars.flatMap((b) => [b.group, b.label])] : []),
  ].join('\n');
}

/**
 * What a text for readers outside the group names that it must not: states other than the
 * coordinators, and people. Empty when it can be given out.
 */
export function namesIn(text: string | Reply, ctx: { plan: Plan; states: StateDirectory; store: Store }): string[] {
  const readable = typeof text === 'string' ? text : readableText(text);
  return [
    ...statesNamedIn(readable, ctx.states.all, coordinatorCodes(ctx.plan, ctx.states)).map((s) => s.name),
    ...peopleNamedIn(readable, ctx.store.people.displayNames()),
  ];
}
