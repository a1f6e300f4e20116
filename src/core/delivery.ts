/**
 * How the scheduler hands a post to a chat platform without knowing which one: each adapter
 * offers a {@link Poster} that posts to an address, paces itself at its platform's rate, and
 * reports every failure as a typed {@link DeliveryError}. The scheduler decides from the type
 * alone whether and when to try again; a platform's own client never retries by itself.
 */
import type { Reply } from './reply.ts';

export interface Poster {
  /**
   * Resolves when the platform's pace allows the next post to `address` (Slack: about one a
   * second per channel), and reserves that slot. Called before a post is marked as sending, so
   * a process stopped while waiting leaves a claim to take back, never a post of unknown outcome.
   */
  ready(address: string): Promise<void>;
  /**
   * Posts a reply model to an address (see address.ts), or into a thread of a message it
   * posted earlier; resolves to the platform's id of the new message.
   */
  post(address: string, reply: Reply, options?: { threadRef?: string }): Promise<{ ref: string }>;
}

/**
 * Why a post failed, in terms every platform maps onto:
 * - `auth`: the platform refused the bot's credentials (revoked or wrong token, secret);
 * - `permission`: the bot may not post there (removed from the channel, app not installed);
 * - `not-found`: no such channel or conversation (archived, deleted);
 * - `rate-limited`: the platform asked to slow down; `retryAfterMs` says for how long;
 * - `not-connected`: the request never reached the platform (refused, no route);
 * - `refused`: the platform answered with another failure (a 5xx): it did not post;
 * - `unknown-outcome`: the request went out and no answer came: it may have been posted.
 */
export type DeliveryFailure = 'auth' | 'permission' | 'not-found' | 'rate-limited' | 'not-connected' | 'refused' | 'unknown-outcome';

/** Failures only a person can end (renew the token, invite the bot): retried rarely, and the operator is told. */
const NEEDS_OPERATOR: ReadonlySet<DeliveryFailure> = new Set(['auth', 'permission', 'not-found']);

export class DeliveryError extends Error {
  override name = 'DeliveryError';
  readonly failure: DeliveryFailure;
  /** With `rate-limited`: how long the platform asked to wait before the next try. */
  readonly retryAfterMs?: number;

  constructor(message: string, failure: DeliveryFailure, retryAfterMs?: number) {
    super(message);
    this.failure = failure;
    this.retryAfterMs = retryAfterMs;
  }

  /** `not-delivered`: certainly not posted, safe to try again; `unknown`: it may have been posted, never resent. */
  get outcome(): 'not-delivered' | 'unknown' {
    return this.failure === 'unknown-outcome' ? 'unknown' : 'not-delivered';
  }

  get needsOperator(): boolean {
    return NEEDS_OPERATOR.has(this.failure);
  }
}

/** Any error thrown while posting, as a DeliveryError; a bare error says nothing, so its outcome is unknown. */
export function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  return new DeliveryError(error instanceof Error ? error.message : String(error), 'unknown-outcome');
}

/**
 * How a platform can answer one person privately in a channel:
 * - `native`: the platform shows a message to one person in the channel (Slack's ephemeral);
 * - `personal-chat`: the answer goes to the person's one-to-one chat with the bot (Teams).
 */
export type PrivateAnswerCapability = 'native' | 'personal-chat';

/** What happened to one private answer, as the adapter reports it. */
export type PrivateAnswerOutcome = 'native' | 'personal-chat' | 'not-possible';

/**
 * The line the channel sees about a private answer, decided from what the adapter reports,
 * never from the platform's name: nothing for a native one, a pointer to the personal chat,
 * or how to make private answers possible.
 */
export function privateAnswerNotice(outcome: PrivateAnswerOutcome): string | undefined {
  switch (outcome) {
    case 'native':
      return undefined;
    case 'personal-chat':
      return 'I answered you privately, in your chat with me.';
    case 'not-possible':
      return 'I could not answer you privately: add the app for yourself (in your personal apps) and try again. Nothing else was said here.';
  }
}
