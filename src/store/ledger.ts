/**
 * The ledger of scheduled posts. Claiming a post is inserting its row: the unique key
 * (rule, occurrence, platform, channel) lets exactly one claimer win, whichever process or
 * tick it is. Every later step is a compare-and-set on the row's status.
 */
import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, or, param, prepared, rawStatement, sql } from './orm.ts';
import type { Db } from './database.ts';
import * as schema from './schema.ts';
import type { PostIdentity } from '../domain/post-key.ts';

export type PostRow = typeof schema.posts.$inferSelect;

export interface PostKey {
  rule: string;
  occurrence: string;
  platform: string;
  channelId: string;
  dueAt: string;
  eventEndsOn: string;
  parentId?: number | null;
  /** Set when a hold moved the post: when it was due before, and the hold. */
  heldFrom?: string | null;
  heldBy?: number | null;
}

const { posts } = schema;

/**
 * Posts owed another attempt at `at`: failed ones whose retry time has come, and claims older
 * than `staleBefore` (their process stopped before sending). Values or prepared parameters.
 */
function owedWhere(at: string | ReturnType<typeof param>, staleBefore: string | ReturnType<typeof param>) {
  return or(
    and(eq(schema.posts.status, 'failed'), lte(schema.posts.nextAttemptAt, at)),
    and(eq(schema.posts.status, 'claimed'), lt(schema.posts.claimedAt, staleBefore)),
  );
}

export class PostLedger {
  private readonly db: Db;
  private readonly digestsAtQuery = prepared(() =>
    this.db
      .select({ platform: posts.platform, channelId: posts.channelId, dueAt: posts.dueAt })
      .from(posts)
      .where(
        and(
          eq(posts.rule, 'digest'),
          sql`${posts.status} NOT IN ('skipped', 'expired')`,
          sql`${posts.dueAt} IN (SELECT value FROM json_each(${param('dueAts')}))`,
        ),
      )
      .prepare(),
  );
  private readonly owedQuery = prepared(() =>
    this.db
      .select({ id: posts.id })
      .from(posts)
      .where(owedWhere(param('at'), param('staleBefore')))
      .limit(1)
      .prepare(),
  );

  // drizzle has no join on a table-valued function: a statement of better-sqlite3's own.
  private readonly existingQuery = prepared(() =>
    rawStatement<PostIdentity>(
      this.db,
      `SELECT p.rule, p.occurrence, p.platform, p.channel_id AS channelId FROM json_each(@keys) AS k CROSS JOIN posts AS p
       ON p.rule = k.value ->> 0 AND p.occurrence = k.value ->> 1 AND p.platform = k.value ->> 2 AND p.channel_id = k.value ->> 3`,
    ),
  );

  constructor(db: Db) {
    this.db = db;
  }

  /** Claims a post that has no row yet; returns the row when this call won it. */
  claimNew(key: PostKey, claimedBy: string, at: string): PostRow | undefined {
    return this.db
      .insert(schema.posts)
      .values({ ...key, parentId: key.parentId ?? null, status: 'claimed', claimedBy, claimedAt: at })
      .onConflictDoNothing()
      .returning()
      .get();
  }

  /** Records a post that will not be sent because a later one of its family replaces it. */
  skip(key: PostKey, at: string): void {
    this.db
      .insert(schema.posts)
      .values({ ...key, parentId: key.parentId ?? null, status: 'skipped', lastError: `superseded at ${at}` })
      .onConflictDoNothing()
      .run();
  }

  /** Which of these posts have a row, whatever its status. */
  existing(keys: readonly PostIdentity[]): PostIdentity[] {
    if (keys.length === 0) return [];
    // Looked up in the unique index, key by key: a pass reads its candidates' rows, never the
    // whole ledger, which grows with every post ever made.
    const json = JSON.stringify(keys.map((k) => [k.rule, k.occurrence, k.platform, k.channelId]));
    return this.existingQuery().all({ keys: json });
  }

  /** Digests posted, being posted or owed in any channel at these instants (not skipped, not expired). */
  digestsAt(dueAts: readonly string[]): Pick<PostRow, 'platform' | 'channelId' | 'dueAt'>[] {
    if (dueAts.length === 0) return [];
    return this.digestsAtQuery().all({ dueAts: JSON.stringify(dueAts) });
  }

  /** Whether `reclaim` with the same instants could take anything back. */
  anyOwed(at: string, staleBefore: string): boolean {
    return this.owedQuery().get({ at, staleBefore }) !== undefined;
  }

  /**
   * The earliest instant after `after` at which a post becomes owed another attempt without
   * anything else changing: a failed post's retry time, or a claim (or a send) outliving its
   * lease. Undefined when none will.
   */
  nextOwedAfter(after: string, leaseMs: number): Date | undefined {
    const retry = this.db
      .select({ at: sql<string | null>`min(${posts.nextAttemptAt})` })
      .from(posts)
      .where(and(eq(posts.status, 'failed'), gt(posts.nextAttemptAt, after)))
      .get()?.at;
    const oldestClaim = this.db
      .select({ at: sql<string | null>`min(${posts.claimedAt})` })
      .from(posts)
      .where(inArray(posts.status, ['claimed', 'sending']))
      .get()?.at;
    const times = [retry ? new Date(retry).getTime() : Number.NaN, oldestClaim ? new Date(oldestClaim).getTime() + leaseMs : Number.NaN].filter(
      (t) => !Number.isNaN(t) && t > new Date(after).getTime(),
    );
    return times.length > 0 ? new Date(Math.min(...times)) : undefined;
  }

  /**
   * Takes back posts that are owed: failed ones whose retry time has come, and claims left
   * by a process that stopped before sending (older than `staleBefore`). Failed posts whose
   * event is over expire instead.
   */
  reclaim(claimedBy: string, at: string, staleBefore: string, today: string): PostRow[] {
    this.db
      .update(schema.posts)
      .set({ status: 'expired' })
      .where(and(inArray(schema.posts.status, ['failed', 'claimed']), lt(schema.posts.eventEndsOn, today)))
      .run();
    const owed = this.db.select().from(schema.posts).where(owedWhere(at, staleBefore)).orderBy(asc(schema.posts.dueAt), asc(schema.posts.id)).all();
    const won: PostRow[] = [];
    for (const post of owed) {
      // Compare-and-set: another process may have taken it between the select and here.
      const sameClaim = post.claimedAt === null ? isNull(schema.posts.claimedAt) : eq(schema.posts.claimedAt, post.claimedAt);
      const row = this.db
        .update(schema.posts)
        .set({ status: 'claimed', claimedBy, claimedAt: at })
        .where(and(eq(schema.posts.id, post.id), eq(schema.posts.status, post.status), sameClaim))
        .returning()
        .get();
      if (row) won.push(row);
    }
    return won;
  }

  /**
   * Posts a process marked as sending and never finished (it stopped mid-request): the
   * platform may have them, so they become `uncertain` rather than being sent again.
   */
  abandonStaleSending(staleBefore: string): PostRow[] {
    return this.db
      .update(schema.posts)
      .set({ status: 'uncertain', lastError: 'the sending process stopped before the platform answered' })
      .where(and(eq(schema.posts.status, 'sending'), lt(schema.posts.claimedAt, staleBefore)))
      .returning()
      .all();
  }

  /** Marks a claimed post as being sent; false when the claim was lost meanwhile. */
  startSending(id: number, claimedBy: string): boolean {
    const row = this.db
      .update(schema.posts)
      .set({ status: 'sending' })
      .where(and(eq(schema.posts.id, id), eq(schema.posts.status, 'claimed'), eq(schema.posts.claimedBy, claimedBy)))
      .returning({ id: schema.posts.id })
      .get();
    return row !== undefined;
  }

  sent(id: number, messageRef: string, at: string): void {
    this.db.update(schema.posts).set({ status: 'sent', messageRef, sentAt: at, lastError: null }).where(eq(schema.posts.id, id)).run();
  }

  /** The platform said no: retried at `nextAttemptAt`. */
  failed(id: number, attempts: number, error: string, nextAttemptAt: string): void {
    this.db.update(schema.posts).set({ status: 'failed', attempts, lastError: error, nextAttemptAt }).where(eq(schema.posts.id, id)).run();
  }

  /** The request may or may not have reached the platform: not resent, so never sent twice. */
  uncertain(id: number, attempts: number, error: string): void {
    this.db.update(schema.posts).set({ status: 'uncertain', attempts, lastError: error }).where(eq(schema.posts.id, id)).run();
  }

  /** A claimed post that is no longer wanted (its next step was done, its channel left). */
  drop(id: number, reason: string): void {
    this.db.update(schema.posts).set({ status: 'skipped', lastError: reason }).where(eq(schema.posts.id, id)).run();
  }

  /** Sent digests whose event is not over, for threading their parts. */
  sentParents(rule: string, today: string): PostRow[] {
    return this.db
      .select()
      .from(schema.posts)
      .where(and(eq(schema.posts.rule, rule), eq(schema.posts.status, 'sent'), gte(schema.posts.eventEndsOn, today)))
      .all();
  }

  byId(id: number): PostRow | undefined {
    return this.db.select().from(schema.posts).where(eq(schema.posts.id, id)).get();
  }

  all(): PostRow[] {
    return this.db.select().from(schema.posts).orderBy(asc(schema.posts.dueAt), asc(schema.posts.id)).all();
  }
}
