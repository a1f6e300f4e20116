/**
 * Another connection holds the database's write lock (a `ccm` command, a backup tool, a sqlite3
 * shell with an open transaction): reads are answered with the data, writes wait on a timer
 * and are then refused with nothing saved and a Try again button, the scheduler skips a beat,
 * and the process goes on answering meanwhile, /healthz included. The lock is a real
 * `BEGIN IMMEDIATE` on a second connection to the bot's file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../src/adapters/slack/slack-adapter.ts';
import { createScheduler } from '../src/bot.ts';
import { type ChatServices, startChat } from '../src/chat.ts';
import type { Incoming } from '../src/core/command.ts';
import { main } from '../src/main.ts';
import { capturedLog, createTestBot, dateSpringMeetings, type TestBot } from './support/harness.ts';
import { slackActor, slackPlace } from './support/places.ts';
import { buttonBody, commandBody, SIGNING_SECRET, type SlackStandIn, slackHeaders, startSlackStandIn } from './support/slack.ts';
import { buttonsOf, type ConnectorStandIn, message, postActivity, startConnectorStandIn, submit, titleOf } from './support/teams.ts';

let slack: SlackStandIn;
let bot: TestBot;
let holder: Database.Database | undefined;
const captured = capturedLog('info');

beforeEach(async () => {
  slack = await startSlackStandIn();
  bot = createTestBot({
    now: '2026-03-01T10:00:00Z',
    log: captured.log,
    env: { CCM_ADAPTERS: 'slack,teams', SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' },
  });
});
afterEach(async () => {
  release();
  bot.close();
  await slack.close();
});

/** Another connection takes the write lock and keeps it until {@link release}. */
function lock(): void {
  holder = new Database(bot.dbPath);
  holder.exec('BEGIN IMMEDIATE');
}

function release(): void {
  if (!holder?.open) return;
  holder.exec('ROLLBACK');
  holder.close();
}

/** Counted on the bot's own connection: what it has committed. */
const count = (sql: string, ...params: unknown[]) =>
  bot.database.sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as number;
const entriesAbout = (iso3: string) => count('SELECT count(*) FROM entries WHERE state_iso3 = ?', iso3);
const people = (userId: string) => count("SELECT count(*) FROM people WHERE platform = 'slack' AND platform_user_id = ?", userId);

/** A command from Slack, as its adapter hands it to the core (which retries a busy write). */
const command = (text: string, userId = 'U1', name = 'Ana'): Incoming => ({ text, actor: slackActor(userId, name), place: slackPlace('C1') });

describe('while another connection holds the write lock', () => {
  it('answers a read with the data, and remembers a newcomer once the lock is gone', async () => {
    bot.core.handle(command('meeting Kenya held'));
    lock();
    const read = await bot.core.respond(command('state Kenya', 'U7', 'Nia'));
    expect(read.tone).not.toBe('error');
    expect(JSON.stringify(read)).toContain('#1 · 1 Mar 2026 · Meeting held');
    expect(people('U7')).toBe(0);
    release();
    await bot.core.respond(command('state Kenya', 'U7', 'Nia'));
    expect(people('U7')).toBe(1);
  });

  it('answers others while a write waits, then refuses it with nothing saved and a Try again button that saves it once', async () => {
    lock();
    let waiting = true;
    const write = bot.core.respond(command('meeting Kenya held')).finally(() => {
      waiting = false;
    });
    expect(await bot.core.respond(command('log'))).toMatchObject({ tone: expect.not.stringMatching('error') });
    expect(waiting).toBe(true);

    const refused = await write;
    expect(refused).toMatchObject({ code: 'log-busy', title: 'The log is busy right now: nothing was saved.' });
    expect(refused.actions).toEqual([{ label: 'Try again', command: 'meeting Kenya held' }]);
    expect(entriesAbout('KEN')).toBe(0);
    expect(captured.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'command refused by the database', code: 'SQLITE_BUSY' }));

    release();
    const again = await bot.core.respond(command(refused.actions![0]!.command));
    expect(again).toMatchObject({ tone: 'success', title: expect.stringMatching(/^Logged #1: meeting held, Kenya/) });
    expect(entriesAbout('KEN')).toBe(1);
  });

  it('answers every example of every command that only reads, from someone never seen before', () => {
    bot.core.handle(command('meeting Kenya held'));
    lock();
    const readers = bot.core.registry.commands.filter((c) => !c.writes);
    expect(readers.length).toBeGreaterThan(10);
    const refused = readers.flatMap((c) => c.examples.map((example) => ({ example, code: bot.core.handle(command(example, 'U8', 'Omar')).code })));
    expect(refused.filter((r) => r.code?.startsWith('log-'))).toEqual([]);
  });

  it('saves a write once the lock is released while it waits', async () => {
    lock();
    const write = bot.core.respond(command('meeting Chad held'));
    setTimeout(release, 50);
    expect(await write).toMatchObject({ tone: 'success' });
    expect(entriesAbout('TCD')).toBe(1);
  });

  it("skips the scheduler's beat, and posts on the next one", async () => {
    dateSpringMeetings(bot);
    bot.core.handle(command('subscribe'));
    const poster = createSlackAdapter({
      core: bot.core,
      store: bot.store,
      config: { botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, appToken: undefined, apiUrl: slack.apiUrl },
      log: bot.log,
      paceMs: 0,
    }).poster;
    const scheduler = createScheduler(bot, { slack: poster });
    lock();
    expect(await scheduler.beat(new Date('2026-05-05T07:00:30Z'))).toBeUndefined();
    expect(slack.callsTo('chat.postMessage')).toEqual([]);
    expect(captured.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'tick skipped: the database is busy; the next beat tries again' }));
    release();
    const report = await scheduler.beat(new Date('2026-05-05T07:01:30Z'));
    expect(report?.sent.map((s) => s.reply.title)).toEqual(['In 7 days: Third meeting of the Informal Working Group on Universalisation']);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });
});

describe('through Slack, while another connection holds the write lock', () => {
  let chat: ChatServices;
  let base: string;
  beforeEach(async () => {
    chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false });
    base = `http://127.0.0.1:${chat.http.port}`;
  });
  afterEach(async () => {
    release();
    await chat.stop();
  });

  /** Slack gives up on an answer after 3 seconds. */
  async function post(body: string) {
    const response = await fetch(`${base}/slack/events`, { method: 'POST', body, headers: slackHeaders(body), signal: AbortSignal.timeout(3000) });
    const raw = await response.text();
    return {
      status: response.status,
      raw,
      json: (raw ? JSON.parse(raw) : {}) as { text?: string; blocks?: { type: string; elements?: { value?: string; action_id?: string }[] }[] },
    };
  }

  it('answers /healthz and reads while a write waits; the write is refused and its Try again button stores it once', async () => {
    const responseUrl = `${slack.apiUrl.replace(/\/api\/?$/, '')}/respond/1`;
    expect((await post(commandBody('meeting Kenya held'))).json.text).toMatch(/^Logged #1/);
    lock();
    let waiting = true;
    const write = post(commandBody('meeting Chad held', {}, responseUrl)).finally(() => {
      waiting = false;
    });

    const health = await fetch(`${base}/healthz`);
    expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { ok: true } });
    const read = await post(commandBody('state Kenya'));
    expect(read.json.text).toMatch(/Kenya/);
    expect(read.raw).toContain('#1 · 1 Mar 2026 · Meeting held');
    expect(waiting).toBe(true);

    const refused = await write;
    expect(refused).toMatchObject({ status: 200, json: { text: 'The log is busy right now: nothing was saved.' } });
    const retry = (refused.json.blocks ?? []).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : [])).find((b) => b.value === 'meeting Chad held');
    expect(retry).toBeDefined();
    expect(entriesAbout('TCD')).toBe(0);

    release();
    const press = () => post(buttonBody({ value: retry!.value!, actionId: retry!.action_id!, responseUrl }));
    expect((await press()).status).toBe(200);
    // A second press of the same button (a double click) is the same request: nothing more.
    expect((await press()).status).toBe(200);
    await chat.stop();
    expect(slack.calls.filter((c) => c.path === '/respond/1').map((c) => c.body.text)).toContainEqual(expect.stringMatching(/^Logged #2: meeting held, Chad/));
    expect(entriesAbout('TCD')).toBe(1);
  });
  it("answers within Slack's 3 seconds when looking up a new member's name took half of them", async () => {
    slack.answer('users.info', (call) => ({ delayMs: 1200, body: { ok: true, user: { id: call.body.user, name: 'eve', profile: { display_name: 'Eve' } } } }));
    lock();
    const refused = await post(commandBody('meeting Chad held', { user_id: 'U9', user_name: 'eve' }));
    expect(refused.json.text).toBe('The log is busy right now: nothing was saved.');
    expect(entriesAbout('TCD')).toBe(0);
  });
});

describe('through Teams, while another connection holds the write lock', () => {
  let connector: ConnectorStandIn;
  let chat: ChatServices;
  beforeEach(async () => {
    connector = await startConnectorStandIn();
    chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false, paceMs: 0 });
  });
  afterEach(async () => {
    release();
    await chat.stop();
    await connector.close();
  });

  /** Posts an activity from Ana's 1:1 chat; resolves to the card the bot answered with. */
  async function send(activity: object) {
    const before = connector.calls.length;
    expect((await postActivity(`http://127.0.0.1:${chat.http.port}/api/messages`, activity)).status).toBe(200);
    return connector.calls.slice(before).at(-1)!;
  }

  it('answers a state card, refuses a meeting with Try again, and the button stores it once the lock is gone', async () => {
    await send(message(connector.serviceUrl, 'meeting Kenya held'));
    lock();
    expect(titleOf(await send(message(connector.serviceUrl, 'state Kenya')))).toMatch(/Kenya \(KEN\)/);
    const refused = await send(message(connector.serviceUrl, 'meeting Chad held'));
    expect(titleOf(refused)).toBe('✗ The log is busy right now: nothing was saved.');
    const retry = buttonsOf(refused).find((b) => b.title === 'Try again');
    expect(retry).toEqual({ title: 'Try again', command: 'meeting Chad held', type: 'Action.Submit' });
    expect(entriesAbout('TCD')).toBe(0);
    release();
    expect(titleOf(await send(submit(connector.serviceUrl, { ccm: retry!.command }, 'm-card-busy')))).toMatch(/^✓ Logged #2: meeting held, Chad/);
    expect(entriesAbout('TCD')).toBe(1);
  });
});

describe('the shell and ccm commands, while another connection holds the write lock', () => {
  /** `ccm <args>` on the bot's database, as the operator runs it (its own connection), with `input` typed in. */
  async function ccm(args: string[], input = '') {
    let out = '';
    let err = '';
    const sink = (write: (text: string) => void) =>
      new Writable({
        write(chunk, _encoding, done) {
          write(String(chunk));
          done();
        },
      });
    const env = { CCM_DB_PATH: bot.dbPath, CCM_ADAPTERS: 'shell', CCM_USER: 'alice' };
    const code = await main(args, env, { stdin: Readable.from([input]), stdout: sink((t) => (out += t)), stderr: sink((t) => (err += t)) });
    return { code, out, err };
  }

  it("answers the shell's questions and refuses its changes with Try again; `ccm export` reads, `ccm data import` saves nothing", async () => {
    bot.say('meeting Kenya held');
    lock();
    const shell = await ccm(['shell'], 'state Kenya\nmeeting Chad held\n');
    expect(shell.out).toContain('#1 · 1 Mar 2026 · Meeting held');
    expect(shell.out).toContain('The log is busy right now: nothing was saved.');
    expect(shell.out).toContain('Try again: meeting Chad held');
    expect((await ccm(['export'])).out).toContain('KEN,Kenya,meeting');

    const facts = join(bot.dir, 'facts.csv');
    writeFileSync(facts, 'iso3,crpd\nKEN,not_party\n');
    const imported = await ccm(['data', 'import', facts]);
    expect(imported).toMatchObject({
      code: 1,
      err: expect.stringContaining("the log is busy: another program holds the database's write lock. Nothing more was saved"),
    });
    expect(count('SELECT count(*) FROM state_overrides')).toBe(0);
    expect(entriesAbout('TCD')).toBe(0);

    release();
    expect((await ccm(['data', 'import', facts])).code).toBe(0);
    expect(count('SELECT count(*) FROM state_overrides')).toBe(1);
  });
});
