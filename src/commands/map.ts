import { defineCommand } from '../core/command.ts';
import { fail, words } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import { type MapVariant, worldMapPicture, worldMapTitle } from '../reports/pictures.ts';

export const map = defineCommand<MapVariant>({
  name: 'map',
  usage: 'map [public]',
  summary:
    "A world map of CCM status with the top-15 list outlined and each listed state's stage, sent to you alone; `map public`: the status map only, to share.",
  examples: ['map', 'map public'],
  writes: false,
  parse(rest) {
    const [choice, ...extra] = words(rest);
    if (choice === undefined) return { ok: true, args: 'with-targets' };
    if (choice.toLowerCase() === 'public' && extra.length === 0) return { ok: true, args: 'status-only' };
    return fail(
      errorReply('bad-syntax', '`map` takes at most `public`.', {
        lines: ['`map` shows the top-15 list on the map, for the group; `map public` the treaty status alone, to share outside it.'],
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
          ? 'Public treaty data only: no top-15 list, no engagement stage. It can be shared outside the group.'
          : 'The top-15 list is for the group: to share the map outside it, use `map public`.',
      ],
      sections: targets
        ? [
            {
              heading: `Outlined: the top-${ctx.plan.targetListSize} list, with each state's stage`,
              items: targets.map((t, i) => ({ text: `${i + 1}. ${t.name}`, detail: t.stage })),
              empty: 'The list is empty. Add a state with `target add <state> lead <name>`.',
            },
          ]
        : undefined,
      picture,
    });
  },
});
