/**
 * The figures the coordinators quote to the States Parties, counted as the work plan means
 * them. For each rule: an entry that counts, one that does not, and the reason
 * `deliverable <id>` gives for it.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SHIPPED_PLAN } from '../src/config.ts';
import type { Reply } from '../src/core/reply.ts';
import { createTestBot, fact, progress, tempDir, type TestBot } from './support/harness.ts';

let bot: TestBot;
afterEach(() => bot?.close());
const planDir = tempDir();
afterAll(() => rmSync(planDir, { recursive: true, force: true }));

/** Today in these tests: after the Review Conference, within the plan's grace period (entries logged now still count). */
const NOW = '2026-10-20T10:00:00Z';

const figure = (label: string) => progress(bot.say('deliverables'), label)?.current;

/** The lines of `deliverable <id>`: "counted" or "not counted" section items, as "#id: detail". */
function evidence(id: string, which: 'counted' | 'not counted'): string[] {
  const reply: Reply = bot.say(`deliverable ${id}`);
  const sections = reply.sections?.filter((s) => s.heading.includes(`: ${which} (`)) ?? [];
  return sections.flatMap((s) => s.items.map((i) => `${i.text.split(' · ')[0]}: ${i.detail}`));
}

describe('bilateral outreach meetings', () => {
  it('count a meeting with a state not party, and not one with a State Party', () => {
    bot = createTestBot({ now: NOW });
    bot.say('meeting Kenya held on 2026-03-12 in geneva');
    bot.say('meeting France held on 2026-03-12 in geneva');
    expect(figure('Bilateral outreach meetings')).toBe(1);
    expect(evidence('bilateral-meetings', 'counted')).toEqual(['#1: logged by alice']);
    expect(evidence('bilateral-meetings', 'not counted')).toEqual(['#2: not counted: State Party · logged by alice']);
  });

  it('count Geneva and capital level, not regional', () => {
    bot = createTestBot({ now: NOW });
    bot.say('meeting Kenya held on 2026-03-12 in capital');
    bot.say('meeting Indonesia held on 2026-03-12 in regional');
    expect(figure('Bilateral outreach meetings')).toBe(1);
    expect(evidence('bilateral-meetings', 'not counted')).toEqual(['#2: not counted: regional level · logged by alice']);
  });

  it('count nothing after the due date, so "due 30 Sep 2026" never turns into met in November', () => {
    bot = createTestBot({ now: NOW });
    bot.say('meeting Kenya held on 2026-09-30 in geneva');
    bot.say('meeting Uganda held on 2026-10-01 in geneva');
    expect(figure('Bilateral outreach meetings')).toBe(1);
    expect(evidence('bilateral-meetings', 'not counted')).toEqual(['#2: not counted: after the due date (30 Sep 2026) · logged by alice']);
  });

  it('count nothing before the cycle began (after the Thirteenth Meeting of States Parties)', () => {
    bot = createTestBot({ now: NOW });
    bot.say('meeting Kenya held on 2025-09-19 in geneva');
    bot.say('meeting Kenya held on 2025-09-20 in geneva');
    expect(figure('Bilateral outreach meetings')).toBe(1);
    // Earlier entries (an earlier cycle's log) are counted in one line, not listed one by one.
    expect(evidence('bilateral-meetings', 'not counted')).toEqual([]);
    expect(bot.say('deliverable bilateral-meetings').lines).toContain("1 earlier entry, before this plan's period, is not listed.");
  });

  it('count one meeting when two members log the same state and day, and say "with N states"', () => {
    bot = createTestBot({ now: NOW });
    bot.say('meeting Kenya held on 2026-03-12 in geneva', 'ana');
    const second = bot.say('meeting Kenya held on 2026-03-12 in capital', 'ben');
    expect(second.tone).toBe('success');
    expect(second.lines?.join(' ')).toContain('ana logged this as #1');
    bot.say('meeting Kenya held on 2026-03-13 in geneva', 'ana');
    const bilateral = progress(bot.say('deliverables'), 'Bilateral outreach meetings');
    expect(bilateral).toMatchObject({ current: 2, target: 10, detail: 'with 1 state' });
    expect(evidence('bilateral-meetings', 'not counted')).toEqual(['#2: not counted: same state and day as #1 · logged by ben']);
  });

  it('count a meeting held before the state joined, and not one after it deposited its instrument', () => {
    // Vanuatu deposited its instrument on 5 Sep 2025; a plan whose period starts earlier shows both sides.
    const path = join(planDir, 'plan-from-2025.yaml');
    writeFileSync(path, readFileSync(SHIPPED_PLAN, 'utf8').replace('period: { from: 2025-09-20', 'period: { from: 2025-01-01'));
    bot = createTestBot({ now: NOW, env: { CCM_PLAN: path } });
    bot.say('meeting Vanuatu held on 2025-09-04 in geneva');
    bot.say('meeting Vanuatu held on 2025-09-05 in geneva');
    expect(figure('Bilateral outreach meetings')).toBe(1);
    expect(evidence('bilateral-meetings', 'counted')).toEqual(['#1: logged by alice']);
    expect(evidence('bilateral-meetings', 'not counted')).toEqual(['#2: not counted: State Party · logged by alice']);
  });
});

describe('the same entry typed twice', () => {
  it('is refused for the same person, with a button that logs a second meeting that day', () => {
    bot = createTestBot({ now: NOW });
    bot.say('meeting Kenya held on 2026-03-12 — first');
    const again = bot.say('meeting Kenya held on 12 Mar 2026 — first');
    expect(again).toMatchObject({ tone: 'error', code: 'already-logged', title: 'You already logged a meeting with Kenya on 12 Mar 2026 (#1).' });
    expect(bot.say('log').sections?.[0]?.heading).toBe('1 entry');
    const [button] = again.suggestions ?? [];
    expect(button).toEqual({ label: 'A second meeting that day', command: 'meeting KEN held on 2026-03-12 in geneva again — first' });
    const second = bot.say(button!.command);
    expect(second.title).toBe('Logged #2: meeting held, Kenya');
    // Logged, but the figure still counts the state and day once.
    expect(figure('Bilateral outreach meetings')).toBe(1);
    expect(evidence('bilateral-meetings', 'not counted')).toEqual(['#2: not counted: same state and day as #1 · logged by alice']);
  });

  it('is allowed for a contact and a meeting on the same day', () => {
    bot = createTestBot({ now: NOW });
    bot.say('contacted Kenya on 2026-03-12');
    expect(bot.say('meeting Kenya held on 2026-03-12').tone).toBe('success');
  });
});

describe('regional engagements', () => {
  it('count one per day with a regional meeting with a state not party, not one per state', () => {
    bot = createTestBot({ now: NOW });
    // One ASEAN workshop reaching three states, two of them not party: one engagement.
    bot.say('meeting Myanmar held on 2026-05-20 in regional');
    bot.say('meeting Thailand held on 2026-05-20 in regional');
    bot.say('meeting Lao PDR held on 2026-05-20 in regional');
    // A regional meeting with a State Party only is not outreach to a state not party.
    bot.say('meeting Ghana held on 2026-06-10 in regional');
    // A Geneva meeting is not a regional engagement.
    bot.say('meeting Kenya held on 2026-06-11 in geneva');
    expect(progress(bot.say('deliverables'), 'Regional engagements')).toMatchObject({ current: 1, target: 1, targetMax: 2, status: 'done' });
    expect(evidence('regional-engagements', 'not counted')).toEqual([
      '#2: not counted: same day as #1 · logged by alice',
      '#3: not counted: State Party · logged by alice',
      '#4: not counted: State Party · logged by alice',
      '#5: not counted: Geneva level · logged by alice',
    ]);
  });
});

describe('engagements with target states', () => {
  it('count states not party engaged, each once, and States Parties separately', () => {
    bot = createTestBot({ now: NOW });
    bot.say('contacted Kenya on 2026-03-10');
    bot.say('meeting Kenya held on 2026-03-12');
    bot.say('meeting Lao PDR held on 2026-03-12');
    const reply = bot.say('deliverables');
    expect(progress(reply, 'States not party engaged')).toMatchObject({ current: 1, target: 10 });
    expect(progress(reply, 'States Parties engaged')).toMatchObject({ current: 1, status: 'info' });
    expect(evidence('target-engagements', 'not counted')).toEqual([
      '#2: not counted: state already counted (#1) · logged by alice',
      '#3: not counted: State Party · logged by alice',
    ]);
  });
});

describe("the group's own measures", () => {
  it('are labelled as not in the plan and do not decide whether a deliverable is met', () => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
    bot.say('milestone barrier-paper done');
    bot.say('milestone barrier-map done');
    const reply = bot.say('deliverables');
    expect(progress(reply, 'Top-15 states with a barrier recorded')).toMatchObject({
      current: 0,
      detail: "the group's own measure, not in the plan",
    });
    expect(progress(reply, 'Working paper and barrier map')?.group?.detail).toBe('due 31 Jul 2026 · met');
  });
});

describe('the default level', () => {
  it('is Geneva, said in the reply, and each person can change it, undoably', () => {
    bot = createTestBot({ now: NOW });
    expect(fact(bot.say('meeting Kenya held on 2026-03-12'), 'Level')).toBe('Geneva (your default; `default level capital` changes it)');
    expect(bot.say('default level capital').title).toBe('Your default level is now capital');
    expect(fact(bot.say('meeting Uganda held on 2026-03-12'), 'Level')).toBe('capital (your default; `default level geneva` changes it)');
    expect(fact(bot.say('meeting Uganda held on 2026-03-13', 'ben'), 'Level')).toMatch(/^Geneva/);
    expect(fact(bot.say('meeting Kenya held on 2026-03-13 in regional'), 'Level')).toBe('regional');
    expect(figure('Bilateral outreach meetings')).toBe(3);
    bot.say('undo change 2');
    expect(bot.say('default').title).toBe('Your default level: Geneva');
  });

  it('refuses a level that does not exist and changes nothing', () => {
    bot = createTestBot({ now: NOW });
    expect(bot.say('default level embassy')).toMatchObject({ tone: 'error', code: 'bad-level' });
    expect(bot.say('default level')).toMatchObject({ tone: 'error', code: 'bad-syntax' });
    expect(bot.say('default').title).toBe('Your default level: Geneva');
  });
});

describe('deliverable <id>', () => {
  it('finds a deliverable by words of its title and explains an unknown one', () => {
    bot = createTestBot({ now: NOW });
    expect(bot.say('deliverable regional').title).toBe('Regional engagements linked to real accession pathways');
    const unknown = bot.say('deliverable frobs');
    expect(unknown).toMatchObject({ tone: 'error', code: 'unknown-deliverable' });
    expect(unknown.lines?.[0]).toContain('bilateral-meetings');
    expect(fact(bot.say('deliverable bilateral-meetings'), 'Counts')).toBe('entries from 20 Sep 2025 to 30 Sep 2026');
  });
});

describe('the figures and their evidence', () => {
  it('agree: each figure of `deliverables` is what `deliverable <id>` lists as counted, on a mixed log', () => {
    bot = createTestBot({ now: '2026-05-05T10:00:00Z' });
    const typed = [
      'meeting Kenya held on 2026-03-12 in geneva',
      'meeting Kenya held on 2026-03-12 in capital again',
      'meeting Kenya held on 2026-03-13 in geneva',
      'meeting France held on 2026-03-12 in geneva',
      'meeting Indonesia held on 2026-03-12 in regional',
      'meeting Viet Nam held on 2026-03-12 in regional',
      'meeting Indonesia held on 2025-09-01 in geneva',
      'contacted Uganda on 2026-02-01',
      'contacted Uganda on 2026-02-02',
      'contacted France on 2026-02-02',
      'announced Angola on 2026-03-02 — Minister at the Conference on Disarmament',
      'joined Kenya on 2026-04-01 — UN depositary notification',
      'meeting Kenya held on 2026-04-15 in geneva',
    ];
    for (const text of typed) expect(bot.say(text).tone, text).not.toBe('error');
    for (const [id, label] of [
      ['bilateral-meetings', 'Bilateral outreach meetings'],
      ['target-engagements', 'States not party engaged'],
      ['regional-engagements', 'Regional engagements'],
      ['new-state-party', 'New State Party or announcement'],
      ['states-parties-engagement', 'States Parties engaged'],
    ] as const) {
      expect(figure(label), id).toBe(evidence(id, 'counted').length);
    }
    // Kenya on 12 Mar (logged twice) and 13 Mar; not on 15 Apr, after it deposited its instrument.
    expect(figure('Bilateral outreach meetings')).toBe(2);
  });
});
