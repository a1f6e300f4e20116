/**
 * Benchmarks: how fast the core answers on a log of realistic size. Prints figures; run
 * with `npm run bench`. Targets (not enforced by tests, watched here):
 * - resolving a typed state name: well under 1 ms;
 * - logging a meeting, showing a state card, computing deliverables with 5,000 entries: under 10 ms;
 * - the scheduler's per-minute "what is due" pass: well under 100 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, STATES_FILE } from '../src/config.ts';
import { loadStatesCsv, StateDirectory } from '../src/domain/states.ts';
import { createLog } from '../src/log.ts';
import { assemble, createScheduler } from '../src/bot.ts';
import { slackActor, slackPlace } from '../test/support/places.ts';
import { SHELL_PLACE } from '../src/adapters/shell/shell.ts';

function measure(name: string, runs: number, work: (i: number) => void): void {
  for (let i = 0; i < Math.min(50, runs); i++) work(i); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) work(i);
  const perRunMs = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  console.log(`${name.padEnd(48)} ${perRunMs.toFixed(3).padStart(9)} ms/op  (${runs} runs)`);
}

const directory = new StateDirectory(loadStatesCsv(STATES_FILE));
const names = ['Lao PDR', 'laos', 'Viet Nam', 'DRC', "Cote d'Ivoire", 'Lao PRD', 'Korea', 'Atlantis'];
measure('resolve a typed state name (hits and misses)', 20_000, (i) => directory.resolve(names[i % names.length]!));

const dir = mkdtempSync(join(tmpdir(), 'ccm-bench-'));
const bot = assemble(loadConfig({ CCM_DB_PATH: join(dir, 'bench.sqlite'), CCM_USER: 'bench' }), createLog('silent'), () => new Date('2026-03-10T09:00:00Z'));
const say = (text: string) =>
  bot.core.handle({ text, actor: { platform: 'shell', userId: 'bench', displayName: 'bench' }, place: SHELL_PLACE });
const states = ['Kenya', 'Viet Nam', 'Indonesia', 'Lao PDR', 'Brazil', 'Egypt', 'India', 'Jamaica'];
// `again`: the same state and day logged repeatedly would otherwise be refused as typed twice.
measure('log a meeting (parse, resolve, write, audit)', 5_000, (i) => say(`meeting ${states[i % states.length]} held in geneva again — note ${i}`));
measure('state card of a state with 625 entries', 500, () => say('state Kenya'));
measure('deliverables over 5,000 entries', 500, () => say('deliverables'));
measure('log (latest 25 of 5,000)', 500, () => say('log'));
// The scheduler's per-minute work with 20 subscribed channels and the log above.
for (let i = 0; i < 20; i++) {
  bot.core.handle({ text: 'subscribe', actor: slackActor('U1', 'bench'), place: slackPlace(`C${i}`) });
}
const scheduler = createScheduler(bot, {});
measure('scheduler: what is due now (20 channels)', 200, () => scheduler.due(new Date('2026-05-05T07:00:30Z')));
measure('scheduler: what a tick would post now, built (20 channels)', 5, () => scheduler.preview(new Date('2026-05-05T07:00:30Z')));
const memory = process.memoryUsage();
console.log(`${'resident memory after the runs'.padEnd(48)} ${(memory.rss / 2 ** 20).toFixed(1).padStart(9)} MiB`);
bot.database.close();
rmSync(dir, { recursive: true, force: true });
