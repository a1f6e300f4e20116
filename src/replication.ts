/**
 * Litestream replicating the database, started by the bot when CCM_REPLICA_URL is set, as a
 * child process it supervises: started again (after a pause) if it stops, stopped with the bot.
 * The binary is the optional `@flydotio/litestream-linux-x64` package's (Litestream 0.3.13),
 * run directly: its wrapper package forwards no signals and always exits 0.
 *
 * One replicator per database: two corrupt the replica. A kill -9 of the bot leaves its child
 * running, so the child's pid is kept beside the database (`ccm.sqlite.replicator`), and a start
 * refuses while that process is still a Litestream.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import type { Log } from './log.ts';
import { positionsIn, ReplicaLag } from './replica-lag.ts';
import { writePrivateFile } from './store/private-file.ts';

/** Replication cannot start as configured; the message says why and what to do. */
export class ReplicationError extends Error {
  override name = 'ReplicationError';
}

/** How often Litestream's metrics are read for the lag. */
const READ_EVERY_MS = 1000;
/** Pauses before starting a stopped Litestream again: growing, up to half a minute. */
const RESTART_PAUSES_MS = [1000, 5000, 30_000];

interface ReplicatorState {
  running: boolean;
  url: string;
  /** Its process id, while it runs. */
  pid: number | undefined;
  /** See replica-lag.ts; null until its metrics have been read. */
  lagSeconds: number | null;
  maxLagSeconds: number;
}

export interface Replicator {
  state(): ReplicatorState;
  stop(): Promise<void>;
}

/** What to do without the binary. */
export const LITESTREAM_MISSING =
  'Litestream is not installed here: npm install --include=optional (its binary comes from @flydotio/litestream-linux-x64, Linux x64 only)';

/** Where the optional package put Litestream's binary; undefined when it is not installed. */
export function litestreamBinary(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve('@flydotio/litestream-linux-x64/package.json');
    const binary = join(dirname(manifest), 'litestream');
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** The binary, or a refusal saying how to install it. */
function requireLitestream(): string {
  const binary = litestreamBinary();
  if (!binary) {
    throw new ReplicationError(`CCM_REPLICA_URL is set, but ${LITESTREAM_MISSING}`);
  }
  return binary;
}

const pidFileOf = (dbPath: string) => `${resolve(dbPath)}.replicator`;

/** The pid of a Litestream still running on this database (left by a bot that was killed), if any. */
function runningReplicator(dbPath: string): number | undefined {
  if (!existsSync(pidFileOf(dbPath))) return undefined;
  const pid = Number(readFileSync(pidFileOf(dbPath), 'utf8').trim());
  try {
    // A pid the system gave to another program since is no replicator.
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('litestream') ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A free port on 127.0.0.1 for Litestream's metrics. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/**
 * Litestream's configuration beside the database (readable by its owner only: it names the
 * bucket): the database, its one replica, shipped every second, metrics on `port`.
 */
function writeConfig(dbPath: string, url: string, port: number): string {
  const file = `${resolve(dbPath)}.litestream.yml`;
  const config = {
    addr: `127.0.0.1:${port}`,
    dbs: [{ path: resolve(dbPath), 'monitor-interval': '1s', replicas: [{ url, 'sync-interval': '1s' }] }],
  };
  // JSON is YAML; Litestream expands $VARIABLES in it, which a URL never holds here.
  writePrivateFile(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

/** Starts Litestream on `dbPath` replicating to `url`, or refuses (a {@link ReplicationError}). */
export async function startReplication(dbPath: string, replica: { url: string; maxLagSeconds: number }, log: Log): Promise<Replicator> {
  const binary = requireLitestream();
  const left = runningReplicator(dbPath);
  if (left !== undefined) {
    throw new ReplicationError(
      `a Litestream (pid ${left}) is still replicating ${dbPath}, left by a bot that was stopped abruptly; two replicators corrupt the replica. Stop it (kill ${left}), then start again`,
    );
  }
  const port = await freePort();
  const config = writeConfig(dbPath, replica.url, port);
  const lag = new ReplicaLag();
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  /** When its metrics were last read (milliseconds); undefined until they first are. */
  let readAt: number | undefined;
  let restartTimer: NodeJS.Timeout | undefined;

  const launch = () => {
    lag.restarted();
    const started = spawn(binary, ['replicate', '-config', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = started;
    if (started.pid !== undefined) writePrivateFile(pidFileOf(dbPath), `${started.pid}\n`);
    started.stderr!.setEncoding('utf8').on('data', (text: string) => {
      for (const line of text.split('\n').filter(Boolean)) {
        if (/level=(ERROR|WARN)/.test(line)) log.warn('litestream', { line });
        else log.debug('litestream', { line });
      }
    });
    started.once('exit', (code, signal) => {
      child = undefined;
      if (stopping) return;
      const pauseMs = RESTART_PAUSES_MS[Math.min(restarts++, RESTART_PAUSES_MS.length - 1)]!;
      log.error('litestream stopped; starting it again', { code, signal, pauseMs });
      restartTimer = setTimeout(launch, pauseMs);
    });
  };
  launch();
  log.info('replicating', { url: replica.url, pid: child?.pid });

  const reader = setInterval(async () => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(READ_EVERY_MS) });
      const positions = positionsIn(await response.text());
      if (positions) {
        lag.note(positions, Date.now());
        readAt = Date.now();
      }
    } catch {
      // Not listening yet, or stopped: the state says not running, or the lag keeps growing.
    }
  }, READ_EVERY_MS);
  reader.unref();

  /**
   * The lag, and at least the time since the metrics were last read, past a missed reading or
   * two: a Litestream that hangs reports nothing, and must not look as if it kept up.
   */
  const lagAt = (now: number, lastRead: number) => {
    const unread = (now - lastRead) / 1000;
    return Math.max(lag.secondsAt(now), unread > (3 * READ_EVERY_MS) / 1000 ? unread : 0);
  };

  return {
    state: () => ({
      running: child !== undefined && child.exitCode === null,
      url: replica.url,
      pid: child?.pid,
      lagSeconds: readAt === undefined ? null : lagAt(Date.now(), readAt),
      maxLagSeconds: replica.maxLagSeconds,
    }),
    async stop() {
      stopping = true;
      clearInterval(reader);
      clearTimeout(restartTimer);
      const running = child;
      if (running && running.exitCode === null) {
        const exited = new Promise((done) => running.once('exit', done));
        // SIGTERM: Litestream finishes its sync and closes its connection.
        running.kill('SIGTERM');
        await exited;
      }
      rmSync(pidFileOf(dbPath), { force: true });
    },
  };
}

/**
 * What GET /readyz answers: ready while the database is open and, when the bot replicates,
 * while Litestream runs with a known lag no larger than CCM_REPLICA_MAX_LAG.
 */
export function readiness(databaseOpen: boolean, replicator: Replicator | undefined): { ready: boolean; body: Record<string, unknown> } {
  const state = replicator?.state();
  const replicating = !state || (state.running && state.lagSeconds !== null && state.lagSeconds <= state.maxLagSeconds);
  return { ready: databaseOpen && replicating, body: { database: databaseOpen, replicator: state ?? null } };
}
