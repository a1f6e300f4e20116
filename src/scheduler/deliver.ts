/**
 * Sending what was claimed, one post at a time, and recording each outcome in the ledger. A
 * failure is classed by its type alone: certainly not delivered (retried, after at least what
 * the platform asked for), needing a person (retried rarely, logged as an error), or of unknown
 * outcome (never resent).
 */
import { asDeliveryError, type DeliveryFailure } from '../core/delivery.ts';
import { retryWhileBusy } from '../store/busy.ts';
import type { PostRow } from '../store/ledger.ts';
import { type PassContent, postContent } from './content.ts';
import type { SchedulerOptions, TickReport } from './options.ts';

/** Waits between retries of a failed post: 1, 5, 15 minutes, then hourly. */
const BACKOFF_MINUTES = [1, 5, 15, 60];
/** Wait after a refusal only a person can fix (bot not in the channel, token revoked). */
const OPERATOR_BACKOFF_MINUTES = 6 * 60;
/**
 * How long a post's step (sending, sent, failed) is tried again while another connection holds
 * the write lock, off the event loop (see store/busy.ts). A post sent must be recorded as sent;
 * after this, the tick gives up and the post's lease decides (an unrecorded send is never resent).
 */
const RECORD_WITHIN_MS = 60_000;

/** Records a step in the ledger, waiting out another connection's lock on a timer. */
const record = <T>(write: () => T): Promise<T> => retryWhileBusy(write, performance.now() + RECORD_WITHIN_MS);

/** `pass`: what the posts are built from, shared by the whole tick (see content.ts). */
export async function deliver(
  o: SchedulerOptions,
  processId: string,
  rows: PostRow[],
  now: Date,
  pass: PassContent,
  report: TickReport,
  stop?: AbortSignal,
): Promise<void> {
  for (const post of rows) {
    // Stopping: what is not being sent yet stays claimed (taken back once the claim lapses).
    if (stop?.aborted) return;
    const poster = o.posters[post.platform];
    if (!poster) continue;
    let content: ReturnType<typeof postContent>;
    try {
      content = postContent(o, post, pass);
    } catch (error) {
      // One post that cannot be built must not hold up the others: it is retried later.
      const message = `could not build the post: ${error instanceof Error ? error.message : String(error)}`;
      await record(() => o.ledger.failed(post.id, post.attempts + 1, message, new Date(now.getTime() + 60 * 60_000).toISOString()));
      report.failed.push({ post, error: message });
      o.log.error('post could not be built', { rule: post.rule, occurrence: post.occurrence, error: message });
      continue;
    }
    if ('skip' in content) {
      await record(() => o.ledger.drop(post.id, content.skip));
      report.skipped.push({ post, reason: content.skip });
      continue;
    }
    if ('wait' in content) continue;
    // The poster's pace first, then mark as sending: a process stopped during the pause leaves
    // a claim (taken back later), never a post of unknown outcome.
    await poster.ready(content.address);
    if (stop?.aborted) return;
    if (!(await record(() => o.store.transaction(() => o.ledger.startSending(post.id, processId))))) continue;
    try {
      const { ref } = await poster.post(content.address, content.reply, content.threadRef ? { threadRef: content.threadRef } : {});
      await record(() => o.ledger.sent(post.id, ref, new Date().toISOString()));
      report.sent.push({ post, reply: content.reply });
      o.log.info('posted', { rule: post.rule, occurrence: post.occurrence, channel: post.channelId });
    } catch (thrown) {
      const error = asDeliveryError(thrown);
      const attempts = post.attempts + 1;
      const fields = { rule: post.rule, channel: post.channelId, attempts, failure: error.failure, error: error.message };
      if (error.outcome === 'unknown') {
        // The platform may have posted it: never risk a second copy.
        await record(() => o.ledger.uncertain(post.id, attempts, error.message));
        report.uncertain.push({ post, error: error.message });
        o.log.error('post outcome unknown, not retried', fields);
        continue;
      }
      if (await conversationGone(o, post, error.failure, now)) {
        report.failed.push({ post, error: error.message });
        continue;
      }
      const backoffMs = (error.needsOperator ? OPERATOR_BACKOFF_MINUTES : BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1]!) * 60_000;
      const waitMs = Math.max(backoffMs, error.retryAfterMs ?? 0);
      await record(() => o.ledger.failed(post.id, attempts, error.message, new Date(now.getTime() + waitMs).toISOString()));
      report.failed.push({ post, error: error.message });
      if (error.needsOperator) o.log.error('post refused; fix the cause, it will be retried', fields);
      else o.log.warn('post failed, will retry', fields);
    }
  }
}

/**
 * A post to a subscribed conversation refused as one that is gone (archived or deleted: not
 * found): the conversation is marked gone, the post dropped, and no more posts go there until
 * someone types `subscribe` in it again. The operator is told once, when it is marked. A
 * refusal for want of permission is not this: inviting the bot back fixes it, so those posts
 * are retried (every few hours, see OPERATOR_BACKOFF_MINUTES). Posts to a person are not concerned.
 */
async function conversationGone(o: SchedulerOptions, post: PostRow, failure: DeliveryFailure, now: Date): Promise<boolean> {
  if (failure !== 'not-found' || !o.store.channels.subscription(post.platform, post.channelId)) return false;
  const marked = await record(() => o.store.transaction(() => o.store.channels.markGone(post.platform, post.channelId, now.toISOString(), failure)));
  await record(() => o.ledger.drop(post.id, `the conversation is gone (${failure})`));
  if (marked) {
    o.log.error('a subscribed conversation refused the post as gone: no more posts go there until someone types `subscribe` in it again', {
      platform: post.platform,
      channel: post.channelId,
      failure,
    });
  }
  return true;
}
