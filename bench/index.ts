/**
 * `npm run bench`: ccm-bot beside two reference Bolt apps, measured in the same run, and the
 * core on a 100,000-entry log. Prints one Markdown table (progress goes to stderr).
 *
 * - HTTP: signed `/ccm meeting <state> held` and `/ccm state <state>` from 1, 10 and 50
 *   concurrent clients to ccm-bot (`node bin/ccm.js`, Slack only), the floor app (floor.ts)
 *   and the bare app (bare.ts), interleaved run by run; ratios are medians of per-run ratios.
 * - Cold start to /healthz 200, and resident memory after 10,000 commands.
 * - The 100k-entry figures: commands, the scheduler's per-minute pass, name resolution.
 * - An unauthenticated flood at /api/messages: /healthz's p99 and memory growth (flood.ts).
 * - Another process holding the write lock 10 s: reads, writes and the event loop's delay (busy.ts).
 *
 * Options narrow it: `--only http,start,log,flood,busy`, `--runs 5`, `--requests 150`, `--clients 1,10,50`,
 * `--entries 100000`, `--http-log seeded|empty`, `--floor-sync FULL|NORMAL`.
 * Targets are watched here, never in tests (see docs/developing.md, "Speed and footprint").
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scoreCorpus, scoreLines } from '../test/support/proposal-score.ts';
import { startSlackStandIn } from '../test/support/slack.ts';
import { measureBusy } from './busy.ts';
import { measureFlood } from './flood.ts';
import { measureHttp, prepareForHttp } from './http.ts';
import { BENCH_NOW, measureLogSize, openBot, seededDatabase } from './log-size.ts';
import { type Row, renderTable } from './table.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'http,start,log,flood,busy' },
    runs: { type: 'string', default: '5' },
    requests: { type: 'string', default: '150' },
    clients: { type: 'string', default: '1,10,50' },
    entries: { type: 'string', default: '100000' },
    channels: { type: 'string', default: '50' },
    'http-log': { type: 'string', default: 'seeded' },
    'floor-sync': { type: 'string', default: 'FULL' },
  },
});
const only = new Set(values.only.split(','));
const runs = Number(values.runs);
const entries = Number(values.entries);
const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

const dir = mkdtempSync(join(tmpdir(), 'ccm-bench-'));
const slack = await startSlackStandIn();
const rows: Row[] = [];
const loadBefore = loadavg();
/** ccm-bot's `synchronous` setting, as it opens its database: the floor app runs under `--floor-sync`. */
let synchronous = '?';
try {
  progress(`seeding ${entries.toLocaleString('en')} entries…`);
  const seeded = seededDatabase({ dir, entries, channels: Number(values.channels) });
  synchronous = synchronousOf(seeded.path);
  const httpDb = join(dir, 'ccm-http.sqlite');
  if (values['http-log'] === 'seeded' && (only.has('http') || only.has('start') || only.has('busy'))) {
    copyFileSync(seeded.path, httpDb);
    prepareForHttp(httpDb);
  }
  if (only.has('http') || only.has('start')) {
    rows.push(
      ...(await measureHttp({
        dir,
        dbPath: httpDb,
        apiUrl: slack.apiUrl,
        runs,
        progress,
        http: only.has('http'),
        start: only.has('start'),
        requests: Number(values.requests),
        clients: values.clients.split(',').map(Number),
        floorSync: values['floor-sync'],
      })),
    );
  }
  if (only.has('busy')) rows.push(...(await measureBusy({ dir, dbPath: httpDb, apiUrl: slack.apiUrl, progress })));
  if (only.has('log')) {
    progress('the core on the seeded log…');
    const figures = await measureLogSize({ dir, entries, channels: Number(values.channels), runs: 50 }, seeded);
    const size = `${entries.toLocaleString('en')} entries`;
    for (const [name, samples] of Object.entries(figures.commands)) {
      rows.push({ measure: `\`${name}\`, ${size} (ms, p50 / p99)`, ccm: samples, target: { below: 10 } });
    }
    rows.push({
      measure: `scheduler per-minute beat, ${values.channels} channels, an hour with no writes: ${figures.heartbeat.fullPasses} of 60 beats passed, mean ${figures.heartbeat.meanMs.toFixed(2)} ms (ms, p50 / p99)`,
      ccm: figures.heartbeat,
      target: { below: 5 },
    });
    rows.push({
      measure: `scheduler full pass, nothing new due (after a write, or at a wake instant) (ms, p50 / p99)`,
      ccm: figures.schedulerPass,
      target: 'the cost of a beat that must look',
    });
    rows.push({ measure: 'resolve a state name, exact (µs, p50 / p99)', ccm: scaled(figures.exactNames, 1000), target: 'a map lookup' });
    rows.push({ measure: 'resolve a state name, typo (ms, p50 / p99)', ccm: figures.typos, target: { below: 0.5 } });
  }
  if (only.has('flood')) rows.push(...(await measureFlood({ dir, apiUrl: slack.apiUrl, progress })));
} finally {
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
}

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
console.log(
  `ccm-bot ${commit}, Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model.trim()}; load average ${loadBefore[0]!.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after; ${runs} runs; in-process clock ${BENCH_NOW}; SQLite \`synchronous\` ${synchronous} for ccm-bot, ${values['floor-sync']} for the floor app.`,
);
console.log('');
console.log(renderTable(rows));
// The proposal reader's score on its corpus (issue 27): wrong-but-sure is the figure that matters.
console.log('');
console.log(['Proposal reader (test/fixtures/proposals.yaml):', ...scoreLines(scoreCorpus())].join('\n'));

function scaled(samples: { p50: number; p99: number; count: number }, factor: number) {
  return { p50: samples.p50 * factor, p99: samples.p99 * factor, count: samples.count };
}

function synchronousOf(path: string): string {
  const bot = openBot(path, () => new Date(BENCH_NOW));
  try {
    const level = bot.database.sqlite.pragma('synchronous', { simple: true });
    return ['OFF', 'NORMAL', 'FULL', 'EXTRA'][Number(level)] ?? String(level);
  } finally {
    bot.database.close();
  }
}
