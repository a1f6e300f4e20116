/**
 * Keeps posts to one destination a minimum interval apart, for platforms that rate-limit per
 * channel (Slack: about one message a second). Each poster owns one, so the scheduler never
 * needs to know any platform's rate.
 */
export class Pacer {
  private readonly lastAt = new Map<string, number>();

  private readonly intervalMs: number;

  constructor(intervalMs: number) {
    this.intervalMs = intervalMs;
  }

  /** Resolves once a post to `key` may go out, and counts it as going out now. */
  async wait(key: string): Promise<void> {
    const delay = (this.lastAt.get(key) ?? 0) + this.intervalMs - Date.now();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    this.lastAt.set(key, Date.now());
  }
}
