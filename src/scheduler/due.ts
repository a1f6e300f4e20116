/**
 * What is due at an instant and not yet in the ledger: the plans' reminders and digests for
 * every subscribed channel, nudges to owners of overdue next steps, and the thread replies of
 * digests already posted. Of several posts announcing the same thing, only the latest counts.
 */
import { addDays, todayIn } from '../domain/dates.ts';
import { dayAfterHolds, latestNudge } from '../domain/holds.ts';
import { digestPartOccurrence, familyOf, ledgerKey, nudgeOccurrence, occurrenceSubject } from '../domain/post-key.ts';
import { type PlannedPost, planSchedule } from '../domain/schedule.ts';
import { instantAt, wallClock } from '../domain/time.ts';
import { digestPartKeys } from '../reports/digest.ts';
import type { PostKey } from '../store/ledger.ts';
import type { HoldRow } from '../store/store.ts';
import type { DuePost, SchedulerOptions, Undeliverable } from './options.ts';

/** Every plan's posts, in time order. */
export function plannedPosts(o: SchedulerOptions): PlannedPost[] {
  return o.plans.plans
    .flatMap((plan) => planSchedule(plan, o.store.plans.milestones(plan.id), o.timeZone))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

export interface DueNow {
  due: DuePost[];
  /** Older posts of a family whose latest is due too: recorded as skipped, never sent. */
  superseded: DuePost[];
  undeliverable: Undeliverable[];
}

/**
 * Everything due at `now` that has no ledger row yet, for every subscribed channel (or only
 * those whose platform can post, with `postableOnly`).
 */
export function dueAt(o: SchedulerOptions, now: Date, options: { postableOnly: boolean }): DueNow {
  const today = todayIn(o.timeZone, now);
  const canPost = (platform: string) => !options.postableOnly || o.posters[platform] !== undefined;
  const candidates: DuePost[] = [];
  // The holds, read once a pass: quiet periods move the plans' posts, snoozes and time away the nudges.
  const holds = o.store.holds.all();
  const planned = heldPlannedPosts(
    o,
    holds.filter((h) => h.kind === 'quiet'),
  ).filter((p) => p.dueAt <= now && today <= p.eventEndsOn);
  for (const sub of o.store.channels.subscriptions()) {
    // A conversation the platform said is gone gets nothing until it is subscribed again (see deliver.ts).
    if (!canPost(sub.platform) || sub.goneAt) continue;
    // A channel gets what falls due after it subscribed, not the plan's whole past.
    for (const p of planned.filter((p) => (p.held?.from ?? p.dueAt).toISOString() >= sub.createdAt)) {
      candidates.push({
        kind: p.kind,
        family: p.family,
        key: {
          rule: p.rule,
          occurrence: p.occurrence,
          platform: sub.platform,
          channelId: sub.channelId,
          dueAt: p.dueAt.toISOString(),
          eventEndsOn: p.eventEndsOn,
          ...(p.held ? { heldFrom: p.held.from.toISOString(), heldBy: p.held.by } : {}),
        },
      });
    }
  }
  const nudges = dueNudges(o, now, today, holds, canPost);
  candidates.push(...nudges.due, ...dueDigestParts(o, today, canPost));

  // Only the candidates' own rows are read: the ledger grows with every post ever made.
  const known = new Set(o.ledger.existing(candidates.map((c) => c.key)).map((r) => ledgerKey(r)));
  // Meetings sharing a window share one digest; a date set afterwards splits them, and the
  // other's digest would then fall due at the very minute of the shared one: it was that one.
  const slot = (k: Pick<PostKey, 'platform' | 'channelId' | 'dueAt'>) => `${k.platform}|${k.channelId}|${k.dueAt}`;
  const digestTimes = new Set(candidates.filter((c) => c.kind === 'digest').map((c) => c.key.dueAt));
  const digestsHad = new Set(o.ledger.digestsAt([...digestTimes]).map(slot));
  const fresh = candidates.filter((c) => !known.has(ledgerKey(c.key)) && !(c.kind === 'digest' && digestsHad.has(slot(c.key))));
  const latest = new Map<string, DuePost>();
  for (const c of fresh) {
    const group = `${c.family}|${c.key.platform}|${c.key.channelId}`;
    const held = latest.get(group);
    if (!held || c.key.dueAt > held.key.dueAt) latest.set(group, c);
  }
  const keep = new Set(latest.values());
  return {
    due: fresh.filter((c) => keep.has(c) || c.kind === 'digest-part'),
    superseded: fresh.filter((c) => !keep.has(c) && c.kind !== 'digest-part'),
    undeliverable: nudges.undeliverable,
  };
}

/**
 * The plans' posts with the quiet periods applied: a post whose day falls in one moves to the
 * first day after it, at the same time, and is dropped when its event is over by then.
 */
export function heldPlannedPosts(
  o: SchedulerOptions,
  quiet: readonly HoldRow[] = o.store.holds.quiet(),
): (PlannedPost & { held?: { from: Date; by: number } })[] {
  if (quiet.length === 0) return plannedPosts(o);
  return plannedPosts(o)
    .flatMap((p) => {
      const { date, time } = wallClock(p.dueAt, o.timeZone);
      const { day, heldBy } = dayAfterHolds(quiet, date, (d) => instantAt(d, time, o.timeZone));
      if (!heldBy) return [p];
      if (day > p.eventEndsOn) return [];
      return [{ ...p, dueAt: instantAt(day, time, o.timeZone), held: { from: p.dueAt, by: heldBy.id } }];
    })
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * A nudge to the owner of each overdue next step, the day after it fell due and then every few
 * days, to the owner's stored personal address, at the plan's reminder time in the owner's
 * own time zone (the group's when unknown). A snooze of the step or the owner's time away
 * moves a nudge to the first day after (see domain/holds.ts). An owner with no address (a
 * step logged in the local shell) cannot be reached: that is reported, never sent into the void.
 */
function dueNudges(
  o: SchedulerOptions,
  now: Date,
  today: string,
  holds: readonly HoldRow[],
  canPost: (platform: string) => boolean,
): { due: DuePost[]; undeliverable: Undeliverable[] } {
  const { reminders } = o.plans.activeOn(today);
  const every = reminders.overdueNudgeEveryDays;
  const due: DuePost[] = [];
  const undeliverable: Undeliverable[] = [];
  // Many steps share an owner: each is looked up once a pass.
  const owners = new Map<number, ReturnType<typeof o.store.people.byId>>();
  // And share their days and zones: each owner's today and each nudge instant, worked out once.
  const todays = new Map<string, string>();
  const instants = new Map<string, Date>();
  const todayOf = (zone: string) => todays.get(zone) ?? todays.set(zone, todayIn(zone, now)).get(zone)!;
  const nudgeAt = (day: string, zone: string) => {
    const key = `${day} ${zone}`;
    return instants.get(key) ?? instants.set(key, instantAt(day, reminders.time, zone)).get(key)!;
  };
  // A day ahead of the group's: an owner east of it may be on the next day already.
  for (const entry of o.store.entries.overdueNextSteps(addDays(today, 1))) {
    if (!owners.has(entry.personId)) owners.set(entry.personId, o.store.people.byId(entry.personId));
    const owner = owners.get(entry.personId);
    if (!owner || !entry.dueOn) continue;
    const zone = owner.timeZone ?? o.timeZone;
    const mine = holds.filter((h) => (h.kind === 'snooze' && h.entryId === entry.id) || (h.kind === 'away' && h.personId === owner.id));
    const nudge = latestNudge(entry.dueOn, every, todayOf(zone), mine, (day) => nudgeAt(day, zone));
    if (!nudge) continue;
    const { round, day } = nudge;
    const at = nudgeAt(day, zone);
    if (at > now) continue;
    if (owner.address === null) {
      undeliverable.push({
        entryId: entry.id,
        owner: owner.displayName,
        reason: `no address to reach them (the step was logged in the ${owner.platform === 'shell' ? 'local shell' : `${owner.platform} adapter`})`,
      });
      continue;
    }
    if (!canPost(owner.platform)) continue;
    const occurrence = nudgeOccurrence(entry.id, entry.dueOn, round);
    due.push({
      kind: 'nudge',
      family: familyOf('nudge', occurrence),
      key: {
        rule: 'nudge',
        occurrence,
        platform: owner.platform,
        channelId: owner.platformUserId,
        dueAt: at.toISOString(),
        eventEndsOn: addDays(day, every - 1),
        ...(nudge.held ? { heldFrom: nudgeAt(nudge.held.from, zone).toISOString(), heldBy: nudge.held.by.id } : {}),
      },
    });
  }
  return { due, undeliverable };
}

/** The thread replies of every digest already posted and not yet over. */
function dueDigestParts(o: SchedulerOptions, today: string, canPost: (platform: string) => boolean): DuePost[] {
  return o.ledger
    .sentParents('digest', today)
    .filter((p) => canPost(p.platform))
    .flatMap((parent) => {
      const plan = o.plans.byId(occurrenceSubject(parent.occurrence)?.planId ?? '');
      return (plan ? digestPartKeys(plan) : []).map((part) => {
        const occurrence = digestPartOccurrence(parent.occurrence, part);
        return {
          kind: 'digest-part' as const,
          family: familyOf('digest-part', occurrence),
          key: {
            rule: 'digest-part',
            occurrence,
            platform: parent.platform,
            channelId: parent.channelId,
            dueAt: parent.dueAt,
            eventEndsOn: parent.eventEndsOn,
            parentId: parent.id,
          },
        };
      });
    });
}
