/**
 * The "Log outreach" form (core/form.ts) as a Slack modal, and back: its submitted state read
 * as the form's values, its errors keyed by block for `response_action: errors`. Only plain text
 * is used, so nothing a member typed is read as mrkdwn. Slack's limits are kept here: a title of
 * 24 characters, option texts of 75, at most 100 options in a typeahead answer.
 */
import {
  editedEntryOf,
  FORM_FIELDS,
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

/** The modal's callback id: its submissions are routed by it. */
export const FORM_CALLBACK_ID = 'ccm_log_outreach';
/** The action id of each field's element: `ccm_form_state` is the typeahead the options load URL answers. */
export const formActionId = (field: FieldName) => `ccm_form_${field}`;
const blockId = (field: FieldName) => `form_${field}`;

/** Slack's limits for a modal (Block Kit reference). */
const MAX_TITLE = 24;
const MAX_OPTIONS = 100;
const MAX_OPTION_TEXT = 75;

type Block = Record<string, unknown>;
interface Option {
  text: { type: 'plain_text'; text: string };
  value: string;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });
/** Text cut to what an option or a button shows, its end marked. */
const shown = (text: string) => (text.length <= MAX_OPTION_TEXT ? text : `${text.slice(0, MAX_OPTION_TEXT - 1)}…`);
const option = (label: string, value: string): Option => ({ text: plain(shown(label)), value });

/** What the modal carries to its submission: where it was opened (a channel, or none). */
export interface FormOrigin {
  channel?: string;
}

/**
 * The modal for `form`; its errors (after a duplicate, when a field was added) shown under their
 * fields. Its private metadata carries where it was opened and, for a correction, the entry.
 */
export function renderSlackForm(form: FormModel, origin: FormOrigin) {
  return {
    type: 'modal' as const,
    callback_id: FORM_CALLBACK_ID,
    title: plain(form.title.slice(0, MAX_TITLE)),
    submit: plain(form.submitLabel),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({
      ...origin,
      ...(form.values.entry ? { entry: form.values.entry } : {}),
      ...(form.values.named ? { named: form.values.named } : {}),
    }),
    blocks: form.fields.flatMap((field) => {
      const error = form.errors[field.name];
      return [
        input(field, form.values),
        ...(error ? [{ type: 'context', elements: [plain(`⚠ ${error}`)] }] : []),
        ...(field.name === 'state' ? namedStateButtons(form.values) : []),
      ];
    }),
  };
}

/** The action id of the button that switches the modal to another state the message named. */
export const NAMED_STATE_ACTION = /^ccm_form_named_[A-Z]{3}$/;

/** A button for each other state the message named: pressed, the modal holds that state instead. */
function namedStateButtons(values: FormValues): Block[] {
  const others = otherNamedStates(values);
  if (others.length === 0) return [];
  return [
    {
      type: 'actions',
      block_id: 'form_named',
      elements: others.map((c) => ({
        type: 'button',
        action_id: `ccm_form_named_${c.value}`,
        text: plain(shown(`Log ${c.label}`)),
        value: c.value,
      })),
    },
  ];
}

function input(field: FormField, values: FormValues): Block {
  return {
    type: 'input',
    block_id: blockId(field.name),
    label: plain(field.label),
    optional: !field.required,
    // Choosing what happened redraws the modal with the fields that follow from it.
    ...(field.name === 'what' ? { dispatch_action: true } : {}),
    ...(field.hint ? { hint: plain(field.hint) } : {}),
    element: { action_id: formActionId(field.name), ...element(field, values) },
  };
}

function element(field: FormField, values: FormValues): Block {
  const value = values[field.name];
  switch (field.control) {
    case 'choice': {
      const options = (field.options ?? []).map((o) => option(o.label, o.value));
      const chosen = options.find((o) => o.value === value);
      return { type: 'static_select', options, ...(chosen ? { initial_option: chosen } : {}) };
    }
    case 'state':
      // The typeahead: Slack asks the options load URL from the first letter typed.
      return { type: 'external_select', min_query_length: 1, ...(values.state ? { initial_option: option(values.state.label, values.state.value) } : {}) };
    case 'date':
      return { type: 'datepicker', ...(typeof value === 'string' && value ? { initial_date: value } : {}) };
    case 'checkbox': {
      const again = option(field.hint ?? field.label, 'yes');
      return { type: 'checkboxes', options: [again], ...(value === true ? { initial_options: [again] } : {}) };
    }
    default:
      return {
        type: 'plain_text_input',
        multiline: field.control === 'long-text',
        ...(field.maxLength ? { max_length: field.maxLength } : {}),
        ...(typeof value === 'string' && value ? { initial_value: value } : {}),
      };
  }
}

/** The options load URL's answer: the states offered for what was typed, at most 100. */
export function slackStateOptions(choices: readonly StateChoice[]): { options: Option[] } {
  return { options: choices.slice(0, MAX_OPTIONS).map((c) => option(c.label, c.iso3)) };
}

/** One element's state as Slack submits it (view.state.values[block][action]). */
interface ElementState {
  value?: string | null;
  selected_date?: string | null;
  selected_option?: Option | null;
  selected_options?: Option[];
}

/** The values of a submitted (or redrawn) modal, with the entry it corrects from its private metadata. */
export function slackFormValues(state: { values?: Record<string, Record<string, ElementState>> } | undefined, privateMetadata?: string): FormValues {
  const of = (field: FieldName) => state?.values?.[blockId(field)]?.[formActionId(field)];
  const text = (field: FieldName) => of(field)?.value ?? undefined;
  const what = of('what')?.selected_option?.value;
  const level = of('level')?.selected_option?.value;
  const state_ = of('state')?.selected_option;
  return {
    what: OUTREACH_KINDS.find((k) => k === what) ?? 'meeting',
    ...(state_ ? { state: { value: state_.value, label: state_.text.text } } : {}),
    ...(of('date')?.selected_date ? { date: of('date')?.selected_date ?? undefined } : {}),
    ...(of('due')?.selected_date ? { due: of('due')?.selected_date ?? undefined } : {}),
    ...(LEVELS.includes(level as Level) ? { level: level as Level } : {}),
    ...(text('step') ? { step: text('step') } : {}),
    ...(text('note') ? { note: text('note') } : {}),
    ...((of('again')?.selected_options?.length ?? 0) > 0 ? { again: true } : {}),
    ...carriedIn(privateMetadata),
  };
}

/** What a modal carries in its private metadata: the entry it corrects, the states its message named; none in another modal. */
function carriedIn(privateMetadata: string | undefined): Pick<FormValues, 'entry' | 'named'> {
  try {
    const carried = JSON.parse(privateMetadata || '{}') as { entry?: unknown; named?: unknown };
    const entry = editedEntryOf(carried.entry);
    const named = namedStatesOf(carried.named);
    return { ...(entry ? { entry } : {}), ...(named ? { named } : {}) };
  } catch {
    // Not ours (a modal an earlier version opened): nothing carried.
    return {};
  }
}

/**
 * `response_action: errors` for a refused submission: each error keyed by its field's block.
 * Undefined when an error concerns a field the submitted modal lacks ("Log again" after a
 * duplicate): the modal is then redrawn with it (`response_action: update`).
 */
export function slackFormErrors(form: FormModel, submittedBlocks: readonly { block_id?: string }[]): Record<string, string> | undefined {
  const present = new Set(submittedBlocks.map((b) => b.block_id));
  const errors = FORM_FIELDS.flatMap((field) => (form.errors[field] ? [[blockId(field), form.errors[field]] as const] : []));
  if (errors.some(([block]) => !present.has(block))) return undefined;
  return Object.fromEntries(errors);
}
