/**
 * A form's submission as one turn (see turn.ts): the values become the one-line command they
 * stand for, and that command runs through the same turn as a typed one. The first answer is
 * the command's: a refusal goes back to the form, beside the field it concerns, with the values
 * kept and nothing stored; a saved entry is answered as usual, with the command it stood for.
 */
import { createHash } from 'node:crypto';
import type { Core } from './dispatch.ts';
import type { ErrorCode } from './error-codes.ts';
import { type FieldName, FORM_TEXT_MAX, type FormModel, type FormValues, formCommand, logOutreachForm } from './form.ts';
import { errorReply, type Reply } from './reply.ts';
import { type TurnRequest, type TurnSurface, runTurn } from './turn.ts';

/** A turn's surface, and how the form is shown again with its errors. */
export interface FormSurface extends TurnSurface {
  /** The form again, with its errors beside the fields; nothing was stored. */
  showErrors(form: FormModel): Promise<void>;
}

/** Runs a submission of the "Log outreach" form; resolves to the reply the person was given, if any. */
export async function submitForm(core: Core, request: Omit<TurnRequest, 'text'>, values: FormValues, surface: FormSurface): Promise<Reply | undefined> {
  const command = formCommand(values);
  if (command === undefined) {
    const field = missingField(values);
    const missing = errorReply('missing-value', field === 'note' ? 'A note cannot be emptied: write what it should say.' : 'Fill in this field.');
    await surface.showErrors(logOutreachForm(values, { [field]: missing.title }));
    return missing;
  }
  let answered = false;
  return runTurn(
    core,
    { ...request, text: command },
    {
      ...surface,
      async answer(reply) {
        const first = !answered;
        answered = true;
        // Only the command's own answer: a later one (a file not sent) is a message as usual.
        if (first && reply.tone === 'error') return surface.showErrors(refusedForm(values, reply));
        return surface.answer(first ? withFormCommand(reply, command) : reply);
      },
    },
  );
}

/**
 * The idempotency key of one submission: one opening of the form (`opening`: a Slack modal's
 * view and hash, a Teams dialog's opening id), by one person, with these values. Sent again (a
 * platform retrying a late answer), it is the same request and stores nothing more; values
 * changed after a lost answer are a submission of their own.
 */
export function formSubmissionKey(platform: string, organization: string | undefined, userId: string, opening: string, values: FormValues): string {
  const digest = createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 16);
  return `${platform}:form:${organization ?? ''}:${userId}:${opening}:${digest}`;
}

/** The first required field left empty. */
function missingField(values: FormValues): FieldName {
  if (!values.state) return 'state';
  if (values.entry?.was.note && !values.note?.trim()) return 'note';
  if (values.what === 'next') return 'step';
  return values.date ? 'level' : 'date';
}

/** Which field each refusal concerns; any other refusal (a role, a busy database) is shown by the first field. */
const FIELD_OF: Partial<Record<ErrorCode, FieldName>> = {
  'unknown-state': 'state',
  'ambiguous-state': 'state',
  'missing-state': 'state',
  'several-states': 'state',
  'future-date': 'date',
  'bad-date': 'date',
  'confirm-date': 'date',
  'missing-date': 'date',
  'past-due': 'due',
  'repeated-clause': 'step',
  'bad-level': 'level',
  'missing-step': 'step',
  'note-too-long': 'note',
  'already-logged': 'again',
};

/**
 * The form as it comes back after `refusal`: the values kept, the refusal beside its field.
 * A duplicate brings "Log again" with it, the grammar's `again`.
 */
function refusedForm(values: FormValues, refusal: Reply): FormModel {
  const field = refusal.code ? (FIELD_OF[refusal.code] ?? 'what') : 'what';
  const message =
    field === 'again'
      ? `${refusal.title} Tick "Log again" if there was a second one that day.`
      : field === 'date' && refusal.code === 'confirm-date'
        ? `${refusal.title} To log it anyway, type: ${refusal.suggestions?.[0]?.command ?? formCommand(values)}`
        : `${refusal.title}${field === 'state' && refusal.suggestions?.length ? ` Nearest: ${refusal.suggestions.map((s) => s.label).join(', ')}.` : ''}`;
  // A step too long is refused with the note's code: it is the step that carries it then.
  const at = field === 'note' && (values.step?.length ?? 0) > FORM_TEXT_MAX ? 'step' : field;
  return logOutreachForm(values, { [at]: message });
}

/** The reply to a saved submission, with the command it stood for, so the grammar is learned by use. */
function withFormCommand(reply: Reply, command: string): Reply {
  return { ...reply, facts: [...(reply.facts ?? []), { label: 'Typed, this is', value: command }] };
}
