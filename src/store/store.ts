/**
 * Reading and writing what ccm-bot remembers. Commands use these methods; no SQL lives
 * outside `src/store/`. Writes that change the log go through {@link Store.change} so that
 * each is attributed in the audit trail and can be undone.
 */
import { and, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Plan } from '../domain/plan.ts';
import type { StateRecord } from '../domain/states.ts';
import type { Db } from './database.ts';
import { type Entity, History, type Reversal, UNDOABLE } from './history.ts';
import * as schema from './schema.ts';

export type EntryRow = typeof schema.entries.$inferSelect;
export type NewEntry = typeof schema.entries.$inferInsert;
export type MilestoneRow = typeof schema.milestones.$inferSelect;
export type TargetRow = typeof schema.targets.$inferSelect;
export type BarrierRow = typeof schema.barriers.$inferSelect;
export type AuditRow = typeof schema.audit.$inferSelect;
export type PersonRow = typeof schema.people.$inferSelect;
export type SubscriptionRow = typeof schema.subscriptions.$inferSelect;
export type PersonSettingsRow = typeof schema.personSettings.$inferSelect;
export type { Entity, Reversal };

/** Who is acting and where: every change records both. */
export interface Attribution {
  person: PersonRow;
  platform: string;
  channelId: string | null;
  command: string;
  at: string;
}

/** The row key of a plan's milestone or deliverable: the same id in two plans names two rows. */
export function planKey(planId: string, id: string): string {
  return `${planId}/${id}`;
}

export class Store {
  /**
   * Each plan's milestone ids as its file has them now, set by {@link syncPlan}. Rows of
   * milestones an earlier version of the file had stay in the database (their audit trail
   * refers to them) but are no longer shown, reminded or counted.
   */
  private readonly planMilestones = new Map<string, Set<string>>();

  private readonly history: History;

  constructor(readonly db: Db) {
    this.history = new History(db);
  }

  /** Runs `work` in one SQLite transaction: all of its writes land, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(() => work(), { behavior: 'immediate' });
  }

  // --- reference data and plan -------------------------------------------------------

  /** Brings the states table in line with the shipped reference file. */
  syncStates(records: readonly StateRecord[]): void {
    this.transaction(() => {
      for (const s of records) {
        const values = {
          iso3: s.iso3, iso2: s.iso2, name: s.name, ccmStatus: s.ccmStatus, ccmDate: s.ccmDate,
          apmbc: s.apmbc, crpd: s.crpd,
        };
        this.db.insert(schema.states).values(values).onConflictDoUpdate({ target: schema.states.iso3, set: values }).run();
      }
    });
  }

  /**
   * Adds the plan's milestones and deliverables, and refreshes their titles, windows and
   * planned dates from the file. Dates set and completions made in chat are kept.
   */
  syncPlan(plan: Plan): void {
    this.planMilestones.set(plan.id, new Set(plan.milestones.map((m) => m.id)));
    this.transaction(() => {
      for (const m of plan.milestones) {
        const fromPlan = {
          title: m.title, kind: m.kind, windowFrom: m.window.from, windowTo: m.window.to, plannedDate: m.date ?? null,
        };
        this.db.insert(schema.milestones).values({ key: planKey(plan.id, m.id), planId: plan.id, id: m.id, ...fromPlan })
          .onConflictDoUpdate({ target: schema.milestones.key, set: fromPlan }).run();
      }
      for (const d of plan.deliverables) {
        const fromPlan = { title: d.title, dueMilestoneId: d.due };
        this.db.insert(schema.deliverables).values({ key: planKey(plan.id, d.id), planId: plan.id, id: d.id, ...fromPlan })
          .onConflictDoUpdate({ target: schema.deliverables.key, set: fromPlan }).run();
      }
    });
  }

  // --- people ------------------------------------------------------------------------

  /** The person behind a platform user id, created on first sight; a new display name is kept. */
  person(who: { platform: string; userId: string; displayName: string; address?: string }, at: string): PersonRow {
    const { platform, userId: platformUserId, displayName } = who;
    // A new address replaces the old one; none given (the shell) keeps what was stored.
    const address = who.address ?? null;
    const found = this.db.select().from(schema.people)
      .where(and(eq(schema.people.platform, platform), eq(schema.people.platformUserId, platformUserId))).get();
    if (found) {
      const changes = {
        ...(found.displayName !== displayName ? { displayName } : {}),
        ...(address !== null && found.address !== address ? { address } : {}),
      };
      if (Object.keys(changes).length === 0) return found;
      this.db.update(schema.people).set(changes).where(eq(schema.people.id, found.id)).run();
      return { ...found, ...changes };
    }
    return this.db.insert(schema.people).values({ platform, platformUserId, displayName, address, createdAt: at }).returning().get();
  }

  /** A person's cached display name, if the platform user was seen before. */
  knownPerson(platform: string, platformUserId: string): PersonRow | undefined {
    return this.db.select().from(schema.people)
      .where(and(eq(schema.people.platform, platform), eq(schema.people.platformUserId, platformUserId))).get();
  }

  personById(id: number): PersonRow | undefined {
    return this.db.select().from(schema.people).where(eq(schema.people.id, id)).get();
  }

  /** A person's own settings, if they changed any. */
  personSettings(personId: number): PersonSettingsRow | undefined {
    return this.db.select().from(schema.personSettings)
      .where(and(eq(schema.personSettings.personId, personId), isNull(schema.personSettings.removedAt))).get();
  }

  // --- the follow-up log --------------------------------------------------------------

  entry(id: number): EntryRow | undefined {
    return this.db.select().from(schema.entries).where(eq(schema.entries.id, id)).get();
  }

  /** Live (not withdrawn) entries about one state, newest first. */
  entriesForState(iso3: string): EntryRow[] {
    return this.db.select().from(schema.entries)
      .where(and(eq(schema.entries.stateIso3, iso3), isNull(schema.entries.withdrawnAt)))
      .orderBy(desc(schema.entries.occurredOn), desc(schema.entries.id)).all();
  }

  /** Live entries of one kind about one state on one day, oldest first: to spot the same meeting logged twice. */
  sameDayEntries(kind: EntryRow['kind'], iso3: string, day: string): EntryRow[] {
    return this.db.select().from(schema.entries)
      .where(and(
        eq(schema.entries.kind, kind), eq(schema.entries.stateIso3, iso3), eq(schema.entries.occurredOn, day),
        isNull(schema.entries.withdrawnAt),
      ))
      .orderBy(schema.entries.id).all();
  }

  /** Live entries that happened on or after `since`, newest first. */
  recentEntries(since: string | undefined, limit: number): { rows: EntryRow[]; total: number } {
    const where = and(isNull(schema.entries.withdrawnAt), since ? gte(schema.entries.occurredOn, since) : undefined);
    const rows = this.db.select().from(schema.entries).where(where)
      .orderBy(desc(schema.entries.occurredOn), desc(schema.entries.id)).limit(limit).all();
    const total = this.db.select({ n: sql<number>`count(*)` }).from(schema.entries).where(where).get()?.n ?? 0;
    return { rows, total };
  }

  /** Live contacts and meetings, the columns deliverable progress counts by. */
  engagementFacts(): Pick<EntryRow, 'id' | 'kind' | 'stateIso3' | 'occurredOn' | 'level'>[] {
    return this.db.select({
      id: schema.entries.id, kind: schema.entries.kind, stateIso3: schema.entries.stateIso3,
      occurredOn: schema.entries.occurredOn, level: schema.entries.level,
    }).from(schema.entries)
      .where(and(isNull(schema.entries.withdrawnAt), inArray(schema.entries.kind, ['contacted', 'meeting']))).all();
  }

  // --- milestones ---------------------------------------------------------------------

  /** A plan's milestones, with the dates and completions set in chat. */
  milestones(planId: string): MilestoneRow[] {
    const rows = this.db.select().from(schema.milestones).where(eq(schema.milestones.planId, planId)).all();
    const inFile = this.planMilestones.get(planId);
    return inFile ? rows.filter((m) => inFile.has(m.id)) : rows;
  }

  // --- top-15 targets and barriers -----------------------------------------------------

  /** A plan's top-15 list as it is now. */
  activeTargets(planId: string): TargetRow[] {
    return this.db.select().from(schema.targets).where(and(eq(schema.targets.planId, planId), isNull(schema.targets.removedAt)))
      .orderBy(schema.targets.addedAt, schema.targets.id).all();
  }

  activeTarget(planId: string, iso3: string): TargetRow | undefined {
    return this.db.select().from(schema.targets)
      .where(and(eq(schema.targets.planId, planId), eq(schema.targets.stateIso3, iso3), isNull(schema.targets.removedAt))).get();
  }

  barriers(iso3?: string): BarrierRow[] {
    return this.db.select().from(schema.barriers)
      .where(and(isNull(schema.barriers.withdrawnAt), iso3 ? eq(schema.barriers.stateIso3, iso3) : undefined))
      .orderBy(schema.barriers.createdAt, schema.barriers.id).all();
  }

  /** A plan's top-15 list as it stood at an instant (ISO): added by then and not yet removed. */
  targetsActiveAt(planId: string, instant: string): TargetRow[] {
    return this.db.select().from(schema.targets)
      .where(and(
        eq(schema.targets.planId, planId), lte(schema.targets.addedAt, instant),
        or(isNull(schema.targets.removedAt), gt(schema.targets.removedAt, instant)),
      ))
      .orderBy(schema.targets.addedAt, schema.targets.id).all();
  }

  /** Which of these states have at least one live barrier recorded (by `before`, an ISO instant, if given). */
  statesWithBarriers(iso3s: string[], before?: string): Set<string> {
    if (iso3s.length === 0) return new Set();
    const rows = this.db.selectDistinct({ iso3: schema.barriers.stateIso3 }).from(schema.barriers)
      .where(and(
        isNull(schema.barriers.withdrawnAt),
        inArray(schema.barriers.stateIso3, iso3s),
        before ? lte(schema.barriers.createdAt, before) : undefined,
      )).all();
    return new Set(rows.map((r) => r.iso3));
  }

  // --- subscriptions -------------------------------------------------------------------

  activeSubscriptions(): SubscriptionRow[] {
    return this.db.select().from(schema.subscriptions).where(isNull(schema.subscriptions.removedAt))
      .orderBy(schema.subscriptions.createdAt, schema.subscriptions.id).all();
  }

  activeSubscription(platform: string, channelId: string): SubscriptionRow | undefined {
    return this.db.select().from(schema.subscriptions)
      .where(and(eq(schema.subscriptions.platform, platform), eq(schema.subscriptions.channelId, channelId), isNull(schema.subscriptions.removedAt)))
      .get();
  }

  /** The public echo of a channel, if a member turned it on. */
  activeEcho(platform: string, channelId: string): typeof schema.echoes.$inferSelect | undefined {
    return this.db.select().from(schema.echoes)
      .where(and(eq(schema.echoes.platform, platform), eq(schema.echoes.channelId, channelId), isNull(schema.echoes.removedAt)))
      .get();
  }

  /** Live next steps not marked done whose due date is before `today`, oldest due first. */
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

  // --- changes, audit and undo ----------------------------------------------------------

  /** Inserts a row and records the change; returns the new row and the change's id (for undo). */
  create<E extends Entity>(entity: E, values: (typeof UNDOABLE)[E]['table']['$inferInsert'], who: Attribution, action: string) {
    const { table } = UNDOABLE[entity];
    const row = this.db.insert(table).values(values as never).returning().get() as (typeof UNDOABLE)[E]['table']['$inferSelect'];
    const changeId = this.recordChange(who, action, entity, String((row as { id: unknown }).id), null, row);
    return { row, changeId };
  }

  /** Updates one row by key and records its before and after; returns the row after and the change's id. */
  update<E extends Entity>(
    entity: E,
    key: string | number,
    set: Partial<(typeof UNDOABLE)[E]['table']['$inferInsert']>,
    who: Attribution,
    action: string,
  ) {
    const { table, key: keyColumn } = UNDOABLE[entity];
    const before = this.db.select().from(table).where(eq(keyColumn, key as never)).get();
    if (!before) throw new Error(`No ${entity} row ${key}`);
    const after = this.db.update(table).set(set as never).where(eq(keyColumn, key as never)).returning().get();
    const changeId = this.recordChange(who, action, entity, String(key), before, after);
    return { row: after as (typeof UNDOABLE)[E]['table']['$inferSelect'], changeId };
  }

  private recordChange(who: Attribution, action: string, entity: Entity, entityId: string, before: unknown, after: unknown): number {
    return this.db.insert(schema.audit).values({
      at: who.at, personId: who.person.id, platform: who.platform, channelId: who.channelId, command: who.command,
      action, entity, entityId, before: before === null ? null : JSON.stringify(before), after: JSON.stringify(after),
    }).returning({ id: schema.audit.id }).get().id;
  }

  /** A person's most recent changes that stand (not undone), undos aside, newest first. */
  undoableChanges(personId: number, limit: number): AuditRow[] {
    return this.history.undoable(personId, limit);
  }

  /**
   * Whether a column the change set has been changed again since, and by which change (when
   * the audit trail says): undoing it then would wipe that later change.
   */
  overwritten(change: AuditRow): { by: AuditRow | undefined } | undefined {
    return this.history.overwritten(change);
  }

  change(id: number): AuditRow | undefined {
    return this.db.select().from(schema.audit).where(eq(schema.audit.id, id)).get();
  }

  /** The change whose undo withdraws a row: its creation, or the redo that last brought it back. */
  lastArrivalOf(entity: Entity, entityId: string): AuditRow | undefined {
    return this.history.lastArrival(entity, entityId);
  }

  /** The change behind a chain of undos and redos, e.g. the `edit` a redo re-applied. */
  originalOf(change: AuditRow): AuditRow {
    return this.history.original(change);
  }

  /** A person's latest undo not yet redone. */
  lastUndo(personId: number): AuditRow | undefined {
    return this.history.lastUndo(personId);
  }

  /**
   * Reverses a change: a created row is withdrawn (kept, marked), changed columns get their
   * earlier values back. Refuses when one of those columns was changed again since.
   */
  undo(change: AuditRow, who: Attribution): Reversal {
    return this.history.reverse(change, who, 'undo');
  }

  /** Re-applies what an undo took back, as a change of its own (which can be undone again). */
  redo(undo: AuditRow, who: Attribution): Reversal {
    return this.history.reverse(undo, who, 'redo');
  }

  // --- idempotency ----------------------------------------------------------------------

  receipt(key: string): string | undefined {
    return this.db.select().from(schema.receipts).where(eq(schema.receipts.key, key)).get()?.reply;
  }

  saveReceipt(key: string, reply: string, at: string): void {
    this.db.insert(schema.receipts).values({ key, reply, at }).run();
  }
}
