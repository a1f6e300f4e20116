import { defineCommand } from '../core/command.ts';
import { takeTrailingDue } from '../core/date-args.ts';
import { checkNote, fail, oneStatePerEntryAfter, parseState, wordsAndNote } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import { formatDate } from '../domain/dates.ts';
import { leadingStates } from '../domain/state-lists.ts';
import type { StateRecord } from '../domain/states.ts';
import { factsFor, partyNotice } from './describe.ts';
import { entryOrigin, publicEcho } from './engagement.ts';
import { withdrawButton } from './undo.ts';
import { editButton } from './form.ts';

interface NextArgs {
  state: StateRecord;
  step: string;
  dueOn: string | undefined;
  note: string | undefined;
}

export const next = defineCommand<NextArgs>({
  name: 'next',
  aliases: ['nextstep'],
  usage: 'next <state> <step agreed> [by <date> | in <n> days|weeks] [— note]',
  summary: 'Log a next step agreed with a state; you are its owner, and it is open until `done`.',
  examples: [
    'next Kenya send model instrument by next Friday',
    'next Viet Nam share ratification steps note in 2 weeks',
    'next Haiti send the note by end of the month',
  ],
  writes: true,
  parse(rest, ctx) {
    const start = wordsAndNote(rest);
    if (!start.ok) return start;
    const { tokens, note } = start.args;
    // One state per entry ("next Kenya and Uganda send …"), with the due date settled in the
    // buttons, so that each runs as shown.
    const several = leadingStates(tokens, ctx.states);
    if (several) {
      const due = takeTrailingDue(tokens.slice(several.used), ctx);
      return oneStatePerEntryAfter(due, several.states, tokens.slice(0, several.used).join(' '), ctx);
    }
    // The state is the longest run of words at the start that names one exactly;
    // everything after it is the step. "next Viet Nam: send ..." works too.
    const named = tokens.map((w) => w.replace(/:$/, ''));
    const match = ctx.states.resolvePrefix(named);
    if (!match) {
      // Show suggestions for the likeliest span of words that was meant as the state.
      const likeliest = [1, 2, 3]
        .filter((span) => span <= tokens.length)
        .map((span) => tokens.slice(0, span).join(' '))
        .map((typed) => ({ typed, score: ctx.states.scoredSuggestions(typed)[0]?.score ?? 0 }))
        .filter((span) => span.score > 0)
        .sort((a, b) => b.score - a.score)[0]?.typed;
      const unresolved = parseState(likeliest ?? tokens.slice(0, 2).join(' '), ctx);
      if (!unresolved.ok) return unresolved;
      return fail(errorReply('missing-state', 'Start with the state, then the step agreed.'));
    }
    const typedName = named.slice(0, match.used).join(' ');
    // Each state the words may mean, with how many words its name takes.
    const meanings = new Map(match.states.map((state) => [state, match.used]));
    // A shorter name must not swallow a longer one that was meant: "Dominica Republic ..." is
    // closer to the Dominican Republic than to Dominica, "Congo DR ..." to the DRC. Ask rather
    // than guess. Quotes or a code ("DMA", as the buttons send) say the name is complete.
    const explicit = /^\s*["“]/.test(rest) || match.states.some((s) => [s.iso3, s.iso2].includes(typedName.toUpperCase()));
    for (const extra of explicit ? [] : [1, 2]) {
      const longer = tokens.slice(0, match.used + extra);
      if (longer.length === match.used) break;
      const [closest] = ctx.states.scoredSuggestions(longer.join(' '));
      if (closest && closest.score >= 0.85 && (match.states.length > 1 || !meanings.has(closest.state))) {
        meanings.set(closest.state, longer.length);
        break;
      }
    }
    if (meanings.size > 1) {
      const states = [...meanings.keys()];
      const shared = match.states.length > 1;
      return fail(
        errorReply(
          'ambiguous-state',
          shared ? `"${typedName}" could mean more than one state. Which one?` : `Did you mean ${states.map((s) => s.name).join(' or ')}?`,
          {
            lines: [
              shared
                ? 'Did you mean one of these? Nothing was saved.'
                : 'Nothing was saved. Put the state in quotes to be explicit: `next "Dominica" send the note`.',
            ],
            suggestions: states.map((state) => ({
              label: state.name,
              command: `next ${state.iso3} ${tokens.slice(meanings.get(state)).join(' ')}${note ? ` — ${note}` : ''}`.trim(),
            })),
          },
        ),
      );
    }
    const found = { state: match.states[0]!, used: match.used };
    const due = takeTrailingDue(tokens.slice(found.used), ctx);
    if (!due.ok) return due;
    const step = due.args.text
      .join(' ')
      .replace(/^[:\s]+/, '')
      .trim();
    if (step.length === 0) {
      return fail(
        errorReply('missing-step', `What was agreed with ${found.state.name}?`, {
          lines: ['Write the step after the state, e.g. `next Kenya send model instrument by 2026-03-01`. Nothing was saved.'],
        }),
      );
    }
    const checkedStep = checkNote(step, 'next step');
    if (!checkedStep.ok) return checkedStep;
    if (due.args.due && due.args.due < ctx.today) {
      return fail(
        errorReply('past-due', `${formatDate(due.args.due)} has passed: give a due date from today on.`, {
          lines: ['Nothing was saved.'],
        }),
      );
    }
    return { ok: true, args: { state: found.state, step, dueOn: due.args.due, note } };
  },
  run(args, ctx) {
    const { row: entry } = ctx.store.changes.create(
      'entries',
      {
        kind: 'next_step',
        stateIso3: args.state.iso3,
        occurredOn: ctx.today,
        step: args.step,
        dueOn: args.dueOn ?? null,
        note: args.note ?? null,
        ...entryOrigin(ctx),
      },
      ctx.who,
      'log next step',
    );
    const notice = partyNotice(factsFor(ctx).of(args.state), ctx.today);
    return reply({
      tone: 'success',
      title: `Logged #${entry.id}: next step agreed, ${args.state.name}`,
      facts: [
        { label: 'State', value: `${args.state.name} (${args.state.iso3})` },
        { label: 'Next step', value: args.step },
        { label: 'Due', value: args.dueOn ? formatDate(args.dueOn) : 'no date given' },
        { label: 'Owner', value: ctx.person.displayName },
        ...(args.note ? [{ label: 'Note', value: args.note }] : []),
      ],
      lines: [...(notice ? [notice] : []), `Mark it done with \`done #${entry.id}\`.`],
      actions: [withdrawButton(entry.id), editButton(entry.id)],
      publicEcho: publicEcho(ctx, 'a next step', entry.id),
    });
  },
});
