import { defineCommand } from '../core/command.ts';
import { reply } from '../core/reply.ts';
import { daysBetween, formatDate } from '../domain/dates.ts';
import type { Plan } from '../domain/plan.ts';
import { cycleLines, parsePlanChoice } from './cycle.ts';
import { ccmStatusText, factsFor } from './describe.ts';

export const targets = defineCommand<Plan>({
  name: 'targets',
  aliases: ['top15'],
  usage: 'targets [<plan id>]',
  summary: 'The top-15 engagement list: each state with its lead, last contact and open next steps.',
  examples: ['targets', 'targets ccm-universalization-2025-2026'],
  writes: false,
  parse: (rest, ctx) => parsePlanChoice(rest, ctx, 'targets'),
  run(plan, ctx) {
    const list = ctx.store.targets.active(plan.id);
    const facts = factsFor(ctx);
    const lines = cycleLines(ctx, plan);
    return reply({
      tone: 'info',
      title: `Top-${plan.targetListSize} engagement list (${list.length} of ${plan.targetListSize})`,
      lines: lines.length > 0 ? lines : undefined,
      sections: [
        {
          heading: 'States',
          items: list.map((t) => {
            const state = ctx.states.byCode(t.stateIso3);
            const entries = ctx.store.entries.forState(t.stateIso3);
            const lastContact = entries.find((e) => e.kind === 'contacted' || e.kind === 'meeting');
            const open = entries.filter((e) => e.kind === 'next_step' && !e.completedOn).length;
            return {
              text: `${state.name}: ${ccmStatusText(facts.of(state), ctx.today)}`,
              detail: [
                `lead ${t.lead ?? 'not assigned'}`,
                lastContact
                  ? `last contact ${formatDate(lastContact.occurredOn)} (${daysBetween(lastContact.occurredOn, ctx.today)} days ago)`
                  : 'no contact logged',
                `${open} open next ${open === 1 ? 'step' : 'steps'}`,
              ].join(' · '),
            };
          }),
          empty: 'The list is empty. Add a state with `target add <state> lead <name>`.',
        },
      ],
    });
  },
});
