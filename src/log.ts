/**
 * Operator-facing log lines: pino, one JSON object a line, on stderr (stdout belongs to the
 * shell adapter's replies). Callers log names, ids and codes, never what people wrote (notes,
 * steps): the log holds no diplomatic content at info level or above. Secrets are redacted
 * here, by key and by shape, in case a caller or a library hands one over.
 *
 * @example
 * const log = createLog('info');
 * log.child({ requestId: '3f2a9c1e' }).error('command failed', { command: 'meeting' });
 * // {"level":"error","time":"…","requestId":"3f2a9c1e","command":"meeting","message":"command failed"}
 */
import { pino } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Log {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** The same log, with `fields` on every line it writes (a command's `requestId`). */
  child(fields: Record<string, unknown>): Log;
}

/** Where the lines go: anything with `write`, such as a stream. Each call gets one line ending in a newline. */
export interface LogDestination {
  write(line: string): unknown;
}

/**
 * Keys whose values never reach a line, at any depth up to four: the configuration's secrets
 * (see config.ts), under their own names and their environment variables' names, and HTTP
 * authorization headers.
 */
const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'appPassword',
  'password',
  'secret',
  'clientSecret',
  'authorization',
  'Authorization',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'MICROSOFT_APP_PASSWORD',
  'MicrosoftAppPassword',
];
const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

/** Slack tokens (xoxb-, xoxp-, xapp-…) and bearer credentials inside message text, e.g. from Bolt. */
const SECRET_SHAPES = /\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+|\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/g;

const REDACTED = '[redacted]';

/** Stands in for the payloads libraries quote: what members wrote, views, messages. */
const WITHHELD = '[payload withheld]';

/**
 * Where a library's line starts quoting a payload: Bolt writes a request's whole body as JSON
 * and the reply it acknowledged with (`storedResponse:`), Slack's Web API client the body and
 * result of each call (a Home tab's view, a message), botbuilder the errors it refuses with.
 */
const PAYLOAD_START = /[{[]|storedResponse:/;

/**
 * A line written by a library (Bolt, Slack's Web API client, botbuilder), as it may reach the
 * log: its text up to the first payload it quotes, objects left out. What members wrote
 * never reaches the log this way, at any level.
 *
 * @example
 * libraryLine(['http request body: {"view":{"blocks":[…]}}']) // 'http request body: [payload withheld]'
 */
function libraryLine(parts: readonly unknown[]): string {
  const text = parts
    .map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : WITHHELD))
    .join(' ')
    .replace(SECRET_SHAPES, REDACTED);
  const at = text.search(PAYLOAD_START);
  return at < 0 ? text : `${text.slice(0, at)}${WITHHELD}`;
}

/**
 * A library's logging calls (Bolt's logger, the console botbuilder writes to) on `log`, each
 * line through {@link libraryLine} and marked with its `source`.
 */
export function libraryLog(log: Log, source: string): Record<'debug' | 'info' | 'warn' | 'error', (...parts: unknown[]) => void> {
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]) =>
      log[level](libraryLine(parts), { source });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * Sends what libraries print with `console` (botbuilder refuses tokens and reports failed
 * turns with console.error and console.warn) to `log` instead of stderr; returns the undo.
 * Called by the composition root only, since `console` is the whole process's.
 */
export function consoleToLog(log: Log, target: Pick<Console, 'debug' | 'info' | 'log' | 'warn' | 'error'> = console): () => void {
  const saved = { debug: target.debug, info: target.info, log: target.log, warn: target.warn, error: target.error };
  const library = libraryLog(log, 'console');
  Object.assign(target, { debug: library.debug, info: library.info, log: library.info, warn: library.warn, error: library.error });
  return () => Object.assign(target, saved);
}

/** A log that writes lines at or above `level` to `destination` (stderr by default). */
export function createLog(level: LogLevel, destination: LogDestination = process.stderr): Log {
  const logger = pino(
    {
      level,
      // No pid or hostname: the lines keep the shape they had before pino.
      base: undefined,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
    },
    destination,
  );
  return wrap(logger, () => logger);
}

/**
 * `make` builds the pino logger on the first line written: pino works out (and redacts) a
 * child's fields when the child is made, which cost more than the rest of a request's logging,
 * and most requests' children (one per request, for its id) never write a line at the level
 * set. `root` decides the level: children keep their parent's, and nothing changes it later.
 */
function wrap(root: pino.Logger, make: () => pino.Logger): Log {
  let logger: pino.Logger | undefined;
  const current = () => (logger ??= make());
  const emit =
    (at: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (root.isLevelEnabled(at)) current()[at](fields, message.replace(SECRET_SHAPES, REDACTED));
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => wrap(root, () => current().child(fields)),
  };
}
