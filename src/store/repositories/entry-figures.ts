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

/** An entry that counts: live, of the kinds and levels, on its days (`d`: its state's, `j`: its own for a join). */
const counts = (days: 'd' | 'j') =>
  `e.withdrawn_at IS NULL AND e.occurred_on BETWEEN ${days}.first AND ${days}.last
   AND (:levels IS NULL OR e.level IN (SELECT value FROM json_each(:levels)))`;

/** The counted entries' columns `columns`: those of the states' days, then the joins. */
const counted = (columns: string, union: 'UNION' | 'UNION ALL') =>
  `SELECT ${columns} FROM state_days AS d JOIN entries AS e INDEXED BY entries_live_state_kind_day ON e.state_iso3 = d.state
     WHERE e.kind IN (SELECT value FROM json_each(:kinds)) AND ${counts('d')}
   ${union}
   SELECT ${columns} FROM join_days AS j JOIN entries AS e ON e.id = j.id WHERE e.kind = 'joined' AND ${counts('j')}`;

/** What the statements count: the units of a figure (a figure of states is its count of states), or the states. */
type Figure = Exclude<DistinctUnit, 'state'> | 'states';

/** How many units the counted entries make, by what one unit is; `states`: how many states they concern. */
export const FIGURE_SQL: Record<Figure, string> = {
  entry: `${DAYS} SELECT count(*) AS n FROM (${counted('e.id', 'UNION ALL')})`,
  'state-day': `${DAYS} SELECT count(*) AS n FROM (${counted('e.state_iso3, e.occurred_on', 'UNION')})`,
  day: `${DAYS} SELECT count(*) AS n FROM (${counted('e.occurred_on', 'UNION')})`,
  // A state counts once one entry does: SQLite stops at the first, instead of reading them all.
  states: `${DAYS} SELECT count(*) AS n FROM (
    SELECT d.state FROM state_days AS d WHERE EXISTS (
      SELECT 1 FROM entries AS e INDEXED BY entries_live_state_kind_day
      WHERE e.state_iso3 = d.state AND e.kind IN (SELECT value FROM json_each(:kinds)) AND ${counts('d')})
    UNION
    SELECT e.state_iso3 FROM join_days AS j JOIN entries AS e ON e.id = j.id WHERE e.kind = 'joined' AND ${counts('j')})`,
};

/** A figure's parameters, as the statements above name them. */
export function figureParams(query: FigureQuery): Record<string, string | null> {
  return {
    kinds: JSON.stringify(query.kinds),
    levels: query.levels ? JSON.stringify(query.levels) : null,
    stateDays: JSON.stringify(query.stateDays),
    joinDays: JSON.stringify(query.joinDays),
  };
}

export class EntryFigures {
  private readonly db: Db;
  private readonly statements = new Map<string, ReturnType<Db['$client']['prepare']>>();

  constructor(db: Db) {
    this.db = db;
  }

  /** How many units count, and how many states the counted entries concern. */
  count(query: FigureQuery): { current: number; states: number } {
    const params = figureParams(query);
    const states = this.run('states', params);
    return { current: query.distinct === 'state' ? states : this.run(query.distinct, params), states };
  }

  private run(figure: Figure, params: Record<string, string | null>): number {
    let statement = this.statements.get(figure);
    if (!statement) {
      statement = this.db.$client.prepare(FIGURE_SQL[figure]);
      this.statements.set(figure, statement);
    }
    return (statement.get(params) as { n: number }).n;
  }
}
