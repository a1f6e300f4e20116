/**
 * Deliverable figures counted in SQL, from the index of each state's live entries by kind and
 * day (`entries_live_state_kind_day`), instead of carrying the plan period's entries (tens of
 * thousands on a log of years) into JavaScript for every `deliverables` and digest.
 *
 * The rules are not decided here: `figureQuery` (domain/counting.ts) turns an indicator into
 * the kinds, levels and days each state's entries (and each join) must fall within, and these
 * statements only apply them. countEntries stays the reference; test/figures.test.ts checks on
 * generated logs that both give the same figures.
 *
 * Plain better-sqlite3 statements: drizzle cannot join a table-valued function or name the
 * index, and the figures must come from this index (without statistics SQLite would otherwise
 * read each row for its kind). Each statement is compiled once per connection.
 */
import type { FigureQuery } from '../../domain/counting.ts';
import type { DistinctUnit } from '../../domain/plan.ts';
import type { Db } from '../database.ts';

/** The days on which each state's entries count, and each join's: `[key, first, last]` rows. */
const DAYS = `WITH state_days(state, first, last) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(:stateDays)),
  join_days(id, first, last) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(:joinDays))`;

/**
 * The statements of every figure, for an open plan or a closed one (`closed`: an entry counts
 * only when logged by `:loggedBy`, which the index does not hold, so an open plan's figures
 * never read the rows for it).
 */
function figureStatements(closed: boolean): Record<Figure, string> {
  /**
   * An entry that counts: live, of the levels, on its days (`d`: its state's, `j`: its own for a
   * join), up to `last` (the days' last, or an earlier day), logged in time.
   */
  const counts = (days: 'd' | 'j', last = `${days}.last`) =>
    `e.withdrawn_at IS NULL AND e.occurred_on BETWEEN ${days}.first AND ${last}
     AND (:levels IS NULL OR e.level IN (SELECT value FROM json_each(:levels)))${closed ? ' AND e.created_at <= :loggedBy' : ''}`;

  /** One of the state's (`d`) entries of the kinds counts, up to `last`. */
  const stateCounts = (last?: string) =>
    `EXISTS (SELECT 1 FROM entries AS e INDEXED BY entries_live_state_kind_day
       WHERE e.state_iso3 = d.state AND e.kind IN (SELECT value FROM json_each(:kinds)) AND ${counts('d', last)})`;

  /** The counted entries' `columns` (a unit and its `day`): those of the states' days, then the joins. */
  const counted = (columns: string, union: 'UNION' | 'UNION ALL') =>
    `SELECT ${columns} FROM state_days AS d JOIN entries AS e INDEXED BY entries_live_state_kind_day ON e.state_iso3 = d.state
       WHERE e.kind IN (SELECT value FROM json_each(:kinds)) AND ${counts('d')}
     ${union}
     SELECT ${columns} FROM join_days AS j JOIN entries AS e ON e.id = j.id WHERE e.kind = 'joined' AND ${counts('j')}`;

  return {
    entry: `${DAYS} SELECT count(*) AS n, count(*) FILTER (WHERE day <= :until) AS until FROM (${counted('e.id, e.occurred_on AS day', 'UNION ALL')})`,
    'state-day': `${DAYS} SELECT count(*) AS n, count(*) FILTER (WHERE day <= :until) AS until FROM (${counted('e.state_iso3, e.occurred_on AS day', 'UNION')})`,
    day: `${DAYS} SELECT count(*) AS n, count(*) FILTER (WHERE day <= :until) AS until FROM (${counted('e.occurred_on AS day', 'UNION')})`,
    // A state counts once one entry does: SQLite stops at the first, instead of reading them all.
    states: `${DAYS} SELECT count(*) AS n, count(*) FILTER (WHERE until) AS until FROM (
      SELECT max(until) AS until FROM (
        SELECT d.state, ${stateCounts('min(d.last, :until)')} AS until FROM state_days AS d WHERE ${stateCounts()}
        UNION ALL
        SELECT e.state_iso3, e.occurred_on <= :until FROM join_days AS j JOIN entries AS e ON e.id = j.id WHERE e.kind = 'joined' AND ${counts('j')})
      GROUP BY state)`,
  };
}

/** What the statements count: the units of a figure (a figure of states is its count of states), or the states. */
type Figure = Exclude<DistinctUnit, 'state'> | 'states';

/**
 * How many units the counted entries make, by what one unit is, and how many of them are on or
 * before `:until` (a day, or null): the figure as it stood then, counted in the same pass
 * (`until`). `states`: how many states the entries concern, then and now. For an open plan;
 * {@link CLOSED_FIGURE_SQL} for a closed one.
 */
export const FIGURE_SQL: Record<Figure, string> = figureStatements(false);

/** {@link FIGURE_SQL} for a closed plan: only entries logged by `:loggedBy` count. */
export const CLOSED_FIGURE_SQL: Record<Figure, string> = figureStatements(true);

/** A figure's parameters, as the statements above name them. */
export function figureParams(query: FigureQuery, until?: string): Record<string, string | null> {
  return {
    until: until ?? null,
    kinds: JSON.stringify(query.kinds),
    levels: query.levels ? JSON.stringify(query.levels) : null,
    stateDays: JSON.stringify(query.stateDays),
    joinDays: JSON.stringify(query.joinDays),
    ...(query.loggedBy === undefined ? {} : { loggedBy: query.loggedBy }),
  };
}

/** A figure: how many units count, and how many states they concern. */
export interface Counted {
  current: number;
  states: number;
}

export class EntryFigures {
  private readonly db: Db;
  private readonly statements = new Map<string, ReturnType<Db['$client']['prepare']>>();

  constructor(db: Db) {
    this.db = db;
  }

  /**
   * How many units count, and how many states the counted entries concern; `until`: the same,
   * counting only the entries on or before that day (zeros without it).
   */
  count(query: FigureQuery, until?: string): Counted & { until: Counted } {
    const params = figureParams(query, until);
    const closed = query.loggedBy !== undefined;
    const states = this.run('states', closed, params);
    const units = query.distinct === 'state' ? states : this.run(query.distinct, closed, params);
    return { current: units.n, states: states.n, until: { current: units.until, states: states.until } };
  }

  private run(figure: Figure, closed: boolean, params: Record<string, string | null>): { n: number; until: number } {
    const key = `${figure}${closed ? ' closed' : ''}`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.$client.prepare((closed ? CLOSED_FIGURE_SQL : FIGURE_SQL)[figure]);
      this.statements.set(key, statement);
    }
    return statement.get(params) as { n: number; until: number };
  }
}
