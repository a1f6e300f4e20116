import { defineCommand } from '../core/command.ts';
import { fail, words } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import { type MapVariant, worldMapPicture, worldMapTitle } from '../reports/pictures.ts';
import { topListName } from '../domain/plan-book.ts';

export const map = defineCommand<MapVariant>({
  name: 'map',
  usage: 'map [public]',
  summary:
    "A world map of CCM status with the plan's engagement list (its top states) outlined and each listed state's stage, sent to you alone; `map public`: the status map only, to share.",
  examples: ['map', 'map public'],
  writes: false,
  parse(rest, ctx) {
    const [choice, ...extra] = words(rest);
    if (choice === undefined) return { ok: true, args: 'with-targets' };
    if (choice.toLowerCase() === 'public' && extra.length === 0) return { ok: true, args: 'status-only' };
    return fail(
      errorReply('bad-syntax', '`map` takes at most `public`.', {
        lines: [`\`map\` shows the ${topListName(ctx.plan)} on the map, for the group; \`map public\` the treaty status alone, to share outside it.`],
        suggestions: [
          { label: 'map', command: 'map' },
          { label: 'map public', command: 'map public' },
        ],
      }),
    );
  },
  run(variant, ctx) {
    const picture = worldMapPicture(ctx, variant);
    const targets = picture.drawing.targets;
    return reply({
      tone: 'info',
      title: worldMapTitle(ctx, variant),
      lines: [
        `${picture.drawing.subtitle}.`,
        variant === 'status-only'
          ? `Public treaty data only: no ${topListName(ctx.plan)}, no engagement stage. It can be shared outside the group.`
          : `The ${topListName(ctx.plan)} is for the group: to share the map outside it, use \`map public\`.`,
      ],
      sections: targets
        ? [
            {
              heading: `Outlined: the ${topListName(ctx.plan)}, with each state's stage`,
              items: targets.map((t, i) => ({ text: `${i + 1}. ${t.name}`, detail: t.stage })),
              empty: 'The list is empty. Add a state with `target add <state> lead <name>`.',
            },
          ]
        : undefined,
      picture,
    });
  },
});
