/**
 * How often Slack's Home tab is published: on opening, then after the person's own commands
 * at most once a minute, the changes of a minute gathered into one publish. The clock is
 * vitest's; publishing (views.publish, the network edge) is recorded.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { HOME_REFRESH_MS, HomeTab } from '../src/adapters/slack/home-tab.ts';
import { InFlight } from '../src/adapters/in-flight.ts';
import type { Actor } from '../src/core/command.ts';
import { createLog } from '../src/log.ts';

const ana: Actor = { platform: 'slack', userId: 'U1', displayName: 'Ana', organization: 'T1' };
const ben: Actor = { platform: 'slack', userId: 'U2', displayName: 'Ben', organization: 'T1' };
let published: string[];
let tab: HomeTab;

beforeEach(() => {
  vi.useFakeTimers();
  published = [];
  tab = new HomeTab({ publish: async (actor) => void published.push(actor.userId), inFlight: new InFlight(), log: createLog('silent'), now: () => Date.now() });
});
afterEach(() => {
  tab.stop();
  vi.useRealTimers();
});

it("publishes on opening, and at most once a minute after the person's commands", () => {
  tab.open(ana);
  expect(published).toEqual(['U1']);
  tab.changed(ana);
  tab.changed(ana);
  vi.advanceTimersByTime(HOME_REFRESH_MS - 1);
  expect(published).toEqual(['U1']);
  vi.advanceTimersByTime(1);
  expect(published).toEqual(['U1', 'U1']);
  // A minute later a change is published at once.
  vi.advanceTimersByTime(HOME_REFRESH_MS);
  tab.changed(ana);
  expect(published).toEqual(['U1', 'U1', 'U1']);
});

it('leaves alone the tab of someone who has not opened it, and publishes nothing once stopped', () => {
  tab.changed(ben);
  tab.open(ana);
  tab.changed(ana);
  tab.stop();
  vi.advanceTimersByTime(2 * HOME_REFRESH_MS);
  expect(published).toEqual(['U1']);
});
