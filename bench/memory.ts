/**
 * `npm run bench:memory`: where ccm-bot's resident memory is, at start and after 10,000
 * commands sent as the HTTP bench sends them (signed `/ccm meeting` and `/ccm state`, 10
 * clients, on the seeded log), read inside the process by memory-report.ts. bench/README.md,
 * "Resident memory", is written from it.
 *
 * Options: `--commands 10000`, `--entries 100000`, `--node-options "--optimize-for-size"`
 * (Node options to try, given after those of `npm start`).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSlackStandIn } from '../test/support/slack.ts';
import { prepareForHttp } from './http.ts';
import { load } from './load.ts';
import { seededDatabase } from './log-size.ts';
import type { MemoryReport } from './memory-report.ts';
import { ccmSpec, reportOf as report, type RunningApp, startApp, startNodeOptions, withPreload } from './processes.ts';

const { values } = parseArgs({
  options: {
    commands: { type: 'string', default: '10000' },
    entries: { type: 'string', default: '100000' },
    'node-options': { type: 'string', default: '' },
  },
});
const commands = Number(values.commands);
const dir = mkdtempSync(join(tmpdir(), 'ccm-memory-'));
const reportFile = join(dir, 'report.json');
const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

const slack = await startSlackStandIn();
try {
  progress(`seeding ${Number(values.entries).toLocaleString('en')} entries…`);
  const seeded = seededDatabase({ dir, entries: Number(values.entries), channels: 50 });
  const dbPath = join(dir, 'ccm.sqlite');
  copyFileSync(seeded.path, dbPath);
  prepareForHttp(dbPath);
  const tried = values['node-options'].split(/\s+/).filter(Boolean);
  const npmStart = startNodeOptions();
  const spec = withPreload(
    ccmSpec(dbPath, { CCM_MEMORY_REPORT: reportFile }),
    ...tried,
    '--expose-gc',
    '--import',
    resolve(import.meta.dirname, 'memory-report.ts'),
  );
  const app = await startApp(spec, slack.apiUrl);
  const reportOf = (running: RunningApp) => report<MemoryReport>(running, reportFile);
  try {
    const atStart = await reportOf(app);
    progress(`sending ${commands.toLocaleString('en')} commands…`);
    for (let left = commands, i = 0; left > 0; left -= 500, i++) {
      await load(app.port, i % 2 === 0 ? 'meeting' : 'state', Math.min(500, left), 10);
    }
    const after = await reportOf(app);
    console.log(`ccm-bot, Node ${process.versions.node}, Node options: ${[...npmStart, ...tried].join(' ') || 'none'} (MiB)\n`);
    console.log(`| | at start | after ${commands.toLocaleString('en')} commands |`);
    console.log('|---|--:|--:|');
    const rows: [string, (r: MemoryReport) => number][] = [
      ['resident (RSS)', (r) => r.rss],
      ['V8 heap, committed', (r) => r.heapCommitted],
      ...Object.keys(after.spaces)
        .filter((space) => (after.spaces[space] ?? 0) > 0)
        .map((space): [string, (r: MemoryReport) => number] => [`– ${space} space`, (r) => r.spaces[space] ?? 0]),
      ['V8 heap, used', (r) => r.heapUsed],
      ['V8 heap, alive after a full GC', (r) => r.heapAlive],
      ['external (buffers, WebAssembly)', (r) => r.external],
      ["malloc's main heap", (r) => r.mallocHeap],
      ["files mapped (Node's binary, native modules)", (r) => r.files],
      ['other anonymous memory (V8 heap, thread arenas, stacks)', (r) => r.otherAnonymous],
    ];
    for (const [label, figure] of rows) console.log(`| ${label} | ${figure(atStart).toFixed(1)} | ${figure(after).toFixed(1)} |`);
  } finally {
    await app.stop();
  }
} finally {
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
}
