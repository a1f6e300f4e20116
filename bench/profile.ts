/**
 * `npm run bench:profile`: a CPU profile of ccm-bot answering signed `/ccm` commands over HTTP
 * (`node --cpu-prof`, one client, on the seeded log), summed up as where each request's time
 * goes. The note in bench/README.md ("Where the time goes") is written from its output.
 *
 * With `--start`, the profile of a cold start instead: spawn to the first /healthz 200.
 *
 * Options: `--entries 100000`, `--requests 1000` (of each command), `--command meeting|state|both`, `--start`.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSlackStandIn } from '../test/support/slack.ts';
import { type CommandName, load } from './load.ts';
import { prepareForHttp } from './http.ts';
import { seededDatabase } from './log-size.ts';
import { ccmSpec, startApp } from './processes.ts';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '1000' },
    command: { type: 'string', default: 'both' },
    start: { type: 'boolean', default: false },
  },
});
const ROOT = resolve(import.meta.dirname, '..');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  /** Microseconds on the system's monotonic clock, as process.hrtime reads it. */
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const dir = mkdtempSync(join(tmpdir(), 'ccm-profile-'));
const slack = await startSlackStandIn();
try {
  const seeded = seededDatabase({ dir, entries: Number(values.entries), channels: 50 });
  const dbPath = join(dir, 'ccm.sqlite');
  copyFileSync(seeded.path, dbPath);
  prepareForHttp(dbPath);
  const spec = ccmSpec(dbPath);
  const spawnedAt = process.hrtime.bigint() / 1000n;
  const app = await startApp({ ...spec, args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...spec.args] }, slack.apiUrl);
  if (values.start) {
    const upAt = process.hrtime.bigint() / 1000n;
    await app.stop();
    summarize(readProfile(dir), { from: Number(spawnedAt), to: Number(upAt) }, 1, app.startMs);
    process.exit(0);
  }
  const commands: CommandName[] = values.command === 'both' ? ['meeting', 'state'] : [values.command as CommandName];
  for (const command of commands) await load(app.port, command, 200, 1); // warm-up
  const windowFrom = process.hrtime.bigint() / 1000n;
  const started = performance.now();
  let requests = 0;
  for (const command of commands) {
    await load(app.port, command, Number(values.requests), 1);
    requests += Number(values.requests);
  }
  const wallMs = performance.now() - started;
  const windowTo = process.hrtime.bigint() / 1000n;
  await app.stop();
  summarize(readProfile(dir), { from: Number(windowFrom), to: Number(windowTo) }, requests, wallMs);
} finally {
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
}

/** The main thread's profile (`CPU.<date>.<time>.<pid>.<thread id>.<n>.cpuprofile`, thread 0), not the checkpoint worker's. */
function readProfile(dir: string): CpuProfile {
  const file = readdirSync(dir).find((name) => /\.0\.\d+\.cpuprofile$/.test(name));
  if (!file) throw new Error('no profile written');
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
}

/** Where a frame's code lives: a package, one of ccm-bot's files, or Node itself. */
function placeOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scopeOrName, name] = path.slice(modules + 'node_modules/'.length).split('/');
    return scopeOrName!.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName!;
  }
  return relative(ROOT, path);
}

/** Sums the samples taken while the requests ran (`window`, in µs of the monotonic clock). */
function summarize(profile: CpuProfile, window: { from: number; to: number }, requests: number, wallMs: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= window.from && at <= window.to) self.set(id, (self.get(id) ?? 0) + delta / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const selfByPlace = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  // Inclusive time of a few frames that mark the phases of a request.
  const phases = new Map<string, number>();
  const PHASES: Record<string, (frame: ProfileNode['callFrame']) => boolean> = {
    'Core.handle: the command, parse to reply model': (f) => f.functionName === 'handle' && f.url.endsWith('src/core/dispatch.ts'),
    '  its SQLite transaction (all of it but the parse of the first word)': (f) => f.functionName === 'transaction' && f.url.endsWith('src/store/store.ts'),
    '  command parse': (f) => f.functionName === 'parse' && /src\/commands\//.test(f.url),
    '  command run': (f) => f.functionName === 'run' && /src\/commands\//.test(f.url),
    'scheduler heartbeat (per-minute pass)': (f) => f.functionName === 'beat' && f.url.endsWith('src/scheduler/heartbeat.ts'),
    'the person (actorFor)': (f) => f.functionName === 'actorFor',
    renderSlack: (f) => f.functionName === 'renderSlack',
    'Bolt signature check': (f) => /verifySlackRequest|verifyRequestSignature/.test(f.functionName),
    'tsx loader': (f) => f.url.includes('node_modules/tsx/'),
    'garbage collector': (f) => f.functionName === '(garbage collector)',
    idle: (f) => f.functionName === '(idle)',
  };
  for (const [id, ms] of self) {
    const frame = byId.get(id)!.callFrame;
    const place = placeOf(frame.url, frame.functionName);
    selfByPlace.set(place, (selfByPlace.get(place) ?? 0) + ms);
    const fn = `${frame.functionName || '(anonymous)'} ${place}:${frame.lineNumber + 1}`;
    selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + ms);
    const seen = new Set<string>();
    for (let frame: number | undefined = id; frame !== undefined; frame = parent.get(frame)) {
      for (const [phase, matches] of Object.entries(PHASES)) {
        if (!seen.has(phase) && matches(byId.get(frame)!.callFrame)) {
          seen.add(phase);
          phases.set(phase, (phases.get(phase) ?? 0) + ms);
        }
      }
    }
  }
  // For the hottest package functions: which of ccm-bot's own frames called them.
  const ownCaller = new Map<string, Map<string, number>>();
  for (const [id, ms] of self) {
    const frame = byId.get(id)!.callFrame;
    const fn = `${frame.functionName || '(anonymous)'} ${placeOf(frame.url, frame.functionName)}:${frame.lineNumber + 1}`;
    let caller = parent.get(id);
    while (caller !== undefined && !byId.get(caller)!.callFrame.url.includes('/src/')) caller = parent.get(caller);
    const callerFrame = caller === undefined ? undefined : byId.get(caller)!.callFrame;
    const name = callerFrame ? `${callerFrame.functionName || '(anonymous)'} ${placeOf(callerFrame.url, '')}:${callerFrame.lineNumber + 1}` : '(none)';
    const callers = ownCaller.get(fn) ?? new Map<string, number>();
    callers.set(name, (callers.get(name) ?? 0) + ms);
    ownCaller.set(fn, callers);
  }
  const perRequest = (ms: number) => `${((ms / requests) * 1000).toFixed(0).padStart(6)} µs`;
  const busy = total - (phases.get('idle') ?? 0);
  console.log(
    `${requests} requests at one client in ${wallMs.toFixed(0)} ms (${(wallMs / requests).toFixed(2)} ms each); CPU busy ${perRequest(busy)} per request\n`,
  );
  console.log('Phases (inclusive, per request):');
  for (const [phase, ms] of [...phases].sort((a, b) => b[1] - a[1])) console.log(`  ${perRequest(ms)}  ${phase}`);
  console.log('\nSelf time by place (per request):');
  for (const [place, ms] of [...selfByPlace].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${perRequest(ms)}  ${place}`);
  console.log('\nHottest functions (self, per request):');
  for (const [fn, ms] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${perRequest(ms)}  ${fn}`);
  console.log('\nCalled from (the nearest frame of ccm-bot own code, per request):');
  for (const [fn] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, 6)) {
    const callers = [...(ownCaller.get(fn) ?? [])].sort((a, b) => b[1] - a[1]).slice(0, 4);
    console.log(`  ${fn}: ${callers.map(([name, ms]) => `${name} ${perRequest(ms).trim()}`).join('; ')}`);
  }
}
