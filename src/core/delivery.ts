/**
 * How the scheduler hands a post to a chat platform without knowing which one: each adapter
 * offers a {@link Poster}, and reports failures as {@link DeliveryError}s that say whether
 * the message certainly did not arrive (safe to retry) or might have (never resent).
 */
import type { Reply } from './reply.ts';

export interface Poster {
  /** Posts a reply model to a channel, or into a thread; resolves to the platform's message id. */
  post(channelId: string, reply: Reply, options?: { threadRef?: string }): Promise<{ ref: string }>;
}

export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    /** `not-delivered`: the platform refused or failed; `unknown`: the request may have gone through. */
    readonly outcome: 'not-delivered' | 'unknown',
    /** The refusal lasts until a person acts (invite the bot, renew the token): retry rarely, tell the operator. */
    readonly needsOperator = false,
  ) {
    super(message);
  }
}
