import { defineCommand } from '../core/command.ts';
import { fail, words } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import { rankTargets, SIGNAL_SHORT, type TargetSuggestion } from '../domain/targeting.ts';
import { factsFor } from './describe.ts';
import { topListName } from '../domain/plan-book.ts';

/** `suggest [n]`: the states not party ranked by the plan's Priority Target Profiles, each score broken down. */
export const suggest = defineCommand<{ count: number | undefined }>({
  name: 'suggest',
  usage: 'suggest [<how many>]',
  summary: 'States not party ranked by the Priority Target Profiles (plan section 3), each score broken down by signal.',
  examples: ['suggest', 'suggest 15'],
  writes: false,
  parse(rest) {
    const [typed, ...more] = words(rest);
    if (typed === undefined) return { ok: true, args: { count: undefined } };
    const count = Number(typed);
    if (!Number.isInteger(count) || count < 1 || more.length > 0) {
      return fail(errorReply('bad-syntax', `"${rest.trim()}" is not a number of states.`, { lines: ['Write `suggest` or `suggest 15`.'] }));
    }
    return { ok: true, args: { count } };
  },
  run({ count }, ctx) {
    const facts = factsFor(ctx);
    const log = ctx.store.entries.ofKinds(['contacted', 'meeting', 'interim']);
    const { suggestions, unused } = rankTargets(ctx.plan.targeting, facts.all(), log, ctx.today);
    const shown = suggestions.slice(0, count ?? ctx.plan.targetListSize);
    const listed = new Set(ctx.store.targets.active(ctx.plan.id).map((t) => t.stateIso3));
    return reply({
      tone: 'info',
      title: `Suggested targets: the top ${shown.length} of ${suggestions.length} states not party`,
      lines: ["Points per Priority Target Profile (work plan, section 3), as the plan's `targeting:` block weighs them; a score is the sum of its parts."],
      sections: [
        {
          heading: 'Ranking',
          items: shown.map((s, i) => ({
            text: `${i + 1}. ${s.state.name} (${s.state.iso3}): ${s.score} ${s.score === 1 ? 'point' : 'points'}${listed.has(s.state.iso3) ? ` · on the ${topListName(ctx.plan)}` : ''}`,
            detail: breakdown(s),
          })),
          empty: 'Every state is a State Party.',
        },
        {
          heading: 'Signals not used',
          items: unused.map((text) => ({ text })),
          empty: 'None: every signal gave points to at least one state.',
        },
      ],
    });
  },
});

/** "signatory 40 + Mine Ban Convention 10 + CRPD 5 = 55", each part with why in brackets where it says more. */
function breakdown(s: TargetSuggestion): string {
  if (s.parts.length === 0) return 'no signal: 0';
  const parts = s.parts.map((p) => {
    const plain = p.signal === 'signatory' || p.why === 'party' || p.why === 'yes';
    return `${SIGNAL_SHORT[p.signal]} ${p.points}${plain ? '' : ` (${p.why})`}`;
  });
  return `${parts.join(' + ')} = ${s.score}`;
}
