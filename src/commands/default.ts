import { defineCommand } from '../core/command.ts';
import { fail, parseLevel, words } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import type { Level } from '../domain/plan.ts';
import type { PersonSettingsRow } from '../store/store.ts';
import { levelText } from './describe.ts';
import { undoButton } from './undo.ts';

/** The level a person's contacts and meetings are logged at when they give none. */
const FALLBACK_LEVEL: Level = 'geneva';

export function defaultLevel(settings: PersonSettingsRow | undefined): Level {
  return settings?.defaultLevel ?? FALLBACK_LEVEL;
}

type DefaultArgs = { show: true } | { show: false; level: Level };

export const defaults = defineCommand<DefaultArgs>({
  name: 'default',
  aliases: ['defaults'],
  usage: 'default [level geneva|capital|regional]',
  summary: 'Show or set your default level: the level of a contact or meeting you log without `in <level>` (Geneva unless you set it).',
  examples: ['default level capital', 'default'],
  writes: true,
  parse(rest) {
    const [what, value, ...extra] = words(rest);
    if (what === undefined) return { ok: true, args: { show: true } };
    if (what.toLowerCase() !== 'level' || value === undefined || extra.length > 0) {
      return fail(
        errorReply('bad-syntax', 'Write `default level geneva`, `default level capital` or `default level regional`.', {
          lines: ['`default` alone shows your current default. Nothing was changed.'],
        }),
      );
    }
    const level = parseLevel(value);
    return level.ok ? { ok: true, args: { show: false, level: level.args } } : level;
  },
  run(args, ctx) {
    const current = ctx.store.people.settings(ctx.person.id);
    if (args.show) {
      return reply({
        tone: 'info',
        title: `Your default level: ${levelText(defaultLevel(current))}`,
        lines: ['A contact or meeting you log without `in <level>` is logged at this level. Change it with `default level capital`.'],
      });
    }
    if (defaultLevel(current) === args.level) {
      return errorReply('unchanged', `Your default level is already ${levelText(args.level)}.`, { lines: ['Nothing was changed.'] });
    }
    const { changeId } = current
      ? ctx.store.changes.update('settings', current.id, { defaultLevel: args.level }, ctx.who, 'set default level')
      : ctx.store.changes.create('settings', { personId: ctx.person.id, defaultLevel: args.level, createdAt: ctx.who.at }, ctx.who, 'set default level');
    return reply({
      tone: 'success',
      title: `Your default level is now ${levelText(args.level)}`,
      lines: ['Contacts and meetings you log without `in <level>` are logged at this level; the reply always says which level it used.'],
      actions: [undoButton(changeId)],
    });
  },
});
