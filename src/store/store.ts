/**
 * Reading and writing what ccm-bot remembers, one repository per aggregate. Commands use
 * these; no SQL lives outside `src/store/`. Every change members make goes through
 * {@link History} (`store.changes`), so that it is attributed in the audit trail and can be
 * undone and redone.
 */
import { AuditTrail } from './audit-trail.ts';
import type { Db } from './database.ts';
import { prepared, rawStatement } from './orm.ts';
import { History, type Reversal } from './history.ts';
import { BarrierRepository } from './repositories/barriers.ts';
import { ChannelRepository } from './repositories/channels.ts';
import { EntryRepository } from './repositories/entries.ts';
import { HoldRepository } from './repositories/holds.ts';
import { OverrideRepository } from './repositories/overrides.ts';
import { PeopleRepository } from './repositories/people.ts';
import { PlanRepository } from './repositories/plans.ts';
import { ReceiptRepository } from './repositories/receipts.ts';
import { TargetRepository } from './repositories/targets.ts';

export type * from './repositories/rows.ts';
export type { Counted } from './repositories/entry-figures.ts';
export type { Reversal };

export class Store {
  /** The states table and each plan's milestones and deliverables. */
  readonly plans: PlanRepository;
  readonly people: PeopleRepository;
  /** The follow-up log. */
  readonly entries: EntryRepository;
  /** Each plan's top-15 list. */
  readonly targets: TargetRepository;
  /** The barrier map and its recommended messages (shared across cycles). */
  readonly barriers: BarrierRepository;
  /** Treaty facts imported with `ccm data import`, beside the shipped states table. */
  readonly overrides: OverrideRepository;
  /** Subscriptions and public echoes of chat channels. */
  readonly channels: ChannelRepository;
  /** Snoozes, away periods and quiet periods: reminders held back on purpose. */
  readonly holds: HoldRepository;
  /** Every change, attributed, with undo and redo. */
  readonly changes: History;
  /** The changes about one entry, state or hold, for `history`. */
  readonly trail: AuditTrail;
  readonly receipts: ReceiptRepository;

  readonly db: Db;

  constructor(db: Db) {
    this.db = db;
    this.plans = new PlanRepository(db);
    this.people = new PeopleRepository(db);
    this.entries = new EntryRepository(db);
    this.targets = new TargetRepository(db);
    this.barriers = new BarrierRepository(db);
    this.overrides = new OverrideRepository(db);
    this.channels = new ChannelRepository(db);
    this.holds = new HoldRepository(db);
    this.changes = new History(db);
    this.trail = new AuditTrail(db);
    this.receipts = new ReceiptRepository(db);
  }

  /**
   * A value that moves whenever anything is committed to the database: by this connection
   * (SQLite's total_changes) or by another process (data_version). The scheduler sleeps while
   * it stays put. A write rolled back moves it too, which costs at most one more pass.
   */
  commitMarker(): string {
    return this.commitMarkerQuery().get()!.marker;
  }
  private readonly commitMarkerQuery = prepared(() =>
    rawStatement<{ marker: string }>(this.db, "SELECT (SELECT data_version FROM pragma_data_version()) || '/' || total_changes() AS marker"),
  );

  /**
   * A write that changes nothing: throws what SQLite would say about a change now (a read-only
   * file, another connection's lock), for the start-up check (see bot.ts).
   */
  tryWrite(): void {
    this.noChange().run();
  }
  private readonly noChange = prepared(() => rawStatement(this.db, 'UPDATE states SET iso3 = iso3 WHERE 0'));

  /**
   * Runs `work` in one SQLite write transaction: all of its writes land, or none. It takes the
   * write lock first (BEGIN IMMEDIATE); while another connection holds it, it throws SQLITE_BUSY
   * after a few milliseconds (see busy.ts), having changed nothing.
   */
  transaction<T>(work: () => T): T {
    return this.db.transaction(() => work(), { behavior: 'immediate' });
  }

  /**
   * Runs `work` in one read transaction (BEGIN DEFERRED): every read sees the same committed
   * state, and none waits for another connection's write lock (WAL). For commands that only read.
   */
  read<T>(work: () => T): T {
    return this.db.transaction(() => work(), { behavior: 'deferred' });
  }
}
