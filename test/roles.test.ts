/**
 * Who may do what: every command under every role, from a Slack channel as the adapters hand
 * commands to the core. The table (test/support/roles.ts) is the rule as docs/using.md states it; a command added
 * without a row here fails the first test.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allows, type Role, ROLES } from '../src/core/access.ts';
import type { Reply } from '../src/core/reply.ts';
import { createTestBot, tempDir, type TestBot } from './support/harness.ts';
import { MATRIX, PEOPLE } from './support/roles.ts';
import { slackActor, slackPlace } from './support/places.ts';

/**
 * Once the 2025–2026 plan closed (7 Dec 2026), only admins correct it, naming it; anyone may
 * still read it. Without its id, a change is refused for everyone (test/closed-plan.test.ts).
 */
const CLOSED = '2026-12-07T09:00:00Z';
const CLOSED_MATRIX: [text: string, least: Role][] = [
  ['milestone framing-note done ccm-universalization-2025-2026', 'admin'],
  ['milestone wg3 date 2027-01-12 ccm-universalization-2025-2026', 'admin'],
  ['target add Malaysia lead Norway ccm-universalization-2025-2026', 'admin'],
  ['target remove Thailand ccm-universalization-2025-2026', 'admin'],
  ['milestone wg3 ccm-universalization-2025-2026', 'member'],
];

let template: string;
let templateBot: TestBot;

beforeAll(() => {
  // One log with the roles given and Ben's entries, copied for every case so that each starts the same.
  templateBot = createTestBot();
  const as = (who: { id: string; name: string }, text: string, channel = 'C9') =>
    templateBot.core.handle({ text, actor: slackActor(who.id, who.name), place: slackPlace(channel) });
  const ben = { id: 'UBEN', name: 'Ben' };
  expect(as(ben, 'next Kenya send the note by 2026-04-01').tone).toBe('success');
  expect(as(ben, 'meeting Kenya held on 2026-03-01').tone).toBe('success');
  // A listed state to take off the closed plan's list.
  expect(templateBot.say('target add Thailand').tone).toBe('success');
  for (const who of Object.values(PEOPLE)) as(who, 'help');
  expect(templateBot.say('role @Cory coordinator').tone).toBe('success');
  expect(templateBot.say('role @Ada admin').tone).toBe('success');
  // A channel to unsubscribe.
  expect(templateBot.say('role @Ben coordinator').tone).toBe('success');
  expect(as(ben, 'subscribe', 'C9').tone).toBe('success');
  expect(templateBot.say('role @Ben member').tone).toBe('success');
  templateBot.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  template = join(tempDir(), 'template.sqlite');
  copyFileSync(templateBot.dbPath, template);
});

afterAll(() => templateBot.close());

/** The row counts of every table, and the last change: "nothing was changed". */
function snapshot(bot: TestBot): string {
  const tables = bot.database.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return JSON.stringify(tables.map((t) => [t, bot.database.sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get()]));
}

function run(text: string, role: Role, channel = 'C9', now?: string): { reply: Reply; changed: boolean } {
  const dir = tempDir();
  copyFileSync(template, join(dir, 'ccm.sqlite'));
  const bot = createTestBot({ dir, ...(now ? { now } : {}) });
  try {
    const before = snapshot(bot);
    const reply = bot.core.handle({ text, actor: slackActor(PEOPLE[role].id, PEOPLE[role].name), place: slackPlace(channel) });
    return { reply, changed: snapshot(bot) !== before };
  } finally {
    bot.close();
  }
}

describe('the role matrix', () => {
  it('covers every command', () => {
    const covered = new Set(MATRIX.map(([text]) => templateBot.core.registry.find(text.split(' ')[0]!)!.name));
    expect(templateBot.core.registry.commands.map((c) => c.name).filter((name) => !covered.has(name))).toEqual([]);
  });

  const cases: [text: string, least: Role, channel: string | undefined, now: string | undefined][] = [
    ...MATRIX.map(([text, least, channel]): [string, Role, string | undefined, undefined] => [text, least, channel, undefined]),
    ...CLOSED_MATRIX.map(([text, least]): [string, Role, undefined, string] => [text, least, undefined, CLOSED]),
  ];
  describe.each(cases)('%s', (text, least, channel, now) => {
    it.each(ROLES)('as %s', (role) => {
      const { reply, changed } = run(text, role, channel, now);
      if (allows(role, least)) {
        expect(reply.code, `${reply.title} ${reply.lines?.join(' ')}`).not.toBe('forbidden');
        // Allowed and well formed: it works (undo and redo have nothing of this person's to act on).
        if (!['undo', 'redo'].includes(text)) expect(reply.tone, `${reply.title} ${reply.lines?.join(' ')}`).not.toBe('error');
      } else {
        expect(reply).toMatchObject({ tone: 'error', code: 'forbidden' });
        expect(reply.title).toMatch(/^Only (coordinators and admins|admins) can /);
        expect(changed).toBe(false);
      }
    });
  });
});

describe('refusals and help', () => {
  it('say what needs which role, and whom to ask', () => {
    const { reply } = run('done #1', 'member');
    expect(reply.title).toBe('Only coordinators and admins can mark #1 done, which Ben logged.');
    expect(reply.lines).toEqual(['You are a member. Nothing was changed.', 'Ask one of them: Ada, alice, Cory.']);
    expect(run('target add Kenya', 'member').reply.title).toBe('Only coordinators and admins can use `target`.');
  });

  it('lists only what the person may use', () => {
    const listed = (role: Role) => new Set(run('help', role).reply.sections![0]!.items.map((i) => i.text.split(' ')[0]));
    const member = listed('member');
    const coordinator = listed('coordinator');
    const admin = listed('admin');
    expect(member.has('meeting') && member.has('history')).toBe(true);
    expect(['target', 'subscribe', 'joined', 'echo', 'export'].filter((c) => member.has(c))).toEqual([]);
    expect(coordinator.has('target') && coordinator.has('subscribe') && !coordinator.has('export')).toBe(true);
    expect(admin.has('export')).toBe(true);
    expect(member.size).toBeLessThan(coordinator.size);
    expect(coordinator.size).toBeLessThan(admin.size);
    expect(run('help', 'member').reply.lines).toContain('You are a member: you log outreach and read everything.');
    expect(run('help export', 'member').reply.lines).toContain('Only admins can use it; you are a member.');
  });
});

describe('role', () => {
  let bot: TestBot;
  beforeAll(() => {
    bot = createTestBot({
      dir: (() => {
        const dir = tempDir();
        copyFileSync(template, join(dir, 'ccm.sqlite'));
        return dir;
      })(),
    });
  });
  afterAll(() => bot.close());

  it('gives a role by @mention, is attributed, and can be undone', () => {
    expect(bot.say('role @ben coordinator')).toMatchObject({ tone: 'success', title: 'Ben is now a coordinator' });
    const asBen = () => bot.core.handle({ text: 'target add Angola', actor: slackActor('UBEN', 'Ben'), place: slackPlace('C9') });
    expect(asBen().tone).toBe('success');
    const change = bot.say('history Angola').sections![0]!.items[0]!;
    expect(change.text).toMatch(/· Ben · add target \(top-15 list\): state Angola$/);
    expect(change.detail).toMatch(/· slack C9 · "target add Angola"$/);
    expect(bot.say(`undo change ${bot.database.sqlite.prepare("SELECT max(id) FROM audit WHERE entity = 'roles'").pluck().get()}`).tone).toBe('success');
    expect(bot.core.handle({ text: 'target add Egypt', actor: slackActor('UBEN', 'Ben'), place: slackPlace('C9') }).code).toBe('forbidden');
  });

  it('asks which person when a name is shared or unknown, and names people not seen yet by platform id', () => {
    expect(bot.say('role @Nobody coordinator')).toMatchObject({ code: 'unknown-person' });
    expect(bot.say('role slack:UNEW coordinator')).toMatchObject({ tone: 'success', title: 'UNEW is now a coordinator' });
    // The name follows once they write.
    bot.core.handle({ text: 'help', actor: slackActor('UNEW', 'Nia'), place: slackPlace('C9') });
    expect(
      bot
        .say('role')
        .sections?.find((s) => s.heading === 'Coordinators')
        ?.items.map((i) => i.text),
    ).toContain('Nia');
  });

  it('leaves admins by configuration alone, and never removes the last admin', () => {
    expect(bot.say('role @alice member')).toMatchObject({ code: 'admin-by-configuration' });
    const only = createTestBot({ env: { CCM_ADMINS: 'shell:root' } });
    try {
      only.say('help', 'bea');
      expect(only.say('role @bea admin', 'root').tone).toBe('success');
      expect(only.say('role @bea member', 'bea').tone).toBe('success');
      expect(only.say('role @root member', 'root')).toMatchObject({ code: 'admin-by-configuration' });
    } finally {
      only.close();
    }
  });
});
