import { defineCommand } from '../core/command.ts';
import { fail, words } from '../core/parse.ts';
import { errorReply } from '../core/reply.ts';
import type { Plan } from '../domain/plan.ts';
import { publicReport, withheldText } from '../reports/public-report.ts';
import { cycleLines, parsePlanChoice, reportingOn } from './cycle.ts';

export const report = defineCommand<Plan>({
  name: 'report',
  usage: 'report public [<plan id>]',
  summary:
    'The public progress summary for Preparatory Meeting and Review Conference documents: figures only, naming no State but the coordinators, and no person.',
  examples: ['report public'],
  writes: false,
  parse(rest, ctx) {
    const [kind, ...more] = words(rest);
    if (kind?.toLowerCase() !== 'public') {
      return fail(
        errorReply('bad-syntax', kind ? `There is no "${kind}" report.` : 'Which report?', {
          lines: ['`report public` gives the summary that names no State, for documents. For the group: `deliverables`, `digest`, `barriers`.'],
          suggestions: [{ label: 'report public', command: 'report public' }],
        }),
      );
    }
    return parsePlanChoice(more.join(' '), ctx, 'report public');
  },
  run(plan, ctx) {
    const checked = publicReport(reportingOn(ctx, plan), ctx.operatorCommand('report', `--public${plan.id === ctx.plan.id ? '' : ` --plan ${plan.id}`}`));
    if (!checked.ok) return errorReply('names-a-state', withheldText(checked.names));
    return { ...checked.reply, lines: [...cycleLines(ctx, plan), ...(checked.reply.lines ?? [])] };
  },
});
