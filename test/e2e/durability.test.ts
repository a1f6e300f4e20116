/**
 * The running bot attacked as a process: killed with SIGKILL mid-burst, sent a replayed
 * request, its database locked by another connection or not writable, and stopped with
 * SIGTERM while a command is in flight. Real `ccm` processes, signed Slack requests over
 * 127.0.0.1, the Web API stand-in, and the SQLite file read directly.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBot, tempDir } from '../support/harness.ts';
import { slackActor, slackPlace } from '../support/places.ts';
import { loggedId, logLines, referenceIn, type RunningBot, send, signedCommand, slackEnv, startBot, stateCodes } from '../support/process.ts';
import { type SlackStandIn, startSlackStandIn } from '../support/slack.ts';

let slack: SlackStandIn;
let dir: string;
let dbPath: string;
const bots: RunningBot[] = [];

beforeEach(async () => {
  slack = await startSlackStandIn();
  dir = tempDir();
  dbPath = join(dir, 'ccm.sqlite');
});
afterEach(async () => {
  for (const bot of bots.splice(0)) bot.child.kill('SIGKILL');
  await slack.close();
  for (const undo of writableAgain.splice(0)) undo();
  rmSync(dir, { recursive: true, force: true });
});

const writableAgain: (() => void)[] = [];

/**
 * Makes `file` impossible to write, as SQLite sees it: read-only permissions, and for root,
 * whom permissions do not stop, the immutable attribute. False when neither can be had.
 */
function makeUnwritable(file: string): boolean {
  chmodSync(file, 0o444);
  if (process.getuid?.() !== 0) return true;
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
  } catch {
    return false;
  }
  writableAgain.push(() => execFileSync('chattr', ['-i', file]));
  return true;
}

async function start(env: Record<string, string> = {}): Promise<RunningBot> {
  const bot = await startBot({ ...slackEnv(slack, dbPath, dir), ...env });
  bots.push(bot);
  return bot;
}

/** Reads the database file directly, closing it before returning. */
function read<T>(query: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

const entriesAbout = (iso3: string) => read((db) => db.prepare('SELECT count(*) FROM entries WHERE state_iso3 = ?').pluck().get(iso3));

/** What Slack does when no answer has come: it stops waiting after 3 s and tells the person the app did not respond. */
const slackPatience = () => AbortSignal.timeout(3000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the running bot', () => {
  it('keeps every answered command through kill -9; a replay, a lock and SIGTERM change nothing they should not', { timeout: 60_000 }, async () => {
    const states = stateCodes();
    const [replayed, locked, stopping] = states.splice(-3) as [string, string, string];

    // A burst of meetings, four at a time, cut by SIGKILL once 25 have been answered.
    const first = await start();
    const answered = new Map<number, string>();
    const queue = states.slice(0, 80);
    let killed = false;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (queue.length > 0 && !killed) {
          const iso3 = queue.shift()!;
          const id = await send(first.port, signedCommand(`meeting ${iso3} held`)).then(loggedId, () => undefined);
          if (id !== undefined) answered.set(id, iso3);
          if (answered.size >= 25 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      }),
    );
    await first.exit;
    // Killed mid-burst, started under the tests' umask (022): the log, its WAL and shared memory, and the locks are its owner's alone.
    expect(readdirSync(dir).filter((name) => (statSync(join(dir, name)).mode & 0o077) !== 0)).toEqual([]);

    // Restarted on the same file: every answered command is there, as answered.
    const bot = await start({ CCM_LOG_LEVEL: 'info' });
    // Whatever it or a process it starts creates is private too (Linux shows a process's umask).
    if (process.platform === 'linux') expect(readFileSync(`/proc/${bot.child.pid}/status`, 'utf8')).toMatch(/^Umask:\s+0077$/m);
    const stored = new Map(read((db) => db.prepare('SELECT id, state_iso3 FROM entries').raw().all() as [number, string][]));
    expect([...answered].filter(([id, iso3]) => stored.get(id) !== iso3)).toEqual([]);

    // A byte-identical replay (same body, signature and timestamp) gets the same answer and logs nothing more.
    const request = signedCommand(`meeting ${replayed} held`);
    const once = await send(bot.port, request);
    expect(loggedId(once)).toBeDefined();
    expect(await send(bot.port, request)).toEqual(once);
    expect(entriesAbout(replayed)).toBe(1);

    // Another connection holds the write lock: a clear answer in time, an error log line, nothing saved.
    const holder = new Database(dbPath);
    holder.exec('BEGIN IMMEDIATE');
    let busy: Awaited<ReturnType<typeof send>>;
    try {
      busy = await send(bot.port, signedCommand(`meeting ${locked} held`), slackPatience());
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(busy).toMatchObject({ status: 200, text: 'The log is busy right now: nothing was saved.' });
    expect(busy.raw).toContain('Please try again in a moment');
    const reference = referenceIn(busy)!;
    await bot.logged(new RegExp(reference));
    expect(logLines(bot.stderr()).find((l) => l.requestId === reference)).toMatchObject({
      level: 'error',
      message: 'command refused by the database',
      code: 'SQLITE_BUSY',
    });
    expect(entriesAbout(locked)).toBe(0);
    expect(loggedId(await send(bot.port, signedCommand(`meeting ${locked} held`)))).toBeDefined();

    // SIGTERM while a command is in flight (Slack slow to say who is asking): the command is
    // answered and saved, no new request is taken, and the database is closed (its WAL gone).
    slack.answer('users.info', (call) => ({ delayMs: 1200, body: { ok: true, user: { id: call.body.user, name: 'eve', profile: { display_name: 'Eve' } } } }));
    let done = false;
    const inFlight = send(bot.port, signedCommand(`meeting ${stopping} held`, { user_id: 'U9' })).finally(() => (done = true));
    while (!slack.callsTo('users.info').some((c) => c.body.user === 'U9')) await sleep(10);
    bot.child.kill('SIGTERM');
    await bot.logged(/"message":"stopping/);
    expect(done).toBe(false);
    await expect(fetch(`http://127.0.0.1:${bot.port}/healthz`)).rejects.toThrow();
    expect(await inFlight).toMatchObject({ status: 200, text: expect.stringMatching(/^Logged #\d+: meeting held, /) });
    expect(await bot.exit).toBe(0);
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    expect(entriesAbout(stopping)).toBe(1);
  });

  it('answers that the log is read-only, and saves nothing, when its file cannot be written', async ({ skip }) => {
    // A log with one entry by Ana, then its file made impossible to write (its folder stays writable, as usual).
    const prepared = createTestBot({ dir });
    prepared.core.handle({ text: 'meeting Kenya held', actor: slackActor('U1', 'Ana'), place: slackPlace('C1') });
    prepared.close();
    if (!makeUnwritable(dbPath)) skip('running as root without CAP_LINUX_IMMUTABLE: no file can be made unwritable');
    const bot = await start();
    expect(logLines(bot.stderr())).toContainEqual(
      expect.objectContaining({ level: 'error', message: expect.stringContaining('the database is read-only'), code: 'SQLITE_READONLY' }),
    );

    const refused = await send(bot.port, signedCommand('meeting Chad held'), slackPatience());
    expect(refused).toMatchObject({ status: 200, text: 'The log is read-only right now: nothing was saved.' });
    expect(refused.raw).toContain('Please tell the ISU');
    const reference = referenceIn(refused)!;
    await bot.logged(new RegExp(reference));
    expect(logLines(bot.stderr()).find((l) => l.requestId === reference)).toMatchObject({ level: 'error', code: 'SQLITE_READONLY' });
    // Reading still works.
    expect((await send(bot.port, signedCommand('log'))).raw).toContain('Kenya');
    bot.child.kill('SIGTERM');
    expect(await bot.exit).toBe(0);
    expect(read((db) => db.prepare('SELECT state_iso3 FROM entries').pluck().all())).toEqual(['KEN']);
  });
});
