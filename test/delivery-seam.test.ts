/**
 * The scheduler against the delivery seam alone: a recording poster that fails as a platform
 * would, with no platform stand-in. The scheduler decides from the typed error only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../src/bot.ts';
import { DeliveryError, type DeliveryFailure, type Poster } from '../src/core/delivery.ts';
import { createTestBot, type TestBot, dateSpringMeetings } from './support/harness.ts';
import { slackActor, slackPlace } from './support/places.ts';

let bot: TestBot;
beforeEach(() => {
  bot = createTestBot({ now: '2026-03-01T10:00:00Z' });
  dateSpringMeetings(bot);
  bot.core.handle({ text: 'subscribe', actor: slackActor('U1', 'Ana'), place: slackPlace('C1') });
});
afterEach(() => bot.close());

/** A poster that records every attempt and fails with the next scripted failure, then succeeds. */
function recordingPoster(failures: { failure: DeliveryFailure; retryAfterMs?: number }[]) {
  const attempts: { address: string; title: string }[] = [];
  const poster: Poster = {
    ready: async () => {},
    async post(address, reply) {
      attempts.push({ address, title: reply.title });
      const next = failures.shift();
      if (next) throw new DeliveryError(`scripted ${next.failure}`, next.failure, next.retryAfterMs);
      return { ref: `ref-${attempts.length}` };
    },
  };
  return { poster, attempts };
}

const at = (iso: string) => new Date(iso);
const DUE = '2026-05-05T07:00:30Z'; // the 7-day reminder of wg3, at 09:00 Geneva time

describe('a rate-limited post', () => {
  it('is tried again only once the wait the platform asked for has passed, to the stored address', async () => {
    const { poster, attempts } = recordingPoster([{ failure: 'rate-limited', retryAfterMs: 20 * 60_000 }]);
    const scheduler = createScheduler(bot, { slack: poster });
    expect((await scheduler.tick(at(DUE))).failed).toHaveLength(1);
    // The usual first backoff is one minute; the platform asked for twenty.
    expect((await scheduler.tick(at('2026-05-05T07:05:30Z'))).sent).toEqual([]);
    expect((await scheduler.tick(at('2026-05-05T07:19:30Z'))).sent).toEqual([]);
    expect(attempts).toHaveLength(1);
    const later = await scheduler.tick(at('2026-05-05T07:21:00Z'));
    expect(later.sent.map((s) => s.reply.title)).toEqual(['In 7 days: Third meeting of the Informal Working Group on Universalisation']);
    expect(attempts.map((a) => a.address)).toEqual(['slack:channel:C1', 'slack:channel:C1']);
  });
});

describe('a post of unknown outcome', () => {
  it('is never sent again', async () => {
    const { poster, attempts } = recordingPoster([{ failure: 'unknown-outcome' }]);
    const scheduler = createScheduler(bot, { slack: poster });
    expect((await scheduler.tick(at(DUE))).uncertain).toHaveLength(1);
    for (const later of ['2026-05-05T07:30:00Z', '2026-05-05T12:00:00Z', '2026-05-06T07:00:30Z']) {
      const report = await scheduler.tick(at(later));
      expect(report.sent.concat(report.failed as never)).toEqual([]);
    }
    expect(attempts).toHaveLength(1);
    expect(bot.ledger.all().map((p) => p.status)).toEqual(['uncertain']);
  });
});

describe('a refusal only a person can fix', () => {
  it.each(['auth', 'permission'] as const)('(%s) waits six hours before the next try', async (failure) => {
    const { poster, attempts } = recordingPoster([{ failure }]);
    const scheduler = createScheduler(bot, { slack: poster });
    await scheduler.tick(at(DUE));
    await scheduler.tick(at('2026-05-05T12:00:00Z'));
    expect(attempts).toHaveLength(1);
    expect((await scheduler.tick(at('2026-05-05T13:01:00Z'))).sent).toHaveLength(1);
  });

  it('(not-found) is a conversation gone: the post is dropped and the channel gets no more until subscribed again', async () => {
    const { poster, attempts } = recordingPoster([{ failure: 'not-found' }]);
    const scheduler = createScheduler(bot, { slack: poster });
    await scheduler.tick(at(DUE));
    for (const later of ['2026-05-05T13:01:00Z', '2026-05-12T07:00:30Z']) expect((await scheduler.tick(at(later))).sent).toEqual([]);
    expect(attempts).toHaveLength(1);
    expect(bot.ledger.all().map((p) => p.status)).toEqual(['skipped']);
  });
});

describe('a nudge', () => {
  it("goes to the owner's stored personal address, and one logged in the shell is reported as undeliverable", async () => {
    bot.core.handle({ text: 'next Kenya send the steps note by 2026-04-01', actor: slackActor('U7', 'Ola'), place: slackPlace('D7') });
    bot.say('next Uganda send the Q&A by 2026-04-01', 'sam');
    const { poster, attempts } = recordingPoster([]);
    const report = await createScheduler(bot, { slack: poster }).tick(at('2026-04-02T07:00:30Z'));
    expect(attempts).toEqual([{ address: 'slack:personal:U7', title: 'Your next step with Kenya is past its due date' }]);
    expect(report.undeliverable).toEqual([{ entryId: 2, owner: 'sam', reason: 'no address to reach them (the step was logged in the local shell)' }]);
  });
});
