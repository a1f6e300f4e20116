import { defineCommand } from '../core/command.ts';
import { type FormValues, logOutreachForm, type OutreachKind } from '../core/form.ts';
import { parseState } from '../core/parse.ts';
import { type Action, reply } from '../core/reply.ts';
import { todayIn } from '../domain/dates.ts';
import type { StateRecord } from '../domain/states.ts';
import { defaultLevel } from './default.ts';
import { chosenState, formFromSentence } from './form-openings.ts';

/** The button that opens the form, on `help` and `home`: where a platform has no forms, it says what to type. */
export const LOG_OUTREACH_BUTTON: Action = { label: 'Log outreach', command: 'form', style: 'primary' };

/** A state card's button: the form for a next step with that state. */
export function addNextStepButton(state: Pick<StateRecord, 'iso3'>): Action {
  return { label: 'Add next step', command: `form next ${state.iso3}` };
}

/** The words that choose what happened, as the commands spell it. */
const KIND_WORDS: Record<string, OutreachKind> = { contacted: 'contacted', contact: 'contacted', meeting: 'meeting', met: 'meeting', next: 'next' };

/** What the form opens with: what happened and the state, either given; or a sentence to read them from. */
type FormArgs = { kind?: OutreachKind; state?: StateRecord } | { sentence: string };

export const form = defineCommand<FormArgs>({
  name: 'form',
  aliases: ['log-outreach'],
  usage: 'form [contacted|meeting|next] [<state>] | form from <sentence>',
  summary:
    'Log a contact, a meeting or a next step by filling in a form (in chat, a dialog; in the shell, questions one by one), opened with what happened and the state given, or filled in from a sentence.',
  examples: ['form', 'form next Lao PDR', 'form from Met the Kenyan mission this morning, they asked for the Q&A'],
  writes: false,
  parse(rest, ctx) {
    const text = rest.trim();
    const [first = '', ...others] = text.split(/\s+/);
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
