/**
 * The test bot: the real core, real commands and a real SQLite file with the real migrations,
 * with a clock the test controls. `bot.say('meeting Lao PDR held')` returns the reply model.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { platformSecrets } from '../../src/adapters/index.ts';
import { SHELL_PLACE } from '../../src/adapters/shell/shell.ts';
import type { Reply } from '../../src/core/reply.ts';
import { loadConfig } from '../../src/config.ts';
import { assemble, type Bot } from '../../src/bot.ts';
import { createLog, type Log, type LogLevel } from '../../src/log.ts';
import { renderText } from '../../src/render/text.ts';

export interface TestBot extends Bot {
  dir: string;
  dbPath: string;
  /** Moves the clock; every later command sees this instant. */
  setNow(iso: string): void;
  /** Runs a command as a person (default "alice") and returns the reply. */
  say(text: string, as?: string): Reply;
  /** The same, rendered as the shell would print it. */
  sayText(text: string, as?: string): string;
  /** Closes the database and deletes the temporary folder. */
  close(): void;
}

/**
 * Who runs the test group: alice (the default speaker), Slack's U1 and Teams' Ana Ortiz are
 * admins, so that tests of subscriptions and plan dates act as the coordinators who do that.
 * Anyone else is a member unless given a role; test/roles.test.ts covers what members may not do.
 */
export const TEST_ADMINS = 'shell:alice,slack:U1,teams:aaaaaaaa-0000-0000-0000-00000000a0a0';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ccm-test-'));
}

/** `log`: where the bot's log lines go (none by default), e.g. {@link capturedLog}. */
export function createTestBot(options: { now?: string; env?: Record<string, string>; dir?: string; log?: Log } = {}): TestBot {
  const dir = options.dir ?? tempDir();
  const dbPath = join(dir, 'ccm.sqlite');
  let now = new Date(options.now ?? '2026-03-10T09:00:00Z');
  const config = loadConfig({ CCM_DB_PATH: dbPath, CCM_USER: 'tester', CCM_ADMINS: TEST_ADMINS, ...options.env });
  // A new database on the shipped plans, in a folder that exists (a start makes a missing one, private),
  // starts as a copy of the one made once (./template.ts).
  if (existsSync(dir) && !existsSync(dbPath) && options.env?.CCM_PLAN === undefined) copyFileSync(inject('templateDatabase'), dbPath);
  const bot = assemble(config, options.log ?? createLog('silent'), () => now);
  const say = (text: string, as = 'alice') => bot.core.handle({ text, actor: { platform: 'shell', userId: as, displayName: as }, place: SHELL_PLACE });
  return {
    ...bot,
    dir,
    dbPath,
    setNow: (iso) => {
      now = new Date(iso);
    },
    say,
    sayText: (text, as) => renderText(say(text, as)),
    close: () => {
      bot.database.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The value of a fact in a reply, by label. */
export function fact(reply: Reply, label: string): string | undefined {
  return reply.facts?.find((f) => f.label === label)?.value;
}

/** A progress figure of a reply, by its label. */
export function progress(reply: Reply, label: string) {
  return reply.progress?.find((p) => p.label === label);
}

/** A real log at `level` whose lines are kept, parsed, in `lines` (and as written, in `text()`). */
export function capturedLog(level: LogLevel = 'debug'): { log: Log; lines: Record<string, unknown>[]; text(): string } {
  const written: string[] = [];
  const log = createLog(level, { write: (line) => written.push(line) }, platformSecrets());
  return {
    log,
    get lines() {
      return written.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    text: () => written.join(''),
  };
}

/**
 * Dates every meeting of the shipped plan in the spring and summer of 2026 (wg3 12 May, wg4
 * 16 Jun, the Preparatory Meetings and workshops after), so that no prompt to set a date, sent
 * monthly while one is missing, mixes into the reminders and digests a test looks at.
 */
export function dateSpringMeetings(bot: TestBot): void {
  for (const [id, date] of [
    ['wg3', '2026-05-12'],
    ['wg4', '2026-06-16'],
    ['pm1', '2026-07-06'],
    ['pm2', '2026-08-24'],
    ['workshop-asean', '2026-07-14'],
    ['workshop-africa', '2026-08-04'],
  ]) {
    const reply = bot.say(`milestone ${id} date ${date}`);
    if (reply.tone !== 'success') throw new Error(`Could not date ${id}: ${reply.title}`);
  }
}
