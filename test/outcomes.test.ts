import { afterEach, describe, expect, it } from 'vitest';
import { ccmStatusOn } from '../src/domain/ccm.ts';
import type { Reply } from '../src/core/reply.ts';
import { treatyFacts } from '../src/reports/facts.ts';
import { createTestBot, fact, progress, type TestBot } from './support/harness.ts';

let bot: TestBot;
afterEach(() => bot?.close());

const NEW_PARTY = 'New State Party or announcement';
const figure = (reply: Reply, label: string) => progress(reply, label)?.current;

describe('joined', () => {
  it('shows the state as joined from that day with the source, counts it, and is undoable', () => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
    bot.say('meeting Kenya held on 2026-03-02 in capital');
    const logged = bot.say('joined Kenya on 2026-03-05 — UN depositary notification C.N.120.2026');
    expect(logged).toMatchObject({ tone: 'success', title: 'Logged #2: Kenya joined the Convention' });
    expect(fact(logged, 'State Party from')).toBe('1 Sep 2026 (Art. 17)');

    const card = bot.say('state Kenya');
    expect(fact(card, 'CCM')).toBe(
      'Instrument deposited 5 Mar 2026; State Party from 1 Sep 2026 (as of 5 Mar 2026; source: UN depositary notification C.N.120.2026; logged as #2)',
    );
    expect(card.sections?.find((s) => s.heading === 'Target profile (work plan, section 3)')).toBeUndefined();
    // Before the deposit Kenya was what the shipped data says: a signatory.
    const kenya = treatyFacts(bot.store, bot.states).of('KEN');
    expect([ccmStatusOn(kenya, '2026-03-04'), ccmStatusOn(kenya, '2026-03-05')]).toEqual(['signatory', 'party']);

    const figures = bot.say('deliverables');
    expect(figure(figures, NEW_PARTY)).toBe(1);
    // The meeting three days before the deposit is still outreach to a state not party.
    expect(figure(figures, 'Bilateral outreach meetings')).toBe(1);
    expect(figure(figures, 'States Parties engaged')).toBe(0);

    expect(bot.say('undo #2')).toMatchObject({ tone: 'success', title: 'Withdrew #2: joined (instrument deposited), Kenya' });
    expect(fact(bot.say('state Kenya'), 'CCM')).toMatch(/^Signatory, not yet ratified \(as of 3 Feb 2026; UN Treaty Collection/);
    expect(figure(bot.say('deliverables'), NEW_PARTY)).toBe(0);
  });

  it('counts a state once when it announced, then joined', () => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
    expect(bot.say('announced Kenya on 2026-03-01 — Foreign Minister at the Human Rights Council').tone).toBe('success');
    bot.say('joined Kenya on 2026-03-05 — UN depositary notification');
    bot.say('announced Angola — President at the AU summit');
    const full = bot.say('deliverable new-state-party');
    expect(figure(full, NEW_PARTY)).toBe(2);
    expect(full.sections?.flatMap((s) => s.items.map((i) => `${i.text} ${i.detail}`)).join('\n')).toMatch(
      /#2 · 5 Mar 2026 · Kenya · Joined \(instrument deposited\) not counted: state already counted \(#1\)/,
    );
  });

  it('moves with an edit of its date, and has no level', () => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
    bot.say('joined Kenya on 2026-03-05 — UN depositary notification');
    expect(bot.say('edit #1 on 2026-03-06').tone).toBe('success');
    expect(fact(bot.say('state Kenya'), 'CCM')).toMatch(/^Instrument deposited 6 Mar 2026; State Party from 1 Sep 2026 \(as of 6 Mar 2026;/);
    expect(bot.say('edit #1 via capital')).toMatchObject({ code: 'not-applicable' });
  });

  it('refuses a state that has already joined, and a join without its day', () => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
    expect(bot.say('joined Norway on 2026-03-01')).toMatchObject({ code: 'already-joined', title: expect.stringMatching(/^Norway is already a State Party/) });
    expect(bot.say('joined Kenya')).toMatchObject({ code: 'missing-date' });
    expect(bot.say('announced Kenya')).toMatchObject({ code: 'missing-note' });
    bot.say('joined Kenya on 2026-03-05');
    expect(bot.say('announced Kenya — again')).toMatchObject({ code: 'already-joined' });
  });
});

describe('workshop', () => {
  const WORKSHOP = 'workshop ASEAN on 2026-03-04 with Myanmar, Thailand, Viet Nam — accession pathway through Lao PDR';

  it('logs one regional meeting per state on the day, counted as one regional engagement', () => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
    const reply = bot.say(WORKSHOP);
    expect(reply).toMatchObject({ tone: 'success', title: 'Logged workshop ASEAN: 3 regional meetings (#1, #2, #3)' });
    expect(fact(reply, 'States reached')).toBe('Myanmar, Thailand, Viet Nam');
    const log = bot.say('log').sections?.[0]?.items.map((i) => i.text);
    expect(log).toEqual(
      expect.arrayContaining([
        '#1 · 4 Mar 2026 · Meeting held · Myanmar (regional)',
        '#2 · 4 Mar 2026 · Meeting held · Thailand (regional)',
        '#3 · 4 Mar 2026 · Meeting held · Viet Nam (regional)',
      ]),
    );
    const figures = bot.say('deliverables');
    expect(progress(figures, 'Regional engagements')).toMatchObject({ current: 1, detail: 'with 3 states' });
    expect(figure(figures, 'States not party engaged')).toBe(3);
  });

  it('is withdrawn whole by one undo and put back by one redo; undo #id withdraws one state', () => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
    bot.say(WORKSHOP);
    expect(bot.say('undo').title).toMatch(/^Withdrew 3 entries: #1, #2, #3/);
    expect(figure(bot.say('deliverables'), 'States not party engaged')).toBe(0);
    expect(bot.say('redo').title).toMatch(/^Restored 3 entries: #1, #2, #3/);
    expect(figure(bot.say('deliverables'), 'States not party engaged')).toBe(3);
    expect(bot.say('undo #2').title).toBe('Withdrew #2: meeting held, Thailand');
    expect(figure(bot.say('deliverables'), 'States not party engaged')).toBe(2);
  });

  it('reads "and" between states without splitting a name that holds it', () => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
    const reply = bot.say('workshop CARICOM with Bahamas, Barbados and Trinidad and Tobago — model legislation');
    expect(fact(reply, 'States reached')).toBe('Bahamas, Barbados, Trinidad and Tobago');
    expect(bot.say('workshop ASEAN with Myanmar')).toMatchObject({ code: 'missing-pathway' });
    expect(bot.say('workshop ASEAN with Myanmr — x')).toMatchObject({ code: 'unknown-state' });
  });
});

describe('interim', () => {
  it('logs a state\'s own step, keeping "on" in its text unless a date follows', () => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
    const reply = bot.say('interim Viet Nam statement on cluster munitions on 2026-03-02');
    expect(fact(reply, 'Step')).toBe('statement on cluster munitions');
    expect(fact(reply, 'Date')).toBe('2 Mar 2026');
    expect(fact(bot.say('interim Kenya voluntary transparency report'), 'Date')).toBe('10 Mar 2026');
  });
});
