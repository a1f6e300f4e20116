/**
 * The store as it stood at an instant (`--at`), in the cases the end-to-end tests do not
 * reach: redos and undos after the instant, and rows written without an audit row.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDigest } from './support/cli.ts';
import { storeAsOf } from '../src/store/as-of.ts';
import * as schema from '../src/store/schema.ts';
import { createTestBot, type TestBot } from './support/harness.ts';

const INSTANT = '2026-01-30T09:00:00+01:00';
let bot: TestBot;

beforeEach(() => {
  bot = createTestBot({ now: '2026-01-20T10:00:00Z' });
});
afterEach(() => bot.close());

/** What `ccm digest <args>` prints. */
function digest(...args: string[]): string {
  const { code, out } = runDigest(bot, args);
  expect(code).toBe(0);
  return out;
}

function sayAll(...commands: string[]): void {
  for (const command of commands) expect(bot.say(command).tone, command).not.toBe('error');
}

describe('the store as it stood at an instant', () => {
  it('keeps withdrawn an entry brought back by a redo after the instant', () => {
    sayAll('meeting Kenya held on 2026-01-15 in geneva', 'meeting Egypt held on 2026-01-12 in geneva', 'undo #2');
    bot.setNow('2026-02-10T10:00:00Z');
    sayAll('redo');
    expect(digest('--at', INSTANT)).toContain('Bilateral outreach meetings: 1 of 10');
    expect(digest('--at', '2026-02-10T12:00:00+01:00')).toContain('Bilateral outreach meetings: 2 of 10');
  });

  it('keeps a milestone date that was undone after the instant', () => {
    sayAll('milestone wg2 date 2026-03-12');
    bot.setNow('2026-03-05T10:00:00Z');
    sayAll('undo');
    expect(digest('--meeting', 'wg2', '--at', INSTANT)).toContain('Meeting: 12 Mar 2026, in 41 days');
    expect(digest('--meeting', 'wg2', '--at', '2026-03-06T09:00:00+01:00')).toContain('Meeting: Mar 2026 (date not set)');
  });

  it('leaves out rows created after the instant even without an audit row, and keeps those removed after it', () => {
    sayAll('meeting Kenya held on 2026-01-15 in geneva', 'target add Kenya lead Ana');
    const alice = bot.store.people.known('shell', 'alice')!;
    // As an import script or a hand repair might write them: no audit row.
    bot.database.db
      .insert(schema.entries)
      .values({
        kind: 'meeting',
        stateIso3: 'UGA',
        occurredOn: '2026-01-10',
        level: 'capital',
        personId: alice.id,
        createdAt: '2026-03-05T10:00:00.000Z',
        platform: 'shell',
      })
      .run();
    bot.database.db.update(schema.targets).set({ removedAt: '2026-03-05T10:00:00.000Z' }).run();
    const asOf = digest('--at', INSTANT);
    expect(asOf).toContain('Bilateral outreach meetings: 1 of 10');
    expect(asOf).toContain('States on the list: 1 of 15');
    const later = digest('--at', '2026-03-06T09:00:00+01:00');
    expect(later).toContain('Bilateral outreach meetings: 2 of 10');
    expect(later).toContain('States on the list: 0 of 15');
  });

  it('says how many changes it leaves out, and none at an instant after the last one', () => {
    sayAll('meeting Kenya held on 2026-01-15 in geneva');
    bot.setNow('2026-03-05T10:00:00Z');
    sayAll('meeting Uganda held on 2026-01-10 in capital', 'undo #1');
    const plans = bot.plans.plans;
    const past = storeAsOf(bot.database.sqlite, new Date(INSTANT), plans);
    const now = storeAsOf(bot.database.sqlite, new Date('2026-03-06T00:00:00Z'), plans);
    try {
      expect(past.changesLeftOut).toBe(2);
      expect(past.store.entries.recent(undefined, 10).rows.map((e) => e.stateIso3)).toEqual(['KEN']);
      expect(now.changesLeftOut).toBe(0);
      // The view's audit trail ends at the instant as well: Kenya's entry was not undone yet.
      expect(past.store.changes.undoable(bot.store.people.known('shell', 'alice')!.id, 10).map((c) => c.action)).toEqual(['log meeting']);
    } finally {
      past.close();
      now.close();
    }
    expect(bot.store.entries.recent(undefined, 10).total).toBe(1);
  });
});
