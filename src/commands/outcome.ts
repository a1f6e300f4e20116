/**
 * What `joined` and `announced` share: an outcome of outreach, `<state> [on <date>] [— note]`,
 * refused for a state that has already joined (by the facts the bot states now).
 */
import type { CommandContext, ParseResult } from '../core/command.ts';
import { fail, parseClauses, parseState, wordsAndNote } from '../core/parse.ts';
import { errorReply, reply, type Reply } from '../core/reply.ts';
import { ccmStatusOn, entryIntoForceFor } from '../domain/ccm.ts';
import { formatDate } from '../domain/dates.ts';
import type { StateRecord } from '../domain/states.ts';
import { alreadyJoinedText, factsFor } from './describe.ts';
import { entryOrigin, publicEcho } from './engagement.ts';
import { withdrawButton } from './undo.ts';

export interface OutcomeArgs {
  state: StateRecord;
  on: string;
  note: string | undefined;
}

type Kind = 'joined' | 'announced';

const EXAMPLE: Record<Kind, string> = {
  joined: '`joined Kenya on 2026-03-10 — UN depositary notification C.N.123.2026`',
  announced: '`announced Kenya on 2026-03-02 — Foreign Minister at the Human Rights Council`',
};

/**
 * Reads `<state> on <date> [— note]`. A join needs the day of deposit (it is a treaty fact and
 * is never guessed); an announcement defaults to today but needs its note (what was said, where).
 */
export function parseOutcome(rest: string, ctx: CommandContext, kind: Kind): ParseResult<OutcomeArgs> {
  const start = wordsAndNote(rest);
  if (!start.ok) return start;
  const clauses = parseClauses(start.args.tokens, { on: { arg: 'date', kind: 'past-date' } }, ctx);
  if (!clauses.ok) return clauses;
  const state = parseState(clauses.args.lead.join(' '), ctx);
  if (!state.ok) return state;
  const on = clauses.args.values.date ?? (kind === 'announced' ? ctx.today : undefined);
  if (on === undefined) {
    return fail(
      errorReply('missing-date', `On which day did ${state.args.name} deposit its instrument?`, {
        lines: [`Give the day of deposit with its source: ${EXAMPLE.joined}. Nothing was saved.`],
      }),
    );
  }
  if (on > ctx.today)
    return fail(errorReply('future-date', `${formatDate(on)} is in the future: only what already happened is logged.`, { lines: ['Nothing was saved.'] }));
  if (kind === 'announced' && !start.args.note) {
    return fail(
      errorReply('missing-note', 'Say what was announced, and where, after a dash.', {
        lines: [`For example ${EXAMPLE.announced}. Nothing was saved.`],
      }),
    );
  }
  const facts = factsFor(ctx).of(state.args);
  if (facts.ccmStatus === 'party' || ccmStatusOn(facts, on) === 'party') {
    return fail(
      errorReply('already-joined', alreadyJoinedText(facts, ctx.today) ?? `${state.args.name} has already joined.`, {
        lines: ['Nothing was saved. If the treaty data is wrong, the ISU corrects it with `ccm data import` (see docs/operating.md, "Data").'],
      }),
    );
  }
  return { ok: true, args: { state: state.args, on, note: start.args.note } };
}

/** Stores the outcome and confirms it, saying which deliverables it counts toward. */
export function logOutcome(kind: Kind, args: OutcomeArgs, ctx: CommandContext): Reply {
  const { row: entry } = ctx.store.changes.create(
    'entries',
    { kind, stateIso3: args.state.iso3, occurredOn: args.on, level: null, note: args.note ?? null, ...entryOrigin(ctx) },
    ctx.who,
    `log ${kind}`,
  );
  const counted = ctx.plan.deliverables.filter((d) => d.indicators.some((i) => i.measure === 'entries' && i.kinds.includes(kind)));
  const name = args.state.name;
  const facts =
    kind === 'joined'
      ? [
          { label: 'Instrument deposited', value: formatDate(args.on) },
          { label: 'State Party from', value: `${formatDate(entryIntoForceFor(args.on))} (Art. 17)` },
          { label: 'Source', value: args.note ?? `not given: add it with \`edit #${entry.id} — <source>\`` },
        ]
      : [
          { label: 'Announced on', value: formatDate(args.on) },
          { label: 'Note', value: args.note ?? '' },
        ];
  return reply({
    tone: 'success',
    title: kind === 'joined' ? `Logged #${entry.id}: ${name} joined the Convention` : `Logged #${entry.id}: ${name} announced its intent to join`,
    facts: [{ label: 'State', value: `${name} (${args.state.iso3})` }, ...facts],
    lines: [
      ...(kind === 'joined'
        ? [`${name}'s card now shows it as joined from ${formatDate(args.on)}; contacts and meetings before that day still count as outreach.`]
        : []),
      ...(counted.length > 0 ? [`Counts toward: ${counted.map((d) => d.title).join('; ')}.`] : []),
    ],
    actions: [withdrawButton(entry.id)],
    publicEcho: publicEcho(ctx, kind === 'joined' ? 'a new State Party' : 'an announcement', entry.id),
  });
}
