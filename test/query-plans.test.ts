/**
 * The queries a command or the scheduler's per-minute pass runs every time use an index, as
 * SQLite plans them on a database without statistics (ccm-bot never runs ANALYZE): a log of
 * years must not be read whole to show one state's card or to find the next steps to nudge.
 * Each query is captured as the store really runs it, then explained.
 */
import { rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { figureQuery } from '../src/domain/counting.ts';
import { openDatabase, type OpenDatabase } from '../src/store/database.ts';
import { CLOSED_FIGURE_SQL, FIGURE_SQL, figureParams } from '../src/store/repositories/entry-figures.ts';
import { Store } from '../src/store/store.ts';
import { tempDir } from './support/harness.ts';

let dir: string;
let database: OpenDatabase;
let store: Store;
let ran: { sql: string; params: unknown[] }[];
let explain: (sql: string) => Database.Statement;

beforeEach(() => {
  dir = tempDir();
  database = openDatabase(join(dir, 'ccm.sqlite'));
  ran = [];
  // Every statement run on the connection, drizzle's and the store's own, with its parameters.
  explain = database.sqlite.prepare.bind(database.sqlite);
  database.sqlite.prepare = ((sql: string) => recorded(explain(sql), sql)) as typeof database.sqlite.prepare;
  store = new Store(database.db);
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A statement that notes each run of it in `ran`; calls that return the statement return this one. */
function recorded(statement: Database.Statement, sql: string): Database.Statement {
  const proxy: Database.Statement = new Proxy(statement, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (key === 'get' || key === 'all' || key === 'run' || key === 'iterate') ran.push({ sql, params: args });
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result === target ? proxy : result;
      };
    },
  });
  return proxy;
}

/** The plan of every query `work` ran, one string per query ("SEARCH entries USING INDEX …"). */
function plansOf(work: () => unknown): string[] {
  ran = [];
  work();
  return ran.map(({ sql, params }) => (explain(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join(' | '));
}

describe('hot queries use their index', () => {
  it.each([
    ['a state card', () => store.entries.recent(undefined, 10, 'KEN'), ['entries_live_state_day', 'entries_live_state_day']],
    ["a state's open next steps", () => store.entries.openSteps('KEN'), ['entries_open_steps_state']],
    ["a state's log since a day", () => store.entries.recent('2026-01-01', 25, 'KEN'), ['entries_live_state_day', 'entries_live_state_day']],
    ['the same meeting typed twice', () => store.entries.sameDay('meeting', 'KEN', '2026-03-02'), ['entries_live_state_day']],
    ['the treaty facts behind every reply', () => store.entries.joins(), ['entries_joins']],
    ['a top-15 row', () => store.entries.outreachOf('KEN'), ['entries_open_steps_state', 'entries_live_state_kind_day', 'entries_live_state_day']],
    ["the listed states' stages on the map", () => store.entries.kindsOfStates(['KEN', 'LAO']), ['entries_live_state_kind_day']],
    ["the listed states' latest contacts", () => store.entries.lastContacts(['KEN', 'LAO']), ['entries_live_state_kind_day']],
    ['the overdue next steps a digest lists', () => store.entries.overdueStepsWithOwners('2026-05-05'), ['entries_open_steps']],
    ['the next steps to nudge, every minute', () => store.entries.overdueNextSteps('2026-05-05'), ['entries_open_steps']],
    ['the latest 25 entries and how many', () => store.entries.recent(undefined, 25), ['entries_live_day', 'entries_live_state_kind_day']],
    ['the person behind a chat user', () => store.people.known('slack', 'U1'), ['people_platform_user']],
    ['the changes to one row, before an undo', () => store.changes.lastArrival('entries', '12'), ['audit_entity']],
  ])('%s', (_what, work, indexes) => {
    const plans = plansOf(work);
    expect(plans).toHaveLength(indexes.length);
    for (const [i, plan] of plans.entries()) expect(plan).toContain(`USING INDEX ${indexes[i]}`);
  });
});

describe('the figures of `deliverables` and the digest', () => {
  // Plain statements (entry-figures.ts), not drizzle's: explained as written, with the
  // parameters a plan's indicator gives them.
  const query = figureQuery(
    {
      label: 'Bilateral outreach meetings',
      measure: 'entries',
      origin: 'plan',
      kinds: ['meeting', 'joined'],
      states: 'not-party',
      levels: ['geneva'],
      distinct: 'state-day',
    },
    { from: '2025-09-20', to: '2026-09-30' },
    {
      states: new Map([
        ['KEN', undefined],
        ['VUT', '2025-09-05'],
        ['FRA', '2009-09-25'],
      ]),
      joins: new Map([[12, undefined]]),
    },
  );
  // A closed plan's statements also read each entry's created_at, by its row, after the same index lookup.
  const closed = { ...query, loggedBy: '2026-10-30T22:59:59.999Z' };
  it.each([
    ...Object.entries(FIGURE_SQL).map(([figure, text]) => [figure, text, query] as const),
    ...Object.entries(CLOSED_FIGURE_SQL).map(([figure, text]) => [`${figure} (closed plan)`, text, closed] as const),
  ])('%s: state by state from the index, each join by its number', (_figure, text, params) => {
    const plan = (database.sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(figureParams(params)) as { detail: string }[]).map((row) => row.detail);
    expect(plan).toContainEqual(
      expect.stringContaining('USING INDEX entries_live_state_kind_day (state_iso3=? AND kind=? AND occurred_on>? AND occurred_on<?)'),
    );
    expect(plan).toContainEqual(expect.stringContaining('USING INTEGER PRIMARY KEY (rowid=?)'));
    expect(plan.filter((step) => /^SCAN (e|entries)\b/.test(step))).toEqual([]);
  });
});
