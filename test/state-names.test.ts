import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, fact, type TestBot } from './support/harness.ts';

let bot: TestBot;
beforeEach(() => {
  bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
});
afterEach(() => bot.close());

const stored = () => bot.database.sqlite.prepare('SELECT state_iso3 FROM entries ORDER BY id').pluck().all();
const auditCount = () => bot.database.sqlite.prepare('SELECT count(*) FROM audit').pluck().get();

describe('"Congo" asks which, and its buttons log the right state', () => {
  it('meeting Congo held', () => {
    const asked = bot.say('meeting Congo held');
    expect(asked).toMatchObject({ tone: 'error', code: 'ambiguous-state', title: '"Congo" could mean more than one state. Which one?' });
    expect(asked.suggestions).toEqual([
      { label: 'Congo', command: 'meeting COG held' },
      { label: 'Democratic Republic of the Congo', command: 'meeting COD held' },
    ]);
    expect(auditCount()).toBe(0);
    for (const suggestion of asked.suggestions!) expect(bot.say(suggestion.command).tone).toBe('success');
    expect(stored()).toEqual(['COG', 'COD']);
  });

  it('next Congo send the note, with a due date and a note', () => {
    const asked = bot.say('next Congo send the note by 1 Apr — via the embassy');
    expect(asked.code).toBe('ambiguous-state');
    expect(asked.suggestions).toEqual([
      { label: 'Congo', command: 'next COG send the note by 1 Apr — via the embassy' },
      { label: 'Democratic Republic of the Congo', command: 'next COD send the note by 1 Apr — via the embassy' },
    ]);
    expect(auditCount()).toBe(0);
    const logged = bot.say(asked.suggestions![1]!.command);
    expect(logged.title).toBe('Logged #1: next step agreed, Democratic Republic of the Congo');
    expect(fact(logged, 'Next step')).toBe('send the note');
    expect(fact(logged, 'Due')).toBe('1 Apr 2026');
    expect(fact(logged, 'Note')).toBe('via the embassy');
    expect(stored()).toEqual(['COD']);
  });

  it.each([
    ['next DRC send the note', 'COD'],
    ['next DR Congo send the note', 'COD'],
    ['next Congo-Kinshasa send the note', 'COD'],
    ['next Congo Brazzaville send the note', 'COG'],
    ['next "Republic of the Congo" send the note', 'COG'],
    ['meeting Republic of the Congo held', 'COG'],
    ['meeting Congo-Brazzaville held', 'COG'],
    ['contacted COD', 'COD'],
    ['contacted cog', 'COG'],
  ])('%s logs %s directly', (text, iso3) => {
    expect(bot.say(text).tone).toBe('success');
    expect(stored()).toEqual([iso3]);
  });

  it('asks in every command that takes a state, with buttons that do not ask again', () => {
    bot.say('meeting DRC held');
    for (const text of ['state Congo', 'log Congo', 'target add Congo lead Norway', 'barrier Congo legal', 'edit #1 state Congo']) {
      const asked = bot.say(text);
      expect(asked.code).toBe('ambiguous-state');
      expect(asked.suggestions?.map((s) => s.command)).toEqual([text.replace('Congo', 'COG'), text.replace('Congo', 'COD')]);
      expect(bot.say(asked.suggestions![1]!.command).tone).not.toBe('error');
    }
  });
});

describe('suggestion buttons carry the ISO3 code, their labels the UN name', () => {
  it.each([
    ['meeting Korea held', 'KOR'],
    ['meeting Lao PRD held', 'LAO'],
    ['next Vet Nam send the note', 'VNM'],
    ['next Korea send the note', 'KOR'],
    ['next Dominica Republic follow up', 'DOM'],
  ])('%s: pressing a button logs %s without asking again', (text, iso3) => {
    const asked = bot.say(text);
    const button = asked.suggestions?.find((s) => s.command.includes(` ${iso3} `) || s.command.endsWith(` ${iso3}`));
    expect(button?.label).toBe(bot.states.byCode(iso3).name);
    expect(bot.say(button!.command).tone).toBe('success');
    expect(stored()).toEqual([iso3]);
  });

  it('finds the typed name however it was spaced', () => {
    expect(bot.say('meeting Lao   PRD held').suggestions?.[0]?.command).toBe('meeting LAO held');
  });
});

describe('names that are part of longer names', () => {
  it.each([
    ['next Guinea send the note', 'GIN', 'send the note'],
    ['next Guinea Bissau send the note', 'GNB', 'send the note'],
    ['next Guinea-Bissau send the note', 'GNB', 'send the note'],
    ['next Equatorial Guinea send the note', 'GNQ', 'send the note'],
    ['next Papua New Guinea send the note', 'PNG', 'send the note'],
    ['next Sudan send the note', 'SDN', 'send the note'],
    ['next South Sudan send the note', 'SSD', 'send the note'],
    ['next Niger send the note', 'NER', 'send the note'],
    ['next Nigeria send the note', 'NGA', 'send the note'],
    ['next Dominica send the note', 'DMA', 'send the note'],
    ['next Dominican Republic send the note', 'DOM', 'send the note'],
    ['next Samoa send the note', 'WSM', 'send the note'],
  ])('%s → %s', (text, iso3, step) => {
    const reply = bot.say(text);
    expect(fact(reply, 'Next step')).toBe(step);
    expect(stored()).toEqual([iso3]);
  });

  it('asks rather than reading a longer name the wrong way round as the shorter one', () => {
    expect(bot.say('next Guinea Equatorial send the note').suggestions?.map((s) => s.command)).toEqual([
      'next GIN Equatorial send the note',
      'next GNQ send the note',
    ]);
    expect(bot.say('meeting American Samoa held')).toMatchObject({ tone: 'error', code: 'unknown-state' });
    expect(stored()).toEqual([]);
  });
});
