/**
 * Slack's App Home: the `home` reply published as the person's Home tab when they open it,
 * and again after their own commands, so their steps and figures stay current there.
 *
 * Publishing is never on a request's path (it follows the answer), and happens at most once a
 * minute per person: a second change within the minute is gathered into one publish at the
 * minute's end. Only people who opened the tab while this process runs are refreshed.
 */
import type { webApi } from '@slack/bolt';
import { type Actor, newRequestId } from '../../core/command.ts';
import type { Core } from '../../core/dispatch.ts';
import type { Log } from '../../log.ts';
import { renderSlackHome } from './render.ts';
import type { InFlight } from '../in-flight.ts';

/** The least time between two publishes of one person's Home tab. */
export const HOME_REFRESH_MS = 60_000;

export interface HomeTabOptions {
  /** Builds and publishes one person's Home tab (see {@link homePublisher}). */
  publish(actor: Actor): Promise<void>;
  inFlight: InFlight;
  log: Log;
  /** Least time between two publishes for one person; tests shorten it. */
  minIntervalMs?: number;
  now?: () => number;
}

export class HomeTab {
  /** Who opened the tab, as whom their tab is built (their workspace included). */
  private readonly opened = new Map<string, Actor>();
  private readonly lastPublished = new Map<string, number>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  private readonly o: HomeTabOptions;

  constructor(o: HomeTabOptions) {
    this.o = o;
    this.minIntervalMs = o.minIntervalMs ?? HOME_REFRESH_MS;
    this.now = o.now ?? Date.now;
  }

  /** The person opened the Home tab: published now, unless it was within the minute (then at its end). */
  open(actor: Actor): void {
    this.opened.set(actor.userId, actor);
    this.soon(actor.userId);
  }

  /** The person ran a command: their tab is brought up to date, if they opened it. */
  changed(actor: Actor): void {
    if (!this.opened.has(actor.userId)) return;
    this.opened.set(actor.userId, actor);
    this.soon(actor.userId);
  }

  /** No more publishes; those scheduled are dropped (the next open publishes afresh). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private soon(userId: string): void {
    if (this.stopped || this.pending.has(userId)) return;
    const wait = (this.lastPublished.get(userId) ?? -Infinity) + this.minIntervalMs - this.now();
    if (wait <= 0) {
      this.publishNow(userId);
      return;
    }
    const timer = setTimeout(() => {
      this.pending.delete(userId);
      this.publishNow(userId);
    }, wait);
    timer.unref();
    this.pending.set(userId, timer);
  }

  private publishNow(userId: string): void {
    const actor = this.opened.get(userId);
    if (this.stopped || !actor) return;
    this.lastPublished.set(userId, this.now());
    void this.o.inFlight.track(
      this.o.publish(actor).catch((error: unknown) => {
        this.o.log.warn('the Home tab could not be published', { user: userId, error: error instanceof Error ? error.message : String(error) });
      }),
    );
  }
}

/** What publishing one person's Home tab takes: the core's `home` reply, rendered, through views.publish. */
export function homePublisher(core: Core, client: webApi.WebClient, log: Log): (actor: Actor) => Promise<void> {
  return async (actor) => {
    const reply = core.handle({
      text: 'home',
      actor,
      place: { platform: 'slack', kind: 'personal', channelId: null, address: null },
      requestId: newRequestId(),
    });
    // A refusal (another workspace) or a failure is nothing to show as a Home tab.
    if (reply.tone === 'error') {
      log.warn('the Home tab was not published', { user: actor.userId, code: reply.code });
      return;
    }
    await client.views.publish({ user_id: actor.userId, view: renderSlackHome(reply) });
  };
}
