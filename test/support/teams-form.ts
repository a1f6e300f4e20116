/**
 * The "Log outreach" dialog as Teams shows and submits it: what a dialog answer holds (its card's
 * inputs and buttons), and a submission's data as Teams builds it from the button pressed (its
 * `data`) and the inputs as filled in (by their ids).
 */
import { expect } from 'vitest';
import type { Filled as SlackFilled } from './slack-form.ts';

export interface DialogCard {
  body: Record<string, any>[];
  actions: { type: string; title: string; data: Record<string, unknown> }[];
}

/** The card of an invoke answer that (re)opens the dialog; fails the test when the answer is anything else. */
export function dialogOf(answer: { status: number; json?: Record<string, any> }): DialogCard & { title: string } {
  expect(answer.status).toBe(200);
  expect(answer.json?.task?.type, JSON.stringify(answer.json)).toBe('continue');
  const { title, card } = answer.json!.task.value;
  expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return { title, ...(card.content as DialogCard) };
}

/** The dialog's input of id `id`, if shown. */
export const inputOf = (card: DialogCard, id: string) => card.body.find((element) => element.id === id);

/** The texts shown above the inputs (the field's errors), in order. */
export const messagesOf = (card: DialogCard) =>
  card.body.filter((e) => e.type === 'RichTextBlock').map((e) => (e.inlines as { text: string }[]).map((i) => i.text).join(''));

/** What a person filled in, by the dialog's input ids: as in the Slack modal, but a state is its code (the choice's value). */
export type Filled = Omit<SlackFilled, 'what' | 'state'> & { state?: string };

/**
 * The submission's data when `button` (the Save button by default) is pressed with `filled`; an
 * input not filled in keeps the value the dialog showed, an empty one is an empty string, as Teams sends them.
 */
export function submissionData(card: DialogCard, filled: Filled, button = card.actions[0]!.data): Record<string, unknown> {
  const inputs = Object.fromEntries(
    card.body
      .filter((e) => typeof e.id === 'string')
      .map((e) => {
        const value = filled[e.id as keyof Filled];
        if (e.type === 'Input.Toggle') return [e.id, value === undefined ? (e.value ?? 'false') : String(value === true)];
        return [e.id, value ?? e.value ?? ''];
      }),
  );
  return { ...inputs, ...button };
}

/** The button of the dialog's kind buttons titled `title` (with or without its mark). */
export function kindButton(card: DialogCard, title: string): Record<string, unknown> {
  const buttons = card.body.filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions as { title: string; data: Record<string, unknown> }[]);
  const found = buttons.find((b) => b.title.replace(/^● /, '') === title);
  expect(found, `no kind button ${title}`).toBeDefined();
  return found!.data;
}
