/**
 * The follow-up log the plan asks for: contacts, meetings and next steps. Withdrawn entries
 * keep their rows; every read here is of live entries unless it says otherwise.
 */
import { and, desc, eq, gte, inArray, isNull, lt, lte, param, prepared, rawStatement, selectList, type SQL, sql } from '../orm.ts';
import type { Db } from '../database.ts';
import * as schema from '../schema.ts';
import type { EntryRow } from './rows.ts';

/**
 * An open next step, as the partial indexes `entries_open_steps` and `entries_open_steps_state`
 * are defined: the kind as a literal, since SQLite uses a partial index only where it can see
 * that the query implies its condition.
 */
const openNextStep = and(sql`${schema.entries.kind} = 'next_step'`, isNull(schema.entries.completedOn), isNull(schema.entries.withdrawnAt));

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
  private readonly factsQuery = prepared(() => this.engagementFactsQuery(undefined).prepare());
  private readonly factsWithinQuery = prepared(() =>
    this.engagementFactsQuery(and(gte(schema.entries.occurredOn, param('from')), lte(schema.entries.occurredOn, param('to')))).prepare(),
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
  private readonly nextStepQuery = prepared(() =>
    this.db
      .select()
      .from(schema.entries)
      .where(and(eq(schema.entries.stateIso3, param('iso3')), openNextStep))
      .orderBy(sql`coalesce(${schema.entries.dueOn}, '9999')`, desc(schema.entries.occurredOn), desc(schema.entries.id))
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

  constructor(db: Db) {
    this.db = db;
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
   * its kinds); only those that happened `within` these days (ISO dates, both included), if given.
   */
  engagementFacts(within?: { from: string; to: string }): Pick<EntryRow, 'id' | 'kind' | 'stateIso3' | 'occurredOn' | 'level'>[] {
    return within ? this.factsWithinQuery().all(within) : this.factsQuery().all();
  }

  private engagementFactsQuery(where: SQL | undefined) {
    return this.db
      .select({
        id: schema.entries.id,
        kind: schema.entries.kind,
        stateIso3: schema.entries.stateIso3,
        occurredOn: schema.entries.occurredOn,
        level: schema.entries.level,
      })
      .from(schema.entries)
      .where(and(isNull(schema.entries.withdrawnAt), where));
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

  /**
   * Where outreach to a state stands, for the top-15 list: the kinds of entry it has, its latest
   * contact or meeting, and its open next step due soonest (undated ones last).
   */
  outreachOf(iso3: string): { kinds: EntryRow['kind'][]; lastContact: EntryRow | undefined; nextStep: EntryRow | undefined } {
    return {
      kinds: this.kindsQuery()
        .all({ iso3 })
        .map((r) => r.kind),
      lastContact: this.lastContactQuery().get({ iso3 }),
      nextStep: this.nextStepQuery().get({ iso3 }),
    };
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
    const rows = this.db
      .select({ iso3: schema.entries.stateIso3, last: sql<string>`max(${schema.entries.occurredOn})` })
      .from(schema.entries)
      .where(and(isNull(schema.entries.withdrawnAt), inArray(schema.entries.kind, ['contacted', 'meeting']), inArray(schema.entries.stateIso3, iso3s)))
      .groupBy(schema.entries.stateIso3)
      .all();
    return new Map(rows.map((r) => [r.iso3, r.last]));
  }
}
