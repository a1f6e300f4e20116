/**
 * POST /api/messages on Node's own HTTP server: the body (read by the server, at most 1 MB)
 * parsed here as JSON, then handed to botbuilder's CloudAdapter.process through the smallest
 * request and response it accepts (`{ body, headers, method }`; `status`, `header`, `send`,
 * `end`), so that no web framework is needed. botbuilder authenticates the request and
 * answers 401 to a bad token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

type BodyResult = { ok: true; activity: Record<string, unknown> } | { ok: false; status: 400; message: string };

/** The activity in a request body (its size already checked by the HTTP server). */
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

export function answer(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(message);
}
