import { defineCommand } from '../core/command.ts';
import { reply } from '../core/reply.ts';
import { formatDate } from '../domain/dates.ts';
import { dueDate, earliestDate, whenText } from '../domain/milestones.ts';
import type { Plan } from '../domain/plan.ts';
import { cycleLines, parsePlanChoice } from './cycle.ts';

export const milestones = defineCommand<Plan>({
  name: 'milestones',
  aliases: ['calendar'],
  usage: 'milestones [<plan id>]',
  summary: "The plan's calendar: working group meetings, Preparatory Meetings, deadlines and the Review Conference.",
  examples: ['milestones', 'milestones ccm-universalization-2025-2026'],
  writes: false,
  parse: (rest, ctx) => parsePlanChoice(rest, ctx, 'milestones'),
  run(plan, ctx) {
    const rows = ctx.store.plans.milestones(plan.id).sort((a, b) => earliestDate(a).localeCompare(earliestDate(b)) || a.id.localeCompare(b.id));
    const status = (m: (typeof rows)[number]) => (m.doneOn ? `done ${formatDate(m.doneOn)}` : dueDate(m) < ctx.today ? 'past, not marked done' : 'upcoming');
    const item = (m: (typeof rows)[number]) => ({ text: `${m.title} [${m.id}]`, detail: `${whenText(m)} · ${status(m)}` });
    const events = rows.filter((m) => m.kind !== 'task');
    const tasks = rows.filter((m) => m.kind === 'task');
    return reply({
      tone: 'info',
      title: `Milestones: ${plan.title}`,
      sections: [
        { heading: 'Meetings and deadlines', items: events.map(item) },
        { heading: 'Deliverable parts', items: tasks.map(item) },
      ],
      lines: [
        ...cycleLines(ctx, plan),
        ...(plan === ctx.plan ? ['Set a date with `milestone <id> date <date>`; tick one off with `milestone <id> done`.'] : []),
      ],
    });
  },
});
