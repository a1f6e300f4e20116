/**
 * Replication and failover with the npm registry's Litestream 0.3.13, real processes end to
 * end: the bot replicating to a file:// replica while it takes a burst of signed commands (the
 * replica keeping up, by /readyz); kill -9 of the bot and Litestream together; the database
 * deleted; `ccm restore --from-replica` into a new folder; the bot started there. It prints how
 * many acknowledged commands came back, and the lag at the kill.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startChat } from '../../src/chat.ts';
import { litestreamBinary } from '../../src/replication.ts';
import { SQLITE_CHECKPOINT_PAGES } from '../../src/store/checkpoints.ts';
import { createTestBot, tempDir } from '../support/harness.ts';
import { entryIds, loggedId, logLines, type RunningBot, runCcm, send, signedCommand, slackEnv, startBot, stateCodes } from '../support/process.ts';
import { type SlackStandIn, startSlackStandIn } from '../support/slack.ts';

/** The guarantee stated in the README: every command acknowledged this long before the crash is on the replica. */
const GUARANTEED_AFTER_S = 5;

interface Readiness {
  status: number;
  replicator: { running: boolean; pid: number; lagSeconds: number | null } | null;
}

async function readiness(port: number): Promise<Readiness> {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: response.status, ...((await response.json()) as { replicator: Readiness['replicator'] }) };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!litestreamBinary())('replication with Litestream (skipped where @flydotio/litestream-linux-x64 is not installed)', () => {
  let dir: string;
  let slack: SlackStandIn;
  let bots: RunningBot[];
  beforeEach(async () => {
    dir = tempDir();
    slack = await startSlackStandIn();
    bots = [];
  });
  afterEach(async () => {
    // Stopped as an operator would, so that each stops its Litestream too (a kill -9 would leave it running).
    for (const bot of bots) {
      bot.child.kill('SIGTERM');
      await bot.exit;
    }
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps up during a burst, and after kill -9 and a lost disk, restores every command acknowledged more than a few seconds before', {
    timeout: 120_000,
  }, async () => {
    const dbPath = join(dir, 'old', 'ccm.sqlite');
    const replicaUrl = `file://${join(dir, 'replica')}`;
    const env = { ...slackEnv(slack, dbPath, dir), CCM_REPLICA_URL: replicaUrl };
    const bot = await startBot(env);
    bots.push(bot);
    const first = await until(
      () => readiness(bot.port),
      (r) => r.status === 200,
    );
    expect(first.replicator).toMatchObject({ running: true, lagSeconds: 0 });
    // ccm doctor asks the running bot (on its port) for the replica's lag.
    const doctor = await runCcm(['doctor', '--json'], { ...env, PORT: String(bot.port) });
    const replicaCheck = (JSON.parse(doctor.out) as { checks: { check: string; status: string; detail: string }[] }).checks.find((c) => c.check === 'replica');
    expect(replicaCheck).toMatchObject({ status: 'ok', detail: expect.stringMatching(new RegExp(`^${replicaUrl}, \\d+\\.\\d s behind$`)) });

    // A burst of signed commands for 8 s, each acknowledged one noted with when; /readyz read meanwhile.
    const acknowledged: { id: number; at: number }[] = [];
    const states = stateCodes();
    const lags: number[] = [];
    const burstEnds = Date.now() + 8000;
    const watcher = (async () => {
      while (Date.now() < burstEnds) {
        const { replicator } = await readiness(bot.port);
        if (replicator?.lagSeconds != null) lags.push(replicator.lagSeconds);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    for (let i = 0; Date.now() < burstEnds; i++) {
      const id = loggedId(await send(bot.port, signedCommand(`meeting ${states[i % states.length]} held`, { user_id: `U${Math.floor(i / states.length)}` })));
      if (id !== undefined) acknowledged.push({ id, at: Date.now() });
    }
    await watcher;
    const atKill = await readiness(bot.port);
    const litestreamPid = Number(readFileSync(`${dbPath}.replicator`, 'utf8'));
    const killedAt = Date.now();
    // The machine lost: both processes killed at once, then the disk.
    process.kill(litestreamPid, 'SIGKILL');
    bot.child.kill('SIGKILL');
    await bot.exit;
    rmSync(join(dir, 'old'), { recursive: true, force: true });

    const newPath = join(dir, 'new', 'ccm.sqlite');
    const newEnv = slackEnv(slack, newPath, dir);
    const restore = await runCcm(['restore', '--from-replica', replicaUrl], newEnv);
    expect(restore.err).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.out).toMatch(/^Restored file:\/\/.* into .*new\/ccm\.sqlite: \d+ log entries\.\nStart the bot again\.\n$/);

    const present = entryIds(newPath);
    const missing = acknowledged.filter(({ id }) => !present.has(id));
    const oldestMissingS = missing.length > 0 ? (killedAt - Math.min(...missing.map((m) => m.at))) / 1000 : 0;
    console.log(
      `failover: ${acknowledged.length - missing.length} of ${acknowledged.length} acknowledged commands restored; ` +
        `${missing.length} missing, the oldest acknowledged ${oldestMissingS.toFixed(1)} s before the kill; ` +
        `lag at the kill ${atKill.replicator?.lagSeconds?.toFixed(1)} s; lag during the burst at most ${Math.max(...lags).toFixed(1)} s`,
    );
    expect(acknowledged.length).toBeGreaterThan(50);
    expect(missing.filter(({ at }) => killedAt - at > GUARANTEED_AFTER_S * 1000)).toEqual([]);
    // Replication kept up while the bot wrote: never past CCM_REPLICA_MAX_LAG (10 s by default).
    expect(Math.max(...lags)).toBeLessThan(10);

    // Started there, it answers from the restored log.
    const restarted = await startBot(newEnv);
    bots.push(restarted);
    const answer = await send(restarted.port, signedCommand('log'));
    expect(answer.status).toBe(200);
  });

  it('refuses a second replicator on one database, such as the Litestream a killed bot left running', { timeout: 60_000 }, async () => {
    const dbPath = join(dir, 'ccm.sqlite');
    const env = { ...slackEnv(slack, dbPath, dir), CCM_REPLICA_URL: `file://${join(dir, 'replica')}` };
    const bot = await startBot(env);
    bots.push(bot);
    const { replicator } = await until(
      () => readiness(bot.port),
      (r) => r.status === 200,
    );
    bot.child.kill('SIGKILL');
    await bot.exit;
    // The bot is gone; its Litestream is not.
    expect(existsSync(`/proc/${replicator!.pid}`)).toBe(true);
    const second = await runCcm([], env);
    try {
      expect(second.code).toBe(1);
      expect(second.err).toContain(
        `ccm: a Litestream (pid ${replicator!.pid}) is still replicating ${dbPath}, left by a bot that was stopped abruptly; two replicators corrupt the replica. Stop it (kill ${replicator!.pid}), then start again`,
      );
    } finally {
      process.kill(replicator!.pid, 'SIGKILL');
    }
  });

  it('leaves checkpoints to Litestream while it runs, and gives them back when the bot stops', { timeout: 60_000 }, async () => {
    const bot = createTestBot({ env: { PORT: '0', CCM_REPLICA_URL: `file://${join(dir, 'replica')}` } });
    const chat = await startChat(bot, { host: '127.0.0.1', heartbeat: false });
    let pid: number | undefined;
    try {
      // SQLite's own checkpoint off on the serving connection, and no worker of the bot's.
      expect(bot.database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const ready = await until(
        () => readiness(chat.http.port),
        (r) => r.status === 200,
      );
      pid = ready.replicator!.pid;
      bot.say('meeting Lao PDR held');
      // What was committed reaches the replica with the bot's own checkpoints off.
      let restoredFromReplica = 0;
      for (let i = 0; restoredFromReplica === 0 && i < 100; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const scratch = join(dir, `scratch-${i}.sqlite`);
        spawnSync(litestreamBinary()!, ['restore', '-o', scratch, `file://${join(dir, 'replica')}`]);
        restoredFromReplica = existsSync(scratch) ? entryIds(scratch).size : 0;
      }
      expect(restoredFromReplica).toBe(1);
    } finally {
      await chat.stop();
    }
    expect(bot.database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(SQLITE_CHECKPOINT_PAGES);
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    expect(existsSync(`${bot.dbPath}.replicator`)).toBe(false);
    bot.database.close();
  });

  it('starts Litestream again when it stops, and is not ready while it hangs past CCM_REPLICA_MAX_LAG', { timeout: 60_000 }, async () => {
    const dbPath = join(dir, 'ccm.sqlite');
    const env = { ...slackEnv(slack, dbPath, dir), CCM_REPLICA_URL: `file://${join(dir, 'replica')}`, CCM_REPLICA_MAX_LAG: '3' };
    const bot = await startBot(env);
    bots.push(bot);
    const { replicator } = await until(
      () => readiness(bot.port),
      (r) => r.status === 200,
    );
    process.kill(replicator!.pid, 'SIGKILL');
    const restarted = await until(
      () => readiness(bot.port),
      (r) => r.status === 200 && r.replicator!.pid !== replicator!.pid,
    );
    expect(restarted).toMatchObject({ status: 200, replicator: { running: true } });
    expect(logLines(bot.stderr()).map((line) => line.message)).toContain('litestream stopped; starting it again');

    // Hung (stopped, not ended): its metrics go unanswered, and the lag counts from the last reading.
    const hung = restarted.replicator!.pid;
    process.kill(hung, 'SIGSTOP');
    try {
      const behind = await until(
        () => readiness(bot.port),
        (r) => r.status === 503,
      );
      expect(behind.status).toBe(503);
      expect(behind.replicator!.lagSeconds).toBeGreaterThan(3);
    } finally {
      process.kill(hung, 'SIGCONT');
    }
    expect(
      (
        await until(
          () => readiness(bot.port),
          (r) => r.status === 200,
        )
      ).status,
    ).toBe(200);
  });

  it('refuses to restore from a replica while a bot has the database open, changing nothing', { timeout: 60_000 }, async () => {
    const dbPath = join(dir, 'ccm.sqlite');
    const env = slackEnv(slack, dbPath, dir);
    bots.push(await startBot(env));
    const restore = await runCcm(['restore', '--from-replica', `file://${join(dir, 'replica')}`], env);
    expect(restore.code).toBe(1);
    expect(restore.err).toBe(
      `ccm restore: the database ${dbPath} is in use by a running ccm-bot (or another ccm command). Stop the bot first (e.g. systemctl stop ccm-bot), then run ccm restore again. Nothing was changed.\n`,
    );
  });
});
