/**
 * The "Log outreach" form opened already filled in: from a sentence someone wrote (a Slack
 * message picked with "Log to ccm-bot", or `form from <sentence>`), read by the proposal reader;
 * or with an entry to correct (Edit on its reply, `form edit #<id>`), whose saving runs `edit`.
 * Opening stores nothing: the person checks the fields and saves, and what the reader could not
 * tell (no state, no single day, a kind the form does not log) is said beside its field, never
 * guessed.
 */
import type { CommandContext } from '../core/command.ts';
import { alsoNamedLine, type FieldName, FORM_TEXT_MAX, type FormModel, type FormValues, logOutreachForm, type OutreachKind } from '../core/form.ts';
import type { EntryRow } from '../store/store.ts';
import { type ProposalKind, readSentence } from '../domain/proposal.ts';
import { stateChoice } from '../domain/state-choices.ts';
import type { StateRecord } from '../domain/states.ts';

/** A state as the form's state field holds it: labelled as the typeahead offers it, which Slack requires of a chosen option. */
export function chosenState(state: StateRecord): NonNullable<FormValues['state']> {
  return { value: state.iso3, label: stateChoice(state).label };
}

/** The proposal's kinds the form logs; the others are typed with their own command. */
const FORM_KIND: Partial<Record<ProposalKind, OutreachKind>> = { meeting: 'meeting', contacted: 'contacted', next: 'next' };

/** What a kind the form does not log is, and the command that logs it. */
const TYPED_INSTEAD: Partial<Record<ProposalKind, string>> = {
  workshop: 'a workshop: type `workshop <name> with <states>` to log it',
  announced: 'an announcement: once checked, type `announced <state> on <date>`',
  joined: 'a ratification or accession: once checked, type `joined <state> on <date>`',
};

/**
 * The form filled from `sentence`: the first state it is about, what happened, the day, the
 * level (else `blank`'s, the person's default) and the sentence as the note. Several states:
 * the first, with the others named beside it.
 */
export function formFromSentence(sentence: string, ctx: CommandContext, blank: FormValues): FormModel {
  const oneLine = sentence.trim().replace(/\s+/g, ' ').slice(0, FORM_TEXT_MAX);
  if (!ctx.lexicon) return logOutreachForm({ ...blank, ...(oneLine ? { note: oneLine } : {}) });
  const { note, happening, subjects } = readSentence(sentence, ctx.lexicon, ctx.today);
  const errors: Partial<Record<FieldName, string>> = {};
  const values: FormValues = { ...blank, ...(note ? { note } : {}) };
  const [first, ...others] = subjects;
  if (first) {
    values.state = chosenState(first.state);
    if (first.how === 'near') errors.state = `"${first.typed}" was read as ${first.state.name}: is that right?`;
    else if (others.length > 0) {
      values.named = subjects.map((s) => chosenState(s.state));
      errors.state = alsoNamedLine(values);
    }
  } else {
    errors.state = 'No state was recognised in the message: choose one.';
  }
  if (!happening) {
    errors.what = 'No word in the message says what happened: choose it.';
    return logOutreachForm(values, errors);
  }
  const kind = FORM_KIND[happening.kind];
  if (kind) values.what = kind;
  else errors.what = `The message reads as ${TYPED_INSTEAD[happening.kind]}. This form logs contacts, meetings and next steps.`;
  if (kind === 'next') {
    values.step = happening.step;
    if (happening.date) values.due = happening.date;
    return logOutreachForm(values, errors);
  }
  if (happening.level) values.level = happening.level;
  if (happening.date) values.date = happening.date;
  else {
    values.date = undefined;
    errors.date = 'The message names no single day: which one?';
  }
  return logOutreachForm(values, errors);
}

/** The entries the form corrects: the kinds it logs. */
export const FORM_KIND_OF_ENTRY: Partial<Record<EntryRow['kind'], OutreachKind>> = { contacted: 'contacted', meeting: 'meeting', next_step: 'next' };

/** The form holding `entry` as it is, to correct; `kind` is its kind as the form names it. */
export function formForEntry(entry: EntryRow, kind: OutreachKind, ctx: CommandContext): FormModel {
  const state = chosenState(ctx.states.byCode(entry.stateIso3));
  const level = entry.level ?? undefined;
  const due = entry.dueOn ?? undefined;
  return logOutreachForm({
    what: kind,
    state,
    ...(kind === 'next' ? { step: entry.step ?? '', ...(due ? { due } : {}) } : { date: entry.occurredOn, ...(level ? { level } : {}) }),
    ...(entry.note ? { note: entry.note } : {}),
    entry: {
      id: entry.id,
      was: { state: state.value, date: entry.occurredOn, ...(due ? { due } : {}), ...(level ? { level } : {}), note: Boolean(entry.note) },
    },
  });
}
