import { defineCommand } from '../core/command.ts';
import { parseState } from '../core/parse.ts';
import { reply } from '../core/reply.ts';
import { dateOfInstant, formatDate } from '../domain/dates.ts';
import type { StateRecord } from '../domain/states.ts';
import type { FactColumn } from '../domain/facts.ts';
import { BARRIER_TEXT } from '../domain/barriers.ts';
import { ccmStatusText, entryItem, factsFor, provenanceText, targetProfiles, treatyText } from './describe.ts';
import { topListName } from '../domain/plan-book.ts';
import { addNextStepButton } from './form.ts';

/** Log lines shown on a state card; the rest is behind `log <state>`. */
const CARD_ENTRIES = 10;

export const state = defineCommand<StateRecord>({
  name: 'state',
  aliases: ['country', 'show'],
  usage: 'state <state>',
  summary: "A state's card: treaty status, target profile, its log, open next steps, barriers and place on the engagement list.",
  examples: ['state Laos', 'state Indonesia', 'state DRC'],
  writes: false,
  parse: (rest, ctx) => parseState(rest, ctx),
  run(shipped, ctx) {
    // The facts as the bot states them now (a `joined` entry or an import over the shipped data).
    const state = factsFor(ctx).of(shipped);
    const source = (column: FactColumn) => ` (${provenanceText(state.provenance[column])})`;
    const { rows: log, total } = ctx.store.entries.recent(undefined, CARD_ENTRIES, state.iso3);
    const openSteps = ctx.store.entries.openSteps(state.iso3);
    const barriers = ctx.store.barriers.live(state.iso3);
    const target = ctx.store.targets.placeOf(ctx.plan.id, state.iso3);
    const networks = [state.au && 'AU', state.asean && 'ASEAN', state.caricom && 'CARICOM'].filter(Boolean).join(', ');
    const profiles = targetProfiles(state);
    return reply({
      tone: 'info',
      title: `${state.name} (${state.iso3})`,
      facts: [
        { label: 'CCM', value: ccmStatusText(state, ctx.today) + source('ccm_status') },
        { label: 'Mine Ban Convention', value: treatyText(state.apmbc) + source('apmbc') },
        { label: 'CRPD', value: treatyText(state.crpd) + source('crpd') },
        { label: 'UN regional group', value: state.unRegionGroup === 'none' ? 'none' : state.unRegionGroup },
        ...(networks ? [{ label: 'Regional organisations', value: networks }] : []),
        { label: 'UNGA CCM resolution vote', value: (state.ungaCcmVote === 'unknown' ? 'not recorded' : state.ungaCcmVote) + source('unga_ccm_vote') },
        {
          label: topListName(ctx.plan, { startOfLine: true }),
          value: target ? `on the list${target.lead ? `, lead ${target.lead}` : ', no lead yet'}` : 'not on the list',
        },
      ],
      sections: [
        ...(profiles.length > 0 ? [{ heading: 'Target profile (work plan, section 3)', items: profiles.map((text) => ({ text })) }] : []),
        {
          heading: 'Open next steps',
          items: openSteps.map((e) => entryItem(e, ctx, { withState: false })),
          empty: 'None.',
        },
        {
          heading: 'Log',
          items: log.map((e) => entryItem(e, ctx, { withState: false })),
          empty: `Nothing logged yet. Start with \`contacted ${state.name}\`.`,
          more: total > log.length ? { count: total - log.length, hint: `log ${state.name}` } : undefined,
        },
        {
          heading: 'Barriers',
          items: barriers.map((b) => ({
            text: BARRIER_TEXT[b.category],
            detail: [b.note, `recorded ${formatDate(dateOfInstant(b.createdAt, ctx.timeZone))}`].filter(Boolean).join(' — '),
          })),
          empty: 'None recorded.',
        },
      ],
      lines: [`Reference data: ${state.verified === 'yes' ? 'verified' : 'partly verified'}; see data/STATES-SOURCES.md.`],
      actions: [addNextStepButton(state)],
    });
  },
});
