/**
 * The heartbeat sleeps between passes while nothing can fall due. Two bots with the same log
 * live through the same ten days of May 2026 (a working group meeting's reminders and digest,
 * nudges to owners in three time zones, a snooze, a quiet period, a failing channel, a write
 * from another process): one passes at every step of the clock, the other beats as the
 * heartbeat does. They must post the same things at the same instants.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../src/bot.ts';
import type { Poster } from '../src/core/delivery.ts';
import { DeliveryError } from '../src/core/delivery.ts';
import type { Scheduler } from '../src/scheduler/scheduler.ts';
import { createTestBot, dateSpringMeetings, type TestBot } from './support/harness.ts';
import { slackActor, slackPlace } from './support/places.ts';

const opened: TestBot[] = [];
afterEach(() => {
  for (const bot of opened.splice(0)) bot.close();
});

const STEP_MS = 7 * 60_000;
const FROM = Date.parse('2026-05-04T00:03:00Z');
const TO = Date.parse('2026-05-13T12:00:00Z');

/**
 * A platform that refuses each post the first time and asks for 20 minutes' patience, so
 * retries, and the instants they become owed, are part of the story.
 */
function recordingPoster(clock: () => Date, record: string[]): Poster {
  const tried = new Set<string>();
  return {
    ready: async () => {},
    post: async (address, reply, options) => {
      const what = `${address} ${options?.threadRef ? 'thread: ' : ''}${reply.title}`;
      const first = !tried.has(what);
      tried.add(what);
      record.push(`${clock().toISOString()} ${first ? 'refused' : 'sent'} ${what}`);
      if (first) throw new DeliveryError('stand-in asks to wait', 'rate-limited', 20 * 60_000);
      return { ref: `ref-${record.length}` };
    },
  };
}

interface World {
  bot: TestBot;
  scheduler: Scheduler;
  posts: string[];
  now: Date;
}

function world(): World {
  const bot = createTestBot({ now: '2026-05-01T08:00:00Z' });
  opened.push(bot);
  dateSpringMeetings(bot);
  const w: World = { bot, scheduler: undefined as unknown as Scheduler, posts: [], now: new Date(FROM) };
  w.scheduler = createScheduler(bot, { slack: recordingPoster(() => w.now, w.posts) });
  bot.core.handle({ text: 'subscribe', actor: slackActor('U1', 'Ana'), place: slackPlace('C1') });
  const as = (id: string, name: string, timeZone?: string) => ({ ...slackActor(id, name), ...(timeZone ? { timeZone } : {}) });
  bot.core.handle({ text: 'next Kenya send model instrument by 2026-05-03', actor: as('U7', 'Kenji', 'Asia/Tokyo'), place: slackPlace('D7') });
  bot.core.handle({ text: 'next Peru call the mission by 2026-05-06', actor: as('U8', 'Ola'), place: slackPlace('D8') });
  bot.core.handle({ text: 'next Chad share the ISU note by 2026-05-08', actor: as('U9', 'Rosa', 'America/Costa_Rica'), place: slackPlace('D9') });
  return w;
}

/** What happens to the log during the ten days, the same in both worlds. */
const EVENTS: [string, (w: World) => void][] = [
  ['2026-05-06T10:00:00Z', (w) => w.bot.core.handle({ text: 'snooze #1 1 week', actor: slackActor('U7', 'Kenji'), place: slackPlace('D7') })],
  ['2026-05-08T15:00:00Z', (w) => w.bot.say('quiet 2026-05-11 to 2026-05-11')],
  [
    // Another process (a second connection to the same file) dates the next meeting a week
    // away: its 7-day reminder is owed at once. The sleeping scheduler must notice the write,
    // not wait for its next instant.
    '2026-05-09T13:00:00Z',
    (w) => {
      const other = createTestBot({ dir: w.bot.dir, now: '2026-05-09T13:00:00Z' });
      other.say('milestone wg4 date 2026-05-16');
      other.close();
    },
  ],
];

async function live(w: World, pass: (now: Date) => Promise<unknown>): Promise<{ passes: number; skipped: number }> {
  let passes = 0;
  let skipped = 0;
  const events = [...EVENTS];
  for (let t = FROM; t <= TO; t += STEP_MS) {
    w.now = new Date(t);
    w.bot.setNow(w.now.toISOString());
    while (events[0] && Date.parse(events[0][0]) <= t) events.shift()![1](w);
    passes++;
    if ((await pass(w.now)) === undefined) skipped++;
  }
  return { passes, skipped };
}

describe('the heartbeat between passes', () => {
  it('posts what a pass at every step posts, at the same instants, while skipping most passes', async () => {
    const everyStep = world();
    const heartbeat = world();
    await live(everyStep, (now) => everyStep.scheduler.tick(now));
    const { passes, skipped } = await live(heartbeat, (now) => heartbeat.scheduler.beat(now));

    expect(heartbeat.posts).toEqual(everyStep.posts);
    // The story has something in it: the meeting's reminder and digest, retries, nudges in
    // three zones, and the step logged by the other process, nudged at the next step.
    const story = everyStep.posts.join('\n');
    expect(story).toMatch(/2026-05-05T07:0\d.* refused slack:channel:C1 /);
    expect(story).toContain('slack:personal:U7');
    expect(story).toContain('slack:personal:U9');
    expect(everyStep.posts.filter((p) => p.includes('thread: ')).length).toBeGreaterThan(0);
    expect(everyStep.posts.find((p) => p.includes('In 7 days: Fourth meeting'))).toMatch(/^2026-05-09T13:0\d/);
    expect(skipped / passes).toBeGreaterThan(0.9);
  });

  it('wakes for a write made by this process, and when the clock is set back', async () => {
    const w = world();
    let minute = Date.parse('2026-05-04T00:03:00Z');
    /** Beats once a minute until a pass is skipped (the first ones post and retry Kenji's nudge). */
    const untilAsleep = async () => {
      for (let i = 0; i < 30; i++, minute += 60_000) if ((await w.scheduler.beat(new Date(minute))) === undefined) return new Date(minute);
      throw new Error('the scheduler never slept');
    };
    const asleepAt = await untilAsleep();
    expect(await w.scheduler.beat(new Date(asleepAt.getTime() + 60_000))).toBeUndefined();
    // A coordinator dates the next meeting a week away: its 7-day reminder is owed at once,
    // hours before any instant the scheduler was sleeping until.
    minute = asleepAt.getTime() + 2 * 60_000;
    w.bot.setNow(new Date(minute).toISOString());
    expect(w.bot.say('milestone wg3 date 2026-05-10').tone).toBe('success');
    const woken = await w.scheduler.beat(new Date(minute));
    expect(woken?.failed.map((f) => f.post.occurrence)).toEqual([expect.stringContaining('wg3')]);
    const again = await untilAsleep();
    expect(await w.scheduler.beat(new Date(again.getTime() - 60 * 60_000))).toBeDefined();
  });
});
