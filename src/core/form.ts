/**
 * The "Log outreach" form as a reply model of its own: its fields, the values they hold and the
 * errors beside them, before any platform decides how it looks (a Slack modal, the shell's
 * numbered questions). A form is never a second way to change the log: its submission is
 * spelled as the one-line command a person would type ({@link formCommand}) and runs through the
 * same turn, so receipts, roles, undo, audit, duplicate checks and counting rules apply unchanged.
 * A refused submission is mapped back to the field it concerns (form-turn.ts); nothing is stored.
 */
import { LEVELS, type Level } from '../domain/plan.ts';

/** What happened: the three kinds of entry the form logs. Workshops and interim steps stay with the grammar. */
export const OUTREACH_KINDS = ['contacted', 'meeting', 'next'] as const;
export type OutreachKind = (typeof OUTREACH_KINDS)[number];

export const FORM_FIELDS = ['what', 'state', 'date', 'due', 'level', 'step', 'note', 'again'] as const;
export type FieldName = (typeof FORM_FIELDS)[number];

/** A note or a step is at most this long, as the grammar says (`note-too-long`). */
export const FORM_TEXT_MAX = 1000;

/** One choice of a choice field, or a state offered by the typeahead: what is stored, and what is shown. */
interface Choice {
  value: string;
  label: string;
}

export interface FormField {
  name: FieldName;
  label: string;
  control: 'choice' | 'state' | 'date' | 'text' | 'long-text' | 'checkbox';
  required: boolean;
  /** For `choice` fields. */
  options?: readonly Choice[];
  /** Said under the field. */
  hint?: string;
  /** For text fields: the most characters it takes. */
  maxLength?: number;
}

/**
 * An entry the form corrects: its submission runs `edit #<id>` rather than logging a new one.
 * What the entry held is kept, so that only what changed is written: its day, long past, would
 * be asked about again, and a due date that has passed would be refused.
 */
export interface EditedEntry {
  id: number;
  was: { state: string; date?: string; due?: string; level?: Level; note: boolean };
}

/** At most this many states named by one message get a button. */
const NAMED_MAX = 5;

/** The states a message named other than the one the form holds now: a button each. */
export function otherNamedStates(values: FormValues): Choice[] {
  return (values.named ?? []).filter((c) => c.value !== values.state?.value).slice(0, NAMED_MAX);
}

/** The line beside the state when a message named several: the others, which the buttons switch to. */
export function alsoNamedLine(values: FormValues): string | undefined {
  const others = otherNamedStates(values);
  if (others.length === 0) return undefined;
  return `The message also names ${others.map((c) => c.label).join(', ')}: log each in a form of its own (a button below switches this one to it).`;
}

/**
 * The form drawn again with `values` (what happened changed, or another named state chosen):
 * nothing is checked yet, but the states the message also named are still said.
 */
export function redrawnForm(values: FormValues): FormModel {
  const line = alsoNamedLine(values);
  return logOutreachForm(values, line ? { state: line } : {});
}

/** The form switched to `iso3`, one of the states the message named; undefined for any other. */
export function withStateSwitched(values: FormValues, iso3: string): FormModel | undefined {
  const state = values.named?.find((c) => c.value === iso3);
  return state ? redrawnForm({ ...values, state }) : undefined;
}

/** The states a platform carried through the form (Slack's private metadata, a Teams dialog's data); none when not such a list. */
export function namedStatesOf(value: unknown): Choice[] | undefined {
  if (!Array.isArray(value) || value.length > 20) return undefined;
  const named = value.filter((c): c is Choice => typeof c?.value === 'string' && /^[A-Z]{3}$/.test(c.value) && typeof c.label === 'string');
  return named.length === value.length && named.length > 1 ? named : undefined;
}

/**
 * The entry a submitted form corrects, as a platform carried it through the form (Slack's
 * private metadata, a Teams dialog's data); undefined when there is none or it is not one.
 * Only its id decides what is edited, and `edit` checks who may.
 */
export function editedEntryOf(value: unknown): EditedEntry | undefined {
  const entry = value as Partial<EditedEntry> | undefined;
  return typeof entry?.id === 'number' && typeof entry.was?.state === 'string' ? (entry as EditedEntry) : undefined;
}

/** What a form holds; absent values are empty fields. */
export interface FormValues {
  what: OutreachKind;
  state?: Choice;
  /** ISO dates. */
  date?: string;
  due?: string;
  level?: Level;
  step?: string;
  note?: string;
  again?: boolean;
  /** Set when the form corrects an entry (see {@link EditedEntry}). */
  entry?: EditedEntry;
  /**
   * Every state a message named, when it named several (the form opened from it): a button each
   * switches the form to that state, to log them one form at a time.
   */
  named?: Choice[];
}

export interface FormModel {
  /** Which form: the platforms route its submission by it. */
  id: 'log-outreach';
  title: string;
  submitLabel: string;
  /** Only the fields that apply to what happened, in order. */
  fields: FormField[];
  values: FormValues;
  /** Beside the field they concern; plain text. */
  errors: Partial<Record<FieldName, string>>;
  /**
   * Where a form opened for something already chosen (a next step for a state card's state)
   * starts asking, on a platform that asks one field at a time; the fields before it are given.
   */
  askFrom?: FieldName;
}

const KIND_CHOICES: readonly Choice[] = [
  { value: 'contacted', label: 'Contacted' },
  { value: 'meeting', label: 'Meeting held' },
  { value: 'next', label: 'Next step agreed' },
];

const LEVEL_LABELS: Record<Level, string> = { geneva: 'Geneva', capital: 'Capital', regional: 'Regional' };

/**
 * The form for `values`, its fields following what happened: a date and a level for a contact
 * or a meeting; a step and a due date for a next step. "Log again" appears only once a
 * submission was refused as a duplicate (or it was ticked).
 */
export function logOutreachForm(values: FormValues, errors: FormModel['errors'] = {}): FormModel {
  const logged = values.what !== 'next';
  const field = (f: FormField): FormField[] => [f];
  // An entry corrected keeps its kind: `edit` changes the rest.
  const kinds = values.entry ? KIND_CHOICES.filter((c) => c.value === values.what) : KIND_CHOICES;
  const fields: FormField[] = [
    ...field({ name: 'what', label: 'What happened', control: 'choice', required: true, options: kinds }),
    ...field({ name: 'state', label: 'State', control: 'state', required: true, hint: 'Type a name, an alias or a code; states not party come first.' }),
    ...(logged ? field({ name: 'date', label: values.what === 'meeting' ? 'Held on' : 'Contacted on', control: 'date', required: true }) : []),
    ...(logged
      ? field({
          name: 'level',
          label: 'Level',
          control: 'choice',
          required: true,
          options: LEVELS.map((level) => ({ value: level, label: LEVEL_LABELS[level] })),
        })
      : []),
    ...(logged ? [] : field({ name: 'step', label: 'Step agreed', control: 'text', required: true, maxLength: FORM_TEXT_MAX })),
    ...(logged ? [] : field({ name: 'due', label: 'Due by', control: 'date', required: false })),
    ...field({ name: 'note', label: 'Note', control: 'long-text', required: false, maxLength: FORM_TEXT_MAX }),
    ...(logged && !values.entry && (values.again || errors.again)
      ? field({ name: 'again', label: 'Log again', control: 'checkbox', required: false, hint: 'A second one with this state on this day.' })
      : []),
  ];
  const title = values.entry ? `Edit #${values.entry.id}` : 'Log outreach';
  return { id: 'log-outreach', title, submitLabel: 'Save', fields, values, errors };
}

/**
 * A form filled from a chat message, with where that message is (its permalink) at the end of the
 * note, so the log points back to the conversation; the message's words are cut to leave it room
 * within the note's limit. A form with no link is returned as it is.
 */
export function withMessageLink(form: FormModel, link: string | undefined): FormModel {
  if (!link) return form;
  const room = FORM_TEXT_MAX - link.length - 1;
  const words = form.values.note?.trim() ?? '';
  const note = words.length > room ? `${words.slice(0, Math.max(0, room - 1)).trimEnd()}…` : words;
  return { ...form, values: { ...form.values, note: note ? `${note} ${link}` : link } };
}

/**
 * The one-line command a submission stands for, spelled out whole (the state's code, an ISO
 * date, the level) so that it logs exactly what the form showed: `meeting KEN held on
 * 2026-03-03 in capital — note`. Undefined while a required value is missing.
 */
export function formCommand(values: FormValues): string | undefined {
  const { what, state, note } = values;
  if (!state) return undefined;
  if (values.entry) return editCommand(values, values.entry);
  const tail = note?.trim() ? ` — ${note.trim()}` : '';
  if (what === 'next') {
    if (!values.step?.trim()) return undefined;
    return `next ${state.value} ${oneLine(values.step)}${values.due ? ` by ${values.due}` : ''}${tail}`;
  }
  if (!values.date || !values.level) return undefined;
  const again = values.again ? ' again' : '';
  return what === 'meeting'
    ? `meeting ${state.value} held on ${values.date} in ${values.level}${again}${tail}`
    : `contacted ${state.value} on ${values.date} via ${values.level}${again}${tail}`;
}

/**
 * The `edit` a correction stands for, naming only what changed (the step and the note are
 * always restated): `edit #12 on 2026-03-04 — note`. Undefined while a required value is
 * missing, or when the note was emptied, which the grammar cannot do.
 */
function editCommand(values: FormValues, { id, was }: EditedEntry): string | undefined {
  const note = values.note?.trim();
  if (!values.state || (!note && was.note)) return undefined;
  const changed = (clause: string, value: string | undefined, before: string | undefined) => (value && value !== before ? [`${clause} ${value}`] : []);
  const clauses = [...changed('state', values.state.value, was.state)];
  if (values.what === 'next') {
    if (!values.step?.trim()) return undefined;
    clauses.push(`step ${oneLine(values.step)}`, ...changed('by', values.due, was.due));
  } else {
    if (!values.date || !values.level) return undefined;
    clauses.push(...changed('on', values.date, was.date), ...changed('via', values.level, was.level));
  }
  return [`edit #${id}`, ...clauses].join(' ') + (note ? ` — ${note}` : '');
}

/** Line breaks in a one-line field become spaces: the grammar reads one line. */
function oneLine(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
