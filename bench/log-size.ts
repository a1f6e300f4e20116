/**
 * The core, in process, on a log of realistic size (see seed.ts): each command's time, the
 * scheduler's per-minute pass, and name resolution with exact names and typos apart.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemble, type Bot, createScheduler } from '../src/bot.ts';
import { loadConfig } from '../src/config.ts';
import type { Poster } from '../src/core/delivery.ts';
import { todayIn } from '../src/domain/dates.ts';
import { createLog } from '../src/log.ts';
import type { Scheduler } from '../src/scheduler/scheduler.ts';
import { slackActor, slackPlace } from '../test/support/places.ts';
import { seedLog } from './seed.ts';
import { type Samples, sample } from './stats.ts';

/** The bench's "now": mid-cycle, a Tuesday morning in Geneva. */
export const BENCH_NOW = '2026-05-05T07:00:30Z';

export interface LogSizeOptions {
  dir: string;
  entries: number;
  channels: number;
  /** How many times each command runs. */
  runs: number;
}

export interface LogSizeFigures {
  seedMs: number;
  commands: Record<string, Samples>;
  /** A full pass with nothing new due: what a minute cost before the heartbeat slept, and what it costs after a write. */
  schedulerPass: Samples;
  /** The heartbeat's beats over an hour with nothing written: a pass, or a skip while nothing can fall due. */
  heartbeat: Samples & { fullPasses: number; meanMs: number };
  exactNames: Samples;
  typos: Samples;
}

/** Posts nothing and answers at once: the scheduler's own cost, not Slack's. */
export const silentPoster: Poster = { ready: async () => {}, post: async () => ({ ref: '1700000000.000100' }) };

export const openBot = (dbPath: string, now: () => Date): Bot => assemble(loadConfig({ CCM_DB_PATH: dbPath, CCM_USER: 'bench' }), createLog('silent'), now);

/** Builds the seeded database file (also used by the HTTP runs) and returns its path. */
export function seededDatabase(options: Pick<LogSizeOptions, 'dir' | 'entries' | 'channels'>): { path: string; seedMs: number } {
  const path = join(options.dir, `log-${options.entries}.sqlite`);
  const started = performance.now();
  const bot = openBot(path, () => new Date(BENCH_NOW));
  const today = todayIn(bot.config.timeZone, new Date(BENCH_NOW));
  seedLog(bot, { entries: options.entries, channels: options.channels, since: '2023-01-01', today });
  bot.database.close();
  return { path, seedMs: performance.now() - started };
}

/**
 * Records everything due at `now` as sent, as the bot's earlier ticks would have left the
 * ledger, without building the posts: the steady state that each minute's pass starts from.
 * (Claimed digests make their thread parts due: hence the rounds.)
 */
export function settleLedger(bot: Bot, scheduler: Scheduler, now: Date): void {
  const at = now.toISOString();
  for (let round = 0; round < 3; round++) {
    const claimed = scheduler.claim(now);
    if (claimed.length === 0) return;
    bot.store.transaction(() => {
      for (const post of claimed) {
        bot.ledger.startSending(post.id, post.claimedBy ?? '');
        bot.ledger.sent(post.id, `1700000000.${String(post.id).padStart(6, '0')}`, at);
      }
    });
  }
}

export async function measureLogSize(options: LogSizeOptions, seeded: { path: string; seedMs: number }): Promise<LogSizeFigures> {
  // A copy: the commands below write (people met, the ledger), the HTTP runs start from the seed.
  const path = join(options.dir, 'log-in-process.sqlite');
  copyFileSync(seeded.path, path);
  let now = new Date(BENCH_NOW);
  const bot = openBot(path, () => now);
  const actor = slackActor('UM1', 'Member 1');
  const place = slackPlace('C1');
  const say = (text: string) => bot.core.handle({ text, actor, place });
  const commands: Record<string, Samples> = {};
  for (const [name, text] of [
    ['state', 'state Kenya'],
    ['log', 'log'],
    ['deliverables', 'deliverables'],
    ['digest', 'digest'],
    ['targets', 'targets'],
  ] as const) {
    commands[name] = sample(options.runs, () => say(text));
  }

  const scheduler = createScheduler(bot, { slack: silentPoster });
  settleLedger(bot, scheduler, now);
  let minute = 0;
  const passes: number[] = [];
  const until = performance.now() + 3_000;
  for (let i = 0; i < 20 && (i < 3 || performance.now() < until); i++) {
    now = new Date(new Date(BENCH_NOW).getTime() + ++minute * 60_000);
    const started = performance.now();
    await scheduler.tick(now);
    passes.push(performance.now() - started);
  }

  // The heartbeat as it runs: the hour after the passes above, one beat a minute.
  const beats: number[] = [];
  let fullPasses = 0;
  for (let i = 0; i < 60; i++) {
    now = new Date(new Date(BENCH_NOW).getTime() + ++minute * 60_000);
    const started = performance.now();
    if ((await scheduler.beat(now)) !== undefined) fullPasses++;
    beats.push(performance.now() - started);
  }

  const exact = ['Lao PDR', 'laos', 'Viet Nam', 'DRC', "Cote d'Ivoire", 'Kenya', 'LAO', 'the Bahamas'];
  const typos = ['Lao PRD', 'Kenia', 'Indonisia', 'Vietnma', 'Phillipines', 'Columbia', 'Tanzanai', 'Atlantis'];
  const result: LogSizeFigures = {
    seedMs: seeded.seedMs,
    commands,
    schedulerPass: sample.from(passes),
    heartbeat: { ...sample.from(beats), fullPasses, meanMs: beats.reduce((a, b) => a + b, 0) / beats.length },
    exactNames: sample(20_000, (i) => bot.states.resolve(exact[i % exact.length]!)),
    typos: sample(2_000, (i) => bot.states.resolve(typos[i % typos.length]!)),
  };
  bot.database.close();
  return result;
}
