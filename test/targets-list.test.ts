/**
 * The top-15 list as the plan asks for it: each target with its lead and champion, its stage
 * from the log, the last contact, the open next step and its barriers.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestBot, type TestBot } from './support/harness.ts';

let bot: TestBot;
beforeEach(() => {
  bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
});
afterEach(() => bot.close());

const listed = () => bot.say('targets').sections?.[0]?.items ?? [];

it('shows each target with its stage, lead, champion, last contact, open next step and barriers', () => {
  bot.say('target add Indonesia lead Norway champion Philippines');
  bot.say('target add Kenya lead Costa Rica');
  expect(listed().map((i) => i.text.split(' · ')[0])).toEqual(['Indonesia: not contacted yet', 'Kenya: not contacted yet']);
  bot.say('contacted Indonesia on 2026-03-02');
  expect(listed()[0]?.text).toMatch(/^Indonesia: contacted · /);
  bot.say('meeting Indonesia held on 2026-03-05');
  bot.say('next Indonesia send the steps note by 2026-04-15');
  bot.say('next Indonesia share the Q&A');
  bot.say('barrier Indonesia legal — parliament calendar');
  // A contact after the meeting does not move the state back.
  bot.say('contacted Indonesia on 2026-03-09');
  const [indonesia, kenya] = listed();
  expect(indonesia?.text).toMatch(/^Indonesia: next step agreed · Signatory/);
  expect(indonesia?.detail).toBe(
    'lead Norway · champion Philippines · last contact 9 Mar 2026 (yesterday) · next step: send the steps note, by 15 Apr 2026 · barriers: Legal/technical',
  );
  expect(kenya?.detail).toBe('lead Costa Rica · champion not named · no contact logged · no open next step · barriers: none recorded');
});

it('changes the champion of a listed state, undoably, and takes only a State Party as champion', () => {
  bot.say('target add Indonesia lead Norway');
  const changed = bot.say('target add Indonesia champion Ghana');
  expect(changed.title).toBe('Champion for Indonesia is now Ghana');
  expect(bot.say('target add Indonesia champion Kenya')).toMatchObject({ tone: 'error', code: 'champion-not-party' });
  expect(listed()[0]?.detail).toMatch(/champion Ghana/);
  bot.say('undo');
  expect(listed()[0]?.detail).toMatch(/champion not named/);
  expect(bot.say('target add Indonesia lead Norway')).toMatchObject({ code: 'already-a-target' });
});
