/**
 * ccm-bot and the reference apps over signed HTTP, side by side: cold start, latency at each
 * number of concurrent clients (runs interleaved, so a busy moment on the machine falls on
 * all three), and resident memory after 10,000 commands.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScheduler } from '../src/bot.ts';
import { type CommandName, load } from './load.ts';
import { openBot, settleLedger, silentPoster } from './log-size.ts';
import { type AppSpec, bareSpec, ccmSpec, floorSpec, npmStartSpec, type RunningApp, startApp } from './processes.ts';
import { median, quantile } from './stats.ts';
import type { Row } from './table.ts';

export interface HttpOptions {
  dir: string;
  /** ccm-bot's database (seeded or not); each start uses a copy. */
  dbPath: string;
  apiUrl: string;
  runs: number;
  /** Requests per burst (at least 5 per client) and the numbers of concurrent clients. */
  requests: number;
  clients: number[];
  floorSync: string;
  http: boolean;
  start: boolean;
  progress: (line: string) => void;
}

/** Commands each app has received when its memory is read. */
const COMMANDS_BEFORE_RSS = 10_000;

/** Puts everything due now into the ledger as sent, so the bot's heartbeat posts nothing during the runs. */
export function prepareForHttp(dbPath: string): void {
  const now = new Date();
  const bot = openBot(dbPath, () => now);
  settleLedger(bot, createScheduler(bot, { slack: silentPoster }), now);
  bot.database.close();
}

/** The apps in a different order each run, so none is always measured first. */
const rotate = <T>(items: readonly T[], by: number): T[] => items.map((_, i) => items[(i + by) % items.length]!);

export async function measureHttp(o: HttpOptions): Promise<Row[]> {
  const rows: Row[] = [];
  const copy = (name: string) => {
    const path = join(o.dir, name);
    copyFileSync(o.dbPath, path);
    return path;
  };
  if (o.start) rows.push(...(await coldStarts(o, copy('ccm-start.sqlite'))));
  if (o.http) rows.push(...(await latencies(o, copy('ccm-load.sqlite'))));
  return rows;
}

async function coldStarts(o: HttpOptions, dbPath: string): Promise<Row[]> {
  const specs: Record<string, AppSpec> = {
    ccm: ccmSpec(dbPath),
    teams: ccmSpec(dbPath, { CCM_ADAPTERS: 'slack,teams' }),
    npm: npmStartSpec(dbPath),
    bare: bareSpec(),
  };
  const starts: Record<string, number[]> = { ccm: [], teams: [], npm: [], bare: [] };
  const cpu: Record<string, number[]> = { ccm: [], teams: [], npm: [], bare: [] };
  const rss: Record<string, number[]> = { ccm: [], teams: [], npm: [], bare: [] };
  for (let run = 0; run < o.runs; run++) {
    o.progress(`cold start, run ${run + 1} of ${o.runs}`);
    for (const name of rotate(Object.keys(specs), run)) {
      const app = await startApp(specs[name]!, o.apiUrl);
      starts[name]!.push(app.startMs);
      cpu[name]!.push(app.startCpuMs);
      rss[name]!.push(app.rssMiB());
      await app.stop();
    }
  }
  const ratios = (figures: Record<string, number[]>) => median(figures.ccm!.map((ms, i) => ms / figures.bare![i]!));
  return [
    {
      measure: 'cold start to /healthz 200, Slack only, `node` on the entry file as the bare app (ms)',
      ccm: median(starts.ccm!),
      bare: median(starts.bare!),
      vsBare: ratios(starts),
      target: { bareRatio: 2 },
    },
    {
      measure: 'CPU time to that /healthz 200 (ms; steadier than the wall clock on a busy machine)',
      ccm: median(cpu.ccm!),
      bare: median(cpu.bare!),
      vsBare: ratios(cpu),
      target: 'reported',
    },
    { measure: 'cold start, Slack and Teams configured (ms)', ccm: median(starts.teams!), target: 'reported apart' },
    {
      measure: 'cold start with `npm start` (ms)',
      ccm: median(starts.npm!),
      target: `reported apart: npm's own start-up ${median(starts.npm!.map((ms, i) => ms - starts.ccm![i]!)).toFixed(0)} ms`,
    },
    { measure: 'resident memory at start, Slack only (MiB)', ccm: median(rss.ccm!), bare: median(rss.bare!), target: 'reported' },
    { measure: 'resident memory at start, Slack and Teams (MiB)', ccm: median(rss.teams!), target: 'reported apart' },
  ];
}

async function latencies(o: HttpOptions, dbPath: string): Promise<Row[]> {
  o.progress('starting ccm-bot, floor and bare…');
  const apps: Record<string, RunningApp> = {
    ccm: await startApp(ccmSpec(dbPath), o.apiUrl),
    floor: await startApp(floorSpec(join(o.dir, 'floor.sqlite'), o.floorSync), o.apiUrl),
    bare: await startApp(bareSpec(), o.apiUrl),
  };
  const sent: Record<string, number> = { ccm: 0, floor: 0, bare: 0 };
  const send = async (name: string, command: CommandName, count: number, clients: number) => {
    sent[name]! += count;
    return load(apps[name]!.port, command, count, clients);
  };
  try {
    // Warm-up: JIT, caches, each member met once.
    for (const name of Object.keys(apps)) {
      await send(name, 'meeting', 150, 10);
      await send(name, 'state', 150, 10);
    }
    /** p50 and p99 of each app for each (command, clients), one value per run. */
    const figures = new Map<string, Record<string, { p50: number[]; p99: number[] }>>();
    for (let run = 0; run < o.runs; run++) {
      o.progress(`HTTP, run ${run + 1} of ${o.runs}`);
      for (const clients of o.clients) {
        for (const command of ['meeting', 'state'] as const) {
          const key = `${command}|${clients}`;
          const byApp = figures.get(key) ?? { ccm: { p50: [], p99: [] }, floor: { p50: [], p99: [] }, bare: { p50: [], p99: [] } };
          figures.set(key, byApp);
          for (const name of rotate(Object.keys(apps), run)) {
            const times = await send(name, command, Math.max(o.requests, 5 * clients), clients);
            byApp[name]!.p50.push(median(times));
            byApp[name]!.p99.push(quantile(times, 0.99));
          }
        }
      }
    }
    o.progress(`topping up to ${COMMANDS_BEFORE_RSS.toLocaleString('en')} commands each…`);
    const rss: Record<string, number> = {};
    for (const name of Object.keys(apps)) {
      for (let left = COMMANDS_BEFORE_RSS - sent[name]!, i = 0; left > 0; left -= 500, i++) {
        await send(name, i % 2 === 0 ? 'meeting' : 'state', Math.min(500, left), 10);
      }
      rss[name] = apps[name]!.rssMiB();
    }
    const rows: Row[] = [];
    for (const [key, byApp] of figures) {
      const [command, clients] = key.split('|');
      for (const q of ['p50', 'p99'] as const) {
        const per = (name: string) => byApp[name]![q];
        rows.push({
          measure: `\`/ccm ${command}\`, ${clients} client${clients === '1' ? '' : 's'}, ${q} (ms)`,
          ccm: median(per('ccm')),
          floor: median(per('floor')),
          bare: median(per('bare')),
          vsFloor: median(per('ccm').map((v, i) => v / per('floor')[i]!)),
          vsBare: median(per('ccm').map((v, i) => v / per('bare')[i]!)),
          target: { floorRatio: q === 'p50' ? 1.2 : 1.5 },
        });
      }
    }
    rows.push({
      measure: `resident memory after ${COMMANDS_BEFORE_RSS.toLocaleString('en')} commands (MiB)`,
      ccm: rss.ccm!,
      floor: rss.floor!,
      bare: rss.bare!,
      vsFloor: rss.ccm! / rss.floor!,
      vsBare: rss.ccm! / rss.bare!,
      target: { below: 130 },
    });
    return rows;
  } finally {
    for (const app of Object.values(apps)) await app.stop();
  }
}
