/**
 * The barrier map (shared across cycles): each state's current barrier per category, and the
 * recommended engagement message per category. Withdrawn rows stay, for the audit trail.
 */
import { and, eq, isNull, lte, param, prepared, rawStatement, selectList, sql } from '../orm.ts';
import type { Db } from '../database.ts';
import * as schema from '../schema.ts';
import type { BarrierMessageRow, BarrierRow } from './rows.ts';

export class BarrierRepository {
  private readonly db: Db;
  private readonly liveQuery = prepared(() =>
    this.db.select().from(schema.barriers).where(isNull(schema.barriers.withdrawnAt)).orderBy(schema.barriers.createdAt, schema.barriers.id).prepare(),
  );
  // A state's card shows them (see `rawStatement`).
  private readonly liveOfStateQuery = prepared(() =>
    rawStatement<BarrierRow>(
      this.db,
      `SELECT ${selectList(schema.barriers)} FROM barriers WHERE withdrawn_at IS NULL AND state_iso3 = @iso3 ORDER BY created_at, id`,
    ),
  );

  /** {@link statesWith}, prepared once for every progress report (the states as a JSON list). */
  private readonly statesWithQuery = prepared(() => this.statesWithOf(false));
  private readonly statesWithBeforeQuery = prepared(() => this.statesWithOf(true));

  private statesWithOf(byInstant: boolean) {
    return this.db
      .selectDistinct({ iso3: schema.barriers.stateIso3 })
      .from(schema.barriers)
      .where(
        and(
          isNull(schema.barriers.withdrawnAt),
          sql`${schema.barriers.stateIso3} IN (SELECT value FROM json_each(${param('iso3s')}))`,
          byInstant ? lte(schema.barriers.createdAt, param('before')) : undefined,
        ),
      )
      .prepare();
  }

  constructor(db: Db) {
    this.db = db;
  }

  /** Current barriers, for one state or all, oldest first. */
  live(iso3?: string): BarrierRow[] {
    return iso3 ? this.liveOfStateQuery().all({ iso3 }) : this.liveQuery().all();
  }

  /** A state's current barrier in one category, if it has one (never more: see the schema). */
  current(iso3: string, category: BarrierRow['category']): BarrierRow | undefined {
    return this.db
      .select()
      .from(schema.barriers)
      .where(and(eq(schema.barriers.stateIso3, iso3), eq(schema.barriers.category, category), isNull(schema.barriers.withdrawnAt)))
      .get();
  }

  /** Which of these states have at least one live barrier recorded (by `before`, an ISO instant, if given). */
  statesWith(iso3s: string[], before?: string): Set<string> {
    if (iso3s.length === 0) return new Set();
    const params = { iso3s: JSON.stringify(iso3s), before };
    const rows = before ? this.statesWithBeforeQuery().all(params) : this.statesWithQuery().all(params);
    return new Set(rows.map((r) => r.iso3));
  }

  /** The current recommended message of every category that has one. */
  messages(): BarrierMessageRow[] {
    return this.db.select().from(schema.barrierMessages).where(isNull(schema.barrierMessages.withdrawnAt)).orderBy(schema.barrierMessages.id).all();
  }

  /** One category's current recommended message, if it has one. */
  message(category: BarrierMessageRow['category']): BarrierMessageRow | undefined {
    return this.db
      .select()
      .from(schema.barrierMessages)
      .where(and(eq(schema.barrierMessages.category, category), isNull(schema.barrierMessages.withdrawnAt)))
      .get();
  }
}
