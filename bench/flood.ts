/**
 * The unauthenticated flood of issue 22: 1 MB bodies of nested JSON arrays with no token, 300
 * requests from 25 concurrent clients, at `/api/messages` of a ccm-bot with a Teams app id,
 * while one client asks `/healthz` in a loop. Reported: `/healthz`'s latency under the flood,
 * and how far ccm-bot's resident memory grows. Run twice: from one address (the
 * failed-authentication limit answers 429 after 20), and from 300 addresses forwarded by a
 * trusted proxy (every request is a 401 from the token check). All traffic stays on 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { startOpenIdStandIn, signingKey } from '../test/support/jwt.ts';
import { TENANT } from '../test/support/teams.ts';
import { ccmSpec, type RunningApp, startApp } from './processes.ts';
import { quantile, type Samples, sample } from './stats.ts';
import type { Row } from './table.ts';

const REQUESTS = 300;
const CLIENTS = 25;
const BODY_BYTES = 1024 * 1024;
/** Requests sent one by one before measuring; from one address, they do not reach the block (20). */
const WARM_UP = 10;

export interface FloodOptions {
  dir: string;
  apiUrl: string;
  progress: (line: string) => void;
}

export async function measureFlood(o: FloodOptions): Promise<Row[]> {
  const openId = await startOpenIdStandIn([signingKey('bench-key')]);
  const body = Buffer.from(`${'['.repeat(BODY_BYTES / 2)}${']'.repeat(BODY_BYTES / 2)}`);
  const rows: Row[] = [];
  try {
    for (const from of ['one address', '300 forwarded addresses'] as const) {
      o.progress(`unauthenticated flood at /api/messages, ${from}…`);
      const app = await startApp(
        ccmSpec(join(o.dir, `ccm-flood-${rows.length}.sqlite`), {
          CCM_ADAPTERS: 'teams',
          MICROSOFT_APP_ID: '00000000-1111-2222-3333-444444444444',
          MICROSOFT_APP_PASSWORD: 'bench-secret-never-sent',
          MICROSOFT_APP_TENANT_ID: TENANT,
          MICROSOFT_BOT_OPENID_METADATA: openId.metadataUrl,
          ...(from === 'one address' ? {} : { CCM_TRUST_PROXY: '127.0.0.1' }),
        }),
        o.apiUrl,
      );
      try {
        const quiet = await healthAlone(app);
        const figures = await flood(app, body, from !== 'one address');
        const answers = Object.entries(figures.statuses)
          .map(([status, count]) => `${count} × ${status}`)
          .join(', ');
        rows.push({
          measure: `\`/healthz\` during an unauthenticated 1 MB nested-JSON flood at \`/api/messages\` (${REQUESTS} requests, ${CLIENTS} concurrent, ${from}; answered ${answers}; flood ${figures.floodMs.toFixed(0)} ms, ccm-bot's CPU ${figures.cpuMs.toFixed(0)} ms; p99 ${quiet.toFixed(1)} ms without the flood just before) (ms, p50 / p99)`,
          ccm: figures.health,
          target: `p99 < 50 ${figures.health.p99 < 50 ? '✓' : '✗'}`,
        });
        rows.push({ measure: `resident memory growth during that flood, ${from} (MiB)`, ccm: figures.growthMiB, target: { below: 20 } });
      } finally {
        await app.stop();
      }
    }
  } finally {
    await openId.close();
  }
  return rows;
}

interface FloodFigures {
  health: Samples;
  growthMiB: number;
  floodMs: number;
  /** CPU time ccm-bot spent during the flood (user and system), /healthz included: the machine's load does not change it. */
  cpuMs: number;
  statuses: Record<string, number>;
}

async function flood(app: RunningApp, body: Buffer, forwarded: boolean): Promise<FloodFigures> {
  const health = new Agent({ keepAlive: true, maxSockets: 1 });
  // A first few requests load the code paths a flood takes: memory for code is not growth under load.
  for (let i = 0; i < WARM_UP; i++) await post(app.port, body, forwarded ? { 'x-forwarded-for': '198.19.0.1' } : {});
  const before = app.rssMiB();
  const cpuBefore = cpuMs(app.pid);
  let peak = before;
  let flooding = true;
  const healthLatencies: number[] = [];
  const poll = (async () => {
    while (flooding) {
      const started = performance.now();
      await get(health, app.port, '/healthz');
      healthLatencies.push(performance.now() - started);
      peak = Math.max(peak, app.rssMiB());
    }
  })();
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  const client = async () => {
    while (next < REQUESTS) {
      const i = next++;
      const headers: Record<string, string> = forwarded ? { 'x-forwarded-for': `198.18.${i >> 8}.${i & 255}` } : {};
      const status = await post(app.port, body, headers);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const floodMs = performance.now() - started;
  flooding = false;
  await poll;
  health.destroy();
  peak = Math.max(peak, app.rssMiB());
  return { health: sample.from(healthLatencies), growthMiB: peak - before, floodMs, cpuMs: cpuMs(app.pid) - cpuBefore, statuses };
}

/** /healthz's p99 over 300 requests with nothing else going on: the machine's own noise. */
async function healthAlone(app: RunningApp): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  for (let i = 0; i < 300; i++) {
    const started = performance.now();
    await get(agent, app.port, '/healthz');
    latencies.push(performance.now() - started);
  }
  agent.destroy();
  return quantile(latencies, 0.99);
}

/** User and system CPU time of a process so far, from /proc (Linux only, as the benchmark machine is). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime, the 14th and 15th fields, in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function get(agent: Agent, port: number, path: string): Promise<void> {
  return new Promise((done, fail) => {
    request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.once('end', done);
    })
      .once('error', fail)
      .end();
  });
}

/** POSTs the body with no Authorization header; resolves to the status, or `reset` when the server hung up first. */
function post(port: number, body: Buffer, headers: Record<string, string>): Promise<string> {
  return new Promise((done) => {
    let status: string | undefined;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/messages',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers },
      },
      (res) => {
        status = String(res.statusCode);
        res.resume();
        res.once('end', () => done(status!));
      },
    );
    // The server answers before the whole body is sent and closes the connection: the rest may fail to send.
    req.once('error', () => done(status ?? 'reset'));
    req.end(body);
  });
}
