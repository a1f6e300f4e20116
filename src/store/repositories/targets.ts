/**
 * Each plan's top-15 engagement list.
 */
import { and, eq, gt, isNull, lte, or, param, prepared, rawStatement, selectList } from '../orm.ts';
import type { Db } from '../database.ts';
import * as schema from '../schema.ts';
import type { TargetRow } from './rows.ts';

export class TargetRepository {
  private readonly db: Db;
  private readonly activeQuery = prepared(() =>
    this.db
      .select()
      .from(schema.targets)
      .where(and(eq(schema.targets.planId, param('planId')), isNull(schema.targets.removedAt)))
      .orderBy(schema.targets.addedAt, schema.targets.id)
      .prepare(),
  );
  // A state's card shows it (see `rawStatement`).
  private readonly placeQuery = prepared(() =>
    rawStatement<TargetRow>(this.db, `SELECT ${selectList(schema.targets)} FROM targets WHERE plan_id = @planId AND state_iso3 = @iso3 AND removed_at IS NULL`),
  );

  private readonly activeAtQuery = prepared(() =>
    this.db
      .select()
      .from(schema.targets)
      .where(
        and(
          eq(schema.targets.planId, param('planId')),
          lte(schema.targets.addedAt, param('instant')),
          or(isNull(schema.targets.removedAt), gt(schema.targets.removedAt, param('instant'))),
        ),
      )
      .orderBy(schema.targets.addedAt, schema.targets.id)
      .prepare(),
  );

  constructor(db: Db) {
    this.db = db;
  }

  /** A plan's top-15 list as it is now. */
  active(planId: string): TargetRow[] {
    return this.activeQuery().all({ planId });
  }

  /** A state's place on a plan's list, if it has one. */
  placeOf(planId: string, iso3: string): TargetRow | undefined {
    return this.placeQuery().get({ planId, iso3 });
  }

  /** A plan's top-15 list as it stood at an instant (ISO): added by then and not yet removed. */
  activeAt(planId: string, instant: string): TargetRow[] {
    return this.activeAtQuery().all({ planId, instant });
  }
}
