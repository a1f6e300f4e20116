/**
 * The shell's rendering of a form: numbered questions, one field at a time, so that `npm start`
 * can fill in what a Slack modal shows. An empty answer keeps the value in brackets; `cancel`
 * stops with nothing saved. A refused submission names the fields it concerns, and only those
 * are asked again.
 */
import type { FieldName, FormField, FormModel, FormValues, OutreachKind } from '../../core/form.ts';
import { logOutreachForm } from '../../core/form.ts';
import type { Level } from '../../domain/plan.ts';

/** The terminal, as the questions need it. */
export interface Asker {
  /** Writes `question` and resolves to the next line typed, or undefined when input ended. */
  ask(question: string): Promise<string | undefined>;
  say(text: string): void;
}

/**
 * Asks for `form`'s fields and submits the values; `submit` resolves to the form with its errors
 * when the submission was refused, or undefined once it was saved (and answered).
 */
export async function fillForm(form: FormModel, io: Asker, submit: (values: FormValues) => Promise<FormModel | undefined>): Promise<void> {
  io.say(`${form.title}: answer each question. An empty answer keeps what is in [brackets]; "cancel" stops.`);
  let values: FormValues = { ...form.values };
  let toAsk: ReadonlySet<FieldName> | undefined;
  // A form opened with what happened given starts from its first question not given.
  const start = form.fields.findIndex((f) => f.name === form.askFrom);
  let given = new Set(form.fields.slice(0, Math.max(start, 0)).map((f) => f.name));
  for (;;) {
    // The fields follow what happened, so they are read again after each answer.
    for (let i = 0, field = logOutreachForm(values).fields[0]; field; field = logOutreachForm(values).fields[++i]) {
      if ((toAsk && !toAsk.has(field.name)) || given.has(field.name)) continue;
      const answered = await askField(field, i + 1, values, io);
      if (answered === undefined) return io.say('Cancelled: nothing was saved.');
      values = answered;
    }
    given = new Set();
    const refused = await submit(values);
    if (!refused) return;
    for (const [name, message] of Object.entries(refused.errors)) io.say(`✗ ${refused.fields.find((f) => f.name === name)?.label ?? name}: ${message}`);
    toAsk = new Set(Object.keys(refused.errors) as FieldName[]);
    values = refused.values;
  }
}

/** One field asked until its answer is acceptable; undefined when cancelled or input ended. */
async function askField(field: FormField, number: number, values: FormValues, io: Asker): Promise<FormValues | undefined> {
  const current = shown(field, values);
  const choices = field.options?.map((o, i) => `${i + 1} ${o.label}`).join(' · ');
  const question = `${number}. ${field.label}${choices ? ` (${choices})` : ''}${field.control === 'checkbox' ? ' (yes/no)' : ''}${
    current ? ` [${current}]` : field.required ? '' : ' (optional)'
  }: `;
  for (;;) {
    const line = await io.ask(question);
    if (line === undefined || line.trim().toLowerCase() === 'cancel') return undefined;
    const answer = line.trim();
    if (answer === '' && (current || !field.required)) return values;
    const value = read(field, answer);
    if (value !== undefined) return { ...values, [field.name]: value };
    io.say(field.options ? `Answer a number from 1 to ${field.options.length}.` : field.control === 'checkbox' ? 'Answer yes or no.' : 'This one is needed.');
  }
}

/** The value a field holds, as the question shows it. */
function shown(field: FormField, values: FormValues): string | undefined {
  const value = values[field.name];
  if (value === undefined || value === '') return undefined;
  if (field.options) return field.options.find((o) => o.value === value)?.label;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return typeof value === 'string' ? value : value.label;
}

/** A typed answer as the field's value; undefined when it is not one. A state or a date is read by the grammar on submission. */
function read(field: FormField, answer: string): FormValues[FieldName] | undefined {
  if (field.options) {
    const byNumber = field.options[Number(answer) - 1];
    const byLabel = field.options.find((o) => o.label.toLowerCase().startsWith(answer.toLowerCase()) || o.value === answer.toLowerCase());
    const chosen = (/^\d+$/.test(answer) ? byNumber : byLabel)?.value;
    if (chosen === undefined) return undefined;
    return field.name === 'what' ? (chosen as OutreachKind) : (chosen as Level);
  }
  if (field.control === 'checkbox') return /^y(es)?$/i.test(answer) ? true : /^no?$/i.test(answer) ? false : undefined;
  if (field.control === 'state') return { value: answer, label: answer };
  return answer;
}
