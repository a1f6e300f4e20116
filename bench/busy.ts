/**
 * ccm-bot while another process holds its database's write lock (`--only busy`): a process
 * takes `BEGIN IMMEDIATE` on the file and keeps it {@link HOLD_MS}; meanwhile one client sends
 * `/ccm state` after `/ccm state`, and a `/ccm meeting` goes in every second. Measured: how long
 * the reads take, how the writes are answered (refused as busy, within Slack's 3 s), and how
 * late the bot's event loop ran, read inside the process by loop-delay.ts.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { commandBody, slackHeaders } from '../test/support/slack.ts';
import { COMMANDS, load } from './load.ts';
import type { LoopDelayReport } from './loop-delay.ts';
import { ccmSpec, reportOf, startApp, withPreload } from './processes.ts';
import { sample } from './stats.ts';
import type { Row } from './table.ts';

/** How long the other process keeps the lock: the tester's 10 seconds. */
const HOLD_MS = 10_000;

export interface BusyOptions {
  dir: string;
  /** A database ready for the bot (see prepareForHttp). */
  dbPath: string;
  apiUrl: string;
  progress: (line: string) => void;
}

export async function measureBusy(o: BusyOptions): Promise<Row[]> {
  const reportFile = join(o.dir, 'loop-delay.json');
  const spec = withPreload(ccmSpec(o.dbPath, { CCM_LOOP_REPORT: reportFile }), '--import', resolve(import.meta.dirname, 'loop-delay.ts'));
  const app = await startApp(spec, o.apiUrl);
  try {
    // Every member known and every statement prepared before the lock, as in a bot that has run a while.
    await load(app.port, 'state', 100, 4);
    await load(app.port, 'meeting', 40, 4);
    o.progress(`another process holds the write lock for ${HOLD_MS / 1000} s…`);
    const { released } = await holdLock(o.dbPath, HOLD_MS);
    await reportOf<LoopDelayReport>(app, reportFile);
    let holding = true;
    void released.then(() => {
      holding = false;
    });
    const writes: Promise<{ ms: number; answer: string }>[] = [];
    const writer = setInterval(() => writes.push(write(app.port, COMMANDS.meeting(writes.length))), 1000);
    const reads: number[] = [];
    while (holding) reads.push(...(await load(app.port, 'state', 1, 1)));
    clearInterval(writer);
    const loop = await reportOf<LoopDelayReport>(app, reportFile);
    const answered = await Promise.all(writes);
    const busy = answered.filter((w) => w.answer.startsWith('The log is busy')).length;
    const inTime = answered.filter((w) => w.ms < 3000).length;
    return [
      {
        measure: `\`/ccm state\` while another process holds the write lock ${HOLD_MS / 1000} s, 1 client (ms, p50 / p99)`,
        ccm: sample.from(reads),
        target: { below: 100 },
      },
      {
        measure: `\`/ccm meeting\` then, one a second: ${busy} of ${answered.length} refused as busy, ${inTime} answered within 3 s (ms, p50 / p99)`,
        ccm: sample.from(answered.map((w) => w.ms)),
        target: 'under 3 s (Slack)',
      },
      { measure: `event-loop delay inside ccm-bot while the lock is held (ms, p99; max ${loop.max.toFixed(0)})`, ccm: loop.p99, target: { below: 50 } },
    ];
  } finally {
    await app.stop();
  }
}

/**
 * Another process takes the write lock on `dbPath` and keeps it `ms`; resolves once it holds it,
 * with a promise that resolves once it has let go.
 */
async function holdLock(dbPath: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `const db = new (require('better-sqlite3'))(process.argv[1]); db.exec('BEGIN IMMEDIATE'); console.log('locked'); setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script, dbPath], { cwd: resolve(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((locked, fail) => {
    child.stdout.once('data', () => locked());
    void exited.then(() => fail(new Error('the lock holder exited before taking the lock')));
  });
  return { released: exited };
}

/** One signed `/ccm` command; how long its answer took and its text. */
async function write(port: number, text: string): Promise<{ ms: number; answer: string }> {
  const body = commandBody(text, { user_id: 'U1', user_name: 'member1' });
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body, headers: slackHeaders(body) });
  const answer = ((await response.json()) as { text?: string }).text ?? '';
  return { ms: performance.now() - started, answer };
}
