/**
 * What the scheduler's parts share: its dependencies, and the shapes of what it computes.
 */
import type { Poster } from '../core/delivery.ts';
import type { Reply } from '../core/reply.ts';
import { todayIn } from '../domain/dates.ts';
import type { Plan } from '../domain/plan.ts';
import type { PlanBook } from '../domain/plan-book.ts';
import type { PlannedPost } from '../domain/schedule.ts';
import type { StateDirectory } from '../domain/states.ts';
import type { Log } from '../log.ts';
import type { ReportContext } from '../reports/progress.ts';
import type { PostKey, PostLedger, PostRow } from '../store/ledger.ts';
import type { Store } from '../store/store.ts';

export interface SchedulerOptions {
  /** What posts say: the log, milestones and subscriptions (a view of the past, for `--at`). */
  store: Store;
  /** Where posts are claimed: always the live ledger. */
  ledger: PostLedger;
  /** Every cycle's plan: each plan's calendar is followed, and a post knows its plan. */
  plans: PlanBook;
  states: StateDirectory;
  timeZone: string;
  log: Log;
  /** The platforms that can post now, by platform name. Posts for others wait. */
  posters: Partial<Record<string, Poster>>;
  /** A claim older than this belongs to a process that stopped before sending: it is taken back. */
  leaseMs?: number;
}

/** One post for one channel, before it is claimed. */
export interface DuePost {
  key: PostKey;
  kind: 'reminder' | 'digest' | 'digest-part' | 'nudge';
  family: string;
}

/** A nudge that is due but has nowhere to go: its owner logged the step where no address is kept. */
export interface Undeliverable {
  entryId: number;
  owner: string;
  reason: string;
}

/** One line of `ccm reminders`. */
export interface ScheduleLine {
  at: Date;
  kind: PlannedPost['kind'];
  title: string;
  channels: string[];
}

export interface TickReport {
  sent: { post: PostRow; reply: Reply }[];
  failed: { post: PostRow; error: string }[];
  uncertain: { post: PostRow; error: string }[];
  skipped: { post: PostRow; reason: string }[];
  undeliverable: Undeliverable[];
}

/** What reports need at `now`, for the plan in force then unless another is named. */
export function reportContext(o: SchedulerOptions, now: Date, plan?: Plan): ReportContext {
  const today = todayIn(o.timeZone, now);
  return { store: o.store, plan: plan ?? o.plans.activeOn(today), states: o.states, today, timeZone: o.timeZone };
}
