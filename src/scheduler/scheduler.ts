/**
 * Reminders and digests, posted exactly once, on time, across restarts.
 *
 * The database is the schedule and cron only a heartbeat: each tick computes from the plan
 * and the store what is due, claims each post in the ledger (one row per rule, occurrence
 * and channel) inside a transaction, then sends what it claimed through the platforms'
 * posters. It never imports a platform SDK or a renderer: it hands reply models to posters.
 */
import { randomUUID } from 'node:crypto';
import type { DeliveryError, Poster } from '../core/delivery.ts';
import type { Reply } from '../core/reply.ts';
import { addDays, daysBetween, todayIn } from '../domain/dates.ts';
import type { Plan } from '../domain/plan.ts';
import type { PlanBook } from '../domain/plan-book.ts';
import { familyOf, occurrenceSubject, type PlannedPost, planSchedule } from '../domain/schedule.ts';
import type { StateDirectory } from '../domain/states.ts';
import { instantAt } from '../domain/time.ts';
import type { Log } from '../log.ts';
import { buildDigest, digestPartKeys, type Naming } from '../reports/digest.ts';
import type { ReportContext } from '../reports/progress.ts';
import { dueReminder, meetingReminder, overdueNudge, setDatePrompt } from '../reports/reminders.ts';
import type { PostKey, PostLedger, PostRow } from '../store/ledger.ts';
import type { Store } from '../store/store.ts';

export interface SchedulerOptions {
  store: Store;
  ledger: PostLedger;
  /** Every cycle's plan: each plan's calendar is followed, and a post knows its plan. */
  plans: PlanBook;
  states: StateDirectory;
  timeZone: string;
  log: Log;
  /** The platforms that can post now, by platform name. Posts for others wait. */
  posters: Partial<Record<string, Poster>>;
  /** Pause between two posts to one channel; Slack accepts about one message a second. */
  paceMs?: number;
  /** A claim older than this belongs to a process that stopped before sending: it is taken back. */
  leaseMs?: number;
}

/** One post for one channel, before it is claimed. */
export interface DuePost {
  key: PostKey;
  kind: 'reminder' | 'digest' | 'digest-part' | 'nudge';
  family: string;
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
}

/** Waits between retries of a failed post: 1, 5, 15 minutes, then hourly. */
const BACKOFF_MINUTES = [1, 5, 15, 60];
/** Wait after a refusal only a person can fix (bot not in the channel, token revoked). */
const OPERATOR_BACKOFF_MINUTES = 6 * 60;

export class Scheduler {
  private readonly processId = randomUUID();
  private readonly paceMs: number;
  private readonly leaseMs: number;
  private readonly lastPostAt = new Map<string, number>();

  constructor(private readonly o: SchedulerOptions) {
    this.paceMs = o.paceMs ?? 1100;
    this.leaseMs = o.leaseMs ?? 5 * 60_000;
  }

  /**
   * The same scheduler reading its content (log, milestones, subscriptions) from another store,
   * such as the store as it stood at a past instant, and its ledger from `ledger` if given.
   */
  withStore(store: Store, ledger: PostLedger = this.o.ledger): Scheduler {
    return new Scheduler({ ...this.o, store, ledger, paceMs: this.paceMs, leaseMs: this.leaseMs });
  }

  /** What reports need at `now`, for the plan in force then unless another is named. */
  private context(now: Date, plan?: Plan): ReportContext {
    const today = todayIn(this.o.timeZone, now);
    return { store: this.o.store, plan: plan ?? this.o.plans.activeOn(today), states: this.o.states, today, timeZone: this.o.timeZone };
  }

  private planned(): PlannedPost[] {
    return this.o.plans.plans
      .flatMap((plan) => planSchedule(plan, this.o.store.milestones(plan.id), this.o.timeZone))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  /** The plan's posts between two instants, with the channels subscribed now. */
  upcoming(from: Date, to: Date): ScheduleLine[] {
    const channels = this.o.store.activeSubscriptions().map((s) => `${s.platform}:${s.channelId}`);
    return this.planned()
      .filter((p) => p.dueAt >= from && p.dueAt <= to)
      .map((p) => ({ at: p.dueAt, kind: p.kind, title: this.plannedReply(p, this.context(p.dueAt, this.o.plans.byId(p.planId)), 'states')?.title ?? p.occurrence, channels }));
  }

  /**
   * Everything due at `now` that has no ledger row yet, for every subscribed channel (or only
   * those whose platform can post, with `postableOnly`). Of several posts announcing the same
   * thing, only the latest counts; the others are returned as superseded.
   */
  due(now: Date, options: { postableOnly: boolean }): { due: DuePost[]; superseded: DuePost[] } {
    const today = todayIn(this.o.timeZone, now);
    const canPost = (platform: string) => !options.postableOnly || this.o.posters[platform] !== undefined;
    const candidates: DuePost[] = [];
    const planned = this.planned().filter((p) => p.dueAt <= now && today <= p.eventEndsOn);
    for (const sub of this.o.store.activeSubscriptions()) {
      if (!canPost(sub.platform)) continue;
      // A channel gets what falls due after it subscribed, not the plan's whole past.
      for (const p of planned.filter((p) => p.dueAt.toISOString() >= sub.createdAt)) {
        candidates.push({
          kind: p.kind,
          family: p.family,
          key: { rule: p.rule, occurrence: p.occurrence, platform: sub.platform, channelId: sub.channelId, dueAt: p.dueAt.toISOString(), eventEndsOn: p.eventEndsOn },
        });
      }
    }
    candidates.push(...this.dueNudges(now, today, canPost));
    candidates.push(...this.dueDigestParts(today, canPost));

    const rows = this.o.ledger.all();
    const known = new Set(rows.map((r) => ledgerKey(r)));
    // Meetings sharing a window share one digest; a date set afterwards splits them, and the
    // other's digest would then fall due at the very minute of the shared one: it was that one.
    const slot = (k: Pick<PostKey, 'platform' | 'channelId' | 'dueAt'>) => `${k.platform}|${k.channelId}|${k.dueAt}`;
    const digestsHad = new Set(rows.filter((r) => r.rule === 'digest' && !['skipped', 'expired'].includes(r.status)).map(slot));
    const fresh = candidates.filter((c) => !known.has(ledgerKey(c.key)) && !(c.kind === 'digest' && digestsHad.has(slot(c.key))));
    const latest = new Map<string, DuePost>();
    for (const c of fresh) {
      const group = `${c.family}|${c.key.platform}|${c.key.channelId}`;
      const held = latest.get(group);
      if (!held || c.key.dueAt > held.key.dueAt) latest.set(group, c);
    }
    const keep = new Set(latest.values());
    return { due: fresh.filter((c) => keep.has(c) || c.kind === 'digest-part'), superseded: fresh.filter((c) => !keep.has(c) && c.kind !== 'digest-part') };
  }

  /** A nudge to the owner of each overdue next step, the day after it fell due and then every few days. */
  private dueNudges(now: Date, today: string, canPost: (platform: string) => boolean): DuePost[] {
    const { reminders } = this.o.plans.activeOn(today);
    const every = reminders.overdueNudgeEveryDays;
    const posts: DuePost[] = [];
    for (const entry of this.o.store.overdueNextSteps(today)) {
      const owner = this.o.store.personById(entry.personId);
      if (!owner || !canPost(owner.platform) || !entry.dueOn) continue;
      const round = Math.floor((daysBetween(entry.dueOn, today) - 1) / every);
      const day = addDays(entry.dueOn, 1 + round * every);
      const at = instantAt(day, reminders.time, this.o.timeZone);
      if (at > now) continue;
      const occurrence = `entry-${entry.id}@${entry.dueOn}#${round + 1}`;
      posts.push({
        kind: 'nudge',
        family: familyOf('nudge', occurrence),
        key: {
          rule: 'nudge', occurrence, platform: owner.platform,
          channelId: owner.platformUserId, dueAt: at.toISOString(), eventEndsOn: addDays(day, every - 1),
        },
      });
    }
    return posts;
  }

  /** The thread replies of every digest already posted and not yet over. */
  private dueDigestParts(today: string, canPost: (platform: string) => boolean): DuePost[] {
    return this.o.ledger.sentParents('digest', today).filter((p) => canPost(p.platform)).flatMap((parent) => {
      const plan = this.o.plans.byId(occurrenceSubject(parent.occurrence)?.planId ?? '');
      return (plan ? digestPartKeys(plan) : []).map((key) => ({
        kind: 'digest-part' as const,
        family: familyOf('digest-part', `${parent.occurrence}#${key}`),
        key: {
          rule: 'digest-part', occurrence: `${parent.occurrence}#${key}`, platform: parent.platform, channelId: parent.channelId,
          dueAt: parent.dueAt, eventEndsOn: parent.eventEndsOn, parentId: parent.id,
        },
      }));
    });
  }

  /**
   * Claims what is due in one transaction: new posts, retries whose time has come, and
   * claims abandoned by a process that stopped before sending. A retry that a later post of
   * its family has overtaken (the 1-day reminder is out, the 7-day one still failing) is dropped.
   */
  claim(now: Date): PostRow[] {
    const at = now.toISOString();
    const today = todayIn(this.o.timeZone, now);
    const stale = new Date(now.getTime() - this.leaseMs).toISOString();
    return this.o.store.transaction(() => {
      const { due, superseded } = this.due(now, { postableOnly: true });
      for (const s of superseded) this.o.ledger.skip(s.key, at);
      const claimed = due.flatMap((d) => this.o.ledger.claimNew(d.key, this.processId, at) ?? []);
      for (const lost of this.o.ledger.abandonStaleSending(stale)) {
        this.o.log.error('a process stopped while sending this post; it is not resent', { rule: lost.rule, occurrence: lost.occurrence, channel: lost.channelId });
      }
      const latest = new Map<string, string>();
      for (const row of this.o.ledger.all()) {
        if (!['claimed', 'sending', 'sent'].includes(row.status)) continue;
        const group = `${familyOf(row.rule, row.occurrence)}|${row.platform}|${row.channelId}`;
        if ((latest.get(group) ?? '') < row.dueAt) latest.set(group, row.dueAt);
      }
      const retried = this.o.ledger.reclaim(this.processId, at, stale, today).filter((r) => {
        if (!this.o.posters[r.platform]) return false;
        const overtaken = (latest.get(`${familyOf(r.rule, r.occurrence)}|${r.platform}|${r.channelId}`) ?? '') > r.dueAt;
        if (overtaken) this.o.ledger.drop(r.id, 'a later post about the same event went out');
        return !overtaken;
      });
      return [...claimed, ...retried].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id - b.id);
    });
  }

  /** One scheduler pass: claim, then send. Digest parts claimed after their parent is sent go out in the same pass. */
  async tick(now: Date): Promise<TickReport> {
    const report: TickReport = { sent: [], failed: [], uncertain: [], skipped: [] };
    let claimed = this.claim(now);
    for (let pass = 0; pass < 2 && claimed.length > 0; pass++) {
      await this.deliver(claimed, now, report);
      claimed = report.sent.some((s) => s.post.rule === 'digest') ? this.claim(now) : [];
    }
    return report;
  }

  private async deliver(rows: PostRow[], now: Date, report: TickReport): Promise<void> {
    const ctx = this.context(now);
    for (const post of rows) {
      const poster = this.o.posters[post.platform];
      if (!poster) continue;
      let content: ReturnType<Scheduler['content']>;
      try {
        content = this.content(post, ctx);
      } catch (error) {
        // One post that cannot be built must not hold up the others: it is retried later.
        const message = `could not build the post: ${error instanceof Error ? error.message : String(error)}`;
        this.o.ledger.failed(post.id, post.attempts + 1, message, new Date(now.getTime() + 60 * 60_000).toISOString());
        report.failed.push({ post, error: message });
        this.o.log.error('post could not be built', { rule: post.rule, occurrence: post.occurrence, error: message });
        continue;
      }
      if ('skip' in content) {
        this.o.ledger.drop(post.id, content.skip);
        report.skipped.push({ post, reason: content.skip });
        continue;
      }
      if ('wait' in content) continue; // a digest part whose parent is not out yet: retried with the claim
      // Pace first, then mark as sending: a process stopped during the pause leaves a claim
      // (taken back later), never a post of unknown outcome.
      await this.pace(`${post.platform}:${post.channelId}`);
      if (!this.o.store.transaction(() => this.o.ledger.startSending(post.id, this.processId))) continue;
      try {
        const { ref } = await poster.post(post.channelId, content.reply, content.threadRef ? { threadRef: content.threadRef } : {});
        this.o.ledger.sent(post.id, ref, new Date().toISOString());
        report.sent.push({ post, reply: content.reply });
        this.o.log.info('posted', { rule: post.rule, occurrence: post.occurrence, channel: post.channelId });
      } catch (error) {
        const attempts = post.attempts + 1;
        const message = error instanceof Error ? error.message : String(error);
        const delivery = error as DeliveryError;
        if (delivery.outcome === 'not-delivered') {
          // A refusal that needs a person (invite the bot, fix the token) is retried rarely and
          // logged as an error; a passing failure is retried soon.
          const wait = delivery.needsOperator ? OPERATOR_BACKOFF_MINUTES : BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1]!;
          this.o.ledger.failed(post.id, attempts, message, new Date(now.getTime() + wait * 60_000).toISOString());
          report.failed.push({ post, error: message });
          const fields = { rule: post.rule, channel: post.channelId, attempts, error: message };
          if (delivery.needsOperator) this.o.log.error('post refused; fix the cause, it will be retried', fields);
          else this.o.log.warn('post failed, will retry', fields);
        } else {
          // The platform may have posted it: never risk a second copy.
          this.o.ledger.uncertain(post.id, attempts, message);
          report.uncertain.push({ post, error: message });
          this.o.log.error('post outcome unknown, not retried', { rule: post.rule, channel: post.channelId, error: message });
        }
      }
    }
  }

  /** What a post says now, or why it is no longer wanted. */
  private content(post: Pick<PostRow, 'rule' | 'occurrence' | 'platform' | 'channelId' | 'parentId'>, ctx: ReportContext): { reply: Reply; threadRef?: string } | { skip: string } | { wait: true } {
    if (post.rule === 'nudge') {
      const [, id, dueOn] = /^entry-(\d+)@([\d-]+)#/.exec(post.occurrence) ?? [];
      const entry = this.o.store.entry(Number(id));
      if (!entry || entry.completedOn || entry.withdrawnAt) return { skip: 'the next step was done or withdrawn' };
      if (entry.dueOn !== dueOn || !entry.dueOn || entry.dueOn >= ctx.today) return { skip: 'the next step got a new due date' };
      return { reply: overdueNudge(ctx, entry) };
    }
    const naming = this.o.store.activeSubscription(post.platform, post.channelId)?.naming;
    if (!naming) return { skip: 'the channel unsubscribed' };
    const subject = occurrenceSubject(post.occurrence);
    const plan = subject && this.o.plans.byId(subject.planId);
    const milestone = plan && this.o.store.milestones(plan.id).find((m) => m.id === subject.milestoneId);
    if (!milestone) return { skip: 'the milestone is no longer in the plan' };
    ctx = { ...ctx, plan };
    if (post.rule === 'digest-part') {
      const parent = post.parentId ? this.o.ledger.byId(post.parentId) : undefined;
      if (!parent?.messageRef || parent.status !== 'sent') return { wait: true };
      const key = post.occurrence.split('#')[1];
      const part = buildDigest(ctx, milestone, naming).parts.find((p) => p.key === key);
      return part ? { reply: part.reply, threadRef: parent.messageRef } : { skip: 'the plan no longer has this deliverable' };
    }
    const planned = this.planned().find((p) => p.rule === post.rule && p.occurrence === post.occurrence);
    if (!planned) return { skip: 'the milestone moved or was done since' };
    const reply = this.plannedReply(planned, ctx, naming);
    return reply ? { reply } : { skip: 'nothing to post' };
  }

  private plannedReply(p: PlannedPost, ctx: ReportContext, naming: Naming): Reply | undefined {
    const milestone = this.o.store.milestones(p.planId).find((m) => m.id === p.milestoneId);
    if (!milestone) return undefined;
    if (p.kind === 'digest') return buildDigest(ctx, milestone, naming).parent;
    if (p.about === 'set-date') return setDatePrompt(ctx, milestone);
    return p.about === 'meeting' ? meetingReminder(ctx, p, milestone) : dueReminder(ctx, p, milestone);
  }

  /** Keeps posts to one channel at least `paceMs` apart. */
  private async pace(channel: string): Promise<void> {
    const wait = (this.lastPostAt.get(channel) ?? 0) + this.paceMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.lastPostAt.set(channel, Date.now());
  }

  /** What a tick at `now` would post, without claiming anything: for `ccm tick` with no platform. */
  preview(now: Date): { channel: string; reply: Reply }[] {
    const ctx = this.context(now);
    // Digest parts follow a posted parent, so a dry run shows the parent only.
    return this.due(now, { postableOnly: false }).due.filter((d) => d.kind !== 'digest-part').flatMap((d) => {
      const content = this.content({ ...d.key, parentId: null }, ctx);
      return 'reply' in content ? [{ channel: `${d.key.platform}:${d.key.channelId}`, reply: content.reply }] : [];
    });
  }

}

function ledgerKey(k: Pick<PostKey, 'rule' | 'occurrence' | 'platform' | 'channelId'>): string {
  return `${k.rule}|${k.occurrence}|${k.platform}|${k.channelId}`;
}
