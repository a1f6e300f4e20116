import { defineCommand } from '../core/command.ts';
import { fail, parseEntryId, parseState, words } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import type { StateRecord } from '../domain/states.ts';
import type { EntryRow } from '../store/store.ts';
import { changeItem } from './change-text.ts';

/** Changes shown per page: enough for a state's year, short enough to read on a phone. */
const PAGE = 20;

type HistoryArgs = { page: number } & ({ entry: EntryRow } | { state: StateRecord } | { holds: 'quiet' | 'away' });

export const history = defineCommand<HistoryArgs>({
  name: 'history',
  usage: 'history <state> | history #<entry id> | history quiet | history away [page <n>]',
  summary:
    "Every change to a state's entries, barriers and place on the list, to one entry (snoozes included), to the quiet periods or to your time away: who, where, when, which command, before and after.",
  examples: ['history Kenya', 'history #12', 'history quiet'],
  writes: false,
  parse(rest, ctx) {
    const tokens = words(rest);
    const pageAt = tokens.findIndex((w) => w.toLowerCase() === 'page');
    const page = pageAt < 0 ? 1 : Number(tokens[pageAt + 1]);
    if (pageAt >= 0 && (!Number.isInteger(page) || page < 1 || tokens.length > pageAt + 2)) {
      return fail(errorReply('bad-syntax', 'Write the page as a number at the end: `history Kenya page 2`.'));
    }
    const subject = pageAt < 0 ? tokens : tokens.slice(0, pageAt);
    if (subject.length === 0) return fail(errorReply('bad-syntax', 'Whose history? Write `history Kenya` or `history #12`.'));
    if (/^#?\d+$/.test(subject[0]!) && subject.length === 1) {
      const id = parseEntryId(subject[0]);
      if (!id.ok) return id;
      const entry = ctx.store.entries.byId(id.args);
      // A withdrawn entry has a history too: that is where its withdrawal shows.
      if (!entry) return fail(errorReply('no-entry', `There is no entry #${id.args}.`));
      return { ok: true, args: { entry, page } };
    }
    if (subject.length === 1 && ['quiet', 'away'].includes(subject[0]!.toLowerCase())) {
      return { ok: true, args: { holds: subject[0]!.toLowerCase() as 'quiet' | 'away', page } };
    }
    const state = parseState(subject.join(' '), ctx);
    return state.ok ? { ok: true, args: { state: state.args, page } } : state;
  },
  run(args, ctx) {
    const subject =
      'entry' in args
        ? { entity: 'entries' as const, entityId: String(args.entry.id) }
        : 'holds' in args
          ? { holds: args.holds, ...(args.holds === 'away' ? { personId: ctx.person.id } : {}) }
          : { stateIso3: args.state.iso3 };
    const { changes, total } = ctx.store.trail.of(subject, PAGE, (args.page - 1) * PAGE);
    const name = 'entry' in args ? `#${args.entry.id}` : 'holds' in args ? (args.holds === 'quiet' ? 'the quiet periods' : 'your time away') : args.state.name;
    const pages = Math.max(1, Math.ceil(total / PAGE));
    if (total === 0) return reply({ tone: 'info', title: `History of ${name}`, lines: ['Nothing has been recorded about it yet.'] });
    if (args.page > pages) return errorReply('no-page', `The history of ${name} has ${pages} page${pages === 1 ? '' : 's'}.`);
    const again = 'entry' in args ? `history #${args.entry.id}` : 'holds' in args ? `history ${args.holds}` : `history ${args.state.name}`;
    return reply({
      tone: 'info',
      title: `History of ${name}`,
      lines: [
        `${total} change${total === 1 ? '' : 's'}, newest first${pages > 1 ? ` (page ${args.page} of ${pages})` : ''}. Times in ${ctx.timeZone}. Nothing is ever deleted: withdrawals and undos are changes too.`,
      ],
      sections: [{ heading: 'Changes', items: changes.map((change) => changeItem(change, ctx)) }],
      suggestions: args.page < pages ? [{ label: 'Older changes', command: `${again} page ${args.page + 1}` }] : undefined,
    });
  },
});
