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

it('refuses a State Party, with the reason, storing nothing', () => {
  const norway = bot.say('target add Norway lead Chile');
  expect(norway).toMatchObject({
    tone: 'error',
    code: 'already-joined',
    title: 'Norway is already a State Party (since 1 Aug 2010; instrument deposited 3 Dec 2008): the top-15 list and the barrier map are for states not party.',
  });
  expect(norway.lines).toEqual(['Nothing was changed. Meetings and contacts with it are still logged, as engagement to sustain adherence.']);
  // Read by any of its names; a state that deposited counts as joined before the Convention is in force for it.
  expect(bot.say('target add Lao PDR').title).toMatch(/^Lao People's Democratic Republic is already a State Party \(since 1 Aug 2010; /);
  bot.setNow('2026-02-20T09:00:00Z');
  expect(bot.say('target add Vanuatu').title).toBe(
    'Vanuatu has already joined (instrument deposited 5 Sep 2025; State Party from 1 Mar 2026): the top-15 list and the barrier map are for states not party.',
  );
  expect(bot.say('targets').title).toBe('Top-15 engagement list (0 of 15)');
  expect(bot.database.sqlite.prepare('SELECT count(*) FROM targets').pluck().get()).toBe(0);
});

it('keeps a listed state that joins, at its last stage, and still takes a new lead for it', () => {
  bot.say('target add Kenya lead Costa Rica');
  bot.say('joined Kenya on 2026-03-09');
  expect(listed()[0]?.text).toMatch(/^Kenya: joined · /);
  expect(bot.say('target add Kenya lead Chile').title).toBe('Lead for Kenya is now Chile');
  // Taken off, it cannot come back: it is a State Party now. Undo restores what was there.
  bot.say('target remove Kenya');
  expect(bot.say('target add Kenya')).toMatchObject({
    code: 'already-joined',
    title:
      'Kenya has already joined (instrument deposited 9 Mar 2026; State Party from 1 Sep 2026): the top-15 list and the barrier map are for states not party.',
  });
  bot.say('undo');
  expect(listed().map((i) => i.text.split(' · ')[0])).toEqual(['Kenya: joined']);
});
