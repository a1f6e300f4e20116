/**
 * `history`: every change to a state, or to one entry, with who, where, when, which command
 * and what changed; withdrawals and undos are changes too, and nothing disappears.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestBot, type TestBot } from './support/harness.ts';
import { slackActor, slackPlace } from './support/places.ts';

let bot: TestBot;
beforeEach(() => {
  bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
});
afterEach(() => bot.close());

it('shows who changed what about a state, where and when, newest first, one readable line each', () => {
  bot.core.handle({ text: 'meeting Kenya held on 2026-03-02 — met the legal adviser', actor: slackActor('U1', 'Ana'), place: slackPlace('C42') });
  bot.setNow('2026-03-10T10:30:00Z');
  bot.say('barrier Kenya priority — elections');
  bot.say('edit #1 on 2026-03-03', 'alice');
  bot.say('meeting Chad held');
  const reply = bot.say('history Kenya');
  expect(reply.title).toBe('History of Kenya');
  expect(reply.lines?.[0]).toMatch(/^3 changes, newest first\. Times in Europe\/Zurich\./);
  const items = reply.sections![0]!.items;
  // 10:30 UTC is 11:30 in Zurich; names, not ids or codes.
  expect(items.map((i) => i.text)).toEqual([
    '10 Mar 2026 11:30 · alice · edit entry #1: date 2 Mar 2026 → 3 Mar 2026',
    '10 Mar 2026 11:30 · alice · record barrier: state Kenya, category Not a priority/bandwidth, note "elections"',
    '10 Mar 2026 10:00 · Ana · log meeting #1: state Kenya, kind Meeting held, date 2 Mar 2026, level Geneva, note "met the legal adviser"',
  ]);
  expect(items.map((i) => i.detail)).toEqual([
    'Change 3 · shell · "edit #1 on 2026-03-03"',
    'Change 2 · shell · "barrier Kenya priority — elections"',
    'Change 1 · slack C42 · "meeting Kenya held on 2026-03-02 — met the legal adviser"',
  ]);
});

it('names the list by its size, people and champions by name, and reads a withdrawal as one', () => {
  bot.say('target add Kenya lead Norway champion South Africa');
  bot.setNow('2026-03-10T12:00:00Z');
  bot.say('undo');
  bot.say('next Kenya send note by 2026-04-01');
  bot.say('snooze #1 until 2026-03-20');
  const text = bot.sayText('history Kenya');
  expect(bot.say('history Kenya').sections![0]!.items.map((i) => i.text)).toEqual([
    '10 Mar 2026 13:00 · alice · snooze next step #1: from 10 Mar 2026, until 20 Mar 2026',
    '10 Mar 2026 13:00 · alice · log next step #1: state Kenya, kind Next step agreed, date 10 Mar 2026, step "send note", due 1 Apr 2026',
    '10 Mar 2026 13:00 · alice · undo (top-15 list): removed 10 Mar 2026 13:00',
    '10 Mar 2026 10:00 · alice · add target (top-15 list): state Kenya, lead Norway, champion South Africa',
  ]);
  // Nothing of the stored form shows: no codes, person ids, column names or UTC times.
  for (const raw of ['KEN', 'ZAF', 'addedBy', 'stateIso3', 'occurredOn', 'T10:00', 'Z\n']) expect(text).not.toContain(raw);
});

it('shows one entry’s history, its withdrawal and redo included, and keeps the entry', () => {
  bot.say('meeting Kenya held');
  bot.say('undo #1');
  bot.say('redo');
  const items = bot.say('history #1').sections![0]!.items;
  expect(items.map((i) => i.text.split(' · ')[2])).toEqual([
    'redo #1: no longer withdrawn',
    'undo #1: withdrawn 10 Mar 2026 10:00',
    expect.stringMatching(/^log meeting #1: /),
  ]);
  expect(items.map((i) => i.detail)).toEqual([
    'Change 3 · shell · "redo"',
    'Change 2 · shell · "undo #1" · reversed by change 3',
    'Change 1 · shell · "meeting Kenya held" · reversed by change 2',
  ]);
  expect(bot.database.sqlite.prepare('SELECT count(*) FROM entries').pluck().get()).toBe(1);
});

it('pages a long history, and says so when there is nothing', () => {
  for (let day = 1; day <= 25; day++) bot.say(`contacted Kenya on 2026-02-${String(day).padStart(2, '0')}`);
  const first = bot.say('history Kenya');
  expect(first.lines?.[0]).toContain('(page 1 of 2)');
  expect(first.sections![0]!.items).toHaveLength(20);
  expect(first.suggestions).toEqual([{ label: 'Older changes', command: 'history Kenya page 2' }]);
  expect(bot.say(first.suggestions![0]!.command).sections![0]!.items).toHaveLength(5);
  expect(bot.say('history Kenya page 3')).toMatchObject({ code: 'no-page', title: 'The history of Kenya has 2 pages.' });
  expect(bot.say('history Chad').lines).toEqual(['Nothing has been recorded about it yet.']);
  expect(bot.say('history #99')).toMatchObject({ code: 'no-entry' });
  expect(bot.say('history')).toMatchObject({ code: 'bad-syntax' });
});

it('has no way to delete a row of the log: the store only inserts and updates (the as-of copy aside, which is in memory)', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { join, resolve } = await import('node:path');
  const root = resolve(import.meta.dirname, '../src/store');
  const files = [...readdirSync(root).map((f) => join(root, f)), ...readdirSync(join(root, 'repositories')).map((f) => join(root, 'repositories', f))].filter(
    (f) => f.endsWith('.ts') && !f.endsWith('as-of.ts'),
  );
  expect(files.length).toBeGreaterThan(10);
  const deleting = files.filter((f) => /\.delete\(|\bDELETE\s+FROM\b/i.test(readFileSync(f, 'utf8')));
  expect(deleting).toEqual([]);
});
