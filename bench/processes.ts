/**
 * The apps under test as child processes: ccm-bot as an operator starts it, and the two
 * reference apps. Each is started on a free port and counted as up when GET /healthz answers 200.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { SIGNING_SECRET } from '../test/support/slack.ts';

const ROOT = resolve(import.meta.dirname, '..');

export type AppName = 'ccm-bot' | 'floor' | 'bare';

/** How to start one app: its command line and environment beyond the port and Slack settings. */
export interface AppSpec {
  name: string;
  /** Node's arguments: the script and its options (and Node options before it, such as --cpu-prof). */
  args: string[];
  env: Record<string, string>;
  /**
   * Started through npm (`args` are npm's): npm's process is the group leader, the app its
   * grandchild, so the whole group is stopped and RSS is not read (it would be npm's).
   */
  viaNpm?: boolean;
}

/** Node's options in `npm start` (package.json), such as the young generation's size: ccm-bot runs with them. */
export function startNodeOptions(): string[] {
  const { scripts } = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = scripts.start.split(/\s+/);
  return words.slice(1, words.indexOf('bin/ccm.js'));
}

export const ccmSpec = (dbPath: string, extra: Record<string, string> = {}): AppSpec => ({
  name: 'ccm-bot',
  args: [...startNodeOptions(), resolve(ROOT, 'bin/ccm.js')],
  env: { CCM_DB_PATH: dbPath, SLACK_BOT_TOKEN: 'xoxb-bench', ...extra },
});
export const floorSpec = (dbPath: string, synchronous: string): AppSpec => ({
  name: 'floor',
  args: [resolve(ROOT, 'bench/floor.ts')],
  env: { FLOOR_DB_PATH: dbPath, FLOOR_SYNCHRONOUS: synchronous },
});
/** ccm-bot started with `npm start`, as package.json has it: npm's own start-up included. */
export const npmStartSpec = (dbPath: string): AppSpec => ({
  name: 'ccm-bot (npm start)',
  args: [npmCli(), 'start', '--silent'],
  env: { CCM_DB_PATH: dbPath, SLACK_BOT_TOKEN: 'xoxb-bench' },
  viaNpm: true,
});

/** npm's own script: the one running this bench (`npm run bench`), else the one beside this Node. */
function npmCli(): string {
  return process.env.npm_execpath ?? resolve(process.execPath, '../../lib/node_modules/npm/bin/npm-cli.js');
}

export const bareSpec = (): AppSpec => ({ name: 'bare', args: [resolve(ROOT, 'bench/bare.ts')], env: {} });

export interface RunningApp {
  name: string;
  port: number;
  pid: number;
  /** Milliseconds from spawn to the first 200 from /healthz. */
  startMs: number;
  /**
   * CPU time the process had used by then (user and system, all its threads; 10 ms steps):
   * unlike `startMs`, hardly moved by other work on the machine.
   */
  startCpuMs: number;
  /** Resident memory of the process now, in MiB (Linux /proc). */
  rssMiB(): number;
  stop(): Promise<void>;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Starts an app and waits until /healthz answers 200; fails with its stderr if it exits first. */
export async function startApp(spec: AppSpec, apiUrl: string): Promise<RunningApp> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, spec.args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: apiUrl, ...spec.env },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: spec.viaNpm === true,
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  for (;;) {
    if (gone) throw new Error(`${spec.name} exited before answering /healthz:\n${stderr}`);
    if (await healthy(port)) break;
    await new Promise((wait) => setTimeout(wait, 5));
  }
  const startMs = performance.now() - started;
  const startCpuMs = spec.viaNpm ? Number.NaN : cpuMs(child.pid!);
  return {
    name: spec.name,
    port,
    pid: child.pid!,
    startMs,
    startCpuMs,
    rssMiB: () => (spec.viaNpm ? Number.NaN : residentMiB(child.pid!)),
    async stop() {
      const signal = (name: NodeJS.Signals) => {
        try {
          if (spec.viaNpm) process.kill(-child.pid!, name);
          else child.kill(name);
        } catch {
          // the group is gone already
        }
      };
      if (!gone) signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function healthy(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false; // not listening yet
  }
}

/** User and system CPU time of a process, from /proc (utime and stime, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** VmRSS of a process, from /proc (Linux only, as the benchmark machine is). */
function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}

/**
 * Asks a running app for a report written inside it (SIGUSR2, answered by a module loaded with
 * `--import`, such as memory-report.ts) and waits for `file` to appear.
 */
export async function reportOf<T>(app: RunningApp, file: string): Promise<T> {
  rmSync(file, { force: true });
  process.kill(app.pid, 'SIGUSR2');
  for (const deadline = Date.now() + 30_000; !existsSync(file); ) {
    if (Date.now() > deadline) throw new Error(`${app.name} wrote no report within 30 s`);
    await new Promise((wait) => setTimeout(wait, 20));
  }
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The app's spec with Node loading `module` first (and Node's own options of `npm start` kept before the script). */
export function withPreload(spec: AppSpec, ...nodeOptions: string[]): AppSpec {
  const [script, ...npmStart] = [spec.args.at(-1)!, ...spec.args.slice(0, -1)];
  return { ...spec, args: [...npmStart, ...nodeOptions, script] };
}
