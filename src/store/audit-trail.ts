/**
 * The history of what the group recorded: every change to one entry, to everything about a
 * state, to the quiet periods or to a person's time away, as `history` shows it. Read-only;
 * changes are made (and undone) through {@link History}.
 */
import type { Db } from './database.ts';
import { type Entity, UNDOABLE } from './undoable.ts';
import { and, desc, eq, getTableName, or, type SQL, sql } from './orm.ts';
import type { AuditRow } from './repositories/rows.ts';
import * as schema from './schema.ts';

export type TrailSubject = { entity: Entity; entityId: string } | { stateIso3: string } | { holds: 'quiet' | 'away'; personId?: number };

export class AuditTrail {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /**
   * Every change to the given rows, newest first, at most `limit` from `offset`, with how many
   * there are: the history of one entry, or of everything the group recorded about a state.
   */
  of(subject: TrailSubject, limit: number, offset = 0): { changes: AuditRow[]; total: number } {
    const where =
      'stateIso3' in subject
        ? this.aboutState(subject.stateIso3)
        : 'holds' in subject
          ? this.holdsOf(subject.holds, subject.personId)
          : or(
              and(eq(schema.audit.entity, subject.entity), eq(schema.audit.entityId, subject.entityId)),
              // An entry's snoozes are part of its story.
              subject.entity === 'entries' ? this.rowsWhere('holds', sql`kind = 'snooze' AND entry_id = ${Number(subject.entityId)}`) : undefined,
            );
    const total = this.db.select({ n: sql<number>`count(*)` }).from(schema.audit).where(where).get()?.n ?? 0;
    const changes = this.db.select().from(schema.audit).where(where).orderBy(desc(schema.audit.id)).limit(limit).offset(offset).all();
    return { changes, total };
  }

  /** Changes to the entries (and their snoozes), barriers, top-15 rows and imported facts of one state. */
  private aboutState(iso3: string): SQL | undefined {
    const rowsOf = (entity: Entity, table: string) =>
      and(eq(schema.audit.entity, entity), sql`${schema.audit.entityId} IN (SELECT CAST(id AS TEXT) FROM ${sql.identifier(table)} WHERE state_iso3 = ${iso3})`);
    return or(
      rowsOf('entries', 'entries'),
      rowsOf('barriers', 'barriers'),
      rowsOf('targets', 'targets'),
      rowsOf('overrides', 'state_overrides'),
      this.rowsWhere('holds', sql`kind = 'snooze' AND entry_id IN (SELECT id FROM entries WHERE state_iso3 = ${iso3})`),
    );
  }

  /** Changes to the quiet periods, or to one person's time away. */
  private holdsOf(kind: 'quiet' | 'away', personId: number | undefined): SQL | undefined {
    return this.rowsWhere('holds', personId === undefined ? sql`kind = ${kind}` : sql`kind = ${kind} AND person_id = ${personId}`);
  }

  /** Changes to the rows of `entity` that `condition` selects in its table. */
  private rowsWhere(entity: Entity, condition: SQL): SQL | undefined {
    const table = getTableName(UNDOABLE[entity].table);
    return and(eq(schema.audit.entity, entity), sql`${schema.audit.entityId} IN (SELECT CAST(id AS TEXT) FROM ${sql.identifier(table)} WHERE ${condition})`);
  }
}
