/**
 * Treaty facts imported with `ccm data import`, kept apart from the shipped states table so that
 * a release never wipes them. Rows are added through the audit trail (`store.changes`), so an
 * import is attributed and `--at` views leave out what was imported later.
 */
import { prepared, rawStatement, selectList } from '../orm.ts';
import type { Db } from '../database.ts';
import * as schema from '../schema.ts';

export type OverrideRow = typeof schema.stateOverrides.$inferSelect;

export class OverrideRepository {
  private readonly db: Db;
  // Behind the treaty facts of every reply (see `rawStatement`).
  private readonly liveQuery = prepared(() =>
    rawStatement<OverrideRow>(this.db, `SELECT ${selectList(schema.stateOverrides)} FROM state_overrides WHERE withdrawn_at IS NULL ORDER BY id`),
  );

  constructor(db: Db) {
    this.db = db;
  }

  /** Every imported fact still standing, oldest first. */
  live(): OverrideRow[] {
    return this.liveQuery().all();
  }
}
