/** What the two reference apps (bare.ts, floor.ts) share: a /healthz route and a quiet logger. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LogLevel } from '@slack/bolt';

/** GET /healthz answers 200, as ccm-bot's does: the benchmark times cold starts to it. */
export const healthzRoute = {
  path: '/healthz',
  method: ['GET'],
  handler: (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  },
};

const quiet = () => {};
/** Errors only, as ccm-bot logs at its default level. */
export const referenceLogger = {
  debug: quiet,
  info: quiet,
  warn: quiet,
  error: (...parts: unknown[]) => console.error(...parts),
  setLevel: quiet,
  getLevel: () => LogLevel.ERROR,
  setName: quiet,
};
