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
export function planKey(planId: string, id: string): string {
  return `${planId}/${id}`;
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

  /** Brings the states table in line with the shipped reference file. */
  syncStates(records: readonly StateRecord[]): void {
    this.db.transaction(() => {
      for (const s of records) {
        const values = { iso3: s.iso3, iso2: s.iso2, name: s.name, ccmStatus: s.ccmStatus, ccmDate: s.ccmDate, apmbc: s.apmbc, crpd: s.crpd };
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
    this.db.transaction(() => {
      for (const m of plan.milestones) {
        const fromPlan = { title: m.title, kind: m.kind, windowFrom: m.window.from, windowTo: m.window.to, plannedDate: m.date ?? null };
        this.db
          .insert(schema.milestones)
          .values({ key: planKey(plan.id, m.id), planId: plan.id, id: m.id, ...fromPlan })
          .onConflictDoUpdate({ target: schema.milestones.key, set: fromPlan })
          .run();
      }
      for (const d of plan.deliverables) {
        const fromPlan = { title: d.title, dueMilestoneId: d.due };
        this.db
          .insert(schema.deliverables)
          .values({ key: planKey(plan.id, d.id), planId: plan.id, id: d.id, ...fromPlan })
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
