/**
 * Where a date may stand in a command: after `on`, or without it at the end of a contact or
 * meeting; after the last `by` of a next step, or not a date at all ("by email").
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, fact, type TestBot } from './support/harness.ts';

/** The level fact of an entry logged without one. */
const DEFAULT_LEVEL = 'Geneva (your default; `default level capital` changes it)';

let bot: TestBot;
// Saturday 28 Nov 2026.
beforeEach(() => {
  bot = createTestBot({ now: '2026-11-28T09:00:00Z' });
});
afterEach(() => bot.close());

const stored = () => bot.database.sqlite.prepare('SELECT count(*) FROM audit').pluck().get();

describe('a date without "on" in contacts and meetings', () => {
  it.each([
    ['contacted Kenya yesterday', 'Kenya', '27 Nov 2026', DEFAULT_LEVEL],
    ['contacted Kenya yesterday via capital', 'Kenya', '27 Nov 2026', 'capital'],
    ['contacted Kenya via capital yesterday', 'Kenya', '27 Nov 2026', 'capital'],
    ['meeting Kenya held last Friday in capital — met the minister', 'Kenya', '27 Nov 2026', 'capital'],
    ['meeting Kenya held 3 days ago', 'Kenya', '25 Nov 2026', DEFAULT_LEVEL],
    ['contacted Kenya 12 Nov', 'Kenya', '12 Nov 2026', DEFAULT_LEVEL],
    ['contacted South Sudan yesterday', 'South Sudan', '27 Nov 2026', DEFAULT_LEVEL],
    ['contacted Guinea-Bissau last Friday', 'Guinea-Bissau', '27 Nov 2026', DEFAULT_LEVEL],
    ['contacted Saint Kitts and Nevis on Monday', 'Saint Kitts and Nevis', '23 Nov 2026', DEFAULT_LEVEL],
    ['meeting Marshall Islands held yesterday', 'Marshall Islands', '27 Nov 2026', DEFAULT_LEVEL],
    ['meeting Micronesia (Federated States of) held yesterday at geneva', 'Micronesia (Federated States of)', '27 Nov 2026', 'Geneva'],
    ['contacted MAR yesterday', 'Morocco', '27 Nov 2026', DEFAULT_LEVEL],
    ['contacted MAR', 'Morocco', '28 Nov 2026', DEFAULT_LEVEL],
    ['contacted Mali today', 'Mali', '28 Nov 2026', DEFAULT_LEVEL],
  ])('%j logs %s on %s', (text, state, date, level) => {
    const reply = bot.say(text);
    expect(reply.tone).toBe('success');
    expect(fact(reply, 'State')).toMatch(new RegExp(`^${state.replace(/[()]/g, '\\$&')} \\(`));
    expect(fact(reply, 'Date')).toBe(date);
    expect(fact(reply, 'Level')).toBe(level);
  });

  it('refuses a meeting "held tomorrow" as in the future, showing the full date', () => {
    const reply = bot.say('meeting Kenya held tomorrow');
    expect(reply).toMatchObject({ tone: 'error', code: 'future-date' });
    expect(reply.title).toBe('29 Nov 2026 is in the future: only what already happened is logged.');
    expect(bot.say('contacted Kenya in 2 weeks')).toMatchObject({ code: 'future-date', title: expect.stringContaining('12 Dec 2026') });
    expect(stored()).toBe(0);
  });

  it('refuses a trailing date that does not exist, rather than calling it a state', () => {
    const reply = bot.say('contacted Kenya 31 Feb');
    expect(reply).toMatchObject({ code: 'bad-date', title: '"31 Feb" is not a real calendar date: February has 28 days (29 in a leap year).' });
    expect(bot.say('meeting Kenya held 3/4')).toMatchObject({ code: 'bad-date' });
    expect(stored()).toBe(0);
  });

  it('refuses a date with a weekday among other words as unreadable, not as a failure on our side', () => {
    expect(bot.say('meeting Kenya held on Kenya Tuesday in capital — bill before parliament')).toMatchObject({
      code: 'bad-date',
      title: '"Kenya Tuesday" is not a date I can read.',
    });
    expect(stored()).toBe(0);
  });

  it('corrects a mistyped state and keeps the date in the corrected command', () => {
    const reply = bot.say('contacted Kenyaa yesterday');
    expect(reply.code).toBe('unknown-state');
    expect(reply.suggestions?.[0]?.command).toBe('contacted KEN yesterday');
  });

  it('reads every state name, with and without a date after it', () => {
    expect(bot.states.all.length).toBeGreaterThan(190);
    const wrong: string[] = [];
    for (const state of bot.states.all) {
      if (state.name === 'Congo') continue;
      const held = bot.say(`meeting ${state.name} held`);
      if (!held.title.endsWith(`: meeting held, ${state.name}`) || fact(held, 'Date') !== '28 Nov 2026') wrong.push(`held: ${state.name}`);
      // Codes and other names too ("Congo, the Democratic Republic of the yesterday"). Two-letter
      // codes are left out: AT and IN are also level keywords (`at geneva`), a clash of their own.
      // `again`: every name of a state logs a contact on the same day, which alone would be refused as typed twice.
      // "Congo" is left out: it asks, as people use it for two states (see test/state-names.test.ts).
      for (const name of [state.name, state.iso3, ...state.aliases].filter((n) => n !== 'Congo')) {
        const contacted = bot.say(`contacted ${name} yesterday again`);
        if (fact(contacted, 'State') !== `${state.name} (${state.iso3})` || fact(contacted, 'Date') !== '27 Nov 2026') wrong.push(`yesterday: ${name}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('"by" in a next step', () => {
  it.each([
    ['next Thailand follow up by next Friday', 'follow up', '4 Dec 2026'],
    ['next Kenya send model instrument by 1 Mar', 'send model instrument', '1 Mar 2027'],
    ['next Kenya send the note by end of March', 'send the note', '31 Mar 2027'],
    ['next Kenya send the note by the end of March', 'send the note', '31 Mar 2027'],
    ['next Kenya send the note by email by Friday', 'send the note by email', '4 Dec 2026'],
    ['next Kenya send the steps note by email', 'send the steps note by email', 'no date given'],
    ['next Kenya deliver it by hand', 'deliver it by hand', 'no date given'],
    ['next Kenya have it signed by the minister', 'have it signed by the minister', 'no date given'],
    ['next Kenya raise it by next meeting', 'raise it by next meeting', 'no date given'],
  ])('%j: step %j, due %s', (text, step, due) => {
    const reply = bot.say(text);
    expect(reply.tone).toBe('success');
    expect(fact(reply, 'Next step')).toBe(step);
    expect(fact(reply, 'Due')).toBe(due);
  });

  it.each([
    ['next Kenya follow up by 3/4', 'could be read day-first or month-first', ['3 Apr 2027', '4 Mar 2027']],
    ['next Kenya follow up by 31 Feb', 'not a real calendar date', []],
    ['next Kenya follow up by Fryday', 'not a date I can read', ['4 Dec 2026']],
    ['next Kenya follow up by March', 'does not say which day', ['1 Mar 2027', '31 Mar 2027']],
    ['next Kenya follow up by next week', 'does not say which day', []],
    ['next Kenya follow up by 12 Mar 3026', '3026 looks like a typo', []],
    ['next Kenya follow up by 2', 'not a date I can read', []],
    ["next Kenya raise it by Monday's meeting", 'not a date I can read', []],
  ])('%j asks: %s', (text, message, labels) => {
    const reply = bot.say(text);
    expect(reply).toMatchObject({ tone: 'error', code: 'bad-date' });
    expect(reply.title).toContain(message);
    expect(reply.lines).toContain('Nothing was saved.');
    expect(reply.suggestions?.map((s) => s.label)).toEqual(labels);
    expect(stored()).toBe(0);
  });

  it('offers buttons that set the due date they name', () => {
    const reply = bot.say('next Kenya follow up by Fryday — call the mission');
    expect(reply.suggestions).toEqual([{ label: '4 Dec 2026', command: 'next Kenya follow up by 2026-12-04 — call the mission' }]);
    const logged = bot.say(reply.suggestions![0]!.command);
    expect(fact(logged, 'Due')).toBe('4 Dec 2026');
    expect(fact(logged, 'Note')).toBe('call the mission');
  });

  it("reads a new step's due date the same way in edit", () => {
    bot.say('next Kenya send the note');
    expect(fact(bot.say('edit #1 step send the note by email by next Friday'), 'Due')).toBe('none → 4 Dec 2026');
    expect(bot.say('edit #1 by Fryday')).toMatchObject({ code: 'bad-date', suggestions: [{ label: '4 Dec 2026', command: 'edit #1 by 2026-12-04' }] });
  });
});

describe('dates in done, milestone and log', () => {
  it('takes a date with or without "on"', () => {
    bot.say('next Kenya send the note');
    expect(fact(bot.say('done #1 yesterday'), 'Done on')).toBe('27 Nov 2026');
    // The 2025–2026 plan is closed by 28 Nov 2026: alice, an admin, corrects it by naming it.
    expect(fact(bot.say('milestone wg1 done last Friday ccm-universalization-2025-2026'), 'Done on')).toBe('27 Nov 2026');
    expect(bot.say('milestone wg4 date next Friday ccm-universalization-2025-2026').title).toMatch(/: 4 Dec 2026$/);
    expect(bot.say('log since Monday').title).toBe('Follow-up log: since 23 Nov 2026');
  });

  it('points a date typed without "since" in log to the right command', () => {
    const reply = bot.say('log last Friday');
    expect(reply.code).toBe('bad-syntax');
    expect(reply.suggestions).toEqual([{ label: 'log since last Friday', command: 'log since last Friday' }]);
  });
});
