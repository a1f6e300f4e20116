/**
 * Reminders held back on purpose (snoozes, away periods, quiet periods) and what they do to
 * the schedule. Pure: the scheduler hands in the holds and the clock.
 *
 * A hold covers whole days, `fromDay` to `toDay` included. A reminder whose day falls inside
 * goes out on the first day after, at the same time of day. A hold set after a reminder's
 * time does not reach back to it (the nudge that carried the Snooze button was already due).
 */
import { addDays, daysBetween } from './dates.ts';

export interface HoldSpan {
  id: number;
  fromDay: string;
  toDay: string;
  /** When the hold was set (ISO instant). */
  createdAt: string;
}

/** The hold that holds back a reminder due on `day` at `at`, if any (the latest ending, when several overlap). */
function holdOver<H extends HoldSpan>(holds: readonly H[], day: string, at: Date): H | undefined {
  const over = holds.filter((h) => h.fromDay <= day && day <= h.toDay && h.createdAt <= at.toISOString());
  return over.sort((a, b) => b.toDay.localeCompare(a.toDay))[0];
}

/** A reminder's day after the holds: its own, or the first day after the holds that cover it, with the first hold that moved it. */
export function dayAfterHolds<H extends HoldSpan>(holds: readonly H[], day: string, at: (day: string) => Date): { day: string; heldBy?: H } {
  let heldBy: H | undefined;
  // Holds can follow each other (away, then a snooze): step past each in turn.
  for (let moved = day, hops = 0; hops < 100; hops++) {
    // The instant is worked out only for a day a hold covers: most days have none, and
    // time-zone arithmetic is what a scheduler pass spends its time on.
    const covered = holds.some((h) => h.fromDay <= moved && moved <= h.toDay);
    const hold = covered ? holdOver(holds, moved, at(moved)) : undefined;
    if (!hold) return { day: moved, ...(heldBy ? { heldBy } : {}) };
    heldBy ??= hold;
    moved = addDays(hold.toDay, 1);
  }
  return { day, ...(heldBy ? { heldBy } : {}) };
}

export interface NudgeRound<H> {
  /** 1 for the first nudge about a due date, 2 for the next, and so on. */
  round: number;
  day: string;
  /** The day it would have had without holds, and the hold that moved it. */
  held?: { from: string; by: H };
}

/**
 * The latest nudge about a next step due on `dueOn` whose day has come by `today`: the first
 * the day after the due date, then one every `everyDays`. A nudge moved past a hold restarts
 * the rhythm from the day it goes out, so a snoozed step is nudged once after the snooze and
 * then every `everyDays` again. Undefined before the first.
 */
export function latestNudge<H extends HoldSpan>(
  dueOn: string,
  everyDays: number,
  today: string,
  holds: readonly H[],
  at: (day: string) => Date,
): NudgeRound<H> | undefined {
  let latest: NudgeRound<H> | undefined;
  const lastHeldDay =
    holds
      .map((h) => h.toDay)
      .sort()
      .at(-1) ?? '';
  for (let round = 1, planned = addDays(dueOn, 1); planned <= today; round++) {
    if (planned > lastHeldDay) {
      // No hold reaches this far: the rest are every `everyDays`, counted rather than walked
      // (a step overdue for years has hundreds of rounds).
      const more = Math.floor(daysBetween(planned, today) / everyDays);
      return { round: round + more, day: addDays(planned, more * everyDays) };
    }
    const { day, heldBy } = dayAfterHolds(holds, planned, at);
    if (day > today) break;
    latest = { round, day, ...(heldBy ? { held: { from: planned, by: heldBy } } : {}) };
    planned = addDays(day, everyDays);
  }
  return latest;
}
