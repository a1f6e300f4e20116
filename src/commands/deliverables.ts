import { defineCommand } from '../core/command.ts';
import { reply } from '../core/reply.ts';
import type { Plan } from '../domain/plan.ts';
import { deliverableProgress, progressCounts, progressItems } from '../reports/progress.ts';
import { cycleLines, parsePlanChoice, reportingOn } from './cycle.ts';

export const deliverables = defineCommand<Plan>({
  name: 'deliverables',
  aliases: ['progress'],
  usage: 'deliverables [<plan id>]',
  summary: 'Progress toward every deliverable of the plan in force (or of the cycle named), computed from the log, milestones and engagement list.',
  examples: ['deliverables', 'deliverables ccm-universalization-2025-2026'],
  writes: false,
  parse: (rest, ctx) => parsePlanChoice(rest, ctx, 'deliverables'),
  run(plan, ctx) {
    const all = deliverableProgress(reportingOn(ctx, plan));
    const { measured, met, behind } = progressCounts(all);
    const lines = cycleLines(ctx, plan);
    return reply({
      tone: 'info',
      title: `Deliverables: ${met} of ${measured} met${behind > 0 ? `, ${behind} past due` : ''}`,
      lines: lines.length > 0 ? lines : undefined,
      progress: all.flatMap((d) => progressItems(d)),
    });
  },
});
