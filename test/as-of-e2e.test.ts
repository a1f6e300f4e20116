import { ccm as ccmInProcess } from './support/ccm.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../src/bot.ts';
import { slackActor, slackPlace } from './support/places.ts';
import { createTestBot, type TestBot } from './support/harness.ts';

/** 09:00 in Geneva on 30 Jan 2026, two days before the window of the first working group meeting. */
const INSTANT = '2026-01-30T09:00:00+01:00';
let bot: TestBot;

beforeEach(() => {
  bot = createTestBot({ now: '2026-01-20T10:00:00Z' });
});
afterEach(() => bot.close());

/** Runs `ccm <args>` against the test bot's database, with no chat platform configured. */
function ccm(args: string[]) {
  return ccmInProcess(args, { HOME: bot.dir, CCM_DB_PATH: bot.dbPath });
}

/** Says each command and checks it was taken. */
function sayAll(...commands: string[]): void {
  for (const command of commands) expect(bot.say(command).tone, command).not.toBe('error');
}

/** The log as it stood on 30 Jan: two meetings at Geneva level, a top-15 state, a next step overdue. */
function logJanuary(): void {
  sayAll(
    'meeting Kenya held on 2026-01-15 in geneva',
    'meeting Thailand held on 2026-01-16 in capital',
    'target add Kenya lead Ana',
    'next Kenya send model instrument by 2026-01-25',
  );
}

/** Everything done on 5 March: backdated meetings, milestones done and dated, the next step done. */
function changeInMarch(): void {
  bot.setNow('2026-03-05T10:00:00Z');
  sayAll(
    'meeting Uganda held on 2026-01-10 in capital',
    'meeting Viet Nam held on 2026-01-20 in geneva',
    'milestone wg1 done on 2026-02-17',
    // Done on a day before the instant, but recorded after it: as of 30 Jan nobody knew.
    'milestone support-package done on 2026-01-28',
    'milestone wg2 date 2026-03-12',
    'target add Uganda lead Ben',
    'barrier Kenya legal',
    'done #3',
  );
}

/** Runs a command in a Slack channel, where `subscribe` and `unsubscribe` are typed. */
function sayInChannel(text: string): void {
  const reply = bot.core.handle({ text, actor: slackActor('U1', 'ana'), place: slackPlace('C1') });
  expect(reply.tone, text).not.toBe('error');
}

/** Every row of every table, to show that `--at` never writes to the real database. */
function dump(): Record<string, unknown[]> {
  const tables = bot.database.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, bot.database.sqlite.prepare(`SELECT * FROM "${name}"`).all()]));
}

describe('ccm digest --at', () => {
  it('prints exactly what the digest said at that instant, whatever was logged or changed later', async () => {
    logJanuary();
    bot.setNow('2026-01-30T08:00:00Z');
    const inChat = bot.sayText('digest');
    const then = await ccm(['digest', '--at', INSTANT]);
    expect(then.code).toBe(0);
    expect(then.out).toBe(`${inChat}\n`);

    changeInMarch();
    const asOf = await ccm(['digest', '--at', INSTANT]);
    expect(asOf.err).toBe('');
    expect(asOf.out).toBe(then.out);
    // What the operator reads: the first meeting (not yet done then), two meetings, wg2 undated.
    expect(asOf.out).toContain('Progress digest for the First meeting of the Informal Working Group on Universalisation');
    expect(asOf.out).toContain('Bilateral outreach meetings: 2 of 10');
    expect(asOf.out).toContain('Overdue next steps: 1');
    const secondThen = await ccm(['digest', '--meeting', 'wg2', '--at', INSTANT]);
    expect(secondThen.out).toContain('Meeting: Mar 2026 (date not set)');

    // The later changes are real: a digest as of after them shows them.
    const later = await ccm(['digest', '--at', '2026-03-06T09:00:00+01:00']);
    expect(later.out).toContain('Progress digest for the Second meeting of the Informal Working Group on Universalisation');
    expect(later.out).toContain('Bilateral outreach meetings: 4 of 10');
    expect(later.out).toContain('Overdue next steps: 0');
    expect((await ccm(['digest', '--meeting', 'wg2', '--at', INSTANT.replace('01-30', '03-06')])).out).toContain('Meeting: 12 Mar 2026, in 6 days');
  });

  it('counts an entry withdrawn after the instant, and not one withdrawn before it', async () => {
    logJanuary();
    sayAll('meeting Egypt held on 2026-01-12 in geneva', 'meeting India held on 2026-01-13 in geneva');
    bot.setNow('2026-01-21T10:00:00Z');
    sayAll('undo #4'); // Egypt, withdrawn before the instant
    bot.setNow('2026-02-10T10:00:00Z');
    sayAll('undo #5'); // India, withdrawn after it

    const asOf = await ccm(['digest', '--at', INSTANT]);
    expect(asOf.out).toContain('Bilateral outreach meetings: 3 of 10');
    expect(asOf.out).toContain('with 3 states');
    const today = await ccm(['digest', '--at', '2026-02-10T12:00:00+01:00']);
    expect(today.out).toContain('Bilateral outreach meetings: 2 of 10');
  });

  it('leaves the real database as it was', async () => {
    logJanuary();
    changeInMarch();
    sayAll('undo');
    const before = dump();
    expect((await ccm(['digest', '--at', INSTANT])).code).toBe(0);
    expect((await ccm(['reminders', '--at', INSTANT, '--to', '2026-03-31'])).code).toBe(0);
    expect((await ccm(['tick', '--at', INSTANT])).code).toBe(0);
    expect(dump()).toEqual(before);
  });
});

describe('ccm reminders --at', () => {
  it('lists the schedule as the milestone dates stood then, from that instant on', async () => {
    logJanuary();
    bot.setNow('2026-01-30T08:00:00Z');
    const then = await ccm(['reminders', '--from', INSTANT, '--to', '2026-03-31', '--json']);
    expect(then.code).toBe(0);

    changeInMarch();
    const asOf = await ccm(['reminders', '--at', INSTANT, '--to', '2026-03-31', '--json']);
    expect(asOf.out).toBe(then.out);
    const titles = (JSON.parse(asOf.out) as { at: string; title: string }[]).map((l) => `${l.at} ${l.title}`);
    // wg1 was not done yet, and wg2 had no date: counted from the first day of its month.
    expect(titles).toContain('2026-01-31T09:00:00+01:00 Coming up: First meeting of the Informal Working Group on Universalisation');
    expect(titles).toContain('2026-02-27T09:00:00+01:00 Progress digest for the Second meeting of the Informal Working Group on Universalisation');

    const today = await ccm(['reminders', '--from', INSTANT, '--to', '2026-03-31', '--json']);
    expect(today.out).not.toContain('First meeting');
    expect(today.out).toContain('"at": "2026-03-10T09:00:00+01:00",\n    "kind": "digest",\n    "title": "Progress digest for the Second meeting');
  });
});

describe('ccm tick --at without a chat platform', () => {
  it('shows what that tick posted, to the channels subscribed then, and claims nothing', async () => {
    logJanuary();
    sayInChannel('subscribe with names');
    bot.setNow('2026-01-30T08:00:00Z');
    const then = await ccm(['tick', '--at', '2026-01-30T09:00:30+01:00']);
    expect(then.out).toContain('→ slack:C1\nProgress digest for the First meeting of the Informal Working Group on Universalisation');
    // alice logged her next step in the local shell: her nudge has nowhere to go, and says so.
    expect(then.out).toMatch(/undeliverable nudge about #\d+ to alice: no address to reach them \(the step was logged in the local shell\)/);
    // The bot's own tick at that moment posts the digest to Slack.
    const posted = await createScheduler(bot, { slack: { ready: async () => {}, post: async () => ({ ref: 'ts-1' }) } }).tick(new Date('2026-01-30T08:00:30Z'));
    expect(posted.sent.map((s) => s.reply.title)).toContain('Progress digest for the First meeting of the Informal Working Group on Universalisation');
    const claimed = bot.ledger.all();

    changeInMarch();
    sayInChannel('unsubscribe');
    const asOf = await ccm(['tick', '--at', '2026-01-30T09:00:30+01:00']);
    expect(asOf.out).toBe(then.out);
    // A minute later the digest was out: a tick then had nothing more for the channel.
    const minuteLater = await ccm(['tick', '--at', '2026-01-30T09:01:30+01:00']);
    expect(minuteLater.out).not.toContain('slack:C1');
    expect(bot.ledger.all()).toEqual(claimed);
  });
});
