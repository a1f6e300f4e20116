/**
 * Correcting an entry through the form: `form edit #<id>` (the Edit button of a logged entry's
 * reply) opens the form holding the entry for whoever may edit it, and its submission runs
 * `edit` with only what changed, through the same turn as a typed command.
 */
import { afterEach, expect, it } from 'vitest';
import type { FormModel, FormValues } from '../src/core/form.ts';
import { submitForm } from '../src/core/form-turn.ts';
import type { Reply } from '../src/core/reply.ts';
import { SHELL_PLACE } from '../src/adapters/shell/shell.ts';
import { createTestBot, fact, type TestBot } from './support/harness.ts';

const bots: TestBot[] = [];
afterEach(() => {
  for (const bot of bots.splice(0)) bot.close();
});

function startBot(): TestBot {
  const bot = createTestBot();
  bots.push(bot);
  return bot;
}

/** `values` submitted as `as`: what they were answered, or the form that came back. */
async function submit(bot: TestBot, values: FormValues, as: string): Promise<{ answers: Reply[]; refused?: FormModel }> {
  const answers: Reply[] = [];
  let refused: FormModel | undefined;
  await submitForm(bot.core, { place: SHELL_PLACE, organization: undefined }, values, {
    identify: async () => ({ platform: 'shell', userId: as, displayName: as }),
    answer: async (reply) => void answers.push(reply),
    showErrors: async (form) => {
      refused = form;
    },
  });
  return { answers, ...(refused ? { refused } : {}) };
}

it('puts an Edit button on a logged entry’s reply, which opens the form holding it', () => {
  const bot = startBot();
  const logged = bot.say('contacted Viet Nam on 2026-03-02 via capital — sent the Q&A', 'bob');
  expect(logged.actions).toContainEqual({ label: 'Edit', command: 'form edit #1' });
  const { form } = bot.say('form edit #1', 'bob');
  expect(form?.title).toBe('Edit #1');
  expect(form?.values).toMatchObject({ what: 'contacted', state: { value: 'VNM' }, date: '2026-03-02', level: 'capital', note: 'sent the Q&A' });
  expect(form?.fields.find((f) => f.name === 'what')?.options).toEqual([{ value: 'contacted', label: 'Contacted' }]);
});

it('opens someone else’s entry only for a coordinator, as edit would', () => {
  const bot = startBot();
  bot.say('meeting Kenya held on 2026-03-03', 'bob');
  const refused = bot.say('form edit #1', 'carol');
  expect(refused.code).toBe('forbidden');
  expect(refused.form).toBeUndefined();
  // alice is an admin.
  expect(bot.say('form edit #1').form?.title).toBe('Edit #1');
  expect(bot.say('form edit #9', 'bob').code).toBe('no-entry');
});

it('saves an overdue next step’s new note without restating its passed due date', async () => {
  const bot = startBot();
  bot.say('next Kenya send the Q&A by 2026-03-12', 'bob');
  bot.setNow('2026-03-20T09:00:00Z');
  const { form } = bot.say('form edit #1', 'bob');
  expect(form?.values).toMatchObject({ what: 'next', step: 'send the Q&A', due: '2026-03-12' });
  const { answers, refused } = await submit(bot, { ...form!.values, note: 'they asked for it in French' }, 'bob');
  expect(refused).toBeUndefined();
  expect(answers[0]?.title).toBe('Edited #1');
  expect(fact(answers[0]!, 'Typed, this is')).toBe('edit #1 step send the Q&A — they asked for it in French');
  expect(bot.database.sqlite.prepare('SELECT note, due_on FROM entries').get()).toEqual({ note: 'they asked for it in French', due_on: '2026-03-12' });
});

it('refuses to empty a note, beside the note, with nothing changed', async () => {
  const bot = startBot();
  bot.say('meeting Kenya held on 2026-03-03 — briefed the minister', 'bob');
  const { form } = bot.say('form edit #1', 'bob');
  const { answers, refused } = await submit(bot, { ...form!.values, note: '' }, 'bob');
  expect(answers).toEqual([]);
  expect(refused?.errors).toEqual({ note: 'A note cannot be emptied: write what it should say.' });
  expect(bot.database.sqlite.prepare('SELECT note FROM entries').get()).toEqual({ note: 'briefed the minister' });
});

it('refuses a change of state to an unknown one beside the state, with nothing changed', async () => {
  const bot = startBot();
  bot.say('meeting Kenya held on 2026-03-03', 'bob');
  const { form } = bot.say('form edit #1', 'bob');
  const { refused } = await submit(bot, { ...form!.values, state: { value: 'Atlantis', label: 'Atlantis' } }, 'bob');
  expect(refused?.errors.state).toContain('I don\'t know a state called "Atlantis"');
  expect(bot.database.sqlite.prepare('SELECT state_iso3 FROM entries').get()).toEqual({ state_iso3: 'KEN' });
});

it('does not open an announcement, which the form does not log', () => {
  const bot = startBot();
  const logged = bot.say('announced Angola on 2026-03-02 — Minister at the Conference on Disarmament');
  expect(logged.tone).toBe('success');
  expect(bot.say('form edit #1').code).toBe('not-applicable');
});
