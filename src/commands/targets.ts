import { defineCommand } from '../core/command.ts';
import { reply } from '../core/reply.ts';
import { daysBetween, formatDate } from '../domain/dates.ts';
import type { Plan } from '../domain/plan.ts';
import { BARRIER_TEXT } from '../domain/barriers.ts';
import { outreachStage } from '../domain/stage.ts';
import { cycleLines, parsePlanChoice } from './cycle.ts';
import { ccmStatusText, factsFor, provenanceText } from './describe.ts';

export const targets = defineCommand<Plan>({
  name: 'targets',
  aliases: ['top15'],
  usage: 'targets [<plan id>]',
  summary: "The plan's engagement list (its top states): each state with its stage, lead, champion, last contact, open next step and barriers.",
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
            // The open step due soonest is what the lead should act on next.
            const { kinds, lastContact, nextStep } = ctx.store.entries.outreachOf(t.stateIso3);
            const barriers = ctx.store.barriers.live(t.stateIso3).map((b) => BARRIER_TEXT[b.category]);
            const stateFacts = facts.of(state);
            return {
              text: `${state.name}: ${outreachStage(kinds)} · ${ccmStatusText(stateFacts, ctx.today)} (${provenanceText(stateFacts.provenance.ccm_status)})`,
              detail: [
                `lead ${t.lead ?? 'not assigned'}`,
                `champion ${t.champion ? ctx.states.byCode(t.champion).name : 'not named'}`,
                lastContact
                  ? `last contact ${formatDate(lastContact.occurredOn)} (${daysAgo(daysBetween(lastContact.occurredOn, ctx.today))})`
                  : 'no contact logged',
                nextStep ? `next step: ${nextStep.step ?? ''}${nextStep.dueOn ? `, by ${formatDate(nextStep.dueOn)}` : ''}` : 'no open next step',
                `barriers: ${barriers.length > 0 ? barriers.join(', ') : 'none recorded'}`,
              ].join(' · '),
            };
          }),
          empty: 'The list is empty. Add a state with `target add <state> lead <name>`.',
        },
      ],
    });
  },
});

function daysAgo(days: number): string {
  return days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
}
