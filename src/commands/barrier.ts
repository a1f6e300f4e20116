import { type CommandContext, defineCommand, type ParseResult } from '../core/command.ts';
import { fail, parseState, wordsAndNote } from '../core/parse.ts';
import { errorReply, type Reply, reply } from '../core/reply.ts';
import { BARRIER_TEXT, type BarrierCategory, barrierCategory, categoriesText } from '../domain/barriers.ts';
import type { StateRecord } from '../domain/states.ts';
import { type MessageArgs, parseMessage, runMessage } from './barrier-message.ts';
import { notPartyListRefusal } from './describe.ts';
import { undoButton } from './undo.ts';

type BarrierArgs =
  | { action: 'record'; state: StateRecord; category: BarrierCategory; note: string | undefined }
  | { action: 'clear'; state: StateRecord; category: BarrierCategory }
  | MessageArgs;

/** The refusal of a word that names no category, listing them all. */
function badCategory(title: string, example: string): ParseResult<never> {
  return fail(errorReply('bad-barrier', title, { lines: [`Categories: ${categoriesText()}.`, `Example: \`${example}\`. Nothing was saved.`] }));
}

export const barrier = defineCommand<BarrierArgs>({
  name: 'barrier',
  usage:
    'barrier <state> <legal|defence|regional|awareness|priority> [— note] | barrier <state> <category> clear | barrier message <category> — <text> | barrier message <category> clear',
  summary:
    "Record a state's barrier to joining for the barrier map (one per category: again changes its note), clear it, or set a category's recommended engagement message.",
  examples: [
    'barrier Viet Nam defence — stockpile destruction costs',
    'barrier Kenya priority',
    'barrier Kenya bandwidth — elections until August',
    'barrier Kenya priority clear',
    'barrier message legal — offer the model instrument and the ratification steps note',
  ],
  writes: true,
  guard: (args) =>
    args.action === 'message' || args.action === 'clear-message' ? { role: 'coordinator', doing: 'change the recommended engagement messages' } : undefined,
  parse(rest, ctx) {
    const start = wordsAndNote(rest);
    if (!start.ok) return start;
    const { tokens, note } = start.args;
    if (tokens[0]?.toLowerCase() === 'message') return parseMessage(tokens.slice(1), note);
    const clear = tokens.length > 2 && tokens.at(-1)!.toLowerCase() === 'clear';
    const typed = clear ? tokens.slice(0, -1) : tokens;
    const category = barrierCategory(typed.at(-1) ?? '');
    if (!category || typed.length < 2) {
      return badCategory(
        typed.length < 2 ? 'Give the state and the kind of barrier.' : `"${typed.at(-1)}" is not a barrier category.`,
        'barrier Viet Nam defence — stockpile destruction costs',
      );
    }
    if (clear && note !== undefined) {
      return fail(
        errorReply('bad-syntax', '`clear` takes no note.', {
          lines: [`Write \`barrier <state> ${category} clear\`; the audit trail keeps the barrier and its note. Nothing was changed.`],
        }),
      );
    }
    const state = parseState(typed.slice(0, -1).join(' '), ctx);
    if (!state.ok) return state;
    // A barrier may still be cleared once its state has joined; none is recorded for a State Party.
    const refusal = clear ? undefined : notPartyListRefusal(state.args, ctx);
    if (refusal) return fail(refusal);
    return clear
      ? { ok: true, args: { action: 'clear', state: state.args, category } }
      : { ok: true, args: { action: 'record', state: state.args, category, note } };
  },
  run(args, ctx) {
    if (args.action === 'record') return record(args, ctx);
    if (args.action === 'clear') return clearBarrier(args, ctx);
    return runMessage(args, ctx);
  },
});

/** A new barrier, or a new note for the state's current one in that category: never a second row. */
function record(args: Extract<BarrierArgs, { action: 'record' }>, ctx: CommandContext): Reply {
  const { state, category, note } = args;
  const facts = [
    { label: 'State', value: `${state.name} (${state.iso3})` },
    { label: 'Category', value: BARRIER_TEXT[category] },
  ];
  const current = ctx.store.barriers.current(state.iso3, category);
  if (!current) {
    const { row, changeId } = ctx.store.changes.create(
      'barriers',
      { stateIso3: state.iso3, category, note: note ?? null, personId: ctx.person.id, createdAt: ctx.who.at },
      ctx.who,
      'record barrier',
    );
    return reply({
      tone: 'success',
      title: `Barrier recorded for ${state.name}: ${BARRIER_TEXT[category]}`,
      facts: [...facts, ...(note ? [{ label: 'Note', value: note }] : [])],
      lines: [`Barrier ${row.id} is on the map; see \`barriers\`.`],
      actions: [undoButton(changeId)],
    });
  }
  // The same category again: the state keeps one barrier there, and the note is what may change.
  if (note === undefined || note === current.note) {
    return reply({
      tone: 'info',
      code: 'already-recorded',
      title: `${state.name} already has this barrier on the map: ${BARRIER_TEXT[category]}`,
      facts: [...facts, { label: 'Note', value: current.note ?? 'none' }],
      lines: [
        `Nothing was changed. To change the note: \`barrier ${state.iso3} ${category} — <note>\`; to take it off the map: \`barrier ${state.iso3} ${category} clear\`.`,
      ],
    });
  }
  const { changeId } = ctx.store.changes.update('barriers', current.id, { note }, ctx.who, 'change barrier note');
  return reply({
    tone: 'success',
    title: `Barrier note updated for ${state.name}: ${BARRIER_TEXT[category]}`,
    facts: [...facts, { label: 'Note', value: note }, { label: 'Previous note', value: current.note ?? 'none' }],
    lines: ['The state keeps one barrier per category; the audit trail keeps the previous note.'],
    actions: [undoButton(changeId)],
  });
}

/** Takes a state's barrier off the map: withdrawn, kept with its note in the audit trail. */
function clearBarrier(args: Extract<BarrierArgs, { action: 'clear' }>, ctx: CommandContext): Reply {
  const { state, category } = args;
  const current = ctx.store.barriers.current(state.iso3, category);
  if (!current) {
    return errorReply('no-barrier', `${state.name} has no barrier on the map under ${BARRIER_TEXT[category]}.`, {
      lines: [`Nothing was changed. See its barriers with \`state ${state.iso3}\`, or the map with \`barriers\`.`],
    });
  }
  const { changeId } = ctx.store.changes.update('barriers', current.id, { withdrawnAt: ctx.who.at }, ctx.who, 'clear barrier');
  return reply({
    tone: 'success',
    title: `Cleared: ${state.name} is off the map under ${BARRIER_TEXT[category]}`,
    facts: current.note ? [{ label: 'Note it had', value: current.note }] : undefined,
    lines: ['The audit trail keeps the barrier and its note; `undo` puts it back.'],
    actions: [undoButton(changeId)],
  });
}
