/**
 * A closed cycle is frozen: after the 2025–2026 plan's period (to 30 Sep 2026) and its 30 grace
 * days (to 30 Oct 2026), its milestones and top-15 list refuse changes, and nothing logged later
 * moves its figures, even an entry dated inside the period. An admin corrects it by naming it,
 * as the reports name a plan; the correction is attributed and can be undone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../src/core/reply.ts';
import { runCcm } from './support/cli.ts';
import { createTestBot, fact, progress, type TestBot } from './support/harness.ts';

const PLAN = 'ccm-universalization-2025-2026';
/** 7 Dec 2026, 10:00 in Geneva: the plan closed at the end of 30 Oct. */
const CLOSED = '2026-12-07T09:00:00Z';

let bot: TestBot;
afterEach(() => bot?.close());

/** Says each command as `who` and checks it was taken. */
function sayAll(who: string, ...commands: string[]): void {
  for (const command of commands) expect(bot.say(command, who).tone, command).toBe('success');
}

/** A cycle with figures: meetings, a listed state added by Cory (a coordinator), a segment done; Bea is a member. */
function cycleWithFigures(): void {
  bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
  bot.say('help', 'cory');
  bot.say('help', 'bea');
  sayAll('alice', 'role @cory coordinator', 'meeting Kenya held on 2026-03-05 in geneva', 'milestone pm1-segment done on 2026-03-02');
  sayAll('cory', 'target add Indonesia lead Norway');
}

/** What a refused change must leave alone: the plan's rows and the audit trail. */
function stored(): unknown {
  const sqlite = bot.database.sqlite;
  return [
    sqlite.prepare('SELECT count(*) FROM audit').pluck().get(),
    sqlite.prepare('SELECT key, set_date, done_on FROM milestones ORDER BY key').all(),
    sqlite.prepare('SELECT plan_id, state_iso3, lead, removed_at FROM targets ORDER BY id').all(),
  ];
}

const framingNote = (reply: Reply) => progress(reply, 'Framing note, PM segments and Review Conference messaging')?.current;

describe('in its grace period', () => {
  it('still takes the Review Conference month: a milestone done and a meeting logged count', () => {
    cycleWithFigures();
    // 30 Oct 2026, 22:30 in Geneva: the last grace day.
    bot.setNow('2026-10-30T21:30:00Z');
    sayAll('cory', 'milestone rc-messaging done on 2026-09-25', 'target add Malaysia');
    sayAll('bea', 'meeting Uganda held on 2026-09-20 in capital');
    const reply = bot.say('deliverables');
    expect(framingNote(reply)).toBe(2);
    expect(progress(reply, 'Bilateral outreach meetings')?.current).toBe(2);
    expect(progress(reply, 'States on the list')?.current).toBe(2);
  });
});

describe('after its grace period', () => {
  it('refuses changes to its milestones and list, naming the plan and how to start the next cycle; its figures stay byte for byte', () => {
    cycleWithFigures();
    bot.setNow(CLOSED);
    const deliverables = bot.sayText('deliverables');
    const report = runCcm(bot, 'report', ['--public']);
    expect(report.code).toBe(0);
    const before = stored();

    const refused = bot.say('milestone framing-note done');
    expect(refused).toMatchObject({
      tone: 'error',
      code: 'plan-closed',
      title: `The 2025–2026 plan (${PLAN}) closed on 30 Oct 2026: its milestones, top-15 list and figures are final.`,
    });
    expect(refused.lines).toEqual([
      'Nothing was changed. For the next cycle, write its plan with `ccm plan new` and install it (see docs/using.md, "Starting the next cycle").',
      `An admin can still correct this plan by naming it: \`milestone framing-note done ${PLAN}\`.`,
    ]);
    for (const [text, who] of [
      ['target add Malaysia', 'alice'],
      ['target add Indonesia lead Chile', 'cory'],
      ['target remove Indonesia', 'cory'],
      ['milestone wg3 date 2026-12-20', 'cory'],
      ['milestone framing-note done on 2026-09-10', 'cory'],
    ] as const) {
      expect(bot.say(text, who).code, text).toBe('plan-closed');
    }
    expect(stored()).toEqual(before);

    // Logged late, dated inside the period: in the log, not in the closed plan's figures; a join
    // logged late does not make Kenya's meeting of 5 Mar one with a State Party either.
    sayAll('bea', 'meeting Viet Nam held on 2026-09-15 in geneva', 'contacted Thailand on 2026-09-16');
    sayAll('alice', 'joined Kenya on 2026-03-01 — UN depositary notification');
    expect(bot.sayText('deliverables')).toBe(deliverables);
    expect(runCcm(bot, 'report', ['--public'])).toEqual(report);
    const evidence = bot.say('deliverable bilateral-meetings');
    expect(fact(evidence, 'Counts')).toBe('entries from 20 Sep 2025 to 30 Sep 2026, logged by 30 Oct 2026');
    const left = evidence.sections?.find((s) => s.heading.includes('not counted'));
    expect(left?.items.map((i) => `${i.text.split(' · ')[2]}: ${i.detail}`)).toEqual([
      'Viet Nam: not counted: logged after the plan closed on 30 Oct 2026 · logged by bea',
    ]);
  });

  it('lets only an admin change an entry it counts, so that edits and withdrawals cannot move its figures', () => {
    cycleWithFigures();
    sayAll('bea', 'meeting Uganda held on 2026-03-06 in capital');
    bot.setNow(CLOSED);
    const deliverables = bot.sayText('deliverables');
    const before = bot.database.sqlite.prepare('SELECT * FROM entries ORDER BY id').all();
    for (const [text, who] of [
      ['edit #2 on 2026-03-07', 'bea'],
      ['edit #2 state Chad', 'cory'],
      ['undo #2', 'bea'],
      ['undo', 'bea'],
    ] as const) {
      const refused = bot.say(text, who);
      expect(refused.code, text).toBe('forbidden');
      expect(refused.title, text).toBe('Only admins can change #2, which the 2025–2026 plan counts: it closed on 30 Oct 2026.');
    }
    expect(bot.database.sqlite.prepare('SELECT * FROM entries ORDER BY id').all()).toEqual(before);
    expect(bot.sayText('deliverables')).toBe(deliverables);
    // An entry logged after the closing is no part of the plan's figures: its author corrects it as usual.
    sayAll('bea', 'meeting Thailand held on 2026-09-15 in geneva', 'edit #3 on 2026-09-16', 'undo', 'undo #3');
    // An admin corrects the plan's own: attributed, and undoable.
    sayAll('alice', 'edit #2 on 2026-03-07');
    expect(bot.say('undo', 'alice').tone).toBe('success');
    expect(bot.sayText('deliverables')).toBe(deliverables);
  });

  it('takes an admin’s correction naming the plan, attributed and undoable, and refuses a coordinator’s or a member’s', () => {
    cycleWithFigures();
    bot.setNow(CLOSED);
    const before = stored();
    for (const who of ['cory', 'bea']) {
      const refused = bot.say(`milestone framing-note done on 2026-09-10 ${PLAN}`, who);
      expect(refused).toMatchObject({ code: 'forbidden', title: 'Only admins can correct the 2025–2026 plan, which closed on 30 Oct 2026.' });
      expect(bot.say(`target add Malaysia ${PLAN}`, who).code).toBe('forbidden');
    }
    // Cory's own change of March, undone now, would change the closed list too.
    expect(bot.say('undo', 'cory')).toMatchObject({ code: 'forbidden', title: 'Only admins can correct the 2025–2026 plan, which closed on 30 Oct 2026.' });
    expect(stored()).toEqual(before);

    expect(framingNote(bot.say('deliverables'))).toBe(1);
    expect(bot.say(`milestone framing-note done on 2026-09-10 ${PLAN}`)).toMatchObject({ tone: 'success', title: expect.stringContaining('Done:') });
    expect(bot.say(`target add Malaysia lead Norway ${PLAN}`).tone).toBe('success');
    const audit = bot.database.sqlite.prepare('SELECT command, platform FROM audit ORDER BY id DESC LIMIT 2').all();
    expect(audit).toEqual([
      { command: `target add Malaysia lead Norway ${PLAN}`, platform: 'shell' },
      { command: `milestone framing-note done on 2026-09-10 ${PLAN}`, platform: 'shell' },
    ]);
    const corrected = bot.say('deliverables');
    expect(framingNote(corrected)).toBe(2);
    expect(progress(corrected, 'States on the list')?.current).toBe(2);

    expect(bot.say('undo').tone).toBe('success');
    expect(bot.say('undo').tone).toBe('success');
    expect(framingNote(bot.say('deliverables'))).toBe(1);
    expect(progress(bot.say('deliverables'), 'States on the list')?.current).toBe(1);
    expect(bot.say('redo').tone).toBe('success');
    expect(framingNote(bot.say('deliverables'))).toBe(2);
    // Undoing the correction again is an admin's to do as well.
    expect(bot.say('undo', 'cory').code).toBe('forbidden');
  });
});
