/**
 * A limit on failed authentications per client address, shared by every route of the HTTP
 * server: after {@link FAILED_AUTH_LIMIT} refusals (401) within {@link FAILED_AUTH_WINDOW_MS},
 * the address gets 429 for {@link FAILED_AUTH_BLOCK_MS}, before its requests are read. Slack and
 * the Bot Connector never fail to authenticate, so only someone guessing signatures or tokens,
 * or flooding with unsigned bodies, is slowed down. Kept in memory: a restart forgets it.
 *
 * @example
 * const limiter = new FailedAuthLimiter({ now: () => clock.now().getTime() });
 * if (limiter.blockedFor('203.0.113.5') > 0) answer429();
 * limiter.failed('203.0.113.5');
 */

/** Refusals an address may collect within one window before it is blocked. */
export const FAILED_AUTH_LIMIT = 20;
const FAILED_AUTH_WINDOW_MS = 10_000;
/** How long a blocked address gets 429. */
const FAILED_AUTH_BLOCK_MS = 60_000;
/** Addresses remembered at most; beyond, the oldest are forgotten, so a spoofing flood cannot grow memory. */
const MAX_ADDRESSES = 10_000;

interface Tally {
  windowStart: number;
  failures: number;
  blockedUntil: number;
}

export class FailedAuthLimiter {
  private readonly tallies = new Map<string, Tally>();
  private readonly now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds until `address` may be served again; 0 when it may be now. */
  blockedFor(address: string): number {
    const tally = this.tallies.get(address);
    return tally ? Math.max(0, tally.blockedUntil - this.now()) : 0;
  }

  /** Counts one refused authentication from `address`, blocking it at the limit. */
  failed(address: string): void {
    const now = this.now();
    let tally = this.tallies.get(address);
    if (!tally || now - tally.windowStart >= FAILED_AUTH_WINDOW_MS) {
      this.tallies.delete(address);
      tally = { windowStart: now, failures: 0, blockedUntil: tally?.blockedUntil ?? 0 };
      this.forgetOldest();
    }
    // Re-inserted, so the map's order is the order of last failure.
    this.tallies.set(address, tally);
    tally.failures++;
    if (tally.failures >= FAILED_AUTH_LIMIT) tally.blockedUntil = now + FAILED_AUTH_BLOCK_MS;
  }

  private forgetOldest(): void {
    while (this.tallies.size >= MAX_ADDRESSES) {
      const oldest = this.tallies.keys().next().value;
      if (oldest === undefined) return;
      this.tallies.delete(oldest);
    }
  }
}
