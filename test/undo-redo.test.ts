import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, fact, progress, TEST_ADMINS, type TestBot } from './support/harness.ts';

let bot: TestBot;
beforeEach(() => {
  // bob coordinates too: these tests are about two people changing the same records.
  bot = createTestBot({ now: '2026-03-10T09:00:00Z', env: { CCM_ADMINS: `${TEST_ADMINS},shell:bob` } });
});
afterEach(() => bot.close());

const sql = (query: string) => bot.database.sqlite.prepare(query);
const audit = () => sql('SELECT a.action, a.command, p.platform_user_id AS who FROM audit a JOIN people p ON p.id = a.person_id ORDER BY a.id').all();
const logTexts = () => bot.say('log').sections?.[0]?.items.map((i) => i.text) ?? [];
const bilateral = () => progress(bot.say('deliverables'), 'Bilateral outreach meetings')?.current;

describe('undo and redo', () => {
  it('undo then redo brings a withdrawn entry back, visible and counted again, all on record', () => {
    bot.say('meeting Kenya held');
    expect(bilateral()).toBe(1);
    const undone = bot.say('undo');
    expect(undone.title).toBe('Withdrew #1: meeting held, Kenya');
    expect(undone.actions).toEqual([{ label: 'Redo', command: expect.stringMatching(/^redo change \d+$/), settles: true }]);
    expect(logTexts()).toEqual([]);
    expect(bilateral()).toBe(0);

    const redone = bot.say('redo');
    expect(redone.title).toBe('Restored #1: meeting held, Kenya');
    expect(redone.actions).toEqual([{ label: 'Undo', command: expect.stringMatching(/^undo change \d+$/), style: 'danger', settles: true }]);
    expect(logTexts()).toEqual(['#1 · 10 Mar 2026 · Meeting held · Kenya (Geneva)']);
    expect(bot.say('state Kenya').sections?.find((s) => s.heading === 'Log')?.items).toHaveLength(1);
    expect(bilateral()).toBe(1);
    // Nothing deleted: one entry row, and every step attributed in the audit trail.
    expect(sql('SELECT id, withdrawn_at FROM entries').all()).toEqual([{ id: 1, withdrawn_at: null }]);
    expect(audit()).toEqual([
      { action: 'log meeting', command: 'meeting Kenya held', who: 'alice' },
      { action: 'undo', command: 'undo', who: 'alice' },
      { action: 'redo', command: 'redo', who: 'alice' },
    ]);
  });

  it('redoes a withdrawal by `undo #12` from its Redo button, and the entry can be withdrawn again', () => {
    bot.say('meeting Kenya held');
    const redo = bot.say('undo #1').actions?.[0]?.command ?? '';
    expect(bot.say(redo).title).toBe('Restored #1: meeting held, Kenya');
    expect(bot.say(redo)).toMatchObject({ code: 'already-redone' });
    expect(bot.say('undo #1').title).toBe('Withdrew #1: meeting held, Kenya');
    expect(bilateral()).toBe(0);
    expect(bot.say('redo').title).toBe('Restored #1: meeting held, Kenya');
    expect(bilateral()).toBe(1);
  });

  it('undo twice steps back through two changes; redo puts them back in reverse order', () => {
    bot.say('meeting Kenya held');
    bot.say('contacted Laos');
    expect(bot.say('undo').title).toBe("Withdrew #2: contacted, Lao People's Democratic Republic");
    expect(bot.say('undo').title).toBe('Withdrew #1: meeting held, Kenya');
    expect(logTexts()).toEqual([]);
    expect(bot.say('redo').title).toBe('Restored #1: meeting held, Kenya');
    expect(bot.say('redo').title).toBe("Restored #2: contacted, Lao People's Democratic Republic");
    expect(logTexts()).toHaveLength(2);
    expect(bot.say('redo')).toMatchObject({ code: 'nothing-to-redo' });
  });

  it('undoes a redo like any other change', () => {
    bot.say('meeting Kenya held in geneva');
    bot.say('edit #1 on 3 Mar');
    expect(bot.say('undo').title).toBe('Undone: edit #1 on 3 Mar');
    expect(bot.say('redo').title).toBe('Redone: edit #1 on 3 Mar');
    expect(logTexts()).toEqual(['#1 · 3 Mar 2026 · Meeting held · Kenya (Geneva)']);
    expect(bot.say('undo').title).toBe('Undone: edit #1 on 3 Mar');
    expect(logTexts()).toEqual(['#1 · 10 Mar 2026 · Meeting held · Kenya (Geneva)']);
  });

  it('says clearly when there is nothing to redo, and changes nothing', () => {
    const reply = bot.say('redo');
    expect(reply).toMatchObject({ tone: 'error', code: 'nothing-to-redo', title: 'You have nothing to redo.' });
    expect(bot.say('redo everything')).toMatchObject({ code: 'bad-syntax' });
    expect(audit()).toEqual([]);
  });

  it('lets only the person who undid a change redo it', () => {
    bot.say('meeting Kenya held', 'alice');
    const redo = bot.say('undo', 'alice').actions?.[0]?.command ?? '';
    expect(bot.say(redo, 'bob')).toMatchObject({ code: 'not-yours' });
    expect(bot.say('redo', 'bob')).toMatchObject({ code: 'nothing-to-redo' });
    expect(logTexts()).toEqual([]);
  });
});

describe('undo and redo compare only the columns a change set', () => {
  it('undoes an edit after an edit of another column, keeping the later one', () => {
    bot.say('meeting Kenya held in geneva');
    const undoDate = bot.say('edit #1 on 3 Mar').actions?.[0]?.command ?? '';
    bot.say('edit #1 — met the deputy minister');
    expect(bot.say(undoDate).title).toBe('Undone: edit #1 on 3 Mar');
    expect(bot.say('log').sections?.[0]?.items[0]).toEqual({
      text: '#1 · 10 Mar 2026 · Meeting held · Kenya (Geneva)',
      detail: 'met the deputy minister — logged by alice',
    });
  });

  it('undoes a change after someone else changed another column of the same record', () => {
    bot.say('milestone wg3 date 2026-05-12', 'alice');
    bot.say('milestone wg3 done', 'bob');
    expect(bot.say('undo', 'alice').title).toBe('Undone: milestone wg3 date 2026-05-12');
    const wg3 = bot.say('milestone wg3');
    expect(fact(wg3, 'When')).toBe('Apr–Jun 2026 (date not set)');
    expect(fact(wg3, 'Status')).toBe('done 10 Mar 2026');
  });

  it('refuses when someone else later changed the same column, naming them, and changes nothing', () => {
    bot.say('milestone wg3 date 2026-05-12', 'alice');
    bot.say('milestone wg3 date 2026-05-14', 'bob');
    const before = audit().length;
    expect(bot.say('undo', 'alice')).toMatchObject({
      code: 'changed-since',
      title: 'Your last change ("milestone wg3 date 2026-05-12") cannot be undone: bob changed it since ("milestone wg3 date 2026-05-14").',
    });
    const undoButton = `undo change ${sql("SELECT id FROM audit WHERE command = 'milestone wg3 date 2026-05-12'").pluck().get()}`;
    expect(bot.say(undoButton, 'alice')).toMatchObject({
      code: 'cannot-undo',
      title: 'Cannot undo "milestone wg3 date 2026-05-12": bob changed it since ("milestone wg3 date 2026-05-14").',
    });
    expect(fact(bot.say('milestone wg3'), 'When')).toBe('14 May 2026');
    expect(audit()).toHaveLength(before);
  });

  it('refuses a redo when someone else changed the same column since the undo', () => {
    bot.say('target add Kenya lead Norway', 'alice');
    bot.say('target add Kenya lead Costa Rica', 'alice');
    bot.say('undo', 'alice');
    bot.say('target add Kenya lead Chile', 'bob');
    expect(bot.say('redo', 'alice')).toMatchObject({
      code: 'cannot-redo',
      title: 'Cannot redo "target add Kenya lead Costa Rica": bob changed it since ("target add Kenya lead Chile").',
    });
    expect(bot.say('targets').sections?.[0]?.items[0]?.detail).toContain('lead Chile');
  });

  it('says when the later change was itself an undo or a redo', () => {
    bot.say('milestone wg3 date 2026-05-14', 'bob');
    bot.say('undo', 'bob');
    bot.say('milestone wg3 date 2026-05-12', 'alice');
    bot.say('undo', 'alice');
    bot.say('redo', 'bob');
    expect(bot.say('redo', 'alice').title).toBe('Cannot redo "milestone wg3 date 2026-05-12": bob changed it since (redoing "milestone wg3 date 2026-05-14").');
  });

  it('is not blocked by a column the change did not record (one added to the table later)', () => {
    bot.say('next Kenya send the note by 1 Apr');
    bot.say('edit #1 by 15 Apr');
    expect(bot.say('undo #1')).toMatchObject({ code: 'cannot-undo', title: expect.stringContaining('you changed it since ("edit #1 by 15 Apr")') });
    // As if the due date column had been added after #1 was logged: its creation does not record it.
    sql("UPDATE audit SET after = json_remove(after, '$.dueOn') WHERE action = 'log next step'").run();
    expect(bot.say('undo #1').title).toBe('Withdrew #1: next step agreed, Kenya');
  });
});

describe('done', () => {
  it('is refused to a member on someone else’s next step, with the same rule as edit, and changes nothing', () => {
    bot.say('next Kenya send the note by 1 Apr', 'alice');
    const before = audit().length;
    expect(bot.say('done #1', 'carl')).toMatchObject({
      tone: 'error',
      code: 'forbidden',
      title: 'Only coordinators and admins can mark #1 done, which alice logged.',
    });
    expect(bot.say('edit #1 by 20 Apr', 'carl').title).toBe('Only coordinators and admins can edit #1, which alice logged.');
    expect(sql('SELECT completed_on FROM entries WHERE id = 1').pluck().get()).toBeNull();
    expect(audit()).toHaveLength(before);
    expect(bot.say('state Kenya').sections?.find((s) => s.heading === 'Open next steps')?.items).toHaveLength(1);
    expect(bot.say('done #1', 'alice').title).toBe('Done: #1, Kenya');
  });
});
