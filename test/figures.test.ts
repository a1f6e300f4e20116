/**
 * `deliverables` and the digest count their figures in SQL (figureQuery in domain/counting.ts,
 * EntryRepository.figure); `deliverable <id>` counts them with countEntries, the reference,
 * which gives every entry's verdict. On generated logs in a real SQLite file, both give the same
 * figure and the same number of states, for generated indicators and windows: states party or
 * not, from shipped deposit dates, imported facts and `joined` entries (each join judged
 * without itself), entries at every level or none, several on the same state and day, withdrawn
 * entries, entries on the window's first and last day and outside it; entries logged before,
 * at and after the instant a closed plan closed, for windows of an open plan and of a closed
 * one; and the figures as they stood on an earlier day, which the digest counts in the same pass.
 *
 * A failure prints fast-check's seed and path; `FUZZ_SEED=<seed>` replays the same logs.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countEntries, type EntriesIndicator, figureQuery } from '../src/domain/counting.ts';
import { DISTINCT_UNITS, ENTRY_KINDS, LEVELS } from '../src/domain/plan.ts';
import { closingOn } from '../src/domain/plan-closing.ts';
import { treatyFacts } from '../src/reports/facts.ts';
import { countableEntries, partyDays, type ReportContext } from '../src/reports/progress.ts';
import * as schema from '../src/store/schema.ts';
import { FUZZ_SEED, fuzzRuns } from './support/fuzz.ts';
import { createTestBot, type TestBot } from './support/harness.ts';

/**
 * Parties with a deposit date before the cycle (France) and just before it (Vanuatu),
 * signatories, states that never signed, and one that withdrew.
 */
const STATES = ['FRA', 'VUT', 'PHL', 'IDN', 'KEN', 'USA', 'RUS', 'LTU'];
/**
 * Few days, so that entries share a state and day and fall on the days where things change:
 * before and on the day the Convention opened for signature, around Vanuatu's deposit, the
 * window's edges.
 */
const DAYS = ['2008-12-01', '2008-12-03', '2025-09-04', '2025-09-05', '2025-09-20', '2026-01-15', '2026-03-01', '2026-03-02', '2026-09-30', '2026-10-01'];

const day = fc.constantFrom(...DAYS);

/** The shipped plan's closing (the end of 30 Oct 2026 in Geneva), as a closed plan's window carries it. */
const CLOSING = closingOn({ period: { from: '2025-09-20', to: '2026-09-30' }, graceDays: 30 }, '2026-12-07', 'Europe/Zurich')!;
const closedAt = Date.parse(CLOSING.at);
/** When an entry was logged: long before the plan closed, the last moment before, the instant itself, just after, weeks after. */
const LOGGED = [closedAt - 90 * 86_400_000, closedAt - 1, closedAt, closedAt + 1, closedAt + 38 * 86_400_000].map((t) => new Date(t).toISOString());
const state = fc.constantFrom(...STATES);
const entry = fc.record({
  kind: fc.constantFrom(...ENTRY_KINDS),
  state,
  day,
  level: fc.option(fc.constantFrom(...LEVELS), { nil: null }),
  withdrawn: fc.nat(99).map((n) => n < 15),
  logged: fc.constantFrom(...LOGGED),
});
/** An imported `ccm_status`: a party from a deposit date, or a status without one. */
const imported = fc.record({
  state,
  value: fc.constantFrom('party', 'signatory', 'not_signatory'),
  ccmDate: day,
  asOf: day,
  withdrawn: fc.boolean(),
});
const indicator: fc.Arbitrary<EntriesIndicator> = fc.record({
  label: fc.constant('generated'),
  measure: fc.constant('entries' as const),
  origin: fc.constant('plan' as const),
  kinds: fc.subarray([...ENTRY_KINDS], { minLength: 1 }),
  states: fc.option(fc.constantFrom('party' as const, 'not-party' as const), { nil: undefined }),
  levels: fc.option(fc.subarray([...LEVELS], { minLength: 1 }), { nil: undefined }),
  distinct: fc.constantFrom(...DISTINCT_UNITS),
});
type GeneratedEntry = typeof entry extends fc.Arbitrary<infer T> ? T : never;
type GeneratedImport = typeof imported extends fc.Arbitrary<infer T> ? T : never;

/** Any two days, in either order: a window can be empty; of an open plan, or of one closed. */
const window = fc.tuple(day, day, fc.boolean()).map(([from, to, closed]) => (closed ? { from, to, closed: CLOSING } : { from, to }));

describe('figures counted in SQL', () => {
  let bot: TestBot;
  let ctx: ReportContext;
  let personId: number;
  beforeAll(() => {
    bot = createTestBot();
    // A day the plan is still open: each generated window brings its own closing, and the treaty
    // facts as the closing recorded them are test/closed-plan.test.ts's.
    ctx = { store: bot.store, plan: bot.plans.plans[0]!, states: bot.states, today: '2026-10-20', timeZone: bot.config.timeZone };
    personId = bot.store.db
      .insert(schema.people)
      .values({ platform: 'shell', platformUserId: 'alice', displayName: 'alice', createdAt: '2025-01-01T00:00:00.000Z' })
      .returning()
      .get().id;
  });
  afterAll(() => bot.close());

  /** Replaces the log and the imported facts with these. */
  function write(entries: GeneratedEntry[], imports: GeneratedImport[]): void {
    const { db } = bot.store;
    bot.database.sqlite.exec('DELETE FROM entries; DELETE FROM state_overrides;');
    // Each row recorded a second after the one before: the tie-breaker between facts of the same day.
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
    if (entries.length > 0) {
      db.insert(schema.entries)
        .values(
          entries.map((e, i) => ({
            kind: e.kind,
            stateIso3: e.state,
            occurredOn: e.day,
            level: e.level,
            personId,
            createdAt: e.logged,
            platform: 'shell',
            withdrawnAt: e.withdrawn ? at(i) : null,
          })),
        )
        .run();
    }
    if (imports.length > 0) {
      db.insert(schema.stateOverrides)
        .values(
          imports.map((o, i) => ({
            stateIso3: o.state,
            column: 'ccm_status' as const,
            value: o.value,
            ccmDate: o.value === 'party' ? o.ccmDate : null,
            asOf: o.asOf,
            file: 'generated.csv',
            line: i + 2,
            personId,
            createdAt: at(entries.length + i),
            withdrawnAt: o.withdrawn ? at(entries.length + i) : null,
          })),
        )
        .run();
    }
  }

  it('are the figures and states countEntries gives, with or without verdicts, now and as they stood on an earlier day', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 40 }),
        fc.array(imported, { maxLength: 3 }),
        fc.array(fc.tuple(indicator, window, day), { minLength: 1, maxLength: 5 }),
        (entries, imports, figures) => {
          write(entries, imports);
          const countable = countableEntries(ctx);
          const parties = partyDays(treatyFacts(ctx.store, ctx.states));
          for (const [rules, days, until] of figures) {
            const inSql = ctx.store.entries.figure(figureQuery(rules, days, parties), until);
            const reference = countEntries(rules, countable, days);
            const withVerdicts = countEntries(rules, countable, days, { verdicts: true });
            // As things stood at the end of `until`: the entries that happened by then (a digest's "since").
            const before = countEntries(
              rules,
              countable.filter((e) => e.occurredOn <= until),
              days,
            );
            expect(inSql).toEqual({
              current: reference.current,
              states: reference.states,
              until: { current: before.current, states: before.states },
            });
            expect([withVerdicts.current, withVerdicts.states]).toEqual([reference.current, reference.states]);
          }
        },
      ),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(400) },
    );
  });

  it('count some entries on most generated logs, and the closing leaves some out (the property above is not checking zeros)', () => {
    // The same generators, sampled: a property that only ever compared empty figures would pass.
    const samples = fc.sample(fc.tuple(fc.array(entry, { minLength: 10, maxLength: 40 }), indicator, window), { seed: FUZZ_SEED, numRuns: 40 });
    let nonZero = 0;
    // And the closing rule leaves entries out of some of them (the property compares closed windows that matter).
    let cutByClosing = 0;
    for (const [entries, rules, days] of samples) {
      write(entries, []);
      const parties = partyDays(treatyFacts(ctx.store, ctx.states));
      const open = ctx.store.entries.figure(figureQuery(rules, { from: days.from, to: days.to }, parties)).current;
      if (open > 0) nonZero++;
      if (ctx.store.entries.figure(figureQuery(rules, { from: days.from, to: days.to, closed: CLOSING }, parties)).current < open) cutByClosing++;
    }
    expect(nonZero).toBeGreaterThan(5);
    expect(cutByClosing).toBeGreaterThan(2);
  });
});
