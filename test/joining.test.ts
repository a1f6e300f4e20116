import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATES_FILE } from '../src/config.ts';
import { ccmStatusOn, entryIntoForceFor, isStatePartyOn } from '../src/domain/ccm.ts';
import { loadStatesCsv, StateDirectory } from '../src/domain/states.ts';
import { createTestBot, fact, type TestBot } from './support/harness.ts';

const directory = new StateDirectory(loadStatesCsv(STATES_FILE));
const state = (iso3: string) => directory.byCode(iso3);

describe('entry into force for a state (Art. 17)', () => {
  it.each([
    ['2008-12-03', '2010-08-01', 'first day of signature: the Convention’s own entry into force'],
    ['2010-02-16', '2010-08-01', 'the day of the thirtieth instrument'],
    ['2010-02-17', '2010-08-01', 'the day after: sixth month after February'],
    ['2010-07-31', '2011-01-01', 'a July deposit crosses into the next year'],
    ['2010-12-16', '2011-06-01', 'a December deposit crosses the year'],
    ['2011-12-20', '2012-06-01', 'another December deposit'],
    ['2023-08-03', '2024-02-01', 'South Sudan'],
    ['2025-09-05', '2026-03-01', 'Vanuatu'],
  ])('deposited %s → in force %s (%s)', (deposited, inForce) => {
    expect(entryIntoForceFor(deposited)).toBe(inForce);
  });

  it('refuses anything but an ISO date', () => {
    expect(() => entryIntoForceFor('5 Sep 2025')).toThrow(/ISO date/);
  });

  it('gives every party in the reference data a first-of-month date after its deposit', () => {
    for (const s of directory.all.filter((s) => s.ccmStatus === 'party')) {
      const inForce = entryIntoForceFor(s.ccmDate!);
      expect(inForce > s.ccmDate! && inForce.endsWith('-01')).toBe(true);
    }
  });
});

describe('the CCM status on a given day', () => {
  it('counts a party as joined from the day it deposited, before the Convention is in force for it', () => {
    expect(ccmStatusOn(state('VUT'), '2025-09-04')).toBe('unknown');
    expect(ccmStatusOn(state('VUT'), '2025-09-05')).toBe('party');
    expect(ccmStatusOn(state('VUT'), '2026-02-28')).toBe('party');
    expect(isStatePartyOn(state('VUT'), '2026-02-28')).toBe(false);
    expect(isStatePartyOn(state('VUT'), '2026-03-01')).toBe(true);
  });

  it('says signatory only once signature had closed, as the data has no signature dates', () => {
    expect(ccmStatusOn(state('KEN'), '2010-07-31')).toBe('unknown');
    expect(ccmStatusOn(state('KEN'), '2010-08-01')).toBe('signatory');
    expect(ccmStatusOn(state('KEN'), '2026-03-10')).toBe('signatory');
  });

  it('keeps a non-signatory one on every day, and gives no status before signature opened', () => {
    expect(ccmStatusOn(state('VNM'), '2026-03-10')).toBe('not_signatory');
    expect(ccmStatusOn(state('NOR'), '2008-12-02')).toBe('not_signatory');
    expect(ccmStatusOn(state('NOR'), '2008-12-03')).toBe('party');
  });

  it('does not date a withdrawal the data does not date', () => {
    expect(ccmStatusOn(state('LTU'), '2026-03-10')).toBe('unknown');
  });
});

describe("a state card's joining dates", () => {
  let bot: TestBot;
  beforeEach(() => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
  });
  afterEach(() => bot.close());

  it('shows when Vanuatu joined and when it became a State Party', () => {
    const ccm = fact(bot.say('state Vanuatu'), 'CCM');
    expect(ccm).toBe('Joined 5 Sep 2025 (instrument deposited); State Party since 1 Mar 2026 (as of 3 Feb 2026; UN Treaty Collection)');
    // The data does not say whether the instrument was a ratification or an accession.
    expect(ccm?.split(' (as of')[0]).not.toMatch(/ratif|acce/i);
  });

  it('does not call Vanuatu a State Party before the Convention is in force for it', () => {
    bot.setNow('2026-02-20T09:00:00Z');
    expect(fact(bot.say('state Vanuatu'), 'CCM')).toBe('Instrument deposited 5 Sep 2025; State Party from 1 Mar 2026 (as of 3 Feb 2026; UN Treaty Collection)');
    const logged = bot.say('meeting Vanuatu held');
    expect(logged.lines?.join(' ')).toContain('Vanuatu has already joined (instrument deposited 5 Sep 2025; State Party from 1 Mar 2026).');
    expect(logged.lines?.join(' ')).not.toContain('is already a State Party');
    expect(bot.say('target add Vanuatu').title).toBe(
      'Vanuatu has already joined (instrument deposited 5 Sep 2025; State Party from 1 Mar 2026): the top-15 list and the barrier map are for states not party.',
    );
  });

  it('turns at midnight in the group’s time zone on the day of entry into force', () => {
    bot.setNow('2026-02-28T23:30:00Z'); // 1 Mar 2026, 00:30 in Geneva (UTC+1)
    expect(fact(bot.say('state Vanuatu'), 'CCM')).toBe(
      'Joined 5 Sep 2025 (instrument deposited); State Party since 1 Mar 2026 (as of 3 Feb 2026; UN Treaty Collection)',
    );
  });

  it('gives both dates wherever a party date is shown', () => {
    expect(bot.say('next Vanuatu send the note').lines?.[0]).toBe(
      'Vanuatu is already a State Party (since 1 Mar 2026; instrument deposited 5 Sep 2025). Logged as engagement to sustain adherence.',
    );
    // A listed state that joins stays on the list, its dates beside it.
    bot.say('target add Kenya');
    bot.say('joined Kenya on 2026-03-02 — UNTC depositary notification');
    expect(bot.say('targets').sections?.[0]?.items[0]?.text).toMatch(
      /^Kenya: joined · Instrument deposited 2 Mar 2026; State Party from 1 Sep 2026 \(as of 2 Mar 2026; /,
    );
    bot.setNow('2026-09-01T09:00:00Z');
    expect(bot.say('targets').sections?.[0]?.items[0]?.text).toMatch(
      /^Kenya: joined · Joined 2 Mar 2026 \(instrument deposited\); State Party since 1 Sep 2026 \(as of 2 Mar 2026; /,
    );
  });
});
