import { defineCommand } from '../core/command.ts';
import { noArguments } from '../core/parse.ts';
import { reply } from '../core/reply.ts';
import { barrierCountText, buildBarrierMap } from '../reports/barrier-map.ts';

export const barriers = defineCommand<null>({
  name: 'barriers',
  usage: 'barriers',
  summary: 'The barrier map: every barrier category with its states and their notes, and the recommended engagement messages.',
  examples: ['barriers'],
  writes: false,
  parse: noArguments('barriers', 'For one state, use `state <state>`.'),
  run(_args, ctx) {
    const map = buildBarrierMap(ctx.store, ctx.states, ctx.timeZone);
    const unmessaged = map.categories.filter((c) => !c.message).length;
    return reply({
      tone: 'info',
      title: `Barrier map: ${barrierCountText(map)}`,
      lines: [
        ...(map.barriers === 0 ? ['Record a barrier with `barrier <state> <category> — note`.'] : []),
        ...(unmessaged > 0 ? ["Record a category's recommended message with `barrier message <category> — <text>`."] : []),
        `The map as a page to share within the group: \`${ctx.operatorCommand('barriers')}\` (Markdown, or \`--format csv\`).`,
      ],
      sections: [
        ...map.categories.map((c) => ({
          heading: `${c.title} (${c.states.length})`,
          items: c.states.map((s) => ({ text: s.name, detail: s.note ?? undefined })),
          empty: 'None.',
        })),
        {
          heading: 'Recommended engagement messages',
          items: map.categories.map((c) => ({ text: c.title, detail: c.message ?? 'none yet' })),
        },
      ],
    });
  },
});
