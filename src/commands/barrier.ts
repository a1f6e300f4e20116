import { defineCommand } from '../core/command.ts';
import { fail, parseState, wordsAndNote } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import type { StateRecord } from '../domain/states.ts';
import type { BarrierRow } from '../store/store.ts';
import { undoButton } from './undo.ts';

export type BarrierCategory = BarrierRow['category'];

/** The plan's barrier categories (section 4, Evidence-based targeting), in its words. */
export const BARRIER_TEXT: Record<BarrierCategory, string> = {
  legal: 'Legal/technical',
  defence: 'Defence/security posture',
  regional: 'Regional political alignment',
  awareness: 'Lack of awareness',
  priority: 'Not a priority/bandwidth',
};

/** Other words people use for the same categories. */
const SYNONYMS: Record<string, BarrierCategory> = {
  legal: 'legal', technical: 'legal', law: 'legal',
  defence: 'defence', defense: 'defence', security: 'defence', military: 'defence',
  regional: 'regional', region: 'regional', alignment: 'regional', political: 'regional',
  awareness: 'awareness', unaware: 'awareness',
  priority: 'priority', bandwidth: 'priority', capacity: 'priority',
};

interface BarrierArgs {
  state: StateRecord;
  category: BarrierCategory;
  note: string | undefined;
}

export const barrier = defineCommand<BarrierArgs>({
  name: 'barrier',
  usage: 'barrier <state> <legal|defence|regional|awareness|priority> [— note]',
  summary: 'Record a barrier to joining for the barrier map (legal, defence, regional, awareness, priority).',
  examples: ['barrier Viet Nam defence — stockpile destruction costs', 'barrier Kenya priority'],
  writes: true,
  parse(rest, ctx) {
    const start = wordsAndNote(rest);
    if (!start.ok) return start;
    const { tokens, note } = start.args;
    const last = tokens.at(-1)?.toLowerCase() ?? '';
    const category = SYNONYMS[last];
    if (!category || tokens.length < 2) {
      return fail(
        errorReply('bad-barrier', tokens.length < 2 ? 'Give the state and the kind of barrier.' : `"${tokens.at(-1)}" is not a barrier category.`, {
          lines: [
            `Categories: ${Object.entries(BARRIER_TEXT).map(([key, text]) => `${key} (${text})`).join(', ')}.`,
            'Example: `barrier Viet Nam defence — stockpile destruction costs`. Nothing was saved.',
          ],
        }),
      );
    }
    const state = parseState(tokens.slice(0, -1).join(' '), ctx);
    if (!state.ok) return state;
    return { ok: true, args: { state: state.args, category, note } };
  },
  run(args, ctx) {
    const { row, changeId } = ctx.store.changes.create(
      'barriers',
      {
        stateIso3: args.state.iso3,
        category: args.category,
        note: args.note ?? null,
        personId: ctx.person.id,
        createdAt: ctx.who.at,
      },
      ctx.who,
      'record barrier',
    );
    return reply({
      tone: 'success',
      title: `Barrier recorded for ${args.state.name}: ${BARRIER_TEXT[args.category]}`,
      facts: [
        { label: 'State', value: `${args.state.name} (${args.state.iso3})` },
        { label: 'Category', value: BARRIER_TEXT[args.category] },
        ...(args.note ? [{ label: 'Note', value: args.note }] : []),
      ],
      lines: [`Barrier ${row.id} is on the map; see \`barriers\`.`],
      actions: [undoButton(changeId)],
    });
  },
});
