/**
 * Stand-ins for Microsoft Teams in tests: a Bot Connector on 127.0.0.1 that records every
 * `/v3/conversations/...` call and answers as the connector does, and Bot Framework activities
 * as Teams posts them to the bot (1:1 chat, channel with an @mention, group chat, buttons).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  /**
   * `create` (POST /v3/conversations), `send` (POST …/activities), `reply` (POST …/activities/{replyToId})
   * or `update` (PUT …/activities/{replyToId}: the message of that id replaced).
   */
  kind: 'create' | 'send' | 'reply' | 'update' | 'other';
  conversationId?: string;
  replyToId?: string;
  body: Record<string, any>;
  authorization: string | undefined;
}

type ConnectorAnswer = { status?: number; body?: unknown; headers?: Record<string, string>; hangUp?: boolean };

export interface ConnectorStandIn {
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Messages posted (sent or replied) to one conversation, in order. */
  postsTo(conversationId: string): ConnectorCall[];
  /** Answers a call differently; return undefined to answer as usual. */
  stub(answer: ((call: ConnectorCall) => ConnectorAnswer | undefined) | undefined): void;
  /** Answers the next call of `kind` (any, by default) with `answer`, once; the ones after as usual. */
  once(answer: ConnectorAnswer, kind?: ConnectorCall['kind']): void;
  /** The calls answered with a status of 400 or more (the stand-in's own or a stub's). */
  refused: ConnectorCall[];
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  return raw ? (JSON.parse(raw) as Record<string, any>) : {};
}

/**
 * `notInstalledFor`: people whose personal chat cannot be created (403, the app not installed).
 * `acceptsToken`: when given, a call whose Authorization header it refuses gets 401, as the Bot
 * Connector refuses a bot's call without a valid token.
 */
export async function startConnectorStandIn(
  options: { notInstalledFor?: string[]; acceptsToken?: (authorization: string | undefined) => boolean } = {},
): Promise<ConnectorStandIn> {
  const calls: ConnectorCall[] = [];
  const refused: ConnectorCall[] = [];
  let next = 1;
  let stub: ((call: ConnectorCall) => ConnectorAnswer | undefined) | undefined;
  const server: Server = createServer(async (req, res) => {
    const body = await readJson(req);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const match = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?\/?$/.exec(path);
    const conversationId = match?.[1] ? decodeURIComponent(match[1]) : undefined;
    const replyToId = match?.[2] ? decodeURIComponent(match[2]) : undefined;
    const kind = !match ? 'other' : !conversationId ? 'create' : replyToId ? (req.method === 'PUT' ? 'update' : 'reply') : 'send';
    const call: ConnectorCall = { method: req.method ?? '', kind, conversationId, replyToId, body, authorization: req.headers.authorization };
    calls.push(call);
    let answer = stub?.(call);
    if (!answer && options.acceptsToken && !options.acceptsToken(call.authorization)) {
      answer = { status: 401, body: { message: 'Authorization has been denied for this request.' } };
    }
    if (!answer && kind === 'create') {
      const member = (body.members as { id: string }[] | undefined)?.[0]?.id ?? '';
      answer = options.notInstalledFor?.includes(member)
        ? { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } }
        : { status: 201, body: { id: `a:personal-${member}` } };
    }
    answer ??=
      kind === 'other' ? { status: 404, body: {} } : { status: 200, body: { id: kind === 'update' ? replyToId : `m${String(next++).padStart(4, '0')}` } };
    if ((answer.status ?? 200) >= 400 || answer.hangUp) refused.push(call);
    if (answer.hangUp) {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    serviceUrl,
    calls,
    refused,
    postsTo: (conversationId) => calls.filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.conversationId === conversationId && !refused.includes(c)),
    stub: (answer) => {
      stub = answer;
    },
    once: (answer, kind) => {
      let used = false;
      stub = (call) => {
        if (used || (kind && call.kind !== kind)) return undefined;
        used = true;
        return answer;
      };
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const TENANT = '11111111-2222-3333-4444-555555555555';
const BOT = { id: '28:ccm-bot-id', name: 'CCM' };
export const ANA = { id: '29:ana', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a0a0', name: 'Ana Ortiz' };
export const BEN = { id: '29:ben', aadObjectId: 'bbbbbbbb-0000-0000-0000-00000000b0b0', name: 'Ben Okafor' };
export const PERSONAL = 'a:personal-29:ana';
export const CHANNEL = '19:universalization@thread.tacv2';
export const GROUP = '19:meeting-group@thread.v2';

let ids = 0;
type Where = 'personal' | 'channel' | 'group';
type From = typeof ANA;

function conversation(where: Where, thread = `170000000${++ids}`) {
  if (where === 'channel') return { id: `${CHANNEL};messageid=${thread}`, conversationType: 'channel', isGroup: true, tenantId: TENANT };
  if (where === 'group') return { id: GROUP, conversationType: 'groupChat', isGroup: true, tenantId: TENANT };
  return { id: `a:personal-${ANA.id}`, conversationType: 'personal', tenantId: TENANT };
}

function envelope(serviceUrl: string, where: Where, from: From) {
  return {
    channelId: 'msteams',
    serviceUrl,
    id: `17000000${String(++ids).padStart(5, '0')}`,
    timestamp: new Date().toISOString(),
    from,
    recipient: BOT,
    conversation: conversation(where),
    channelData: {
      tenant: { id: TENANT },
      ...(where === 'channel'
        ? { teamsChannelId: CHANNEL, teamsTeamId: '19:team@thread.tacv2', channel: { id: CHANNEL }, team: { id: '19:team@thread.tacv2' } }
        : {}),
    },
  };
}

/** A message as Teams posts it; in a channel (by default) and a group chat it @mentions the bot. */
export function message(serviceUrl: string, text: string, options: { where?: Where; from?: From; mention?: boolean } = {}) {
  const where = options.where ?? 'personal';
  const mention = options.mention ?? where !== 'personal';
  const tag = `<at>${BOT.name}</at>`;
  return {
    ...envelope(serviceUrl, where, options.from ?? ANA),
    type: 'message',
    textFormat: 'plain',
    text: mention ? `${tag} ${text}` : text,
    entities: mention ? [{ type: 'mention', text: tag, mentioned: BOT }] : [],
  };
}

/** A button's press (`Action.Submit`): a message with the button's data as `value`, replying to the card. */
export function submit(serviceUrl: string, data: unknown, cardId: string, options: { where?: Where; from?: From } = {}) {
  return { ...envelope(serviceUrl, options.where ?? 'personal', options.from ?? ANA), type: 'message', replyToId: cardId, value: data };
}

/** An invoke (a dialog opened or submitted), with `value` as Teams sends it for `name`. */
export function invoke(serviceUrl: string, name: string, value: unknown, options: { where?: Where; from?: From } = {}) {
  return { ...envelope(serviceUrl, options.where ?? 'personal', options.from ?? ANA), type: 'invoke', name, value };
}

/** The bot added to a 1:1 chat, a team or a group chat. */
export function installed(serviceUrl: string, where: Where, event: 'conversationUpdate' | 'installationUpdate' = 'conversationUpdate') {
  const base = envelope(serviceUrl, where, ANA);
  const conversationOf = where === 'channel' ? { ...base.conversation, id: CHANNEL } : base.conversation;
  return event === 'conversationUpdate'
    ? { ...base, conversation: conversationOf, type: 'conversationUpdate', membersAdded: [BOT] }
    : { ...base, conversation: conversationOf, type: 'installationUpdate', action: 'add' };
}

/** Posts an activity to the bot's endpoint. */
export async function postActivity(endpoint: string, activity: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(endpoint, { method: 'POST', body: JSON.stringify(activity), headers: { 'content-type': 'application/json', ...headers } });
  const raw = await response.text();
  return { status: response.status, raw, json: raw.startsWith('{') ? (JSON.parse(raw) as Record<string, any>) : undefined };
}

interface Card {
  body: unknown[];
  actions?: { type: string; title: string; data: { ccm: string } }[];
}

/** The Adaptive Card a posted activity carries. */
function cardOf(call: ConnectorCall | Record<string, any>): Card {
  const activity = 'body' in call && 'kind' in call ? call.body : call;
  const card = activity.attachments?.[0]?.content as Card | undefined;
  if (!card) throw new Error(`No card in ${JSON.stringify(activity)}`);
  return card;
}

/** Every piece of text a card shows, in order, one string per block. */
export function cardLines(card: Card): string[] {
  const lines: string[] = [];
  const walk = (element: any) => {
    if (element?.type === 'RichTextBlock') lines.push((element.inlines as { text: string }[]).map((i) => i.text).join(''));
    if (element?.type === 'FactSet') for (const f of element.facts) lines.push(`${f.title}: ${f.value}`);
    for (const child of element?.items ?? []) walk(child);
  };
  for (const element of card.body) walk(element);
  return lines;
}

export const titleOf = (call: ConnectorCall | Record<string, any>) => cardLines(cardOf(call))[0];
export const buttonsOf = (call: ConnectorCall | Record<string, any>) =>
  (cardOf(call).actions ?? []).map((a) => ({ title: a.title, command: a.data.ccm, type: a.type }));
