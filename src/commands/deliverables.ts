import { defineCommand } from '../core/command.ts';
import { noArguments } from '../core/parse.ts';
import { type Progress, reply } from '../core/reply.ts';
import { formatDate } from '../domain/dates.ts';
import { computeProgress, type DeliverableProgress } from '../domain/progress.ts';
import type { CommandContext } from '../core/command.ts';

/** Gathers the facts and computes every deliverable's progress; shared with the digest. */
export function deliverableProgress(ctx: Pick<CommandContext, 'store' | 'plan' | 'today'>): DeliverableProgress[] {
  const targets = ctx.store.activeTargets();
  const withBarrier = ctx.store.statesWithBarriers(targets.map((t) => t.stateIso3));
  return computeProgress(ctx.plan, {
    entries: ctx.store.engagementFacts(),
    milestones: ctx.store.milestones(),
    targets: targets.map((t) => ({ hasLead: t.lead !== null, hasBarrier: withBarrier.has(t.stateIso3) })),
    today: ctx.today,
  });
}

/** One deliverable's indicators as progress items of a reply. */
export function progressItems(d: DeliverableProgress): Progress[] {
  return d.indicators.map((i) => ({
    label: i.label,
    current: i.current,
    target: i.target,
    targetMax: i.targetMax,
    status: i.target === undefined ? 'info' : i.met ? 'done' : d.status === 'behind' ? 'behind' : 'on-track',
    detail: i.missing && i.missing.length > 0 ? `to do: ${i.missing.join('; ')}` : undefined,
    group: {
      title: d.deliverable.title,
      detail: `due ${formatDate(d.dueOn)} · ${d.status === 'done' ? 'met' : d.status === 'behind' ? 'past due, not met' : 'open'}`,
    },
  }));
}

export const deliverables = defineCommand<null>({
  name: 'deliverables',
  aliases: ['progress'],
  usage: 'deliverables',
  summary: 'Progress toward every deliverable of the plan, computed from the log, milestones and top-15 list.',
  examples: ['deliverables'],
  writes: false,
  parse: noArguments('`deliverables` takes nothing after it.'),
  run(_args, ctx) {
    const all = deliverableProgress(ctx);
    const done = all.filter((d) => d.status === 'done').length;
    const behind = all.filter((d) => d.status === 'behind').length;
    return reply({
      tone: 'info',
      title: `Deliverables: ${done} of ${all.length} met${behind > 0 ? `, ${behind} past due` : ''}`,
      progress: all.flatMap(progressItems),
    });
  },
});
