/**
 * The load generator: signed `/ccm` slash commands, as Slack posts them, from a number of
 * concurrent clients over keep-alive connections. Returns each request's latency.
 */
import { Agent, request } from 'node:http';
import { commandBody, slackHeaders } from '../test/support/slack.ts';

/** What members type, by command; `again` keeps every meeting a write (see engagement.ts). */
const STATE_NAMES = [
  'Lao PDR',
  'Viet Nam',
  'Kenya',
  'Indonesia',
  'Brazil',
  'Egypt',
  'India',
  'Jamaica',
  'Thailand',
  'Myanmar',
  'Sri Lanka',
  'Nepal',
  'Morocco',
  'Singapore',
  'Azerbaijan',
  'Mongolia',
  'Bhutan',
  'Kazakhstan',
  'Oman',
  'Angola',
];
export const COMMANDS = {
  meeting: (i: number) => `meeting ${STATE_NAMES[i % STATE_NAMES.length]} held again`,
  state: (i: number) => `state ${STATE_NAMES[i % STATE_NAMES.length]}`,
} as const;
export type CommandName = keyof typeof COMMANDS;

/** Members sending commands: each is looked up with users.info once, then known. */
export const MEMBERS = 20;

let sequence = 0;

/** Sends `count` commands to the app at `port` from `clients` concurrent clients; latencies in ms. */
export async function load(port: number, command: CommandName, count: number, clients: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let next = 0;
  const client = async () => {
    while (next < count) {
      next++;
      const i = sequence++;
      const body = commandBody(COMMANDS[command](i), { user_id: `U${(i % MEMBERS) + 1}`, user_name: `member${(i % MEMBERS) + 1}` });
      const started = performance.now();
      await post(agent, port, body);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  agent.destroy();
  return latencies;
}

function post(agent: Agent, port: number, body: string): Promise<void> {
  return new Promise((done, fail) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent, headers: { ...slackHeaders(body), 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.once('end', () => (res.statusCode === 200 ? done() : fail(new Error(`HTTP ${res.statusCode}`))));
      },
    );
    req.once('error', fail);
    req.end(body);
  });
}
