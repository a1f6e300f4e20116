/**
 * Reminders held back on purpose: snoozed next steps, people away, quiet periods. Written
 * through the audit trail (`store.changes`, entity `holds`); read here.
 */
import { and, asc, eq, isNull } from '../orm.ts';
import type { Db } from '../database.ts';
import * as schema from '../schema.ts';
import type { HoldRow } from './rows.ts';

export class HoldRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Every live hold, oldest first. */
  all(): HoldRow[] {
    return this.db.select().from(schema.holds).where(isNull(schema.holds.removedAt)).orderBy(asc(schema.holds.fromDay), asc(schema.holds.id)).all();
  }

  /** The live snooze of a next step, if its owner snoozed it. */
  snoozeOf(entryId: number): HoldRow | undefined {
    return this.live('snooze', eq(schema.holds.entryId, entryId));
  }

  /** The person's live away period, if they set one. */
  awayOf(personId: number): HoldRow | undefined {
    return this.live('away', eq(schema.holds.personId, personId));
  }

  /** The live quiet periods, in date order. */
  quiet(): HoldRow[] {
    return this.all().filter((h) => h.kind === 'quiet');
  }

  /**
   * Every quiet period ever set, removed ones included, each with its number: 1, 2, 3… in the
   * order they were set. People see and type these numbers; the rows' ids are shared with
   * snoozes and time away, so the first quiet period could otherwise be "quiet period 3".
   */
  quietNumbered(): (HoldRow & { number: number })[] {
    return this.db
      .select()
      .from(schema.holds)
      .where(eq(schema.holds.kind, 'quiet'))
      .orderBy(asc(schema.holds.id))
      .all()
      .map((row, i) => ({ ...row, number: i + 1 }));
  }

  byId(id: number): HoldRow | undefined {
    return this.db.select().from(schema.holds).where(eq(schema.holds.id, id)).get();
  }

  private live(kind: HoldRow['kind'], where: ReturnType<typeof eq>): HoldRow | undefined {
    return this.db
      .select()
      .from(schema.holds)
      .where(and(eq(schema.holds.kind, kind), where, isNull(schema.holds.removedAt)))
      .orderBy(asc(schema.holds.id))
      .all()
      .at(-1);
  }
}
