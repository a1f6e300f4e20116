/**
 * POST /api/messages on Node's own HTTP server. With an app id, the token is checked before
 * the body is read ({@link admitBearer}): an unauthenticated sender costs a header check, not a
 * JSON parse. The body (read by the server, at most 256 KB) is parsed here, the token's service
 * URL compared with the activity's, and the activity handed to botbuilder's CloudAdapter.process
 * through the smallest request and response it accepts (`{ body, headers, method }`; `status`,
 * `header`, `send`, `end`), so that no web framework is needed.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Refusal } from '../http-server.ts';

/** `Bearer` and a JWT: three base64url parts, the first two non-empty. */
const BEARER_JWT = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/;

const UNAUTHORIZED: Refusal = { status: 401, message: 'Unauthorized: expected a Bot Connector token (Authorization: Bearer …)' };

/**
 * The `admit` step of /api/messages with an app id: a request without a well-formed Bearer JWT
 * is refused at once, one whose token `authenticate` refuses (signature, issuer, audience,
 * expiry) too. Neither reads the body.
 */
export async function admitBearer(headers: IncomingHttpHeaders, authenticate: (authHeader: string) => Promise<void>): Promise<Refusal | undefined> {
  const header = headers.authorization ?? '';
  if (!BEARER_JWT.test(header)) return UNAUTHORIZED;
  try {
    await authenticate(header);
    return undefined;
  } catch {
    return { status: 401, message: 'Unauthorized' };
  }
}

/**
 * True when the token (already authenticated) names the activity's service URL, the only
 * place the bot will then post its answers to. A token for another service URL is refused
 * before botbuilder sees the activity.
 */
export function namesServiceUrl(headers: IncomingHttpHeaders, activity: Record<string, unknown>): boolean {
  const payload = BEARER_JWT.exec(headers.authorization ?? '')?.[2];
  if (!payload) return false;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { serviceurl?: unknown };
    return typeof claims.serviceurl === 'string' && claims.serviceurl === activity.serviceUrl;
  } catch {
    return false;
  }
}

type BodyResult = { ok: true; activity: Record<string, unknown> } | { ok: false; status: 400; message: string };

/** The activity in a request body (its size already checked by the HTTP server): a JSON object, nothing else. */
export function parseActivity(body: Buffer): BodyResult {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { ok: true, activity: parsed as Record<string, unknown> };
  } catch {
    // answered below
  }
  return { ok: false, status: 400, message: 'Expected a Bot Framework activity as a JSON object' };
}

/** The request and response botbuilder's `process` reads and writes, over Node's. */
export function processShim(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>) {
  let status = 200;
  let payload: unknown;
  const headers: Record<string, string> = {};
  const response = {
    // Declared by botbuilder's Response type; read only for web sockets, which ccm-bot does not take.
    socket: req.socket as unknown,
    status(code: number) {
      status = code;
      return response;
    },
    header(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
      return response;
    },
    send(body: unknown) {
      payload = body;
      return response;
    },
    end() {
      if (res.headersSent) return response;
      const text = payload === undefined ? '' : typeof payload === 'string' ? payload : JSON.stringify(payload);
      const type = payload === undefined ? {} : { 'content-type': typeof payload === 'string' ? 'text/plain; charset=utf-8' : 'application/json' };
      res.writeHead(status, { ...type, ...headers });
      res.end(text);
      return response;
    },
  };
  return { request: { body, headers: req.headers, method: req.method }, response };
}
