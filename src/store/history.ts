/**
 * Undo and redo over the audit trail.
 *
 * A change is reversed column by column: only the columns it set are put back, and only while
 * they still hold what it left there. An edit to another column, or a column added to the
 * table after the change, never blocks an undo; a later change to the same column does, and
 * the refusal names it. Undo and redo are both a reversal recorded as its own audit row, with
 * the reversed row pointing at it (`undoneBy`): a redo is the reversal of an undo, and can be
 * undone in turn. Nothing is deleted.
 */
import { and, desc, eq, gt, inArray, isNull, ne, param, prepared } from './orm.ts';
import type { Db } from './database.ts';
import * as schema from './schema.ts';
import type { Attribution, AuditRow } from './repositories/rows.ts';
import { columnsChangedSince, type Entity, UNDOABLE, valuesSet } from './undoable.ts';

type Row = Record<string, unknown>;

export type Reversal =
  | { ok: true; before: Row; row: Row; changeId: number }
  /** `by` is the later change that overwrote a column, when the audit trail has one. */
  | { ok: false; reason: 'overwritten'; by: AuditRow | undefined }
  | { ok: false; reason: 'not-undoable'; message: string };

export class History {
  private readonly db: Db;
  private readonly recordQuery = prepared(() =>
    this.db
      .insert(schema.audit)
      .values({
        at: param('at'),
        personId: param('personId'),
        platform: param('platform'),
        channelId: param('channelId'),
        command: param('command'),
        action: param('action'),
        entity: param('entity'),
        entityId: param('entityId'),
        before: param('before'),
        after: param('after'),
      })
      .returning({ id: schema.audit.id })
      .prepare(),
  );

  private readonly insertQueries = new Map<string, { get(values: Record<string, unknown>): unknown }>();

  constructor(db: Db) {
    this.db = db;
  }

  /** Inserts a row and records the change; returns the new row and the change's id (for undo). */
  create<E extends Entity>(entity: E, values: (typeof UNDOABLE)[E]['table']['$inferInsert'], who: Attribution, action: string) {
    // A column given as undefined is left to its default, as drizzle's insert does.
    const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
    const row = this.insertQuery(entity, Object.keys(given)).get(given) as (typeof UNDOABLE)[E]['table']['$inferSelect'];
    const changeId = this.record(who, action, entity, String((row as { id: unknown }).id), null, row);
    return { row, changeId };
  }

  /**
   * The insert of a row into `entity`'s table with these columns given, built and compiled once
   * for each (a command gives the same columns every time, so there are a few dozen in all).
   */
  private insertQuery(entity: Entity, columns: readonly string[]) {
    const key = `${entity}:${columns.join(',')}`;
    let query = this.insertQueries.get(key);
    if (!query) {
      query = this.db
        .insert(UNDOABLE[entity].table)
        .values(Object.fromEntries(columns.map((column) => [column, param(column)])) as never)
        .returning()
        .prepare();
      this.insertQueries.set(key, query);
    }
    return query;
  }

  /** Updates one row by key and records its before and after; returns the row after and the change's id. */
  update<E extends Entity>(entity: E, key: string | number, set: Partial<(typeof UNDOABLE)[E]['table']['$inferInsert']>, who: Attribution, action: string) {
    const { table, key: keyColumn } = UNDOABLE[entity];
    const before = this.db
      .select()
      .from(table)
      .where(eq(keyColumn, key as never))
      .get();
    if (!before) throw new Error(`No ${entity} row ${key}`);
    const after = this.db
      .update(table)
      .set(set as never)
      .where(eq(keyColumn, key as never))
      .returning()
      .get();
    const changeId = this.record(who, action, entity, String(key), before, after);
    return { row: after as (typeof UNDOABLE)[E]['table']['$inferSelect'], changeId };
  }

  private record(who: Attribution, action: string, entity: Entity, entityId: string, before: unknown, after: unknown): number {
    return this.recordQuery().get({
      at: who.at,
      personId: who.person.id,
      platform: who.platform,
      channelId: who.channelId,
      command: who.command,
      action,
      entity,
      entityId,
      before: before === null ? null : JSON.stringify(before),
      after: JSON.stringify(after),
    })!.id;
  }

  /** Marks changes made together by one command, so that undo and redo take them together. */
  markBatch(changeIds: readonly number[]): void {
    if (changeIds.length < 2) return;
    this.db
      .update(schema.audit)
      .set({ batch: changeIds[0]! })
      .where(inArray(schema.audit.id, [...changeIds]))
      .run();
  }

  /**
   * The changes of `change`'s batch still standing, `change` first: what one `undo` (or, for an
   * undo, one `redo`) reverses together. Just `change` when it was made alone.
   */
  batchOf(change: AuditRow): AuditRow[] {
    if (change.batch === null) return [change];
    const others = this.db
      .select()
      .from(schema.audit)
      .where(and(eq(schema.audit.batch, change.batch), isNull(schema.audit.undoneBy), ne(schema.audit.id, change.id)))
      .orderBy(schema.audit.id)
      .all();
    return [change, ...others];
  }

  /** One change of the audit trail by its id. */
  byId(id: number): AuditRow | undefined {
    return this.db.select().from(schema.audit).where(eq(schema.audit.id, id)).get();
  }

  /**
   * Reverses a change: a created row is withdrawn (kept, marked), changed columns get their
   * earlier values back. Refuses when one of those columns was changed again since.
   */
  undo(change: AuditRow, who: Attribution): Reversal {
    return this.reverse(change, who, 'undo');
  }

  /** Re-applies what an undo took back, as a change of its own (which can be undone again). */
  redo(undo: AuditRow, who: Attribution): Reversal {
    return this.reverse(undo, who, 'redo');
  }

  /** The plan whose row the change touched (a milestone, a place on a top-15 list); undefined for rows of no plan. */
  planOf(change: AuditRow): string | undefined {
    const planId = this.current(change)?.planId;
    return typeof planId === 'string' ? planId : undefined;
  }

  private spec(change: AuditRow) {
    return Object.hasOwn(UNDOABLE, change.entity) ? UNDOABLE[change.entity as Entity] : undefined;
  }

  private current(change: AuditRow): Row | undefined {
    const spec = this.spec(change);
    if (!spec) return undefined;
    return this.db
      .select()
      .from(spec.table)
      .where(eq(spec.key, this.key(change) as never))
      .get() as Row | undefined;
  }

  private key(change: AuditRow): string | number {
    return change.entity === 'milestones' ? change.entityId : Number(change.entityId);
  }

  /**
   * Whether a column the change set no longer holds its value; if so, the latest later change
   * that set one of those columns (undefined in `by` when none is on record).
   */
  overwritten(change: AuditRow): { by: AuditRow | undefined } | undefined {
    const current = this.current(change);
    if (!current) return { by: undefined };
    const changed = columnsChangedSince(change, current);
    if (changed.length === 0) return undefined;
    const later = this.db
      .select()
      .from(schema.audit)
      .where(and(eq(schema.audit.entity, change.entity), eq(schema.audit.entityId, change.entityId), gt(schema.audit.id, change.id)))
      .orderBy(desc(schema.audit.id))
      .all();
    return { by: later.find((c) => changed.some((column) => Object.hasOwn(valuesSet(c), column))) };
  }

  /**
   * Puts back what `change` changed and records that as `action` ('undo' or 'redo'), with
   * `change` pointing at the new row. A created row is withdrawn (kept, marked), never deleted.
   */
  private reverse(change: AuditRow, who: Attribution, action: 'undo' | 'redo'): Reversal {
    const spec = this.spec(change);
    if (!spec) return { ok: false, reason: 'not-undoable', message: `changes to ${change.entity} cannot be undone` };
    if (change.before === null && !spec.withdraw) return { ok: false, reason: 'not-undoable', message: 'this kind of record cannot be withdrawn' };
    const blocked = this.overwritten(change);
    if (blocked) return { ok: false, reason: 'overwritten', by: blocked.by };
    const previous = change.before === null ? undefined : (JSON.parse(change.before) as Row);
    const values: Row = previous
      ? Object.fromEntries(Object.keys(valuesSet(change)).map((column) => [column, previous[column] ?? null]))
      : { [spec.withdraw!]: who.at };
    // A row withdrawn again is stamped with this moment, not the earlier one: the top-15
    // history (`targetsActiveAt`) reads when a state left the list from it.
    if (spec.withdraw && values[spec.withdraw] !== undefined && values[spec.withdraw] !== null) values[spec.withdraw] = who.at;
    const before = this.current(change)!;
    const after =
      Object.keys(values).length === 0
        ? before
        : (this.db
            .update(spec.table)
            .set(values as never)
            .where(eq(spec.key, this.key(change) as never))
            .returning()
            .get() as Row);
    const changeId = this.record(who, action, change.entity as Entity, change.entityId, before, after);
    this.db.update(schema.audit).set({ undoneBy: changeId }).where(eq(schema.audit.id, change.id)).run();
    return { ok: true, before, row: after, changeId };
  }

  /** A person's changes that stand (not undone), undos aside, newest first: what `undo` steps back through. */
  undoable(personId: number, limit: number): AuditRow[] {
    return this.db
      .select()
      .from(schema.audit)
      .where(and(eq(schema.audit.personId, personId), ne(schema.audit.action, 'undo'), isNull(schema.audit.undoneBy)))
      .orderBy(desc(schema.audit.id))
      .limit(limit)
      .all();
  }

  /** A person's latest undo that has not been redone: what `redo` re-applies. */
  lastUndo(personId: number): AuditRow | undefined {
    return this.db
      .select()
      .from(schema.audit)
      .where(and(eq(schema.audit.personId, personId), eq(schema.audit.action, 'undo'), isNull(schema.audit.undoneBy)))
      .orderBy(desc(schema.audit.id))
      .limit(1)
      .get();
  }

  /**
   * The change that last made a row live: its creation, or a redo that brought it back after
   * it was withdrawn. Withdrawing the row is undoing that change.
   */
  lastArrival(entity: Entity, entityId: string): AuditRow | undefined {
    const withdraw = UNDOABLE[entity].withdraw;
    if (!withdraw) return undefined;
    const standing = this.db
      .select()
      .from(schema.audit)
      .where(and(eq(schema.audit.entity, entity), eq(schema.audit.entityId, entityId), ne(schema.audit.action, 'undo'), isNull(schema.audit.undoneBy)))
      .orderBy(desc(schema.audit.id))
      .all();
    return standing.find((c) => {
      const set = valuesSet(c);
      return Object.hasOwn(set, withdraw) && set[withdraw] === null;
    });
  }

  /** The change a chain of undos and redos goes back to, for saying what was undone or redone. */
  original(change: AuditRow): AuditRow {
    let current = change;
    for (let hops = 0; (current.action === 'undo' || current.action === 'redo') && hops < 1000; hops++) {
      const reversed = this.db.select().from(schema.audit).where(eq(schema.audit.undoneBy, current.id)).get();
      if (!reversed) break;
      current = reversed;
    }
    return current;
  }
}
