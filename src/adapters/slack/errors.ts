/**
 * Slack's Web API errors in the scheduler's terms (see core/delivery.ts): what failed for good,
 * what may be retried, and what may have been posted already.
 */
import { DeliveryError } from '../../core/delivery.ts';

/** Slack's refusals that last until a person acts, by what the person must fix. */
const REFUSALS: Record<string, 'auth' | 'permission' | 'not-found'> = {
  invalid_auth: 'auth',
  account_inactive: 'auth',
  token_revoked: 'auth',
  token_expired: 'auth',
  not_authed: 'auth',
  not_in_channel: 'permission',
  missing_scope: 'permission',
  restricted_action: 'permission',
  cannot_dm_bot: 'permission',
  channel_not_found: 'not-found',
  is_archived: 'not-found',
  user_not_found: 'not-found',
};

/** Network errors raised before a request reached Slack: nothing can have been posted. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** The system error code behind a failed fetch (undici nests it in `cause`, sometimes in an AggregateError). */
function networkCode(error: unknown): string | undefined {
  for (let e = error as { code?: string; cause?: unknown; errors?: unknown[] } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && !e.code.startsWith('slack_')) return e.code;
    const inner = e.errors?.[0] as { code?: string } | undefined;
    if (typeof inner?.code === 'string') return inner.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/**
 * Slack's errors in the scheduler's terms. Slack answered with an error or a failure status,
 * or the connection was never made: the message was not posted, and is retried. The request
 * went out and no answer came: it may have been posted, and is not sent again.
 */
export function deliveryError(error: unknown): DeliveryError {
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number; message?: string; original?: unknown };
  switch (e.code) {
    case 'slack_webapi_platform_error': {
      const reason = e.data?.error ?? 'unknown error';
      const hint = reason === 'not_in_channel' ? ' (invite the bot to the channel)' : '';
      return new DeliveryError(`Slack refused the post: ${reason}${hint}`, REFUSALS[reason] ?? 'refused');
    }
    case 'slack_webapi_http_error':
      return new DeliveryError(`Slack answered HTTP ${e.statusCode ?? '?'}`, 'refused');
    case 'slack_webapi_rate_limited_error': {
      // Bolt's client reads Retry-After (seconds) into `retryAfter`.
      const seconds = (error as { retryAfter?: number }).retryAfter;
      return new DeliveryError(
        `Slack rate-limited the post${seconds ? ` (retry after ${seconds} s)` : ''}`,
        'rate-limited',
        seconds ? seconds * 1000 : undefined,
      );
    }
    case 'slack_webapi_request_error': {
      const code = networkCode(e.original);
      if (code && NOT_CONNECTED.has(code)) return new DeliveryError(`Could not reach Slack (${code})`, 'not-connected');
      return new DeliveryError(`No answer from Slack: ${e.message ?? String(error)}`, 'unknown-outcome');
    }
    default:
      return new DeliveryError(`No answer from Slack: ${e.message ?? String(error)}`, 'unknown-outcome');
  }
}
