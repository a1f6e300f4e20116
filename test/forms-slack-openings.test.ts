/**
 * The "Log outreach" modal opened already filled in, end to end over signed HTTP: from a message
 * with the "Log to ccm-bot" shortcut, and from a state card's "Add next step" button.
 */
import { afterEach, expect, it } from 'vitest';
import { buttonBody, commandBody } from './support/slack.ts';
import { messageShortcutBody, modalButtonBody, submissionBody, suggestionBody } from './support/slack-form.ts';
import { elementOf, entries, opened, sent, startSlackBot, stopSlackBots } from './support/slack-form-bot.ts';

afterEach(stopSlackBots);

/** Who logged each entry, by their Slack id. */
const loggedBy = (bot: Awaited<ReturnType<typeof startSlackBot>>['bot']) =>
  (
    bot.database.sqlite.prepare('SELECT p.platform_user_id AS user FROM entries e JOIN people p ON p.id = e.person_id ORDER BY e.id').all() as {
      user: string;
    }[]
  ).map((r) => r.user);

const SENTENCE = 'Met the Kenyan mission yesterday in Geneva, they asked for the Q&amp;A before their capital decides <@U7>';

it('opens a message naming several states on the first, with a button for each other, which switches the modal to it', async () => {
  const { slack, post } = await startSlackBot();
  await post(messageShortcutBody('Called Thailand and Cambodia yesterday about the workshop.'));
  const view = await opened(slack);
  expect(elementOf(view, 'form_state')).toMatchObject({ initial_option: { value: 'THA' } });
  const line = (v: typeof view) => JSON.stringify(v.blocks.filter((b) => b.type === 'context'));
  expect(line(view)).toContain('The message also names Cambodia (KHM)');
  const named = view.blocks.find((b) => b.block_id === 'form_named') as unknown as { elements: { action_id: string; value: string; text: { text: string } }[] };
  expect(named.elements.map((e) => [e.text.text, e.value])).toEqual([['Log Cambodia (KHM)', 'KHM']]);

  const filled = { what: 'contacted' as const, state: { iso3: 'THA', label: 'Thailand (THA)' }, date: '2026-03-09', level: 'geneva' as const };
  await post(modalButtonBody(view, filled, { ...named.elements[0]!, block_id: 'form_named' }));
  for (let waited = 0; slack.callsTo('views.update').length === 0 && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  const update = slack.callsTo('views.update')[0]!;
  expect(update.body.view_id).toBe(view.id);
  const switched = { ...view, ...JSON.parse(String(update.body.view)) } as typeof view;
  expect(elementOf(switched, 'form_state')).toMatchObject({ initial_option: { value: 'KHM' } });
  // What was filled in stays; the button now offers Thailand.
  expect(elementOf(switched, 'form_date')).toMatchObject({ initial_date: '2026-03-09' });
  expect(line(switched)).toContain('The message also names Thailand (THA)');
});

it('keeps the permalink whole in the note of a long message, cutting the message’s words instead', async () => {
  const { slack, post } = await startSlackBot();
  await post(messageShortcutBody(`Met the Kenyan mission yesterday in Geneva. ${'They went through the steps once more. '.repeat(40)}`));
  const note = String(elementOf(await opened(slack), 'form_note')!.initial_value);
  expect(note.length).toBeLessThanOrEqual(1000);
  expect(note).toMatch(/… https:\/\/ccm-wg\.slack\.com\/archives\/C1\/p1773100000000200$/);
});

it('opens the modal filled in from a message: state, what happened, day, level and the message as the note; saving logs it for whoever pressed', async () => {
  const { slack, bot, post } = await startSlackBot();
  expect((await post(messageShortcutBody(SENTENCE, 'U2'))).status).toBe(200);
  const view = await opened(slack);
  expect(slack.callsTo('views.open')[0]!.body.trigger_id).toMatch(/\.message$/);
  // The channel the message is in is where the form was opened.
  expect(JSON.parse(view.private_metadata)).toEqual({ channel: 'C1' });
  expect(elementOf(view, 'form_what')).toMatchObject({ initial_option: { value: 'meeting' } });
  expect(elementOf(view, 'form_state')).toMatchObject({ initial_option: { text: { text: 'Kenya (KEN)' }, value: 'KEN' } });
  expect(elementOf(view, 'form_date')).toMatchObject({ initial_date: '2026-03-09' });
  expect(elementOf(view, 'form_level')).toMatchObject({ initial_option: { value: 'geneva' } });
  // The message's words, then where the message is, so the log points back to the conversation.
  const note =
    'Met the Kenyan mission yesterday in Geneva, they asked for the Q&A before their capital decides @U7 https://ccm-wg.slack.com/archives/C1/p1773100000000200';
  expect(elementOf(view, 'form_note')).toMatchObject({ initial_value: note });
  // Nothing is stored until Save.
  expect(entries(bot)).toEqual([]);
  await post(submissionBody(view, { what: 'meeting', state: { iso3: 'KEN', label: 'Kenya (KEN)' }, date: '2026-03-09', level: 'geneva', note }, 'U2'));
  expect(entries(bot)).toEqual([expect.objectContaining({ kind: 'meeting', state_iso3: 'KEN', occurred_on: '2026-03-09', level: 'geneva', note })]);
  expect(loggedBy(bot)).toEqual(['U2']);
  const [message] = await sent(slack, 'chat.postMessage');
  expect(message!.body.channel).toBe('U2');
  expect(String(message!.body.text)).toContain('Logged #1: meeting held, Kenya');
});

it('opens the modal with the state empty, and says so, for a message that names no state', async () => {
  const { slack, bot, post } = await startSlackBot();
  await post(messageShortcutBody('Called the mission this morning about the framing note'));
  const view = await opened(slack);
  expect(elementOf(view, 'form_state')).not.toHaveProperty('initial_option');
  expect(elementOf(view, 'form_what')).toMatchObject({ initial_option: { value: 'contacted' } });
  expect(elementOf(view, 'form_date')).toMatchObject({ initial_date: '2026-03-10' });
  expect(JSON.stringify(view.blocks)).toContain('No state was recognised in the message: choose one.');
  expect(entries(bot)).toEqual([]);
});

it('leaves the day empty, and asks which, for a message that names a period rather than a day', async () => {
  const { slack, post } = await startSlackBot();
  await post(messageShortcutBody('Had a bilateral with the Vietnamese delegation last week'));
  const view = await opened(slack);
  expect(elementOf(view, 'form_state')).toMatchObject({ initial_option: { value: 'VNM' } });
  expect(elementOf(view, 'form_date')).not.toHaveProperty('initial_date');
  expect(JSON.stringify(view.blocks)).toContain('The message names no single day: which one?');
});

it('opens a next step for the state from its card’s Add next step button', async () => {
  const { slack, bot, post } = await startSlackBot();
  const card = await post(commandBody('state Kenya'));
  const buttons = ((card.json?.blocks ?? []) as { type: string; elements?: { value?: string; action_id?: string; text?: { text: string } }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);
  const addNextStep = buttons.find((b) => b.text?.text === 'Add next step');
  expect(addNextStep?.value).toBe('form next KEN');
  await post(buttonBody({ value: addNextStep!.value!, actionId: addNextStep!.action_id!, responseUrl: `${slack.url}/respond` }));
  const view = await opened(slack);
  expect(view.blocks.map((b) => b.block_id)).toEqual(['form_what', 'form_state', 'form_step', 'form_due', 'form_note']);
  expect(elementOf(view, 'form_what')).toMatchObject({ initial_option: { value: 'next' } });
  expect(elementOf(view, 'form_state')).toMatchObject({ initial_option: { text: { text: 'Kenya (KEN)' }, value: 'KEN' } });
  // The state chosen is an option the typeahead offers for it, as Slack requires of an initial option.
  const offered = (await post(suggestionBody('Kenya', view))).json?.options as unknown[];
  expect(offered).toContainEqual(elementOf(view, 'form_state')!.initial_option);
  await post(submissionBody(view, { what: 'next', state: { iso3: 'KEN', label: 'Kenya (KEN)' }, step: 'send the Q&A', due: '2026-04-01' }));
  expect(entries(bot)).toEqual([expect.objectContaining({ kind: 'next_step', state_iso3: 'KEN', step: 'send the Q&A', due_on: '2026-04-01' })]);
});

/** The buttons of a Slack message, as Block Kit carries them. */
const buttonsOf = (blocks: unknown) =>
  (
    (typeof blocks === 'string' ? JSON.parse(blocks) : (blocks ?? [])) as {
      type: string;
      elements?: { value?: string; action_id?: string; text?: { text: string } }[];
    }[]
  )
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);

it('corrects an entry from its reply’s Edit button: the modal holds the entry, saving runs edit, and Undo restores it', async () => {
  const { slack, bot, post } = await startSlackBot();
  const logged = await post(commandBody('meeting Kenya held on 2026-03-03 in capital — briefed the minister'));
  const edit = buttonsOf(logged.json?.blocks).find((b) => b.text?.text === 'Edit');
  expect(edit?.value).toBe('form edit #1');
  await post(buttonBody({ value: edit!.value!, actionId: edit!.action_id!, responseUrl: `${slack.url}/respond` }));
  const view = await opened(slack);
  expect(view.title.text).toBe('Edit #1');
  // It keeps its kind: the only choice is what it is.
  expect(elementOf(view, 'form_what')).toMatchObject({ options: [{ value: 'meeting' }], initial_option: { value: 'meeting' } });
  expect(elementOf(view, 'form_state')).toMatchObject({ initial_option: { value: 'KEN' } });
  expect(elementOf(view, 'form_date')).toMatchObject({ initial_date: '2026-03-03' });
  expect(elementOf(view, 'form_level')).toMatchObject({ initial_option: { value: 'capital' } });
  expect(elementOf(view, 'form_note')).toMatchObject({ initial_value: 'briefed the minister' });
  const before = entries(bot);
  const audited = () => bot.database.sqlite.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number };
  const auditBefore = audited().n;

  const kenya = { iso3: 'KEN', label: 'Kenya (KEN)' };
  expect(
    (await post(submissionBody(view, { what: 'meeting', state: kenya, date: '2026-03-04', level: 'capital', note: 'briefed the minister' }))).json,
  ).toBeUndefined();
  expect(entries(bot)).toEqual([{ ...before[0], occurred_on: '2026-03-04' }]);
  expect(audited().n).toBe(auditBefore + 1);
  const [answer] = await sent(slack, 'chat.postMessage');
  expect(String(answer!.body.text)).toContain('Edited #1');
  expect(String(answer!.body.blocks)).toContain('edit #1 on 2026-03-04 — briefed the minister');

  const undo = buttonsOf(answer!.body.blocks).find((b) => b.text?.text === 'Undo');
  await post(buttonBody({ value: undo!.value!, actionId: undo!.action_id!, responseUrl: `${slack.url}/respond` }));
  expect(entries(bot)).toEqual([{ ...before[0], occurred_on: '2026-03-03' }]);
});
