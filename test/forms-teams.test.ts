/**
 * The "Log outreach" dialog end to end: invokes posted to /api/messages as Teams posts them
 * (the compose box's action command, a card's task/fetch button, their submissions), the
 * stand-in Bot Connector recording what the bot sends. What the dialog stores is compared with
 * what the typed command stores.
 */
import { afterEach, expect, it } from 'vitest';
import { TEAMS_LIMITS, teamsSize } from '../src/adapters/teams/render.ts';
import { isStatePartyOn } from '../src/domain/ccm.ts';
import { loadStatesCsv } from '../src/domain/states.ts';
import type { TestBot } from './support/harness.ts';
import { invoke, message, PERSONAL, postActivity, submit } from './support/teams.ts';
import { startTeamsBot, type TeamsBot } from './support/teams-bot.ts';
import { type DialogCard, dialogOf, type Filled, inputOf, kindButton, messagesOf, submissionData } from './support/teams-form.ts';

const running: TeamsBot[] = [];
afterEach(async () => {
  for (const teams of running.splice(0)) await teams.close();
});

async function start() {
  const teams = await startTeamsBot();
  running.push(teams);
  const post = (activity: unknown) => postActivity(teams.endpoint, activity);
  /** The compose box's "Log outreach" (a message extension's action command with fetchTask). */
  const fetchTask = (where: 'personal' | 'channel' = 'personal') =>
    post(
      invoke(
        teams.connector.serviceUrl,
        'composeExtension/fetchTask',
        { commandId: 'logOutreach', commandContext: 'compose', context: { theme: 'default' } },
        { where },
      ),
    );
  /** The dialog opened from the compose box, submitted with `data`. */
  const submitAction = (data: unknown, where: 'personal' | 'channel' = 'personal') =>
    invoke(
      teams.connector.serviceUrl,
      'composeExtension/submitAction',
      { commandId: 'logOutreach', commandContext: 'compose', data, context: { theme: 'default' } },
      { where },
    );
  return { ...teams, post, fetchTask, submitAction };
}

/** Every column of every entry but its number. */
const entries = (bot: TestBot) =>
  (bot.database.sqlite.prepare('SELECT * FROM entries ORDER BY id').all() as Record<string, unknown>[]).map(({ id: _id, ...row }) => row);

/** The states party on the test clock's day, as data/states.csv says (the treaty's facts come from there only). */
const parties = new Set(
  loadStatesCsv(new URL('../data/states.csv', import.meta.url).pathname)
    .filter((state) => isStatePartyOn(state, '2026-03-10'))
    .map((state) => state.iso3),
);

const laoMeeting: Filled = { state: 'LAO', date: '2026-03-03', level: 'capital', note: 'briefed the minister' };

it('opens the dialog from the compose box, every state offered with its aliases, states not party first', async () => {
  const { fetchTask } = await start();
  const answer = await fetchTask();
  const card = dialogOf(answer);
  expect(card.title).toBe('Log outreach');
  const state = inputOf(card, 'state')!;
  expect(state).toMatchObject({ type: 'Input.ChoiceSet', style: 'filtered' });
  const choices = state.choices as { title: string; value: string }[];
  expect(choices.length).toBeGreaterThan(190);
  const lao = choices.find((c) => c.value === 'LAO')!;
  expect(lao.title).toMatch(/^Lao People's Democratic Republic \(LAO\) — .*\bLaos\b.*/);
  expect(lao.title).toContain('Lao PDR');
  // Not party first: once a party is listed, no state not party follows.
  const firstParty = choices.findIndex((c) => parties.has(c.value));
  expect(firstParty).toBeGreaterThan(0);
  expect(choices.slice(firstParty).every((c) => parties.has(c.value))).toBe(true);
  // A meeting's fields: today in the group's zone (the test clock: 10 Mar 2026) and the person's default level.
  expect(card.body.filter((e) => e.id).map((e) => e.id)).toEqual(['state', 'date', 'level', 'note']);
  expect(inputOf(card, 'date')).toMatchObject({ type: 'Input.Date', value: '2026-03-10' });
  expect(inputOf(card, 'level')).toMatchObject({ type: 'Input.ChoiceSet', value: 'geneva' });
  expect(inputOf(card, 'note')).toMatchObject({ type: 'Input.Text', isMultiline: true, maxLength: 1000 });
  // Under Teams' size limit, counted in UTF-16 as Teams counts it.
  expect(teamsSize(answer.json)).toBeLessThan(TEAMS_LIMITS.messageSize);
});

it('keeps a meeting dated in the future in the dialog, the message above the date, the values kept, and stores nothing', async () => {
  const { fetchTask, submitAction, post, bot, connector } = await start();
  const card = dialogOf(await fetchTask());
  const refused = dialogOf(await post(submitAction(submissionData(card, { ...laoMeeting, date: '2026-03-11' }))));
  expect(messagesOf(refused)).toEqual(['⚠ 11 Mar 2026 is in the future: only what already happened is logged.']);
  const above = refused.body.findIndex((e) => e.type === 'RichTextBlock');
  expect(refused.body[above + 1]?.id).toBe('date');
  expect(inputOf(refused, 'date')?.value).toBe('2026-03-11');
  expect(inputOf(refused, 'state')?.value).toBe('LAO');
  expect(inputOf(refused, 'note')?.value).toBe('briefed the minister');
  expect(entries(bot)).toEqual([]);
  expect(connector.postsTo(PERSONAL)).toEqual([]);
});

it('stores what the typed command stores, answers in the 1:1 chat with the command and Undo, and stores a retry once', async () => {
  const typed = await start();
  await typed.post(message(typed.connector.serviceUrl, 'meeting Lao PDR held on 2026-03-03 in capital — briefed the minister'));
  const { fetchTask, submitAction, post, bot, connector } = await start();
  const submission = submitAction(submissionData(dialogOf(await fetchTask()), laoMeeting));
  const answer = await post(submission);
  // The dialog closes: an empty answer.
  expect(answer).toMatchObject({ status: 200, raw: '' });
  expect(entries(bot)).toHaveLength(1);
  expect(entries(bot)).toEqual(entries(typed.bot));
  const posts = await postsTo(connector, PERSONAL, 1);
  const shown = JSON.stringify(posts[0]!.body);
  expect(shown).toContain('Logged #1: meeting held, Lao');
  expect(shown).toContain('meeting LAO held on 2026-03-03 in capital — briefed the minister');
  expect(shown).toContain('undo #1');
  // Teams sends the same submission again (a late answer): closed again, nothing more stored.
  expect(await post(submission)).toMatchObject({ status: 200, raw: '' });
  expect(entries(bot)).toHaveLength(1);
});

it('answers a dialog submitted in a channel in the person’s 1:1 chat, and nothing in the channel', async () => {
  const { fetchTask, submitAction, post, bot, connector } = await start();
  const card = dialogOf(await fetchTask('channel'));
  expect(await post(submitAction(submissionData(card, laoMeeting), 'channel'))).toMatchObject({ status: 200, raw: '' });
  expect(entries(bot)).toHaveLength(1);
  await postsTo(connector, PERSONAL, 1);
  expect(connector.calls.filter((c) => c.kind !== 'create' && c.conversationId !== PERSONAL)).toEqual([]);
});

it('brings a duplicate back with Log again, which logs the second one', async () => {
  const { fetchTask, submitAction, post, bot } = await start();
  await post(submitAction(submissionData(dialogOf(await fetchTask()), laoMeeting)));
  // Opened again (a dialog once saved is closed): the same meeting.
  const refused = dialogOf(await post(submitAction(submissionData(dialogOf(await fetchTask()), laoMeeting))));
  expect(inputOf(refused, 'again')).toMatchObject({ type: 'Input.Toggle', value: 'false' });
  expect(messagesOf(refused)[0]).toContain('You already logged a meeting with Lao');
  expect(entries(bot)).toHaveLength(1);
  await post(submitAction(submissionData(refused, { again: true })));
  expect(entries(bot)).toHaveLength(2);
});

it('draws the dialog again for a next step, the state kept: a step and a due date, no date or level', async () => {
  const { fetchTask, submitAction, post, bot } = await start();
  const card = dialogOf(await fetchTask());
  const next = dialogOf(await post(submitAction(submissionData(card, { state: 'VNM' }, kindButton(card, 'Next step agreed')))));
  expect(next.body.filter((e) => e.id).map((e) => e.id)).toEqual(['state', 'step', 'due', 'note']);
  expect(inputOf(next, 'state')?.value).toBe('VNM');
  expect(entries(bot)).toEqual([]);
  await post(submitAction(submissionData(next, { step: 'send the model instrument', due: '2026-04-01' })));
  expect(entries(bot)[0]).toMatchObject({ kind: 'next_step', state_iso3: 'VNM', step: 'send the model instrument', due_on: '2026-04-01' });
});

it('opens the same dialog from the Log outreach button of help (task/fetch), which home has too', async () => {
  const { post, connector } = await start();
  await post(message(connector.serviceUrl, 'home'));
  const homeActions = connector.postsTo(PERSONAL)[0]!.body.attachments[0].content.actions as DialogCard['actions'];
  expect(homeActions[0]).toMatchObject({ title: 'Log outreach', data: { msteams: { type: 'task/fetch' } } });
  connector.calls.splice(0);
  await post(message(connector.serviceUrl, 'help'));
  const [help] = connector.postsTo(PERSONAL);
  const actions = help!.body.attachments[0].content.actions as DialogCard['actions'];
  const button = actions.find((a) => a.title === 'Log outreach');
  expect(button).toMatchObject({ type: 'Action.Submit', data: { msteams: { type: 'task/fetch' } } });
  const answer = await post(invoke(connector.serviceUrl, 'task/fetch', { data: button!.data, context: { theme: 'default' } }));
  const card = dialogOf(answer);
  expect(card.body.filter((e) => e.id).map((e) => e.id)).toEqual(['state', 'date', 'level', 'note']);
  // Submitted from there (task/submit), it logs as well.
  const submitted = await post(invoke(connector.serviceUrl, 'task/submit', { data: submissionData(card, laoMeeting), context: { theme: 'default' } }));
  expect(submitted).toMatchObject({ status: 200, raw: '' });
});

it('opens the dialog filled in from a state card’s Add next step (task/fetch): a next step with that state', async () => {
  const { post, connector } = await start();
  await post(message(connector.serviceUrl, 'state Kenya'));
  const actions = connector.postsTo(PERSONAL)[0]!.body.attachments[0].content.actions as DialogCard['actions'];
  const button = actions.find((a) => a.title === 'Add next step');
  expect(button).toMatchObject({ data: { ccm: 'form next KEN', msteams: { type: 'task/fetch' } } });
  const card = dialogOf(await post(invoke(connector.serviceUrl, 'task/fetch', { data: button!.data, context: { theme: 'default' } })));
  expect(kindButton(card, 'Next step agreed')).toMatchObject({ what: 'next' });
  expect(inputOf(card, 'state')).toMatchObject({ value: 'KEN' });
  expect(inputOf(card, 'due')).toBeDefined();
});

it('corrects an entry from its answer’s Edit button: the dialog holds the entry, saving runs edit, and Undo restores it', async () => {
  const { post, connector, bot } = await start();
  await post(message(connector.serviceUrl, 'meeting Kenya held on 2026-03-03 in capital — briefed the minister'));
  const logged = connector.postsTo(PERSONAL)[0]!;
  const edit = (logged.body.attachments[0].content.actions as DialogCard['actions']).find((a) => a.title === 'Edit');
  expect(edit).toMatchObject({ data: { ccm: 'form edit #1', msteams: { type: 'task/fetch' } } });
  const card = dialogOf(await post(invoke(connector.serviceUrl, 'task/fetch', { data: edit!.data, context: { theme: 'default' } })));
  expect(card.title).toBe('Edit #1');
  expect(inputOf(card, 'state')).toMatchObject({ value: 'KEN' });
  expect(inputOf(card, 'date')).toMatchObject({ value: '2026-03-03' });
  expect(inputOf(card, 'note')).toMatchObject({ value: 'briefed the minister' });
  const before = entries(bot);
  const audited = () => (bot.database.sqlite.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
  const auditBefore = audited();
  connector.calls.splice(0);

  const saved = await post(invoke(connector.serviceUrl, 'task/submit', { data: submissionData(card, { date: '2026-03-04' }), context: { theme: 'default' } }));
  expect(saved).toMatchObject({ status: 200, raw: '' });
  expect(entries(bot)).toEqual([{ ...before[0], occurred_on: '2026-03-04' }]);
  expect(audited()).toBe(auditBefore + 1);
  const [answer] = await postsTo(connector, PERSONAL, 1);
  expect(JSON.stringify(answer!.body)).toContain('edit #1 on 2026-03-04');

  const undo = (answer!.body.attachments[0].content.actions as DialogCard['actions']).find((a) => a.title === 'Undo');
  await post(submit(connector.serviceUrl, undo!.data, 'card-1'));
  expect(entries(bot)).toEqual(before);
});

it('opens the dialog filled in from a message picked with Log to ccm-bot (a message action), nothing stored until Save', async () => {
  const { post, connector, bot } = await start();
  const link = 'https://teams.microsoft.com/l/message/19:universalization@thread.tacv2/1773100000200?tenantId=t';
  const picked = invoke(
    connector.serviceUrl,
    'composeExtension/fetchTask',
    {
      commandId: 'logMessage',
      commandContext: 'message',
      context: { theme: 'default' },
      messagePayload: {
        id: '1773100000200',
        body: { contentType: 'html', content: '<p>Met the Kenyan mission yesterday in Geneva, they asked for the Q&amp;A before <at>Ben</at> follows up.</p>' },
        linkToMessage: link,
      },
    },
    { where: 'channel' },
  );
  const card = dialogOf(await post(picked));
  expect(kindButton(card, 'Meeting held').what).toBe('meeting');
  expect(card.actions[0]!.data).toMatchObject({ what: 'meeting' });
  expect(inputOf(card, 'state')).toMatchObject({ value: 'KEN' });
  // "yesterday" on the test clock's day, 10 Mar 2026.
  expect(inputOf(card, 'date')).toMatchObject({ value: '2026-03-09' });
  expect(inputOf(card, 'level')).toMatchObject({ value: 'geneva' });
  expect(inputOf(card, 'note')).toMatchObject({ value: `Met the Kenyan mission yesterday in Geneva, they asked for the Q&A before Ben follows up. ${link}` });
  expect(entries(bot)).toEqual([]);
});

it('opens a message naming several states on the first, with a button for each other, which switches the dialog to it', async () => {
  const { post, connector, submitAction } = await start();
  const picked = invoke(connector.serviceUrl, 'composeExtension/fetchTask', {
    commandId: 'logMessage',
    commandContext: 'message',
    context: { theme: 'default' },
    messagePayload: { body: { contentType: 'text', content: 'Called Thailand and Cambodia yesterday about the workshop.' } },
  });
  const card = dialogOf(await post(picked));
  expect(inputOf(card, 'state')).toMatchObject({ value: 'THA' });
  expect(messagesOf(card).join(' ')).toContain('The message also names Cambodia (KHM)');
  const buttons = card.body.filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions as { title: string; data: Record<string, unknown> }[]);
  const cambodia = buttons.find((b) => b.title === 'Log Cambodia (KHM)');
  expect(cambodia?.data).toMatchObject({ switchState: 'KHM' });
  const switched = dialogOf(await post(submitAction(submissionData(card, { date: '2026-03-09' }, cambodia!.data))));
  expect(inputOf(switched, 'state')).toMatchObject({ value: 'KHM' });
  expect(inputOf(switched, 'date')).toMatchObject({ value: '2026-03-09' });
  expect(messagesOf(switched).join(' ')).toContain('The message also names Thailand (THA)');
});

/** The posts to a conversation once `count` have arrived (the answer follows the dialog's closing). */
async function postsTo(connector: TeamsBot['connector'], conversationId: string, count: number) {
  for (let waited = 0; connector.postsTo(conversationId).length < count && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(connector.postsTo(conversationId)).toHaveLength(count);
  return connector.postsTo(conversationId);
}
