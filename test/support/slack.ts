/**
 * Stand-ins for Slack in tests: a Web API and response_url server on 127.0.0.1 that records
 * every call, and helpers that sign requests exactly as Slack does.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackAdapter } from '../../src/adapters/slack/slack-adapter.ts';
import type { Poster } from '../../src/core/delivery.ts';
import type { TestBot } from './harness.ts';

interface RecordedCall {
  path: string;
  /** Form fields (Web API), JSON body (response_url), or a file upload's fields and files as text, parsed. */
  body: Record<string, unknown>;
  /** A file upload's files as bytes (a PNG is no text). */
  files?: Buffer[];
  authorization: string | undefined;
}

type Answer = { status?: number; body?: unknown; delayMs?: number; hangUp?: boolean; headers?: Record<string, string> };

export interface SlackStandIn {
  url: string;
  apiUrl: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Replaces the answer to one Web API method (status and JSON body). */
  answer(method: string, respond: (call: RecordedCall) => Answer): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The fields of a multipart upload, files read as UTF-8 text, and the files as bytes. */
async function readForm(raw: Buffer, contentType: string | undefined): Promise<{ fields: Record<string, unknown>; files: Buffer[] }> {
  const form = await new Response(raw, { headers: { 'content-type': contentType ?? '' } }).formData();
  const fields: Record<string, unknown> = {};
  const files: Buffer[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields[name] = value;
    else {
      fields[name] = await value.text();
      files.push(Buffer.from(await value.arrayBuffer()));
    }
  }
  return { fields, files };
}

export async function startSlackStandIn(): Promise<SlackStandIn> {
  const calls: RecordedCall[] = [];
  let nextTs = 1;
  let url = '';
  const answers = new Map<string, (call: RecordedCall) => Answer>([
    ['auth.test', () => ({ body: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' } })],
    ['users.info', (call) => ({ body: { ok: true, user: { id: call.body.user, name: 'ana', real_name: 'Ana Ortiz', profile: { display_name: 'Ana' } } } })],
    ['chat.postMessage', (call) => ({ body: { ok: true, channel: call.body.channel, ts: `1700000000.${String(nextTs++).padStart(6, '0')}` } })],
    // The person's direct message with the app: D and the user id.
    ['conversations.open', (call) => ({ body: { ok: true, channel: { id: `D${String(call.body.users)}` } } })],
    // files.uploadV2: a URL to upload to (this stand-in's /upload/<file id>), then the completion.
    [
      'files.getUploadURLExternal',
      () => {
        const id = `F${nextFile++}`;
        return { body: { ok: true, upload_url: `${url}/upload/${id}`, file_id: id } };
      },
    ],
    ['files.completeUploadExternal', (call) => ({ body: { ok: true, files: JSON.parse(String(call.body.files)) } })],
    // The Home tab: a view id that stays, a hash that changes with each publish.
    [
      'views.publish',
      (call) => ({ body: { ok: true, view: { ...JSON.parse(String(call.body.view)), id: `V${String(call.body.user_id)}`, hash: `h${nextTs++}` } } }),
    ],
    // Modals: views.open and views.update answer the view with an id and a hash, as Slack does.
    ['views.open', (call) => ({ body: { ok: true, view: { ...JSON.parse(String(call.body.view)), id: `V${nextTs++}`, hash: `h${nextTs++}` } } })],
    ['views.update', (call) => ({ body: { ok: true, view: { ...JSON.parse(String(call.body.view)), id: call.body.view_id, hash: `h${nextTs++}` } } })],
  ]);
  let nextFile = 1;
  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const isApi = path.startsWith('/api/');
    const form = path.startsWith('/upload/') ? await readForm(raw, req.headers['content-type']) : undefined;
    const body = isApi
      ? Object.fromEntries(new URLSearchParams(raw.toString('utf8')))
      : form
        ? form.fields
        : (JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>);
    const call: RecordedCall = { path, body, ...(form ? { files: form.files } : {}), authorization: req.headers.authorization };
    calls.push(call);
    const respond = isApi ? answers.get(path.slice(5)) : (): Answer => ({ body: { ok: true } });
    const answer: Answer = respond ? respond(call) : { status: 200, body: { ok: false, error: 'unknown_method' } };
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (answer.hangUp) {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    callsTo: (method) => calls.filter((c) => c.path === `/api/${method}`),
    answer: (method, respond) => answers.set(method, respond),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

/** Headers Slack sends with a request: the v0 HMAC-SHA256 signature over timestamp and body. */
export function slackHeaders(body: string, options: { secret?: string; timestamp?: number; retryNum?: number } = {}) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex')}`;
  return {
    // Exactly this content type: Bolt refuses form bodies with a charset parameter.
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature,
    ...(options.retryNum !== undefined ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
  };
}

let triggers = 0;

/** The form body of a slash command as Slack posts it. Slack escapes &, < and > in `text`. */
export function commandBody(text: string, fields: Partial<Record<string, string>> = {}, responseUrl = 'http://127.0.0.1:9/respond'): string {
  triggers++;
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T1',
    team_domain: 'ccm-wg',
    channel_id: 'C1',
    channel_name: 'universalization',
    user_id: 'U1',
    user_name: 'ana.ortiz',
    command: '/ccm',
    text: text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    api_app_id: 'A1',
    response_url: responseUrl,
    trigger_id: `${triggers}.1234.abcdef`,
    ...fields,
  }).toString();
}

/** The form body of a button press (block action) as Slack posts it. */
export function buttonBody(options: { value: string; actionId: string; userId?: string; responseUrl: string }): string {
  const payload = {
    type: 'block_actions',
    team: { id: 'T1', domain: 'ccm-wg' },
    user: { id: options.userId ?? 'U1', username: 'ana.ortiz', name: 'ana.ortiz', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C1', is_ephemeral: true },
    trigger_id: `${++triggers}.1234.abcdef`,
    channel: { id: 'C1', name: 'universalization' },
    response_url: options.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: 'b1',
        value: options.value,
        text: { type: 'plain_text', text: 'Undo' },
        action_ts: `${Date.now() / 1000}${triggers}`,
      },
    ],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** An Events API delivery as Slack posts it (JSON, signed like every request). */
export function eventRequest(event: Record<string, unknown>, teamId = 'T1'): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `Ev${++triggers}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
  return { body, headers: { ...slackHeaders(body), 'content-type': 'application/json' } };
}

/** A button press on the app's Home tab: the view instead of a message, and no response_url. */
export function homeButtonBody(options: { value: string; actionId: string; userId?: string; teamId?: string; view: { id: string; hash: string } }): string {
  const team = options.teamId ?? 'T1';
  const payload = {
    type: 'block_actions',
    team: { id: team, domain: 'ccm-wg' },
    user: { id: options.userId ?? 'U1', username: 'ana.ortiz', name: 'ana.ortiz', team_id: team },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    container: { type: 'view', view_id: options.view.id },
    trigger_id: `${++triggers}.1234.abcdef`,
    view: { id: options.view.id, hash: options.view.hash, type: 'home', team_id: 'T1', blocks: [] },
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: 'b1',
        value: options.value,
        text: { type: 'plain_text', text: 'Done' },
        action_ts: `${Date.now() / 1000}${triggers}`,
      },
    ],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * The Slack adapter's poster for `bot`, posting to the Web API at `apiUrl` (a stand-in's), unpaced:
 * what the scheduler is handed in tests of what channels receive.
 */
export function slackPosterFor(bot: TestBot, apiUrl: string): Poster {
  return createSlackAdapter({
    core: bot.core,
    store: bot.store,
    config: { botToken: 'xoxb-test', signingSecret: 'secret-0123456789', appToken: undefined, apiUrl },
    log: bot.log,
    paceMs: 0,
  }).poster!;
}
