/**
 * The one HTTP server of a running ccm-bot: Slack's requests, Teams' messages and the
 * health and readiness checks share it, its port and the database. Adapters add their routes; the server
 * knows nothing of what they carry. For each request, in this order:
 * - an address that failed to authenticate too often gets 429 (see failed-auth.ts);
 * - the route's `admit` checks what it can from the headers alone (Teams' token), before
 *   a byte of the body is read;
 * - the body is read, and refused over {@link MAX_BODY_BYTES}, before any adapter parses it;
 * - every 401 the route answers counts against the client's address.
 * On shutdown it stops taking requests but lets those it took be answered.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Log } from '../log.ts';
import { clientAddress } from './client-address.ts';
import { FailedAuthLimiter } from './failed-auth.ts';
import { InFlight } from './in-flight.ts';

/** Handles one request; `body` is the whole request body, already read (empty for GET). */
type RouteHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

/** Why a request is refused before its body is read: the status (401) and a short text. */
export interface Refusal {
  status: number;
  message: string;
}

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  /** Checks the headers before the body is read; a refusal is answered and the body dropped unread. */
  admit?: (req: IncomingMessage) => Promise<Refusal | undefined>;
  handler: RouteHandler;
}

/**
 * The largest request body read. A slash command, a button press or a Bot Framework activity
 * is a few kilobytes (a Teams message at most about 28 KB, and the Bot Connector is reported to
 * cap requests at 256 KB); anything larger is refused unread.
 */
export const MAX_BODY_BYTES = 256 * 1024;
const TOO_LARGE = `Request body larger than ${MAX_BODY_BYTES / 1024} KB`;

export interface HttpServer {
  server: Server;
  /** The port actually bound (differs from the one asked for when that was 0). */
  port: number;
  /**
   * Stops taking requests (new connections are refused, a new request on an open connection
   * gets 503) and resolves once every request already taken has been answered.
   */
  drain(): Promise<void>;
  /** Closes every connection, answered or not, and the server. */
  close(): Promise<void>;
}

export interface HttpServerOptions {
  port: number;
  host?: string;
  routes: Route[];
  /** Answers GET /healthz: 200 when true, 503 otherwise. */
  healthy: () => boolean;
  /** Answers GET /readyz: 200 when ready, 503 otherwise, with the body as JSON (the replicator's state); absent: as /healthz. */
  ready?: () => { ready: boolean; body: Record<string, unknown> };
  log: Log;
  /** The reverse proxy's address (CCM_TRUST_PROXY), whose X-Forwarded-For is believed. */
  trustProxy?: string;
  /** The clock of the failed-authentication limit, in milliseconds (tests move it). */
  now?: () => number;
}

/** Starts listening. */
export function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { routes, healthy, log } = options;
  const inFlight = new InFlight();
  const limiter = new FailedAuthLimiter({ now: options.now });
  let draining = false;

  /** Answers one request, in the order the file's comment gives. */
  async function answer(route: Route, path: string, req: IncomingMessage, res: ServerResponse, address: string): Promise<void> {
    const waitMs = limiter.blockedFor(address);
    if (waitMs > 0) return turnAway(res, 429, 'Too many failed authentications; try again later', { 'retry-after': String(Math.ceil(waitMs / 1000)) });
    const refusal = await route.admit?.(req);
    if (refusal) return turnAway(res, refusal.status, refusal.message);
    const body = route.method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    if (body === undefined) {
      log.warn('request body too large, refused', { path, contentLength: req.headers['content-length'] });
      return refuse(res, 413, TOO_LARGE);
    }
    await route.handler(req, res, body);
  }

  async function serve(route: Route, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Answered means the response went out (or the connection dropped), whenever the handler resolves.
    const answered = new Promise<void>((resolve) => res.once('close', resolve));
    const address = clientAddress(req, options.trustProxy);
    res.once('finish', () => {
      if (res.statusCode === 401) limiter.failed(address);
    });
    try {
      await answer(route, path, req, res, address);
    } catch (error) {
      log.error('request failed', { path, error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
    await answered;
  }

  const server = createServer((req, res) => {
    if (draining) return refuse(res, 503, 'Shutting down');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/healthz' && req.method === 'GET') {
      const ok = healthy();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok }));
      return;
    }
    if (path === '/readyz' && req.method === 'GET') {
      const { ready, body } = options.ready?.() ?? { ready: healthy(), body: {} };
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: ready, ...body }));
      return;
    }
    const route = routes.find((r) => r.path === path && r.method === req.method);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found');
      return;
    }
    void inFlight.track(serve(route, path, req, res));
  });
  const closed = new Promise<void>((resolve) => server.once('close', resolve));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        async drain() {
          draining = true;
          // Refuses new connections and closes idle kept-alive ones; busy ones finish their request.
          server.close();
          server.closeIdleConnections();
          await inFlight.settled();
        },
        async close() {
          draining = true;
          if (server.listening) server.close();
          server.closeAllConnections();
          await closed;
        },
      });
    });
  });
}

/**
 * The request body, or undefined as soon as it is known to exceed {@link MAX_BODY_BYTES}: from
 * Content-Length before reading, else by counting what arrives (a chunked body has no length).
 */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      // Keep nothing more: the rest is read and dropped (req.resume in refuse) so the 413 reaches the sender.
      req.off('data', onData).off('end', onEnd).off('error', reject);
      resolve(undefined);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

/**
 * Answers with `status` and closes the connection, reading and dropping whatever of the body
 * is still coming, so that a sender still writing it (a 413) gets the answer.
 */
export function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.req.resume();
  turnAway(res, status, message, headers);
}

/**
 * Answers with `status` and closes the connection without reading the rest of the body: for a
 * sender whose body is not wanted at all (blocked, or without credentials). Reading a flood's
 * megabytes, even only to drop them, is what would cost the event loop.
 */
function turnAway(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(message);
}
