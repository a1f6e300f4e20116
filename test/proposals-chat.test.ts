/**
 * Sentences sent to the bot: in a personal chat (the shell, Teams' 1:1 chat over
 * /api/messages) a plain sentence gets "Log this?" with Log it, Edit and No; Log it stores exactly the
 * proposed entry once, even pressed twice; a channel never reads one; and a sentence that is not
 * logged leaves no word of itself in the database or the log.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChatServices, startChat } from '../src/chat.ts';
import { capturedLog, createTestBot, type TestBot } from './support/harness.ts';
import { buttonsOf, type ConnectorStandIn, message, postActivity, startConnectorStandIn, submit, titleOf } from './support/teams.ts';

const SENTENCE = 'Had a bilateral with the Kenyan mission this morning, they asked for the Q&A before their capital decides.';
const PROPOSED = `meeting Kenya held on 2026-03-11 in geneva — ${SENTENCE}`;

let bot: TestBot | undefined;
afterEach(() => bot?.close());

const entries = (b: TestBot) => b.database.sqlite.prepare('SELECT kind, state_iso3, occurred_on, level, note FROM entries').all();

describe('a sentence in the shell', () => {
  it('gets the proposal with Log it, Edit and No, and Log it pressed twice stores the entry once', () => {
    bot = createTestBot({ now: '2026-03-11T09:00:00Z' });
    const proposal = bot.say(SENTENCE);
    expect(proposal.title).toBe(`Log this? \`${PROPOSED}\``);
    expect(proposal.actions).toEqual([
      { label: 'Log it', command: PROPOSED, style: 'primary' },
      { label: 'Edit', command: `form from ${SENTENCE}` },
      { label: 'No', command: 'no' },
    ]);
    // Edit opens the form filled in from the sentence, nothing stored until it is saved.
    expect(bot.say(`form from ${SENTENCE}`).form?.values).toMatchObject({ what: 'meeting', state: { value: 'KEN' }, date: '2026-03-11', level: 'geneva' });
    expect(bot.sayText(SENTENCE)).toContain('11 Mar 2026');
    expect(entries(bot)).toEqual([]);
    expect(bot.say(PROPOSED).title).toBe('Logged #1: meeting held, Kenya');
    expect(bot.say(PROPOSED).code).toBe('already-logged');
    expect(entries(bot)).toEqual([{ kind: 'meeting', state_iso3: 'KEN', occurred_on: '2026-03-11', level: 'geneva', note: SENTENCE }]);
  });

  it('reads a sentence that starts with a command word the command refuses, and leaves a short command its refusal', () => {
    bot = createTestBot({ now: '2026-03-11T09:00:00Z' });
    const met = 'Met the Kenyan mission this morning, they asked for the Q&A before their capital decides.';
    expect(bot.say(met).title).toBe(`Log this? \`meeting Kenya held on 2026-03-11 in geneva — ${met}\``);
    expect(bot.say('met Kenya')).toMatchObject({ tone: 'error', code: 'missing-held' });
    expect(entries(bot)).toEqual([]);
  });

  it('answers No without keeping anything, and propose <text> says what is missing', () => {
    bot = createTestBot({ now: '2026-03-11T09:00:00Z' });
    expect(bot.say('no').title).toBe('Not logged.');
    const nothing = bot.sayText('propose Framing note sent to ISU today.');
    expect(nothing).toContain('No state named');
    expect(bot.sayText('propose Viet Nam deposited its instrument yesterday')).toContain('always confirmed by a person');
  });

  it('keeps no word of a sentence that is not logged, in the database or the log', () => {
    const captured = capturedLog('debug');
    bot = createTestBot({ now: '2026-03-11T09:00:00Z', log: captured.log });
    bot.say('Sat down with the Kenyan mission this morning, they asked about Zanzibar-Quokka.');
    bot.say('no');
    expect(captured.text()).not.toContain('Quokka');
    expect(captured.text()).not.toContain('Kenyan');
    bot.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(bot.dbPath).includes('Quokka')).toBe(false);
    expect(entries(bot)).toEqual([]);
  });
});

describe('a sentence in Teams', () => {
  let connector: ConnectorStandIn;
  let chat: ChatServices;

  afterEach(async () => {
    await chat.stop();
    await connector.close();
  });

  it('gets the proposal card in the 1:1 chat; Log it pressed twice stores once; a channel is never read', async () => {
    connector = await startConnectorStandIn();
    bot = createTestBot({ now: '2026-03-11T09:00:00Z', env: { CCM_ADAPTERS: 'teams', PORT: '0' } });
    chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
    const endpoint = `http://127.0.0.1:${chat.http.port}/api/messages`;
    await postActivity(endpoint, message(connector.serviceUrl, SENTENCE));
    const card = connector.calls.at(-1)!;
    expect(titleOf(card)).toContain('Log this?');
    expect(buttonsOf(card).map((b) => b.command)).toEqual([PROPOSED, `form from ${SENTENCE}`, 'no']);
    for (let i = 0; i < 2; i++) await postActivity(endpoint, submit(connector.serviceUrl, { ccm: PROPOSED }, 'm-card-1'));
    expect(entries(bot)).toEqual([{ kind: 'meeting', state_iso3: 'KEN', occurred_on: '2026-03-11', level: 'geneva', note: SENTENCE }]);

    const before = connector.calls.length;
    await postActivity(endpoint, message(connector.serviceUrl, 'Called the Ugandan mission today about the Q&A.', { where: 'channel' }));
    expect(JSON.stringify(connector.calls.slice(before))).not.toContain('Log this?');
    expect(entries(bot)).toHaveLength(1);
  });
});
