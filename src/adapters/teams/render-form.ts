/**
 * The "Log outreach" form (core/form.ts) as a Teams dialog (a task module holding an Adaptive
 * Card 1.5), and back: the dialog's submitted data read as the form's values. The only module
 * that knows how the dialog looks.
 *
 * - The state is an `Input.ChoiceSet` with `style: "filtered"` over every state, each titled
 *   with all its aliases, so Teams filters it as the person types ("Laos" finds Lao PDR). The
 *   `Data.Query` typeahead is reported to fail in dialogs opened from a message extension.
 * - The fields follow what happened, but a dialog cannot change by itself when a choice
 *   changes (Adaptive Cards 1.5 toggle visibility only from a button): what happened is three
 *   buttons at the top, each submitting the dialog to be drawn again for that kind, the values
 *   typed so far kept. No input is marked required for the same reason (Teams would refuse to
 *   submit a kind change with an empty state): the core says which field is missing instead.
 * - Errors are shown above their fields as plain text runs: nothing typed is read as markdown.
 */
import {
  type EditedEntry,
  editedEntryOf,
  type FieldName,
  type FormField,
  type FormModel,
  type FormValues,
  namedStatesOf,
  OUTREACH_KINDS,
  otherNamedStates,
} from '../../core/form.ts';
import { LEVELS, type Level } from '../../domain/plan.ts';
import type { StateChoice } from '../../domain/state-choices.ts';
import { ADAPTIVE_CARD_CONTENT_TYPE, ADAPTIVE_CARD_SCHEMA } from './card.ts';
import { plainRun } from './card-text.ts';

/** What every submission of the dialog carries besides its inputs: which form, what happened, which opening. */
interface DialogData {
  ccmForm: FormModel['id'];
  what: FormValues['what'];
  /** One opening of the dialog: a submission sent again (Teams retries a late answer) is the same one. */
  opened: string;
  /** A kind button: the dialog drawn again for `what`, nothing submitted. */
  redraw?: true;
  /** The entry the dialog corrects (opened with Edit): its saving runs `edit`. */
  entry?: EditedEntry;
  /** The states the message it was filled from named, when several (see FormValues.named). */
  named?: FormValues['named'];
  /** A named state's button: the dialog drawn again holding that state. */
  switchState?: string;
}

type Element = Record<string, unknown>;

/** The three kinds, as the buttons that choose one. */
const KIND_TITLES: Record<FormValues['what'], string> = { contacted: 'Contacted', meeting: 'Meeting held', next: 'Next step agreed' };

const errorBlock = (message: string): Element => ({
  type: 'RichTextBlock',
  inlines: [plainRun(`⚠ ${message}`, { color: 'Attention', weight: 'Bolder' })],
});

/** The dialog's card for `form`, every state offered, for the opening `opened`. */
function teamsFormCard(form: FormModel, states: readonly StateChoice[], opened: string) {
  const { entry, named } = form.values;
  const data = (what: FormValues['what'], redraw?: true): DialogData => ({
    ccmForm: form.id,
    what,
    opened,
    ...(redraw ? { redraw } : {}),
    ...(entry ? { entry } : {}),
    ...(named ? { named } : {}),
  });
  const others = otherNamedStates(form.values);
  const namedButtons: Element[] = others.length
    ? [
        {
          type: 'ActionSet',
          actions: others.map((c) => ({ type: 'Action.Submit', title: `Log ${c.label}`, data: { ...data(form.values.what, true), switchState: c.value } })),
        },
      ]
    : [];
  const kinds: Element = {
    type: 'ActionSet',
    actions: OUTREACH_KINDS.map((kind) => ({
      type: 'Action.Submit',
      title: `${kind === form.values.what ? '● ' : ''}${KIND_TITLES[kind]}`,
      data: data(kind, true),
      ...(kind === form.values.what ? { style: 'positive' } : {}),
    })),
  };
  const body = form.fields.flatMap((field): Element[] => {
    const error = form.errors[field.name];
    const shown = error ? [errorBlock(error)] : [];
    if (field.name === 'what') return [{ type: 'TextBlock', text: field.label, weight: 'Bolder' }, ...shown, kinds];
    return [...shown, input(field, form.values, states), ...(field.name === 'state' ? namedButtons : [])];
  });
  return {
    type: 'AdaptiveCard' as const,
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: '1.5' as const,
    body,
    actions: [{ type: 'Action.Submit', title: form.submitLabel, style: 'positive', data: data(form.values.what) }],
  };
}

function input(field: FormField, values: FormValues, states: readonly StateChoice[]): Element {
  const common = { id: field.name, label: field.label };
  const value = values[field.name];
  const text = typeof value === 'string' && value !== '' ? { value } : {};
  switch (field.control) {
    case 'state':
      return {
        ...common,
        type: 'Input.ChoiceSet',
        style: 'filtered',
        placeholder: field.hint,
        choices: states.map((s) => ({ title: s.label, value: s.iso3 })),
        ...(values.state ? { value: values.state.value } : {}),
      };
    case 'choice':
      return { ...common, type: 'Input.ChoiceSet', style: 'compact', choices: (field.options ?? []).map((o) => ({ title: o.label, value: o.value })), ...text };
    case 'date':
      return { ...common, type: 'Input.Date', ...text };
    case 'checkbox':
      return {
        ...common,
        type: 'Input.Toggle',
        title: field.hint ?? field.label,
        valueOn: 'true',
        valueOff: 'false',
        value: value === true ? 'true' : 'false',
      };
    default:
      return {
        ...common,
        type: 'Input.Text',
        isMultiline: field.control === 'long-text',
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...text,
      };
  }
}

/** The invoke answer that shows (or shows again) the dialog for `form`. */
export function teamsFormDialog(form: FormModel, states: readonly StateChoice[], opened: string) {
  const card = { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: teamsFormCard(form, states, opened) };
  return { task: { type: 'continue' as const, value: { title: form.title, width: 'medium', height: 'large', card } } };
}

/** What a submission of the dialog says besides the form's values, or undefined when it is not this dialog's. */
export function dialogSubmission(data: unknown): { opened: string; redraw: boolean; switchState?: string } | undefined {
  const d = data && typeof data === 'object' ? (data as Partial<Record<keyof DialogData, unknown>>) : undefined;
  if (d?.ccmForm !== 'log-outreach' || typeof d.opened !== 'string') return undefined;
  return { opened: d.opened, redraw: d.redraw === true, ...(typeof d.switchState === 'string' ? { switchState: d.switchState } : {}) };
}

/** The form's values in a submission's data (inputs by their field names); a state is labelled as `states` offers it. */
export function teamsFormValues(data: unknown, states: readonly StateChoice[]): FormValues {
  const d = (data && typeof data === 'object' ? data : {}) as Partial<Record<FieldName | 'entry' | 'named', unknown>>;
  const text = (field: FieldName) => {
    const value = d[field];
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  };
  const state = states.find((s) => s.iso3 === text('state'));
  const level = text('level');
  const fields: Partial<FormValues> = {
    ...(state ? { state: { value: state.iso3, label: state.label } } : {}),
    date: text('date'),
    due: text('due'),
    level: LEVELS.find((l): l is Level => l === level),
    step: text('step'),
    note: text('note'),
    again: d.again === 'true' || undefined,
    entry: editedEntryOf(d.entry),
    named: namedStatesOf(d.named),
  };
  return {
    what: OUTREACH_KINDS.find((k) => k === d.what) ?? 'meeting',
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
  };
}
