/**
 * The Bot Connector's failures in the scheduler's terms (see core/delivery.ts). botbuilder's
 * connector client throws Azure's RestError: `statusCode` and `response.headers` when the
 * connector answered, a system `code` when it could not be reached; getting a token from
 * Microsoft Entra fails with MSAL's errors, before anything was sent.
 */
import { DeliveryError } from '../../core/delivery.ts';

/** Network errors raised before a request reached the connector: nothing can have been posted. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

interface ConnectorFailure {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  response?: { status?: number; headers?: { get(name: string): string | undefined } };
  /** MSAL's AuthError: the token request failed. */
  errorCode?: string;
  cause?: unknown;
}

/** Retry-After as sent: delta seconds or an HTTP date. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The system error code behind a failed request, however deeply wrapped. */
function systemCode(error: unknown): string | undefined {
  for (let e = error as ConnectorFailure | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(e.code)) return e.code;
    e = e.cause as ConnectorFailure | undefined;
  }
  return undefined;
}

/** The Bot Connector's HTTP answer to a failed request, with its Retry-After; undefined when it gave none. */
export function connectorAnswer(error: unknown): { status: number; retryAfter: string | undefined } | undefined {
  const e = (error ?? {}) as ConnectorFailure;
  const status = e.statusCode ?? e.response?.status;
  return typeof status === 'number' ? { status, retryAfter: e.response?.headers?.get('retry-after') } : undefined;
}

export function teamsDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = (error ?? {}) as ConnectorFailure;
  const status = connectorAnswer(error)?.status;
  if (typeof status === 'number') {
    const said = `the Bot Connector answered HTTP ${status}`;
    if (status === 401) return new DeliveryError(`Teams refused the bot's credentials (${said}); check MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD`, 'auth');
    if (status === 403) return new DeliveryError(`Teams refused the post (${said}): the app is not installed there, or was removed`, 'permission');
    if (status === 404) return new DeliveryError(`Teams has no such conversation (${said})`, 'not-found');
    if (status === 429) {
      const wait = retryAfterMs(connectorAnswer(error)?.retryAfter);
      return new DeliveryError(`Teams rate-limited the post${wait !== undefined ? ` (retry after ${Math.ceil(wait / 1000)} s)` : ''}`, 'rate-limited', wait);
    }
    return new DeliveryError(`Teams did not post it: ${said}`, 'refused');
  }
  if (typeof e.errorCode === 'string') {
    // No token, so no request went out. A refusal names AADSTS codes; anything else is the way there.
    const refused = /AADSTS|invalid_client|unauthorized_client|invalid_grant/i.test(`${e.errorCode} ${e.message ?? ''}`);
    return new DeliveryError(
      refused
        ? "Microsoft Entra refused the bot's credentials; check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID"
        : `Could not get a token from Microsoft Entra (${e.errorCode})`,
      refused ? 'auth' : 'not-connected',
    );
  }
  const code = systemCode(error);
  if (code && NOT_CONNECTED.has(code)) return new DeliveryError(`Could not reach the Bot Connector (${code})`, 'not-connected');
  // Sent, and no answer (a timeout, a dropped connection): it may have been posted.
  return new DeliveryError(`No answer from the Bot Connector: ${code ?? e.message ?? String(error)}`, 'unknown-outcome');
}
