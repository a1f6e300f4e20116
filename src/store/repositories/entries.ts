/**
 * The follow-up log the plan asks for: contacts, meetings and next steps. Withdrawn entries
 * keep their rows; every read here is of live entries unless it says otherwise.
 */
import { and, desc, eq, gte, inArray, isNull, lt, sql } from '../orm.ts';
import type { Db } from '../database.ts';
import * as schema from '../schema.ts';
import type { EntryRow } from './rows.ts';

export class EntryRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** One entry by its number, withdrawn or not. */
  byId(id: number): EntryRow | undefined {
    return this.db.select().from(schema.entries).where(eq(schema.entries.id, id)).get();
  }

  /** Entries about one state, newest first. */
  forState(iso3: string): EntryRow[] {
    return this.db.select().from(schema.entries)
      .where(and(eq(schema.entries.stateIso3, iso3), isNull(schema.entries.withdrawnAt)))
      .orderBy(desc(schema.entries.occurredOn), desc(schema.entries.id)).all();
  }

  /** Entries of one kind about one state on one day, oldest first: to spot the same meeting logged twice. */
  sameDay(kind: EntryRow['kind'], iso3: string, day: string): EntryRow[] {
    return this.db.select().from(schema.entries)
      .where(and(
        eq(schema.entries.kind, kind), eq(schema.entries.stateIso3, iso3), eq(schema.entries.occurredOn, day),
        isNull(schema.entries.withdrawnAt),
      ))
      .orderBy(schema.entries.id).all();
  }

  /** Entries that happened on or after `since`, newest first, and how many there are in all. */
  recent(since: string | undefined, limit: number): { rows: EntryRow[]; total: number } {
    const where = and(isNull(schema.entries.withdrawnAt), since ? gte(schema.entries.occurredOn, since) : undefined);
    const rows = this.db.select().from(schema.entries).where(where)
      .orderBy(desc(schema.entries.occurredOn), desc(schema.entries.id)).limit(limit).all();
    const total = this.db.select({ n: sql<number>`count(*)` }).from(schema.entries).where(where).get()?.n ?? 0;
    return { rows, total };
  }

  /** Every entry, withdrawn ones included, that happened on or after `since`: the whole log, oldest number first, for exports. */
  everything(since?: string): EntryRow[] {
    return this.db.select().from(schema.entries).where(since ? gte(schema.entries.occurredOn, since) : undefined)
      .orderBy(schema.entries.id).all();
  }

  /** Live entries of every kind, the columns deliverable progress counts by (each indicator picks its kinds). */
  engagementFacts(): Pick<EntryRow, 'id' | 'kind' | 'stateIso3' | 'occurredOn' | 'level'>[] {
    return this.db.select({
      id: schema.entries.id, kind: schema.entries.kind, stateIso3: schema.entries.stateIso3,
      occurredOn: schema.entries.occurredOn, level: schema.entries.level,
    }).from(schema.entries)
      .where(isNull(schema.entries.withdrawnAt)).all();
  }

  /** Live entries of these kinds, oldest first: `joined` entries for the treaty facts, the log for `suggest`. */
  ofKinds(kinds: EntryRow['kind'][]): EntryRow[] {
    return this.db.select().from(schema.entries)
      .where(and(isNull(schema.entries.withdrawnAt), inArray(schema.entries.kind, kinds)))
      .orderBy(schema.entries.occurredOn, schema.entries.id).all();
  }

  /** Next steps not marked done whose due date is before `today`, oldest due first. */
  overdueNextSteps(today: string): EntryRow[] {
    return this.db.select().from(schema.entries)
      .where(and(
        eq(schema.entries.kind, 'next_step'), isNull(schema.entries.withdrawnAt), isNull(schema.entries.completedOn),
        lt(schema.entries.dueOn, today),
      ))
      .orderBy(schema.entries.dueOn, schema.entries.id).all();
  }

  /** The latest contact or meeting with each of these states (ISO3 → date). */
  lastContacts(iso3s: string[]): Map<string, string> {
    if (iso3s.length === 0) return new Map();
    const rows = this.db.select({ iso3: schema.entries.stateIso3, last: sql<string>`max(${schema.entries.occurredOn})` })
      .from(schema.entries)
      .where(and(isNull(schema.entries.withdrawnAt), inArray(schema.entries.kind, ['contacted', 'meeting']), inArray(schema.entries.stateIso3, iso3s)))
      .groupBy(schema.entries.stateIso3).all();
    return new Map(rows.map((r) => [r.iso3, r.last]));
  }
}
