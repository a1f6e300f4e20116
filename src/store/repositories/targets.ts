/**
 * Each plan's top-15 engagement list, and the barrier map (shared across cycles).
 */
import { and, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../database.ts';
import * as schema from '../schema.ts';
import type { BarrierRow, TargetRow } from './rows.ts';

export class TargetRepository {
  constructor(private readonly db: Db) {}

  /** A plan's top-15 list as it is now. */
  active(planId: string): TargetRow[] {
    return this.db.select().from(schema.targets).where(and(eq(schema.targets.planId, planId), isNull(schema.targets.removedAt)))
      .orderBy(schema.targets.addedAt, schema.targets.id).all();
  }

  /** A state's place on a plan's list, if it has one. */
  placeOf(planId: string, iso3: string): TargetRow | undefined {
    return this.db.select().from(schema.targets)
      .where(and(eq(schema.targets.planId, planId), eq(schema.targets.stateIso3, iso3), isNull(schema.targets.removedAt))).get();
  }

  /** A plan's top-15 list as it stood at an instant (ISO): added by then and not yet removed. */
  activeAt(planId: string, instant: string): TargetRow[] {
    return this.db.select().from(schema.targets)
      .where(and(
        eq(schema.targets.planId, planId), lte(schema.targets.addedAt, instant),
        or(isNull(schema.targets.removedAt), gt(schema.targets.removedAt, instant)),
      ))
      .orderBy(schema.targets.addedAt, schema.targets.id).all();
  }
}

export class BarrierRepository {
  constructor(private readonly db: Db) {}

  /** Barriers recorded and not withdrawn, for one state or all, oldest first. */
  live(iso3?: string): BarrierRow[] {
    return this.db.select().from(schema.barriers)
      .where(and(isNull(schema.barriers.withdrawnAt), iso3 ? eq(schema.barriers.stateIso3, iso3) : undefined))
      .orderBy(schema.barriers.createdAt, schema.barriers.id).all();
  }

  /** Which of these states have at least one live barrier recorded (by `before`, an ISO instant, if given). */
  statesWith(iso3s: string[], before?: string): Set<string> {
    if (iso3s.length === 0) return new Set();
    const rows = this.db.selectDistinct({ iso3: schema.barriers.stateIso3 }).from(schema.barriers)
      .where(and(
        isNull(schema.barriers.withdrawnAt),
        inArray(schema.barriers.stateIso3, iso3s),
        before ? lte(schema.barriers.createdAt, before) : undefined,
      )).all();
    return new Set(rows.map((r) => r.iso3));
  }
}
