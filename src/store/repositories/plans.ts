/**
 * Reference data and each cycle's plan as rows: the states table mirrors the shipped CSV, and
 * each plan's milestones and deliverables are seeded from its file under the plan's id.
 */
import { eq, param, prepared } from '../orm.ts';
import type { Plan } from '../../domain/plan.ts';
import type { StateRecord } from '../../domain/states.ts';
import type { Db } from '../database.ts';
import * as schema from '../schema.ts';
import type { MilestoneRow } from './rows.ts';

/** The row key of a plan's milestone or deliverable: the same id in two plans names two rows. */
function planKey(planId: string, id: string): string {
  return `${planId}/${id}`;
}

/** Whether a stored row already holds every one of `values`. */
function holds(row: Record<string, unknown> | undefined, values: Record<string, unknown>): boolean {
  return row !== undefined && Object.entries(values).every(([column, value]) => row[column] === value);
}

export class PlanRepository {
  /**
   * Each plan's milestone ids as its file has them now, set by {@link syncPlan}. Rows of
   * milestones an earlier version of the file had stay in the database (their audit trail
   * refers to them) but are no longer shown, reminded or counted.
   */
  private readonly inFile = new Map<string, Set<string>>();

  private readonly db: Db;
  private readonly milestonesQuery = prepared(() =>
    this.db
      .select()
      .from(schema.milestones)
      .where(eq(schema.milestones.planId, param('planId')))
      .prepare(),
  );

  constructor(db: Db) {
    this.db = db;
  }

  /**
   * Brings the states table in line with the shipped reference file. Only rows that differ are
   * written: a start with nothing new needs no write lock, so the bot, the shell and `ccm`
   * commands start while another program holds it (see store/busy.ts).
   */
  syncStates(records: readonly StateRecord[]): void {
    const stored = new Map(
      this.db
        .select()
        .from(schema.states)
        .all()
        .map((row) => [row.iso3, row]),
    );
    const changed = records
      .map((s) => ({ iso3: s.iso3, iso2: s.iso2, name: s.name, ccmStatus: s.ccmStatus, ccmDate: s.ccmDate, apmbc: s.apmbc, crpd: s.crpd }))
      .filter((values) => !holds(stored.get(values.iso3), values));
    if (changed.length === 0) return;
    this.db.transaction(() => {
      for (const values of changed) {
        this.db.insert(schema.states).values(values).onConflictDoUpdate({ target: schema.states.iso3, set: values }).run();
      }
    });
  }

  /**
   * Adds the plan's milestones and deliverables, and refreshes their titles, windows and
   * planned dates from the file. Dates set and completions made in chat are kept.
   */
  syncPlan(plan: Plan): void {
    this.inFile.set(plan.id, new Set(plan.milestones.map((m) => m.id)));
    // As for the states: only what differs is written.
    const storedMilestones = new Map(
      this.db
        .select()
        .from(schema.milestones)
        .where(eq(schema.milestones.planId, plan.id))
        .all()
        .map((row) => [row.id, row]),
    );
    const storedDeliverables = new Map(
      this.db
        .select()
        .from(schema.deliverables)
        .where(eq(schema.deliverables.planId, plan.id))
        .all()
        .map((row) => [row.id, row]),
    );
    const milestones = plan.milestones
      .map((m) => ({ id: m.id, fromPlan: { title: m.title, kind: m.kind, windowFrom: m.window.from, windowTo: m.window.to, plannedDate: m.date ?? null } }))
      .filter(({ id, fromPlan }) => !holds(storedMilestones.get(id), fromPlan));
    const deliverables = plan.deliverables
      .map((d) => ({ id: d.id, fromPlan: { title: d.title, dueMilestoneId: d.due } }))
      .filter(({ id, fromPlan }) => !holds(storedDeliverables.get(id), fromPlan));
    if (milestones.length === 0 && deliverables.length === 0) return;
    this.db.transaction(() => {
      for (const { id, fromPlan } of milestones) {
        this.db
          .insert(schema.milestones)
          .values({ key: planKey(plan.id, id), planId: plan.id, id, ...fromPlan })
          .onConflictDoUpdate({ target: schema.milestones.key, set: fromPlan })
          .run();
      }
      for (const { id, fromPlan } of deliverables) {
        this.db
          .insert(schema.deliverables)
          .values({ key: planKey(plan.id, id), planId: plan.id, id, ...fromPlan })
          .onConflictDoUpdate({ target: schema.deliverables.key, set: fromPlan })
          .run();
      }
    });
  }

  /** A plan's milestones, with the dates and completions set in chat. */
  milestones(planId: string): MilestoneRow[] {
    const rows = this.milestonesQuery().all({ planId });
    const inFile = this.inFile.get(planId);
    return inFile ? rows.filter((m) => inFile.has(m.id)) : rows;
  }
}
