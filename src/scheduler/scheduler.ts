/**
 * Reminders and digests, posted exactly once, on time, across restarts.
 *
 * The database is the schedule and cron only a heartbeat: each tick works out from the plans
 * and the store what is due (due.ts), claims each post in the ledger inside a transaction
 * (claim.ts), then sends what it claimed through the platforms' posters (deliver.ts), building
 * each post as it goes out (content.ts). It never imports a platform SDK or a renderer, and
 * knows no platform's rate: it hands reply models and addresses to posters.
 */
import { randomUUID } from 'node:crypto';
import type { Reply } from '../core/reply.ts';
import { isBusy } from '../store/busy.ts';
import type { PostLedger } from '../store/ledger.ts';
import type { Store } from '../store/store.ts';
import { claim } from './claim.ts';
import { type PassContent, passContent, plannedReply, postContent } from './content.ts';
import { deliver } from './deliver.ts';
import { dueAt, heldPlannedPosts, plannedPosts } from './due.ts';
import { asleep, nextWake, type Sleep } from './wake.ts';
import { reportContext, type ScheduleLine, type SchedulerOptions, type TickReport, type Undeliverable } from './options.ts';

export type { ScheduleLine, SchedulerOptions, TickReport } from './options.ts';

export class Scheduler {
  private readonly processId = randomUUID();
  private readonly leaseMs: number;
  /** Set after a pass that found nothing to do: until when the heartbeat's passes may be skipped. */
  private sleep: Sleep | undefined;

  private readonly o: SchedulerOptions;

  constructor(o: SchedulerOptions) {
    this.o = o;
    this.leaseMs = o.leaseMs ?? 5 * 60_000;
  }

  /**
   * The same scheduler reading its content (log, milestones, subscriptions) from another store,
   * such as the store as it stood at a past instant, and its ledger from `ledger` if given.
   */
  withStore(store: Store, ledger: PostLedger = this.o.ledger): Scheduler {
    return new Scheduler({ ...this.o, store, ledger, leaseMs: this.leaseMs });
  }

  /** The plans' posts between two instants (quiet periods applied), with the channels subscribed now. */
  upcoming(from: Date, to: Date): ScheduleLine[] {
    const channels = this.o.store.channels.subscriptions().map((s) => `${s.platform}:${s.channelId}`);
    return heldPlannedPosts(this.o)
      .filter((p) => p.dueAt >= from && p.dueAt <= to)
      .map((p) => ({
        at: p.dueAt,
        kind: p.kind,
        title: plannedReply(this.o, p, reportContext(this.o, p.dueAt, this.o.plans.byId(p.planId)), 'states')?.title ?? p.occurrence,
        channels,
      }));
  }

  /** What is due at `now` for every subscribed channel, not yet claimed (see due.ts). */
  due(now: Date) {
    return dueAt(this.o, now, { postableOnly: false });
  }

  /** Claims what is due at `now` (see claim.ts). */
  claim(now: Date) {
    return claim(this.o, this.processId, this.leaseMs, now).claimed;
  }

  /**
   * One scheduler pass: claim, then send. Digest parts claimed after their parent is sent go
   * out in the same pass. Once `stop` is aborted, the post being sent is finished and the rest
   * stay claimed, for a later tick of this or another process to take back.
   */
  async tick(now: Date, stop?: AbortSignal): Promise<TickReport> {
    const first = claim(this.o, this.processId, this.leaseMs, now);
    const report: TickReport = { sent: [], failed: [], uncertain: [], skipped: [], undeliverable: first.undeliverable };
    let claimed = first.claimed;
    // Built once for the tick, and only when something is claimed: a digest's parent and its
    // parts, sent in two rounds, tell the same figures.
    let pass: PassContent | undefined;
    for (let round = 0; round < 2 && claimed.length > 0 && !stop?.aborted; round++) {
      pass ??= passContent(reportContext(this.o, now), plannedPosts(this.o));
      await deliver(this.o, this.processId, claimed, now, pass, report, stop);
      claimed = report.sent.some((s) => s.post.rule === 'digest') && !stop?.aborted ? this.claim(now) : [];
    }
    return report;
  }

  /**
   * The heartbeat's pass: a tick, or nothing (undefined) when nothing can have fallen due since
   * the last pass (see wake.ts), or when another connection holds the write lock (the next beat
   * tries again). After a pass that changed nothing, the next ones sleep until
   * the next instant that matters or the next write to the database, whichever comes first.
   */
  async beat(now: Date, stop?: AbortSignal): Promise<TickReport | undefined> {
    const marker = this.o.store.commitMarker();
    if (asleep(this.sleep, marker, now)) return undefined;
    this.sleep = undefined;
    let report: TickReport;
    try {
      report = await this.tick(now, stop);
    } catch (error) {
      if (!isBusy(error)) throw error;
      // Another connection holds the write lock: nothing more was claimed, and the next beat tries again.
      this.o.log.warn('tick skipped: the database is busy; the next beat tries again', { error: (error as Error).message });
      return undefined;
    }
    // A pass that wrote (or saw another write land while it was sending) is followed by another.
    if (!stop?.aborted && this.o.store.commitMarker() === marker) {
      this.sleep = { marker, from: now, until: nextWake(this.o, now, this.leaseMs) };
    }
    return report;
  }

  /** What a tick at `now` would post, without claiming anything: for `ccm tick` with no platform. */
  preview(now: Date): { posts: { channel: string; reply: Reply }[]; undeliverable: Undeliverable[] } {
    const { due, undeliverable } = dueAt(this.o, now, { postableOnly: false });
    const pass = passContent(reportContext(this.o, now), plannedPosts(this.o));
    // Digest parts follow a posted parent, so a dry run shows the parent only.
    const posts = due
      .filter((d) => d.kind !== 'digest-part')
      .flatMap((d) => {
        const content = postContent(this.o, { ...d.key, parentId: null }, pass);
        return 'reply' in content ? [{ channel: `${d.key.platform}:${d.key.channelId}`, reply: content.reply }] : [];
      });
    return { posts, undeliverable };
  }
}
