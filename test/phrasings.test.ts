/**
 * Phrasings people use around a state's name: a leading "the", "with" before the state,
 * several states on one line (one state per entry, a button for each), and words in a note that
 * look like a state. Also what the bot offers for a month typed as a day ("in March"), for a
 * date in figures, and for a command typed without what it needs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, fact, type TestBot } from './support/harness.ts';

let bot: TestBot;
// Tuesday 10 Mar 2026.
beforeEach(() => {
  bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
});
afterEach(() => bot.close());

const stored = () => bot.database.sqlite.prepare('SELECT state_iso3 FROM entries WHERE withdrawn_at IS NULL ORDER BY id').pluck().all();
const auditCount = () => bot.database.sqlite.prepare('SELECT count(*) FROM audit').pluck().get();

describe('"the" and "with" before a state', () => {
  it.each([
    ['contacted the Republic of Korea', 'Republic of Korea (KOR)', '10 Mar 2026'],
    ['meeting the Philippines held', 'Philippines (PHL)', '10 Mar 2026'],
    ['meeting with Kenya held yesterday', 'Kenya (KEN)', '9 Mar 2026'],
    ['meeting with the Philippines held on 2 Mar in capital', 'Philippines (PHL)', '2 Mar 2026'],
    ['contacted The Gambia', 'Gambia (GMB)', '10 Mar 2026'],
    ['contacted the Gambia via capital', 'Gambia (GMB)', '10 Mar 2026'],
  ])('%j logs %s on %s', (text, state, date) => {
    const reply = bot.say(text);
    expect(reply.tone).toBe('success');
    expect(fact(reply, 'State')).toBe(state);
    expect(fact(reply, 'Date')).toBe(date);
  });

  it('reads "the" in next steps, interim steps and state cards too', () => {
    expect(fact(bot.say('next the Republic of Korea send the note in 2 weeks'), 'State')).toBe('Republic of Korea (KOR)');
    expect(fact(bot.say('interim the Philippines statement of support'), 'State')).toBe('Philippines (PHL)');
    expect(bot.say('state the Republic of Korea').title).toContain('Republic of Korea');
  });

  it('still asks which Korea and which Congo, with "the" or without', () => {
    expect(bot.say('contacted the Korea')).toMatchObject({ code: 'ambiguous-state' });
    expect(bot.say('meeting the Congo held')).toMatchObject({ code: 'ambiguous-state' });
    expect(auditCount()).toBe(0);
  });

  it('offers the state for a typo after "the" or "with", and its button runs', () => {
    const asked = bot.say('meeting with the Republc of Korea held yesterday');
    expect(asked.code).toBe('unknown-state');
    expect(asked.suggestions?.[0]).toEqual({ label: 'Republic of Korea', command: 'meeting with KOR held yesterday' });
    expect(fact(bot.say(asked.suggestions![0]!.command), 'Date')).toBe('9 Mar 2026');
  });
});

describe('one state per entry', () => {
  it('contacted Kenya, Uganda and Tanzania: stores nothing and offers one button per state', () => {
    const reply = bot.say('contacted Kenya, Uganda and Tanzania via capital — raised the model instrument');
    expect(reply).toMatchObject({
      tone: 'error',
      code: 'several-states',
      title: 'One state per entry, and this line names several: Kenya, Uganda, United Republic of Tanzania.',
    });
    expect(reply.suggestions).toEqual([
      { label: 'Kenya', command: 'contacted KEN via capital — raised the model instrument' },
      { label: 'Uganda', command: 'contacted UGA via capital — raised the model instrument' },
      { label: 'United Republic of Tanzania', command: 'contacted TZA via capital — raised the model instrument' },
    ]);
    expect(auditCount()).toBe(0);
    for (const suggestion of reply.suggestions!) {
      const logged = bot.say(suggestion.command);
      expect(fact(logged, 'Level')).toBe('capital');
      expect(fact(logged, 'Note')).toBe('raised the model instrument');
    }
    expect(stored()).toEqual(['KEN', 'UGA', 'TZA']);
  });

  it.each([
    ['meeting Kenya and Uganda held yesterday', ['meeting KEN held yesterday', 'meeting UGA held yesterday']],
    ['meeting Kenya & Chad held', ['meeting KEN held', 'meeting TCD held']],
    ['contacted Barbados and Trinidad and Tobago', ['contacted BRB', 'contacted TTO']],
    ['contacted Antigua and Barbuda, Kenya on 2 Mar', ['contacted ATG on 2 Mar', 'contacted KEN on 2 Mar']],
    ['contacted Kenya and Congo', ['contacted KEN', 'contacted COG', 'contacted COD']],
    ['next Kenya and Uganda send the note by 1 Apr — x', ['next KEN send the note by 1 Apr — x', 'next UGA send the note by 1 Apr — x']],
    ['next Kenya, Uganda: send the note', ['next KEN send the note', 'next UGA send the note']],
    ['interim Kenya, Chad statement of support', ['interim KEN statement of support', 'interim TCD statement of support']],
  ])('%j offers %j', (text, commands) => {
    const reply = bot.say(text);
    expect(reply.code).toBe('several-states');
    expect(reply.suggestions?.map((s) => s.command)).toEqual(commands);
    for (const command of commands) expect(bot.say(command).tone, command).toBe('success');
  });

  it('settles a date to ask about in the same buttons, so that each runs as shown', () => {
    const late = createTestBot({ now: '2026-11-28T09:00:00Z' });
    try {
      const reply = late.say('contacted Barbados and Antigua and Barbuda on 2 Mar via capital');
      expect(reply.code).toBe('several-states');
      expect(reply.lines?.[0]).toBe('Without a year, "2 Mar" is 2 Mar 2026, more than 6 months ago. Is that the date?');
      expect(reply.suggestions).toEqual([
        { label: 'Barbados, 2 Mar 2026', command: 'contacted BRB on 2026-03-02 via capital' },
        { label: 'Antigua and Barbuda, 2 Mar 2026', command: 'contacted ATG on 2026-03-02 via capital' },
      ]);
      for (const suggestion of reply.suggestions!) expect(fact(late.say(suggestion.command), 'Date')).toBe('2 Mar 2026');
    } finally {
      late.close();
    }
    // A meeting in the future is refused as such first: no button would log it.
    expect(bot.say('meeting Kenya and Uganda held tomorrow')).toMatchObject({ code: 'future-date' });
  });

  it('keeps names that hold "and" whole, and a step that merely mentions a state', () => {
    for (const name of ['Trinidad and Tobago', 'Antigua and Barbuda', 'Bosnia and Herzegovina', 'Saint Vincent and the Grenadines']) {
      expect(bot.say(`contacted ${name}`).tone, name).toBe('success');
      expect(bot.say(`next ${name} send the note`).tone, name).toBe('success');
    }
    expect(fact(bot.say('next Kenya ask about Uganda'), 'Next step')).toBe('ask about Uganda');
    // A short word after "and" or a comma is read as a code only in capitals ("to" is Tonga's TO).
    expect(fact(bot.say('next Kenya, to share the note'), 'Next step')).toBe('to share the note');
    expect(fact(bot.say('next Kenya and in capital share the note'), 'Next step')).toBe('and in capital share the note');
    expect(bot.say('next Kenya and TO share the note')).toMatchObject({ code: 'several-states' });
    expect(bot.say('contacted Kenya and me')).toMatchObject({ code: 'unknown-state' });
    expect(bot.say('contacted Kenya and TGO')).toMatchObject({ code: 'several-states' });
  });

  it('leaves the workshop, which takes several states, as it was', () => {
    const reply = bot.say('workshop ASEAN with Myanmar, Thailand and Viet Nam — accession pathway');
    expect(reply.tone).toBe('success');
    expect(fact(reply, 'States reached')).toBe('Myanmar, Thailand, Viet Nam');
  });
});

describe('words in a note stay in the note', () => {
  it('meeting Kenya held — the Kenyan delegation asked for the Q&A', () => {
    const reply = bot.say('meeting Kenya held — the Kenyan delegation asked for the Q&A with Uganda and Chad');
    expect(reply.tone).toBe('success');
    expect(fact(reply, 'State')).toBe('Kenya (KEN)');
    expect(fact(reply, 'Note')).toBe('the Kenyan delegation asked for the Q&A with Uganda and Chad');
    expect(stored()).toEqual(['KEN']);
  });
});

describe('a month where a day is wanted', () => {
  it('contacted Jamaica in March: refused, offering its first day and today, each a command that runs', () => {
    const reply = bot.say('contacted Jamaica in March via capital');
    expect(reply).toMatchObject({ code: 'bad-date', title: '"March" does not say which day.' });
    expect(reply.lines).toEqual([
      'March is a month: an entry has one day. Choose its first or last day below, or type the day.',
      'It is not over: its last day so far is today.',
      'Nothing was saved.',
    ]);
    expect(reply.suggestions).toEqual([
      { label: '1 Mar 2026', command: 'contacted Jamaica on 2026-03-01 via capital' },
      { label: '10 Mar 2026', command: 'contacted Jamaica on 2026-03-10 via capital' },
    ]);
    expect(fact(bot.say(reply.suggestions![0]!.command), 'Date')).toBe('1 Mar 2026');
  });

  it('a month over is offered whole, and a month not begun offers nothing to log', () => {
    expect(bot.say('contacted Kenya in February').suggestions?.map((s) => s.command)).toEqual([
      'contacted Kenya on 2026-02-01',
      'contacted Kenya on 2026-02-28',
    ]);
    const ahead = bot.say('contacted Kenya in April 2026');
    expect(ahead.suggestions).toEqual([]);
    expect(ahead.lines?.[0]).toBe('April 2026 has not begun: only what already happened is logged.');
  });

  it('a date with a day after "in" is read: contacted Kenya in 2 Mar', () => {
    expect(fact(bot.say('contacted Kenya in 2 Mar'), 'Date')).toBe('2 Mar 2026');
  });
});

describe('the month in figures', () => {
  it('meeting Angola held on 10/03/2026 offers only 10 Mar 2026, saying why 3 Oct 2026 is not offered', () => {
    const reply = bot.say('meeting Angola held on 10/03/2026');
    expect(reply.code).toBe('bad-date');
    expect(reply.lines).toContain('3 Oct 2026 is in the future, so it is not offered.');
    expect(reply.suggestions).toEqual([{ label: '10 Mar 2026', command: 'meeting Angola held on 2026-03-10' }]);
  });

  it('a due date offers both readings still to come', () => {
    expect(bot.say('next Kenya send the note by 03/10/2026').suggestions?.map((s) => s.label)).toEqual(['3 Oct 2026', '10 Mar 2026']);
  });

  it('two dates in figures: each button settles both', () => {
    const reply = bot.say('quiet 3/4 to 5/4');
    expect(reply.suggestions).toEqual([
      { label: '3 Apr 2026 to 5 Apr 2026', command: 'quiet 2026-04-03 to 2026-04-05' },
      { label: '3 Apr 2026 to 4 May 2026', command: 'quiet 2026-04-03 to 2026-05-04' },
    ]);
    expect(bot.say(reply.suggestions![0]!.command).tone).toBe('success');
  });
});

describe('buttons a member could not use', () => {
  it('a member setting a milestone date in figures is told only coordinators may, not offered dates', () => {
    const refused = bot.say('milestone wg3 date 3/4', 'bob');
    expect(refused.code).toBe('forbidden');
    expect(refused.suggestions).toBeUndefined();
    expect(bot.say('quiet 3/4 to 5/4', 'bob')).toMatchObject({ code: 'forbidden' });
    // A coordinator gets the question and its buttons.
    expect(bot.say('milestone wg3 date 3/4').suggestions?.map((s) => s.command)).toEqual(['milestone wg3 date 2026-04-03', 'milestone wg3 date 2027-03-04']);
  });
});

describe('an unknown command', () => {
  it('offers a near command that needs more than its name as its help', () => {
    expect(bot.say('deliverabels').suggestions).toEqual([
      { label: 'deliverables', command: 'deliverables' },
      { label: 'help deliverable', command: 'help deliverable' },
      { label: 'help', command: 'help' },
    ]);
    expect(bot.say('contaced Kenya yesterday').suggestions?.[0]).toEqual({ label: 'contacted', command: 'contacted Kenya yesterday' });
  });
});
