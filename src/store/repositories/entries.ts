/**
 * The follow-up log the plan asks for: contacts, meetings and next steps. Withdrawn entries
 * keep their rows; every read here is of live entries unless it says otherwise.
 */
import { and, desc, eq, gte, inArray, isNull, lt, param, prepared, rawStatement, selectList, sql } from '../orm.ts';
import type { FigureQuery } from '../../domain/counting.ts';
import type { Db } from '../database.ts';
import * as schema from '../schema.ts';
import { type Counted, EntryFigures } from './entry-figures.ts';
import type { EntryRow } from './rows.ts';

/**
 * An open next step, as the partial indexes `entries_open_steps` and `entries_open_steps_state`
 * are defined: the kind as a literal, since SQLite uses a partial index only where it can see
 * that the query implies its condition.
 */
const openNextStep = and(sql`${schema.entries.kind} = 'next_step'`, isNull(schema.entries.completedOn), isNull(schema.entries.withdrawnAt));

/** An overdue next step as the digest lists it. */
export interface OverdueStep {
  id: number;
  stateIso3: string;
  step: string | null;
  dueOn: string | null;
  /** The display name of the person who logged it (its owner); null if unknown. */
  owner: string | null;
}

export class EntryRepository {
  private readonly db: Db;
  // The reads of every request (a card, the same meeting typed twice, the treaty facts) are
  // run by better-sqlite3 itself, rows in their final shape (see `rawStatement`); the WHERE
  // clauses name each partial index's condition as the index does, so that SQLite uses it.
  private readonly byIdQuery = prepared(() => rawStatement<EntryRow>(this.db, `SELECT ${selectList(schema.entries)} FROM entries WHERE id = @id`));
  private readonly sameDayQuery = prepared(() =>
    rawStatement<Pick<EntryRow, 'id' | 'personId'>>(
      this.db,
      `SELECT id, person_id AS personId FROM entries
       WHERE kind = @kind AND state_iso3 = @iso3 AND occurred_on = @day AND withdrawn_at IS NULL ORDER BY id`,
    ),
  );
  private readonly overdueQuery = prepared(() =>
    this.db
      .select()
      .from(schema.entries)
      .where(and(openNextStep, lt(schema.entries.dueOn, param('today'))))
      .orderBy(schema.entries.dueOn, schema.entries.id)
      .prepare(),
  );
  private readonly overdueWithOwnersQuery = prepared(() =>
    this.db
      .select({
        id: schema.entries.id,
        stateIso3: schema.entries.stateIso3,
        step: schema.entries.step,
        dueOn: schema.entries.dueOn,
        owner: schema.people.displayName,
      })
      .from(schema.entries)
      .leftJoin(schema.people, eq(schema.people.id, schema.entries.personId))
      .where(and(openNextStep, lt(schema.entries.dueOn, param('today'))))
      .orderBy(schema.entries.dueOn, schema.entries.id)
      .prepare(),
  );
  private readonly factsQuery = prepared(() =>
    this.db
      .select({
        id: schema.entries.id,
        kind: schema.entries.kind,
        stateIso3: schema.entries.stateIso3,
        occurredOn: schema.entries.occurredOn,
        level: schema.entries.level,
        loggedAt: schema.entries.createdAt,
      })
      .from(schema.entries)
      .where(isNull(schema.entries.withdrawnAt))
      .prepare(),
  );
  private readonly kindsQuery = prepared(() =>
    this.db
      .selectDistinct({ kind: schema.entries.kind })
      .from(schema.entries)
      .where(and(eq(schema.entries.stateIso3, param('iso3')), isNull(schema.entries.withdrawnAt)))
      .prepare(),
  );
  private readonly lastContactQuery = prepared(() =>
    this.db
      .select()
      .from(schema.entries)
      .where(and(eq(schema.entries.stateIso3, param('iso3')), inArray(schema.entries.kind, ['contacted', 'meeting']), isNull(schema.entries.withdrawnAt)))
      .orderBy(desc(schema.entries.occurredOn), desc(schema.entries.id))
      .limit(1)
      .prepare(),
  );
  private readonly joinsQuery = prepared(() =>
    rawStatement<EntryRow>(
      this.db,
      `SELECT ${selectList(schema.entries)} FROM entries WHERE kind = 'joined' AND withdrawn_at IS NULL ORDER BY occurred_on, id`,
    ),
  );
  private readonly openStepsQuery = prepared(() =>
    rawStatement<EntryRow>(
      this.db,
      `SELECT ${selectList(schema.entries)} FROM entries
       WHERE state_iso3 = @iso3 AND kind = 'next_step' AND completed_on IS NULL AND withdrawn_at IS NULL
       ORDER BY occurred_on DESC, id DESC`,
    ),
  );
  /** {@link recent}, one pair of prepared queries for each of its four forms. */
  private readonly recentQueries = new Map<string, ReturnType<EntryRepository['buildRecent']>>();
  /** {@link ofKinds}, one prepared query per list of kinds asked for (a handful in all). */
  private readonly ofKindsQueries = new Map<string, ReturnType<EntryRepository['buildOfKinds']>>();

  private readonly figures: EntryFigures;

  constructor(db: Db) {
    this.db = db;
    this.figures = new EntryFigures(db);
  }

  /**
   * A deliverable's figure counted in SQL, as `figureQuery` states its rules: how many units,
   * and how many states; `until`: the same as it stood at the end of that day, counted at once.
   */
  figure(query: FigureQuery, until?: string): Counted & { until: Counted } {
    return this.figures.count(query, until);
  }

  /** One entry by its number, withdrawn or not. */
  byId(id: number): EntryRow | undefined {
    return this.byIdQuery().get({ id });
  }

  /** A state's open next steps, newest first. */
  openSteps(iso3: string): EntryRow[] {
    return this.openStepsQuery().all({ iso3 });
  }

  /**
   * Entries of one kind about one state on one day, oldest first, and who logged them: to spot
   * the same meeting logged twice. (Only these two columns: a busy day has many such entries.)
   */
  sameDay(kind: EntryRow['kind'], iso3: string, day: string): Pick<EntryRow, 'id' | 'personId'>[] {
    return this.sameDayQuery().all({ kind, iso3, day });
  }

  /**
   * The latest `limit` entries (about one state, if given) that happened on or after `since`,
   * newest first, and how many there are in all.
   */
  recent(since: string | undefined, limit: number, iso3?: string): { rows: EntryRow[]; total: number } {
    const key = `${since === undefined ? '' : 'since'}|${iso3 === undefined ? '' : 'state'}`;
    let queries = this.recentQueries.get(key);
    if (!queries) {
      queries = this.buildRecent(since !== undefined, iso3 !== undefined);
      this.recentQueries.set(key, queries);
    }
    const where = { ...(since === undefined ? {} : { since }), ...(iso3 === undefined ? {} : { iso3 }) };
    return { rows: queries.rows.all({ ...where, limit }), total: queries.total.get(where)?.n ?? 0 };
  }

  private buildRecent(bySince: boolean, byState: boolean) {
    const where = ['withdrawn_at IS NULL', ...(byState ? ['state_iso3 = @iso3'] : []), ...(bySince ? ['occurred_on >= @since'] : [])].join(' AND ');
    return {
      rows: rawStatement<EntryRow>(this.db, `SELECT ${selectList(schema.entries)} FROM entries WHERE ${where} ORDER BY occurred_on DESC, id DESC LIMIT @limit`),
      total: rawStatement<{ n: number }>(this.db, `SELECT count(*) AS n FROM entries WHERE ${where}`),
    };
  }

  /** Every entry, withdrawn ones included, that happened on or after `since`: the whole log, oldest number first, for exports. */
  everything(since?: string): EntryRow[] {
    return this.db
      .select()
      .from(schema.entries)
      .where(since ? gte(schema.entries.occurredOn, since) : undefined)
      .orderBy(schema.entries.id)
      .all();
  }

  /**
   * Live entries of every kind, the columns deliverable progress counts by (each indicator picks
   * its kinds), with when each was logged (`loggedAt`: a closed plan counts only those logged in time).
   */
  engagementFacts(): (Pick<EntryRow, 'id' | 'kind' | 'stateIso3' | 'occurredOn' | 'level'> & { loggedAt: string })[] {
    return this.factsQuery().all();
  }

  /** Live `joined` entries, oldest first: the deposits behind the treaty facts every command shows. */
  joins(): EntryRow[] {
    return this.joinsQuery().all();
  }

  /** Live entries of these kinds, oldest first: the log for `suggest`. */
  ofKinds(kinds: EntryRow['kind'][]): EntryRow[] {
    const key = kinds.join(',');
    let query = this.ofKindsQueries.get(key);
    if (!query) {
      query = this.buildOfKinds(kinds);
      this.ofKindsQueries.set(key, query);
    }
    return query.all();
  }

  private buildOfKinds(kinds: EntryRow['kind'][]) {
    return this.db
      .select()
      .from(schema.entries)
      .where(and(isNull(schema.entries.withdrawnAt), inArray(schema.entries.kind, kinds)))
      .orderBy(schema.entries.occurredOn, schema.entries.id)
      .prepare();
  }

  /** Next steps not marked done whose due date is before `today`, oldest due first. */
  overdueNextSteps(today: string): EntryRow[] {
    return this.overdueQuery().all({ today });
  }

  /** {@link overdueNextSteps} as the digest lists them: what was agreed, by when, and the owner's name. */
  overdueStepsWithOwners(today: string): OverdueStep[] {
    // As arrays, named here: drizzle's mapping of each row cost as much as reading them.
    return this.overdueWithOwnersQuery()
      .values({ today })
      .map(([id, stateIso3, step, dueOn, owner]) => ({ id, stateIso3, step, dueOn, owner }) as OverdueStep);
  }

  /**
   * Where outreach to a state stands, for the top-15 list: the kinds of entry it has, its latest
   * contact or meeting, and its open next step due soonest (undated ones last).
   */
  outreachOf(iso3: string): { kinds: EntryRow['kind'][]; lastContact: EntryRow | undefined; nextStep: EntryRow | undefined } {
    // The open steps come newest first from their own index (a query sorted by due date would
    // take the index of all the state's next steps, done ones included); the first due soonest wins.
    const open = this.openSteps(iso3);
    const nextStep = open.reduce<EntryRow | undefined>(
      (soonest, step) => (!soonest || (step.dueOn ?? '9999') < (soonest.dueOn ?? '9999') ? step : soonest),
      undefined,
    );
    return { kinds: this.kindsOf(iso3), lastContact: this.lastContactQuery().get({ iso3 }), nextStep };
  }

  /** The kinds of live entry a state has. */
  private kindsOf(iso3: string): EntryRow['kind'][] {
    return this.kindsQuery()
      .all({ iso3 })
      .map((r) => r.kind);
  }

  /** {@link kindsOf} for several states at once (the top-15 list's stages on the map), each kind looked up in the index. */
  kindsOfStates(iso3s: string[]): Map<string, EntryRow['kind'][]> {
    const kinds = new Map<string, EntryRow['kind'][]>(iso3s.map((iso3) => [iso3, []]));
    if (iso3s.length === 0) return kinds;
    const rows = this.db.all<{ iso3: string; kind: EntryRow['kind'] }>(
      sql`SELECT s.value AS iso3, k.value AS kind FROM json_each(${JSON.stringify(iso3s)}) AS s, json_each(${JSON.stringify(schema.entries.kind.enumValues)}) AS k
          WHERE EXISTS (SELECT 1 FROM entries AS e WHERE e.state_iso3 = s.value AND e.kind = k.value AND e.withdrawn_at IS NULL)`,
    );
    for (const row of rows) kinds.get(row.iso3)?.push(row.kind);
    return kinds;
  }

  /** One person's next steps not marked done, the earliest due first (those without a date last). */
  openNextStepsOf(personId: number): EntryRow[] {
    return this.db
      .select()
      .from(schema.entries)
      .where(
        and(
          eq(schema.entries.kind, 'next_step'),
          eq(schema.entries.personId, personId),
          isNull(schema.entries.withdrawnAt),
          isNull(schema.entries.completedOn),
        ),
      )
      .orderBy(sql`${schema.entries.dueOn} IS NULL`, schema.entries.dueOn, schema.entries.id)
      .all();
  }

  /** The latest contact or meeting with each of these states (ISO3 → date). */
  lastContacts(iso3s: string[]): Map<string, string> {
    if (iso3s.length === 0) return new Map();
    // State by state and kind by kind, the latest is the last row of its range of the index
    // (grouping the states' contacts and meetings read every one of them).
    const latest = (kind: EntryRow['kind']) =>
      sql`(SELECT max(e.occurred_on) FROM entries AS e WHERE e.state_iso3 = s.value AND e.kind = ${kind} AND e.withdrawn_at IS NULL)`;
    const rows = this.db.all<{ iso3: string; last: string | null }>(
      sql`SELECT s.value AS iso3, max(coalesce(${latest('contacted')}, ''), coalesce(${latest('meeting')}, '')) AS last FROM json_each(${JSON.stringify(iso3s)}) AS s`,
    );
    return new Map(rows.filter((r) => r.last).map((r) => [r.iso3, r.last!]));
  }
}
