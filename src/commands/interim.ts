import { type CommandContext, defineCommand, type ParseResult } from '../core/command.ts';
import { dateResult } from '../core/date-args.ts';
import { checkNote, fail, oneStatePerEntryAfter, parseState, wordsAndNote } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import { formatDate } from '../domain/dates.ts';
import { namesADay, readDate } from '../domain/read-date.ts';
import { leadingStates } from '../domain/state-lists.ts';
import type { StateRecord } from '../domain/states.ts';
import { entryOrigin, publicEcho } from './engagement.ts';
import { withdrawButton } from './undo.ts';

interface InterimArgs {
  state: StateRecord;
  step: string;
  on: string;
  note: string | undefined;
}

/**
 * `interim <state> <what the state did> [on <date>] [— note]`: a step a state took on its own
 * toward the Convention (a statement, a national policy, a voluntary transparency report). It is
 * a Priority Target Profile signal for `suggest`, not outreach, so no deliverable counts it.
 */
export const interim = defineCommand<InterimArgs>({
  name: 'interim',
  usage: 'interim <state> <statement, policy or voluntary report> [on <date>] [— note]',
  summary: 'Record an interim step a state took (a statement, a national policy, a voluntary transparency report); `suggest` ranks by it.',
  examples: [
    'interim Kenya statement of support at the First Committee',
    'interim Viet Nam voluntary Article 7 report on 2026-03-02',
    'interim Viet Nam voluntary Article 7 report',
  ],
  writes: true,
  parse(rest, ctx) {
    const start = wordsAndNote(rest);
    if (!start.ok) return start;
    const { tokens, note } = start.args;
    const several = leadingStates(tokens, ctx.states);
    if (several) {
      // With the day settled in the buttons, so that each runs as shown.
      const day = takeTrailingDay(tokens.slice(several.used), ctx);
      return oneStatePerEntryAfter(day, several.states, tokens.slice(0, several.used).join(' '), ctx);
    }
    const match = ctx.states.resolvePrefix(tokens.map((w) => w.replace(/:$/, '')));
    if (!match || match.states.length > 1) {
      const unresolved = parseState(tokens.slice(0, match?.used ?? 2).join(' '), ctx);
      if (!unresolved.ok) return unresolved;
    }
    const state = match!.states[0]!;
    const day = takeTrailingDay(tokens.slice(match!.used), ctx);
    if (!day.ok) return day;
    const { text, on } = day.args;
    const step = text
      .join(' ')
      .replace(/^[:\s]+/, '')
      .trim();
    if (step.length === 0) {
      return fail(
        errorReply('missing-step', `What did ${state.name} do?`, {
          lines: ['Write it after the state: `interim Kenya statement of support at the First Committee`. Nothing was saved.'],
        }),
      );
    }
    const checked = checkNote(step, 'interim step');
    if (!checked.ok) return checked;
    if (on > ctx.today) return fail(errorReply('future-date', `${formatDate(on)} is in the future: only what already happened is logged.`));
    return { ok: true, args: { state, step, on, note } };
  },
  run(args, ctx) {
    const { row: entry } = ctx.store.changes.create(
      'entries',
      { kind: 'interim', stateIso3: args.state.iso3, occurredOn: args.on, step: args.step, note: args.note ?? null, ...entryOrigin(ctx) },
      ctx.who,
      'log interim step',
    );
    return reply({
      tone: 'success',
      title: `Logged #${entry.id}: interim step, ${args.state.name}`,
      facts: [
        { label: 'State', value: `${args.state.name} (${args.state.iso3})` },
        { label: 'Step', value: args.step },
        { label: 'Date', value: formatDate(args.on) },
        ...(args.note ? [{ label: 'Note', value: args.note }] : []),
      ],
      lines: ['`suggest` counts it among the Priority Target Profile signals.'],
      actions: [withdrawButton(entry.id)],
      publicEcho: publicEcho(ctx, 'an interim step', entry.id),
    });
  },
});

/** A trailing "on <date>" is the day, when it reads as one; "statement on cluster munitions" stays text. */
function takeTrailingDay(words: readonly string[], ctx: CommandContext): ParseResult<{ text: string[]; on: string }> {
  const at = words.map((w) => w.toLowerCase()).lastIndexOf('on');
  if (at < 0 || at === words.length - 1) return { ok: true, args: { text: [...words], on: ctx.today } };
  const typed = words.slice(at + 1).join(' ');
  const reading = readDate(typed, ctx.today, 'past');
  if (!namesADay(reading)) return { ok: true, args: { text: [...words], on: ctx.today } };
  const date = dateResult(reading, typed, ctx);
  return date.ok ? { ok: true, args: { text: words.slice(0, at), on: date.args } } : date;
}
