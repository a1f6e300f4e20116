/**
 * The Teams credentials, checked at start-up: a wrong app id or secret should stop the bot where
 * the operator sees it, not surface hours later as posts that fail.
 */
import type { Log } from '../../log.ts';
import { AdapterStartError } from '../adapter.ts';
import type { Connector } from './connector.ts';
import type { DeliveryError } from '../../core/delivery.ts';
import { teamsDeliveryError } from './errors.ts';

/** How long start-up waits for Microsoft Entra to hand out a token. */
const CREDENTIALS_CHECK_MS = 10_000;

/**
 * Asks Microsoft Entra (or MICROSOFT_LOGIN_URL's stand-in) for the bot's token, waiting at most
 * `waitMs`: 'ok', 'timeout', or the refusal (or why it could not be asked) as a DeliveryError,
 * whose failure is 'auth' when the credentials themselves were refused.
 */
export async function askForToken(connector: Pick<Connector, 'checkCredentials'>, waitMs: number): Promise<'ok' | 'timeout' | DeliveryError> {
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), waitMs).unref());
  return Promise.race([
    connector.checkCredentials().then(
      () => 'ok' as const,
      (error: unknown) => teamsDeliveryError(error),
    ),
    timeout,
  ]);
}

/**
 * Stops start-up when Microsoft Entra refuses the app id and secret; when it cannot be reached
 * now, says so and starts (the first post will tell, and is retried).
 */
export async function checkCredentials(connector: Pick<Connector, 'checkCredentials'>, log: Log): Promise<void> {
  const outcome = await askForToken(connector, CREDENTIALS_CHECK_MS);
  if (outcome === 'ok') return;
  if (outcome !== 'timeout' && outcome.failure === 'auth') {
    throw new AdapterStartError(
      'Microsoft Entra did not accept the Teams credentials. Check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID (and MICROSOFT_APP_TYPE).',
    );
  }
  log.warn('teams: could not check the credentials with Microsoft Entra now; starting anyway', {
    error: outcome === 'timeout' ? 'no answer' : outcome.message,
  });
}
