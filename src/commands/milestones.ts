import { defineCommand } from '../core/command.ts';
import { noArguments } from '../core/parse.ts';
import { reply } from '../core/reply.ts';
import { formatDate } from '../domain/dates.ts';
import { dueDate, earliestDate, whenText } from '../domain/milestones.ts';

export const milestones = defineCommand<null>({
  name: 'milestones',
  aliases: ['calendar'],
  usage: 'milestones',
  summary: "The plan's calendar: working group meetings, Preparatory Meetings, deadlines and the Review Conference.",
  examples: ['milestones'],
  writes: false,
  parse: noArguments('milestones', 'For one milestone: `milestone <name or id>`, `milestone <name or id> date <date>` or `milestone <name or id> done`.'),
  run(_args, ctx) {
    const rows = ctx.store.milestones(ctx.plan.id).sort((a, b) => earliestDate(a).localeCompare(earliestDate(b)) || a.id.localeCompare(b.id));
    const status = (m: (typeof rows)[number]) =>
      m.doneOn ? `done ${formatDate(m.doneOn)}` : dueDate(m) < ctx.today ? 'past, not marked done' : 'upcoming';
    const item = (m: (typeof rows)[number]) => ({ text: `${m.title} [${m.id}]`, detail: `${whenText(m)} · ${status(m)}` });
    const events = rows.filter((m) => m.kind !== 'task');
    const tasks = rows.filter((m) => m.kind === 'task');
    return reply({
      tone: 'info',
      title: `Milestones: ${ctx.plan.title}`,
      sections: [
        { heading: 'Meetings and deadlines', items: events.map(item) },
        { heading: 'Deliverable parts', items: tasks.map(item) },
      ],
      lines: ['Set a date with `milestone <id> date <date>`; tick one off with `milestone <id> done`.'],
    });
  },
});
