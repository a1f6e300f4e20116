import { defineCommand } from '../core/command.ts';
import { noArguments } from '../core/parse.ts';
import { reply } from '../core/reply.ts';
import { BARRIER_TEXT, type BarrierCategory } from './barrier.ts';

export const barriers = defineCommand<null>({
  name: 'barriers',
  usage: 'barriers',
  summary: 'The barrier map: states grouped by the barriers recorded for them.',
  examples: ['barriers'],
  writes: false,
  parse: noArguments('barriers', 'For one state, use `state <state>`.'),
  run(_args, ctx) {
    const rows = ctx.store.barriers.live();
    const byCategory = new Map<BarrierCategory, Map<string, number>>();
    for (const row of rows) {
      const states = byCategory.get(row.category) ?? new Map<string, number>();
      states.set(row.stateIso3, (states.get(row.stateIso3) ?? 0) + 1);
      byCategory.set(row.category, states);
    }
    return reply({
      tone: 'info',
      title: 'Barrier map',
      lines: rows.length === 0 ? ['No barriers recorded yet. Record one with `barrier <state> <category> — note`.'] : undefined,
      sections: (Object.keys(BARRIER_TEXT) as BarrierCategory[]).map((category) => {
        const states = [...(byCategory.get(category) ?? new Map<string, number>()).entries()];
        return {
          heading: `${BARRIER_TEXT[category]} (${states.length})`,
          items: states
            .map(([iso3, count]) => ({ text: ctx.states.byCode(iso3).name, detail: count > 1 ? `${count} notes` : undefined }))
            .sort((a, b) => a.text.localeCompare(b.text)),
          empty: 'None.',
        };
      }),
    });
  },
});
