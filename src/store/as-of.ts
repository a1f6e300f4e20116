/**
 * The store as it stood at a past instant, for `ccm digest|tick|reminders --at`: a coordinator
 * must be able to reproduce exactly what a report said then, not today's figures.
 *
 * The live database is copied into memory, and on the copy every change the audit trail
 * records after the instant is reversed, newest first: a row created since is deleted, a row
 * changed since gets back the columns that change set (an undo or redo is reversed the same
 * way, as it also records before and after). The copy is then an ordinary {@link Store}, so
 * every report runs unchanged on it. The live database is only read.
 *
 * What the plan file seeds (milestone titles, windows, planned dates) is not in the audit
 * trail and stays as the file says now; dates set and completions made in chat are rolled
 * back. People rows stay (they carry no figures).
 *
 * The copy's ledger keeps the posts claimed by the instant, so that a dry run of a tick then
 * shows what that tick would have posted. It is for reading only: a real post is claimed in the
 * live ledger, never in the copy.
 */
import Database from 'better-sqlite3';
import { desc, drizzle, eq, getTableColumns, gt, gte, type SQLiteColumn, type SQLiteTable, sql } from './orm.ts';
import type { Plan } from '../domain/plan.ts';
import type { Db } from './database.ts';
import { type Entity, UNDOABLE, valuesSet } from './undoable.ts';
import { PostLedger } from './ledger.ts';
import * as schema from './schema.ts';
import { Store } from './store.ts';

export interface StoreAsOf {
  store: Store;
  /** The posts the ledger had by the instant: for previews only, never for claiming a real post. */
  ledger: PostLedger;
  /** How many recorded changes (and unrecorded later rows) the view leaves out: 0 when it is the live store. */
  changesLeftOut: number;
  /** Frees the in-memory copy. */
  close(): void;
}

type AuditRow = typeof schema.audit.$inferSelect;
type Row = Record<string, unknown>;

/**
 * Each audited table's creation timestamp. Rows created after the instant are removed even
 * without an audit row, so that nothing logged later can ever leak into a report as of then.
 */
const CREATED: readonly [SQLiteTable, SQLiteColumn][] = [
  [schema.entries, schema.entries.createdAt],
  [schema.barriers, schema.barriers.createdAt],
  [schema.barrierMessages, schema.barrierMessages.createdAt],
  [schema.targets, schema.targets.addedAt],
  [schema.subscriptions, schema.subscriptions.createdAt],
  [schema.echoes, schema.echoes.createdAt],
  [schema.personSettings, schema.personSettings.createdAt],
  [schema.stateOverrides, schema.stateOverrides.createdAt],
];

/** A copy of `live` as it stood at `instant`, with `plans` (as their files are now) in force. */
export function storeAsOf(live: Database.Database, instant: Date, plans: readonly Plan[]): StoreAsOf {
  const sqlite = new Database(inMemoryImage(live));
  try {
    const db = drizzle(sqlite, { schema });
    const changesLeftOut = db.transaction(() => {
      const left = rollBack(db, instant.toISOString());
      // Posts carry no figures, so they are not counted as changes left out. The ledger records
      // no history: a post counts as had from its claim (a superseded one, from when it fell due),
      // and a tick at the instant itself has not claimed yet, so `--at` shows what it posted.
      db.delete(schema.posts)
        .where(gte(sql`coalesce(${schema.posts.claimedAt}, ${schema.posts.dueAt})`, instant.toISOString()))
        .run();
      return left;
    });
    const store = new Store(db);
    // Sets which milestones each plan has now; the rows themselves are already the file's.
    for (const plan of plans) store.plans.syncPlan(plan);
    return { store, ledger: new PostLedger(db), changesLeftOut, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * The live database's pages, committed WAL content included (SQLite reads them through its
 * pager). The header says WAL, which an in-memory database cannot open (SQLITE_CANTOPEN), so
 * the copy's header is switched to the rollback journal: bytes 18 and 19, the file format's
 * write and read versions, 1 for legacy, 2 for WAL. Only the copy's bytes are touched.
 */
function inMemoryImage(live: Database.Database): Buffer {
  const image = live.serialize();
  image[18] = 1;
  image[19] = 1;
  return image;
}

/** Reverses on `db` everything recorded after `cutoff` (ISO instant); returns how many rows that touched. */
function rollBack(db: Db, cutoff: string): number {
  const later = db.select().from(schema.audit).where(gt(schema.audit.at, cutoff)).orderBy(desc(schema.audit.id)).all();
  for (const change of later) reverse(db, change);
  // The view's own audit trail ends at the instant too: a change undone later stands again.
  db.delete(schema.audit).where(gt(schema.audit.at, cutoff)).run();
  db.run(sql`UPDATE audit SET undone_by = NULL WHERE undone_by IS NOT NULL AND undone_by NOT IN (SELECT id FROM audit)`);
  let unrecorded = 0;
  for (const [table, createdAt] of CREATED) unrecorded += db.delete(table).where(gt(createdAt, cutoff)).run().changes;
  // A row withdrawn or removed after the instant was live at it, whatever the audit trail says.
  for (const spec of Object.values(UNDOABLE)) {
    if (!spec.withdraw) continue;
    const column = (getTableColumns(spec.table) as Record<string, SQLiteColumn>)[spec.withdraw]!;
    unrecorded += db
      .update(spec.table)
      .set({ [spec.withdraw]: null } as never)
      .where(gt(column, cutoff))
      .run().changes;
  }
  return later.length + unrecorded;
}

/** Undoes one change on the copy: a creation is deleted, a change gets the columns it set back. */
function reverse(db: Db, change: AuditRow): void {
  if (!Object.hasOwn(UNDOABLE, change.entity)) return;
  const spec = UNDOABLE[change.entity as Entity];
  const key = change.entity === 'milestones' ? change.entityId : Number(change.entityId);
  const where = eq(spec.key, key as never);
  if (change.before === null) {
    db.delete(spec.table).where(where).run();
    return;
  }
  const before = JSON.parse(change.before) as Row;
  // Only columns the table still has: one dropped since cannot be put back, and need not be.
  const columns = getTableColumns(spec.table);
  const values = Object.fromEntries(
    Object.keys(valuesSet(change))
      .filter((c) => Object.hasOwn(columns, c))
      .map((c) => [c, before[c] ?? null]),
  );
  if (Object.keys(values).length > 0)
    db.update(spec.table)
      .set(values as never)
      .where(where)
      .run();
}
