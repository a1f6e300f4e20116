/**
 * When the heartbeat's next pass can have anything to do.
 *
 * The heartbeat beats every minute, but a pass that finds nothing due still works out every
 * plan post, overdue step and ledger row (tens of milliseconds on a log of years). Nothing can
 * fall due between two passes unless the database changes or the clock reaches one of the
 * instants the schedule turns on:
 * - the time of a plan's post (after quiet periods);
 * - the plan's reminder time of day in the group's zone or in any member's own zone: every
 *   nudge goes out at that time of some day, in its owner's zone (holds move it by whole days);
 * - a failed post's retry time, or a claim or send outliving its lease;
 * - midnight in the group's zone: a new day ends events, can change the plan in force, and
 *   expires old failures.
 * Until the earliest of these, while the database is unchanged (by this process or another),
 * a pass is skipped. Each bound is a time at which something *might* fall due; waking early
 * costs one pass, never a late post.
 */
import { addDays, todayIn } from '../domain/dates.ts';
import { instantAt } from '../domain/time.ts';
import { heldPlannedPosts } from './due.ts';
import type { SchedulerOptions } from './options.ts';

/** Why a pass may sleep: the database as the last pass left it, and until when. */
export interface Sleep {
  /** The store's commit marker when the last full pass started (see Store.commitMarker). */
  marker: string;
  /** The pass it follows: a clock set back wakes the scheduler. */
  from: Date;
  until: Date;
}

/** Whether a pass at `now` can be skipped: nothing changed, and no instant that matters has come. */
export function asleep(sleep: Sleep | undefined, marker: string, now: Date): boolean {
  return sleep !== undefined && sleep.marker === marker && now >= sleep.from && now < sleep.until;
}

/** The earliest instant after `now` at which something could fall due if nothing else changes. */
export function nextWake(o: SchedulerOptions, now: Date, leaseMs: number): Date {
  const today = todayIn(o.timeZone, now);
  const { reminders } = o.plans.activeOn(today);
  const nextPlanned = heldPlannedPosts(o).find((p) => p.dueAt > now)?.dueAt;
  const reminderTimes = [o.timeZone, ...o.store.people.timeZones()].map((zone) => {
    const todayThere = todayIn(zone, now);
    const at = instantAt(todayThere, reminders.time, zone);
    return at > now ? at : instantAt(addDays(todayThere, 1), reminders.time, zone);
  });
  const candidates = [nextPlanned, ...reminderTimes, o.ledger.nextOwedAfter(now.toISOString(), leaseMs), instantAt(addDays(today, 1), '00:00', o.timeZone)];
  return new Date(Math.min(...candidates.flatMap((at) => (at ? [at.getTime()] : []))));
}
