/**
 * `ccm tick` as separate processes, as cron and an operator would run it at once: two ticks of
 * one database post once, and a tick waits for another program to let go of the write lock.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCcm } from '../support/process.ts';
import { type SlackChannelBot, slackChannelBot } from '../support/slack-channel.ts';

let setup: SlackChannelBot;
beforeEach(async () => {
  setup = await slackChannelBot();
});
afterEach(() => setup.stop());

const ccm = (args: string[]) => runCcm(args, { PATH: process.env.PATH ?? '', ...setup.env(true) });
const subscribeC1 = () => setup.subscribeC1();
const postsToC1 = () => setup.postsToC1();

describe('ccm tick in processes of its own', () => {
  it('posts once when two processes tick the same database at the same time', async () => {
    await subscribeC1();
    const runs = await Promise.all([ccm(['tick', '--at', '2026-05-05T09:00:30+02:00']), ccm(['tick', '--at', '2026-05-05T09:00:30+02:00'])]);
    expect(runs.map((r) => [r.code, r.err])).toEqual([
      [0, ''],
      [0, ''],
    ]);
    expect(postsToC1()).toHaveLength(1);
  });

  it('waits for another program to let go of the write lock, then posts once', async () => {
    await subscribeC1();
    const other = new Database(setup.bot.dbPath);
    other.exec('BEGIN IMMEDIATE');
    const run = ccm(['tick', '--at', '2026-05-05T09:00:30+02:00']);
    // Held well past the process's start-up, its first claim and a few of its retries.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    other.exec('COMMIT');
    other.close();
    const ran = await run;
    expect(ran.code).toBe(0);
    expect(ran.err).toContain('another program holds the database write lock');
    expect(postsToC1()).toHaveLength(1);
  });
});
