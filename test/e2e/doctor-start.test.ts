/**
 * `ccm doctor`'s checks at a production start, in the bot's own process: run once it listens,
 * in the background, each warning a log line.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ccm } from '../support/ccm.ts';
import { tempDir } from '../support/harness.ts';
import { logLines, slackEnv, startBot } from '../support/process.ts';
import { type SlackStandIn, startSlackStandIn } from '../support/slack.ts';

let dir: string;
let slack: SlackStandIn;
beforeEach(async () => {
  dir = tempDir();
  slack = await startSlackStandIn();
});
afterEach(async () => {
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
});

it('runs the checks at a production start once the bot listens, its warnings in the log', async () => {
  const env = { ...slackEnv(slack, join(dir, 'ccm.sqlite'), dir), NODE_ENV: 'production', CCM_ALLOWED_WORKSPACES: 'T1' };
  expect((await ccm(['init'], env)).code).toBe(0);
  const bot = await startBot(env);
  try {
    await bot.logged(/doctor: ! last backup/);
    const warnings = logLines(bot.stderr()).filter((line) => String(line.message).startsWith('doctor:'));
    // On the real day: whether a plan is in force then depends on it, so only these are certain.
    // The stand-in grants no scopes in its header, and the tests' signing secret is not of Slack's shape.
    expect(warnings.map((line) => line.message)).toEqual(
      expect.arrayContaining(['doctor: ! Slack token scopes', 'doctor: ! Slack signing secret', 'doctor: ! last backup']),
    );
    expect(warnings.find((line) => line.message === 'doctor: ! last backup')).toMatchObject({ level: 'warn', detail: 'none recorded beside the database' });
    expect(warnings.filter((line) => String(line.message).startsWith('doctor: ✗'))).toEqual([]);
  } finally {
    bot.child.kill('SIGTERM');
    await bot.exit;
  }
});
