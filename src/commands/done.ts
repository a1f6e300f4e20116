import { defineCommand } from '../core/command.ts';
import { parseDoneDay } from '../core/date-args.ts';
import { fail, parseLiveEntry, words } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import { formatDate } from '../domain/dates.ts';
import type { EntryRow } from '../store/store.ts';
import { othersEntry } from './describe.ts';
import { undoButton } from './undo.ts';

export const done = defineCommand<{ entry: EntryRow; on: string }>({
  name: 'done',
  usage: 'done <entry id> [on <date>]',
  summary: "Mark one of your next steps as done (coordinators: anyone's).",
  examples: ['done #12', 'done 12 yesterday'],
  writes: true,
  guard: ({ entry }, ctx) => othersEntry(entry, ctx, 'mark # done'),
  parse(rest, ctx) {
    const [typedId, ...after] = words(rest);
    const found = parseLiveEntry(typedId, ctx);
    if (!found.ok) return found;
    const entry = found.args;
    if (entry.kind !== 'next_step') {
      return fail(errorReply('not-a-next-step', `#${entry.id} is not a next step; only next steps are marked done.`));
    }
    if (entry.completedOn) {
      return fail(errorReply('already-done', `#${entry.id} was already marked done on ${formatDate(entry.completedOn)}.`));
    }
    const on = parseDoneDay(after, ctx, 'Write it as `done #12` or `done #12 on Monday`.');
    return on.ok ? { ok: true, args: { entry, on: on.args } } : on;
  },
  run({ entry, on }, ctx) {
    const { changeId } = ctx.store.changes.update('entries', entry.id, { completedOn: on }, ctx.who, 'complete next step');
    const state = ctx.states.byCode(entry.stateIso3);
    return reply({
      tone: 'success',
      title: `Done: #${entry.id}, ${state.name}`,
      facts: [
        { label: 'Next step', value: entry.step ?? '' },
        { label: 'Done on', value: formatDate(on) },
      ],
      actions: [undoButton(changeId)],
    });
  },
});
