import { defineCommand } from '../core/command.ts';
import { noArguments } from '../core/parse.ts';
import { reply } from '../core/reply.ts';
import { daysBetween, formatDate } from '../domain/dates.ts';
import { ccmStatusText } from './describe.ts';

export const targets = defineCommand<null>({
  name: 'targets',
  aliases: ['top15'],
  usage: 'targets',
  summary: 'The top-15 engagement list: each state with its lead, last contact and open next steps.',
  examples: ['targets'],
  writes: false,
  parse: noArguments('targets', 'To change the list, use `target add <state>` or `target remove <state>`.'),
  run(_args, ctx) {
    const list = ctx.store.activeTargets(ctx.plan.id);
    return reply({
      tone: 'info',
      title: `Top-${ctx.plan.targetListSize} engagement list (${list.length} of ${ctx.plan.targetListSize})`,
      sections: [
        {
          heading: 'States',
          items: list.map((t) => {
            const state = ctx.states.byCode(t.stateIso3);
            const entries = ctx.store.entriesForState(t.stateIso3);
            const lastContact = entries.find((e) => e.kind !== 'next_step');
            const open = entries.filter((e) => e.kind === 'next_step' && !e.completedOn).length;
            return {
              text: `${state.name}: ${ccmStatusText(state, ctx.today)}`,
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
