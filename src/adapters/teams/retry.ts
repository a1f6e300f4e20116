/**
 * Sends a person is waiting for (an answer in their turn, a private answer, opening their 1:1
 * chat, replacing a pressed card) tried again as Microsoft advises for the Bot Connector: on
 * 429, 412, 502 and 504, statuses by which it says the message was not accepted, after the
 * Retry-After it asks for, or else after a growing pause, for about 10 s in all: counted from
 * the activity's arrival, so that one turn's sends share it and Teams, which waits about 15 s
 * for the bot's HTTP answer, has it in time.
 *
 * Anything else is not tried again: another 5xx, or a reset or time-out after the request
 * went out, may have been posted (the ledger treats them the same way). Proactive posts never
 * come here: the scheduler's ledger retries them, minutes apart.
 */
import { connectorAnswer, retryAfterMs } from './errors.ts';

/** The Bot Connector's statuses for "not accepted: try again". */
const TRY_AGAIN = new Set([412, 429, 502, 504]);

/** How long a person's answer is tried for, in all, from the activity's arrival. */
const PATIENCE_MS = 10_000;

/** Pauses without a Retry-After: 1 s, 2 s, 4 s… */
const FIRST_PAUSE_MS = 1000;

/** How long to wait before trying `error`'s send again; undefined: not to be tried again. */
function pauseBefore(error: unknown, attempt: number): number | undefined {
  const answer = connectorAnswer(error);
  if (!answer || !TRY_AGAIN.has(answer.status)) return undefined;
  return retryAfterMs(answer.retryAfter) ?? FIRST_PAUSE_MS * 2 ** attempt;
}

/**
 * Runs `send`, and again while the Bot Connector asks to, until it succeeds or the patience
 * counted from `since` (a `performance.now()`: the activity's arrival) runs out; then throws its last error.
 */
export async function patiently<T>(send: () => Promise<T>, since = performance.now()): Promise<T> {
  const giveUpAt = since + PATIENCE_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const pause = pauseBefore(error, attempt);
      if (pause === undefined || performance.now() + pause > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
