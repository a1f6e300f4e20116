import { defineCommand } from '../core/command.ts';
import { noArguments } from '../core/parse.ts';
import { reply } from '../core/reply.ts';
import { deliverableProgress, progressCounts, progressItems } from '../reports/progress.ts';

export const deliverables = defineCommand<null>({
  name: 'deliverables',
  aliases: ['progress'],
  usage: 'deliverables',
  summary: 'Progress toward every deliverable of the plan, computed from the log, milestones and top-15 list.',
  examples: ['deliverables'],
  writes: false,
  parse: noArguments('deliverables'),
  run(_args, ctx) {
    const all = deliverableProgress(ctx);
    const { measured, met, behind } = progressCounts(all);
    return reply({
      tone: 'info',
      title: `Deliverables: ${met} of ${measured} met${behind > 0 ? `, ${behind} past due` : ''}`,
      progress: all.flatMap(progressItems),
    });
  },
});
