/**
 * What members turned on in their chat channels: reminders and digests (subscriptions) and the
 * public one-line echo of new entries.
 */
import { and, eq, isNull, param, prepared, rawStatement, selectList } from '../orm.ts';
import type { Db } from '../database.ts';
import * as schema from '../schema.ts';
import type { EchoRow, SubscriptionRow } from './rows.ts';

export class ChannelRepository {
  private readonly db: Db;
  private readonly subscriptionsQuery = prepared(() =>
    this.db
      .select()
      .from(schema.subscriptions)
      .where(isNull(schema.subscriptions.removedAt))
      .orderBy(schema.subscriptions.createdAt, schema.subscriptions.id)
      .prepare(),
  );
  private readonly subscriptionQuery = prepared(() =>
    this.db
      .select()
      .from(schema.subscriptions)
      .where(
        and(
          eq(schema.subscriptions.platform, param('platform')),
          eq(schema.subscriptions.channelId, param('channelId')),
          isNull(schema.subscriptions.removedAt),
        ),
      )
      .prepare(),
  );
  // Checked for every new entry (see `rawStatement`).
  private readonly echoQuery = prepared(() =>
    rawStatement<EchoRow>(
      this.db,
      `SELECT ${selectList(schema.echoes)} FROM echoes WHERE platform = @platform AND channel_id = @channelId AND removed_at IS NULL`,
    ),
  );

  constructor(db: Db) {
    this.db = db;
  }

  /** The channels that receive reminders and digests now, in the order they subscribed. */
  subscriptions(): SubscriptionRow[] {
    return this.subscriptionsQuery().all();
  }

  subscription(platform: string, channelId: string): SubscriptionRow | undefined {
    return this.subscriptionQuery().get({ platform, channelId });
  }

  /**
   * Marks a subscribed conversation as gone after the platform refused a post there as `failure`
   * (see the `goneAt` column); true when it was not marked yet, so the operator is told once.
   */
  markGone(platform: string, channelId: string, at: string, failure: string): boolean {
    const marked = this.db
      .update(schema.subscriptions)
      .set({ goneAt: at, goneFailure: failure })
      .where(
        and(
          eq(schema.subscriptions.platform, platform),
          eq(schema.subscriptions.channelId, channelId),
          isNull(schema.subscriptions.removedAt),
          isNull(schema.subscriptions.goneAt),
        ),
      )
      .run();
    return marked.changes > 0;
  }

  /** The public echo of a channel, if a member turned it on. */
  echo(platform: string, channelId: string): EchoRow | undefined {
    return this.echoQuery().get({ platform, channelId });
  }
}
