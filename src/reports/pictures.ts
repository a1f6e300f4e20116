/**
 * What the progress chart and the world map show, worked out from the store: the same
 * figures as `deliverables` (deliverableProgress) and the same treaty facts as the state cards
 * (treatyFacts). Drawing them is the renderer's job (src/render/pictures/); these are data.
 *
 * The map has two forms: the status map, public treaty data only, for any channel; and, for
 * the group, the same map with the top-15 list outlined and its engagement stages.
 */
import type { DeliverableProgress } from '../domain/progress.ts';
import type { ChartBar, MapState, MapStatus, MapTarget, Picture, ProgressChart, WorldMap } from '../core/picture.ts';
import { plainOperatorCommand } from '../core/operator-command.ts';
import { progressFigure } from '../core/reply.ts';
import { ccmStatusOn } from '../domain/ccm.ts';
import { formatDate } from '../domain/dates.ts';
import { SHIPPED_AS_OF, SHIPPED_SOURCE } from '../domain/facts.ts';
import { cycleName } from '../domain/plan-book.ts';
import { outreachStage } from '../domain/stage.ts';
import type { StateRecord } from '../domain/states.ts';
import { treatyFacts } from './facts.ts';
import { deliverableTitle } from './figures-only.ts';
import { deliverableProgress, progressCounts, type ReportContext, standingOf } from './progress.ts';
import { topListName } from '../domain/plan-book.ts';

/** Whether a map shows the top-15 list (for the group) or the treaty statuses alone (public). */
export type MapVariant = 'with-targets' | 'status-only';

/** Every figure of every deliverable of the plan, as bars: the figures of `deliverables` (`all`, if worked out already). */
function progressChart(ctx: ReportContext, all: DeliverableProgress[] = deliverableProgress(ctx)): ProgressChart {
  const { measured, met, behind } = progressCounts(all);
  const bars = all.flatMap((d) =>
    d.indicators.map(
      (i): ChartBar => ({
        group: deliverableTitle(ctx, d.deliverable),
        label: i.origin === 'group' ? `${i.label} (the group's own measure)` : i.label,
        current: i.current,
        target: i.target,
        figure: progressFigure(i),
        standing: standingOf(d, i, ctx.today),
      }),
    ),
  );
  return {
    kind: 'progress-chart',
    title: `Deliverables: ${met} of ${measured} met${behind > 0 ? `, ${behind} past due` : ''}`,
    subtitle: `${cycleName(ctx.plan)} work plan, as of ${formatDate(ctx.today)}`,
    bars,
  };
}

export function progressChartPicture(ctx: ReportContext, all?: DeliverableProgress[]): Picture & { drawing: ProgressChart } {
  const chart = progressChart(ctx, all);
  const fileName = `ccm-progress-${ctx.today}.png`;
  return {
    fileName,
    alt: `${chart.title} (${chart.subtitle}). ${chart.bars.map((b) => `${b.label}: ${b.figure}, ${b.standing}`).join('; ')}.`,
    instead: `No picture can be shown here. On the machine that runs ccm-bot: \`${(ctx.operatorCommand ?? plainOperatorCommand)('chart', `--out ${fileName}`)}\``,
    drawing: chart,
  };
}

/** A state's CCM status on the map's day, as the state card would give it. */
function mapStatus(state: StateRecord, day: string): MapStatus {
  const status = ccmStatusOn(state, day);
  if (status === 'unknown') return state.ccmStatus === 'withdrawn' ? 'withdrawn' : 'unknown';
  return status === 'not_signatory' ? 'not signatory' : status;
}

/** Every state coloured by its CCM status today; with the top-15 list only for `with-targets`. */
function worldMap(ctx: ReportContext, variant: MapVariant): WorldMap {
  const facts = treatyFacts(ctx.store, ctx.states);
  const states = facts.all().map((s): MapState => ({ isoNumeric: s.isoNumeric, name: s.name, status: mapStatus(s, ctx.today) }));
  const count = (status: MapStatus) => states.filter((s) => s.status === status).length;
  const base = {
    kind: 'world-map' as const,
    subtitle: `As of ${formatDate(ctx.today)}: ${count('party')} parties, ${count('signatory')} signatories, ${count('not signatory')} not signatories`,
    states,
    source: `Treaty status: ${SHIPPED_SOURCE} as at ${formatDate(SHIPPED_AS_OF)}, with the joins and updates recorded since. A state counts as a party from the day it deposited its instrument.`,
  };
  if (variant === 'status-only') return { ...base, title: 'Convention on Cluster Munitions: status of every state' };
  const listed = ctx.store.targets.active(ctx.plan.id);
  const kinds = ctx.store.entries.kindsOfStates(listed.map((t) => t.stateIso3));
  const targets = listed.map((t): MapTarget => {
    const state = ctx.states.byCode(t.stateIso3);
    return { isoNumeric: state.isoNumeric, name: state.name, stage: outreachStage(kinds.get(t.stateIso3) ?? []) };
  });
  const size = ctx.plan.targetListSize;
  return {
    ...base,
    title: `CCM status and the top-${size} list (${cycleName(ctx.plan)})`,
    targets,
    targetsTitle: targets.length === 0 ? `The top-${size} list is empty.` : `Outlined and numbered: the top-${size} list, with each state's engagement stage`,
  };
}

/** The map's title, the same in `map` and in the digest's thread. */
export function worldMapTitle(ctx: Pick<ReportContext, 'plan'>, variant: MapVariant): string {
  return variant === 'status-only' ? 'World map: CCM status of every state' : `World map: CCM status, with the ${topListName(ctx.plan)} outlined`;
}

export function worldMapPicture(ctx: ReportContext, variant: MapVariant): Picture & { drawing: WorldMap } {
  const map = worldMap(ctx, variant);
  const fileName = `ccm-${variant === 'status-only' ? 'status-map' : 'map'}-${ctx.today}.png`;
  const listed = map.targets
    ? ` Outlined: the ${topListName(ctx.plan)}, ${map.targets.length === 0 ? 'empty' : map.targets.map((t) => `${t.name} (${t.stage})`).join(', ')}.`
    : '';
  return {
    fileName,
    alt: `World map of the states coloured by CCM status. ${map.subtitle}.${listed}`,
    instead: `No picture can be shown here. On the machine that runs ccm-bot: \`${(ctx.operatorCommand ?? plainOperatorCommand)('map', `${variant === 'status-only' ? '--public ' : ''}--out ${fileName}`)}\``,
    drawing: map,
  };
}
