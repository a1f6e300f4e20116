import { defineCommand } from '../core/command.ts';
import { type FormValues, logOutreachForm, type OutreachKind } from '../core/form.ts';
import { fail, parseLiveEntry, parseState } from '../core/parse.ts';
import { type Action, errorReply, reply } from '../core/reply.ts';
import { todayIn } from '../domain/dates.ts';
import type { StateRecord } from '../domain/states.ts';
import type { EntryRow } from '../store/store.ts';
import { closedEntryGuard } from './cycle.ts';
import { defaultLevel } from './default.ts';
import { othersEntry } from './describe.ts';
import { chosenState, FORM_KIND_OF_ENTRY, formForEntry, formFromSentence } from './form-openings.ts';

/** The button that opens the form, on `help` and `home`: where a platform has no forms, it says what to type. */
export const LOG_OUTREACH_BUTTON: Action = { label: 'Log outreach', command: 'form', style: 'primary' };

/** True for a button's command that opens the form (`form`, `form next KEN`, `form edit #12`): a platform with dialogs opens one. */
export const opensForm = (command: string): boolean => command === LOG_OUTREACH_BUTTON.command || command.startsWith(`${LOG_OUTREACH_BUTTON.command} `);

/** A state card's button: the form for a next step with that state. */
export function addNextStepButton(state: Pick<StateRecord, 'iso3'>): Action {
  return { label: 'Add next step', command: `form next ${state.iso3}` };
}

/** A logged entry's Edit button: the form holding the entry, whose saving runs `edit`. */
export function editButton(entryId: number): Action {
  return { label: 'Edit', command: `form edit #${entryId}` };
}

/** The words that choose what happened, as the commands spell it. */
const KIND_WORDS: Record<string, OutreachKind> = { contacted: 'contacted', contact: 'contacted', meeting: 'meeting', met: 'meeting', next: 'next' };

/** What the form opens with: what happened and the state, either given; a sentence to read them from; or an entry to correct. */
type FormArgs = { kind?: OutreachKind; state?: StateRecord } | { sentence: string } | { entry: EntryRow; kind: OutreachKind };

export const form = defineCommand<FormArgs>({
  name: 'form',
  aliases: ['log-outreach'],
  usage: 'form [contacted|meeting|next] [<state>] | form from <sentence> | form edit <entry id>',
  summary:
    'Log a contact, a meeting or a next step by filling in a form (in chat, a dialog; in the shell, questions one by one), opened with what happened and the state given, or filled in from a sentence.',
  examples: ['form', 'form next Lao PDR', 'form from Met the Kenyan mission this morning, they asked for the Q&A'],
  writes: false,
  // Opening an entry to correct is refused as `edit` would refuse saving it.
  guard: (args, ctx) => ('entry' in args ? (closedEntryGuard(args.entry, ctx) ?? othersEntry(args.entry, ctx, 'edit #')) : undefined),
  parse(rest, ctx) {
    const text = rest.trim();
    const [first = '', ...others] = text.split(/\s+/);
    if (first.toLowerCase() === 'edit') {
      const found = parseLiveEntry(others[0], ctx);
      if (!found.ok) return found;
      const kind = FORM_KIND_OF_ENTRY[found.args.kind];
      if (kind) return { ok: true, args: { entry: found.args, kind } };
      return fail(
        errorReply('not-applicable', `#${found.args.id} is not a contact, a meeting or a next step: the form corrects only those.`, {
          lines: [`Type \`edit #${found.args.id} …\` instead. Nothing was changed.`],
        }),
      );
    }
    // The sentence is read in memory only: the log line names the command, never its words.
    if (first.toLowerCase() === 'from') return { ok: true, args: { sentence: text.slice(first.length).trim() } };
    const kind = KIND_WORDS[first.toLowerCase()];
    const named = kind ? others.join(' ') : text;
    if (named === '') return { ok: true, args: kind ? { kind } : {} };
    const state = parseState(named, ctx);
    return state.ok ? { ok: true, args: { ...(kind ? { kind } : {}), state: state.args } } : state;
  },
  run(args, ctx) {
    // Today where the person is, but never a day the group's calendar has not reached: a meeting
    // dated "tomorrow" for the group would be refused as in the future.
    const theirs = ctx.person.timeZone ? todayIn(ctx.person.timeZone, new Date(ctx.who.at)) : ctx.today;
    const blank: FormValues = {
      what: 'meeting',
      date: [theirs, ctx.today].toSorted()[0],
      level: defaultLevel(ctx.store.people.settings(ctx.person.id)),
    };
    if ('entry' in args)
      return reply({
        tone: 'info',
        title: `Edit #${args.entry.id}`,
        lines: [`Where no form can be shown, type \`edit #${args.entry.id} …\`.`],
        form: formForEntry(args.entry, args.kind, ctx),
      });
    const opened =
      'sentence' in args
        ? formFromSentence(args.sentence, ctx, blank)
        : {
            ...logOutreachForm({ ...blank, ...(args.kind ? { what: args.kind } : {}), ...(args.state ? { state: chosenState(args.state) } : {}) }),
            // What happened, given, is not asked again where questions come one by one.
            ...(args.kind ? { askFrom: 'state' as const } : {}),
          };
    return reply({
      tone: 'info',
      title: 'Log outreach',
      lines: ['Where no form can be shown, type the line instead: `meeting <state> held [on <date>] [in capital] [— note]`, `contacted …` or `next …`.'],
      form: opened,
    });
  },
});
