import { defineCommand } from '../core/command.ts';
import { fail, parseClauses, parseState, words } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import { formatDate } from '../domain/dates.ts';
import { looksLikeDate, readDate } from '../domain/read-date.ts';
import type { StateRecord } from '../domain/states.ts';
import { entryItem } from './describe.ts';

/** Entries listed at once; more are reached by narrowing with `since` or a state. */
const PAGE = 25;

interface LogArgs {
  state: StateRecord | undefined;
  since: string | undefined;
}

export const log = defineCommand<LogArgs>({
  name: 'log',
  aliases: ['recent'],
  usage: 'log [<state>] [since <date>]',
  summary: 'Recent entries of the follow-up log, newest first; for one state or since a date.',
  examples: ['log', 'log since Monday', 'log Kenya'],
  writes: false,
  parse(rest, ctx) {
    const clauses = parseClauses(words(rest), { since: { arg: 'since', kind: 'past-date' } }, ctx);
    if (!clauses.ok) return clauses;
    const since = clauses.args.values.since;
    if (since !== undefined && since > ctx.today)
      return fail(errorReply('future-date', `${formatDate(since)} is in the future: nothing can have been logged since then.`));
    if (clauses.args.lead.length === 0) return { ok: true, args: { state: undefined, since } };
    const state = parseState(clauses.args.lead.join(' '), ctx);
    if (!state.ok) {
      const typed = clauses.args.lead.join(' ');
      if (since === undefined && looksLikeDate(typed)) {
        // The date as typed when it names a day, else each day it may mean ("3/4", "March").
        const reading = readDate(typed, ctx.today, 'past');
        const days = reading.ok ? [{ label: typed, date: typed }] : reading.alternatives;
        return fail(
          errorReply('bad-syntax', 'To list entries from a date on, write `log since <date>`.', {
            suggestions: days.map((day) => ({ label: `log since ${day.label}`, command: `log since ${day.date}` })),
          }),
        );
      }
      return state;
    }
    return { ok: true, args: { state: state.args, since } };
  },
  run({ state, since }, ctx) {
    const { rows, total } = ctx.store.entries.recent(since, PAGE, state?.iso3);
    const scope = [state ? state.name : undefined, since ? `since ${formatDate(since)}` : undefined].filter(Boolean).join(', ');
    return reply({
      tone: 'info',
      title: `Follow-up log${scope ? `: ${scope}` : ''}`,
      sections: [
        {
          heading: `${total} ${total === 1 ? 'entry' : 'entries'}`,
          items: rows.map((e) => entryItem(e, ctx, { withState: !state })),
          empty: 'Nothing logged yet.',
          more: total > rows.length ? { count: total - rows.length, hint: `log ${state ? `${state.name} ` : ''}since <date>` } : undefined,
        },
      ],
    });
  },
});
