/**
 * The "Log outreach" modal end to end: signed requests over real HTTP to the Slack adapter, and
 * Slack's stand-in recording views.open and the messages sent. What the modal stores is compared
 * with what the typed command stores.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { buttonBody, commandBody, homeButtonBody } from './support/slack.ts';
import { type Filled, kindChangedBody, type OpenedView, shortcutBody, submissionBody, suggestionBody } from './support/slack-form.ts';
import { elementOf, entries, opened, sent, startSlackBot, stopSlackBots } from './support/slack-form-bot.ts';

afterEach(stopSlackBots);

const kenyaMeeting: Filled = {
  what: 'meeting',
  state: { iso3: 'KEN', label: 'Kenya (KEN)' },
  date: '2026-03-03',
  level: 'capital',
  note: 'briefed the minister',
};

it('opens the modal from the global shortcut, with the fields of a meeting', async () => {
  const { slack, post } = await startSlackBot();
  expect((await post(shortcutBody())).status).toBe(200);
  const view = await opened(slack);
  expect(slack.callsTo('views.open')[0]!.body.trigger_id).toMatch(/\.shortcut$/);
  expect(view.callback_id).toBe('ccm_log_outreach');
  expect(view.title.text).toBe('Log outreach');
  expect(view.blocks.map((b) => b.block_id)).toEqual(['form_what', 'form_state', 'form_date', 'form_level', 'form_note']);
  const element = (block: string) => elementOf(view, block);
  expect(element('form_state')).toMatchObject({ type: 'external_select', action_id: 'ccm_form_state' });
  // Today in the group's time zone (the test clock: 10 Mar 2026), and the person's default level.
  expect(element('form_date')).toMatchObject({ type: 'datepicker', initial_date: '2026-03-10' });
  expect(element('form_level')).toMatchObject({ initial_option: { value: 'geneva' } });
  expect(element('form_note')).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 1000 });
});

it('uses the trigger within its 3 seconds even when Slack is slow to say who pressed it', async () => {
  const { slack, post } = await startSlackBot();
  // users.info answers long after the trigger id has expired: the payload's name stands in.
  slack.answer('users.info', () => ({ delayMs: 20_000, body: { ok: true, user: { id: 'U1', profile: { display_name: 'Ana' } } } }));
  const pressed = performance.now();
  await post(shortcutBody());
  await vi.waitFor(() => expect(slack.callsTo('views.open')).toHaveLength(1), { timeout: 2900, interval: 10 });
  expect(performance.now() - pressed).toBeLessThan(3000);
});

it('opens the modal for /ccm typed alone', async () => {
  const { slack, post } = await startSlackBot();
  expect((await post(commandBody(''))).status).toBe(200);
  const view = await opened(slack);
  expect(JSON.parse(view.private_metadata)).toEqual({ channel: 'C1' });
});

it('answers the state typeahead with Lao PDR first for "lao", and at most 100 options', async () => {
  const { post } = await startSlackBot();
  const offered = async (typed: string) => (await post(suggestionBody(typed, { id: 'V1' }))).json?.options as { text: { text: string }; value: string }[];
  expect((await offered('lao'))[0]).toEqual({ text: { type: 'plain_text', text: "Lao People's Democratic Republic (LAO)" }, value: 'LAO' });
  expect(await offered('')).toHaveLength(100);
  // By an alias and by a code too.
  expect((await offered('Lao PDR'))[0]?.text.text).toBe("Lao People's Democratic Republic (LAO) — Lao PDR");
  expect((await offered('KEN'))[0]?.value).toBe('KEN');
});

it('keeps a meeting dated in the future in the modal, beside the date, and stores nothing', async () => {
  const { slack, bot, post } = await startSlackBot();
  await post(shortcutBody());
  const answer = await post(submissionBody(await opened(slack), { ...kenyaMeeting, date: '2026-03-11' }));
  expect(answer.json).toEqual({ response_action: 'errors', errors: { form_date: '11 Mar 2026 is in the future: only what already happened is logged.' } });
  expect(entries(bot)).toEqual([]);
  expect(slack.callsTo('chat.postMessage')).toEqual([]);
});

it('stores what the typed command stores, answers in the person’s messages with the command, and stores a retry once', async () => {
  const typed = await startSlackBot();
  await typed.post(commandBody('meeting Kenya held on 2026-03-03 in capital — briefed the minister'));
  const { slack, bot, post } = await startSlackBot();
  await post(commandBody(''));
  const submission = submissionBody(await opened(slack), kenyaMeeting);
  const answer = await post(submission);
  // The modal closes: an empty acknowledgement.
  expect(answer.json).toBeUndefined();
  expect(entries(bot)).toHaveLength(1);
  expect(entries(bot)).toEqual(entries(typed.bot));
  // The answer follows the modal's closing, in the person's messages with the app.
  const [message] = await sent(slack, 'chat.postMessage');
  expect(message!.body.channel).toBe('U1');
  expect(String(message!.body.text)).toContain('Logged #1: meeting held, Kenya');
  expect(String(message!.body.blocks)).toContain('meeting KEN held on 2026-03-03 in capital — briefed the minister');
  expect(String(message!.body.blocks)).toContain('undo #1');
  // Slack delivers the same submission again: the same answer (not a duplicate's refusal), and nothing more stored.
  expect((await post(submission)).json).toBeUndefined();
  expect(entries(bot)).toHaveLength(1);
});

it('stores a retried next step once, though the same step may be logged twice on purpose', async () => {
  const { slack, bot, post } = await startSlackBot();
  await post(shortcutBody());
  const nextStep: Filled = { what: 'next', state: { iso3: 'VNM', label: 'Viet Nam (VNM)' }, step: 'send the model instrument', due: '2026-04-01' };
  const submission = submissionBody(await opened(slack), nextStep);
  await post(submission);
  await post(submission);
  expect(entries(bot)).toHaveLength(1);
  expect(entries(bot)[0]).toMatchObject({ kind: 'next_step', state_iso3: 'VNM', step: 'send the model instrument', due_on: '2026-04-01' });
});

it('brings back a duplicate with Log again, which logs the second one', async () => {
  const { slack, bot, post } = await startSlackBot();
  await post(commandBody('meeting Kenya held on 2026-03-03 in capital'));
  await post(commandBody(''));
  const view = await opened(slack);
  const refused = await post(submissionBody(view, kenyaMeeting));
  expect(refused.json?.response_action).toBe('update');
  const redrawn = refused.json?.view as OpenedView;
  expect(redrawn.blocks.map((b) => b.block_id)).toContain('form_again');
  expect(JSON.stringify(redrawn)).toContain('You already logged a meeting with Kenya on 3 Mar 2026 (#1).');
  expect(entries(bot)).toHaveLength(1);
  await post(submissionBody({ ...redrawn, id: view.id, hash: 'h-redrawn' }, { ...kenyaMeeting, again: true }));
  expect(entries(bot)).toHaveLength(2);
});

it('redraws the modal for a next step when what happened changes: a step and a due date, no date or level', async () => {
  const { slack, post } = await startSlackBot();
  await post(shortcutBody());
  const view = await opened(slack);
  await post(kindChangedBody(view, { what: 'next', state: { iso3: 'KEN', label: 'Kenya (KEN)' } }));
  const [update] = await sent(slack, 'views.update');
  expect(update!.body).toMatchObject({ view_id: view.id, hash: view.hash });
  const redrawn = JSON.parse(String(update!.body.view)) as OpenedView;
  expect(redrawn.blocks.map((b) => b.block_id)).toEqual(['form_what', 'form_state', 'form_step', 'form_due', 'form_note']);
  // The state chosen stays, exactly as one of the options the typeahead offers (Slack requires it).
  const initial = redrawn.blocks[1]?.element?.initial_option;
  expect(initial).toEqual({ text: { type: 'plain_text', text: 'Kenya (KEN)' }, value: 'KEN' });
  expect((await post(suggestionBody('Kenya', view))).json?.options).toContainEqual(initial);
});

it('opens the modal from the Log outreach button of help and of the Home tab', async () => {
  const { slack, post } = await startSlackBot();
  const help = await post(commandBody('help'));
  const helpButtons = ((help.json?.blocks ?? []) as { type: string; elements?: { value?: string; action_id?: string }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);
  const logOutreach = helpButtons.find((b) => b.value === 'form');
  expect(logOutreach).toBeDefined();
  await post(buttonBody({ value: 'form', actionId: logOutreach!.action_id!, responseUrl: `${slack.url}/respond` }));
  await opened(slack, 1);
  await post(homeButtonBody({ value: 'form', actionId: 'ccm_run_0', view: { id: 'VHOME', hash: 'h0' } }));
  await opened(slack, 2);
  expect(slack.callsTo('views.open')).toHaveLength(2);
  // Neither press sent a message: the form opened instead.
  expect(slack.calls.filter((c) => c.path === '/respond')).toEqual([]);
  expect(slack.callsTo('chat.postMessage')).toEqual([]);
});
