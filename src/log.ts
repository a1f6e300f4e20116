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

/** What else to keep out of every line: the platforms' secrets (see adapters/platform.ts). */
export interface Secrets {
  /** Keys whose values are secrets, redacted at any depth up to four. */
  keys: readonly string[];
  /** Shapes of secrets inside text (a token's prefix), redacted wherever they appear. */
  shapes: readonly RegExp[];
}

/** Keys that hold a secret whatever the platform: credentials by their usual names, and HTTP authorization headers. */
const SECRET_KEYS = ['token', 'password', 'secret', 'clientSecret', 'authorization', 'Authorization'];

/** Bearer credentials inside message text, as libraries quote a request's headers. */
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/g;

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
  // Secrets in the text are redacted when the line is written (see wrap).
  const text = parts.map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : WITHHELD)).join(' ');
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

/** A log that writes lines at or above `level` to `destination` (stderr by default), `secrets` redacted. */
export function createLog(level: LogLevel, destination: LogDestination = process.stderr, secrets: Secrets = { keys: [], shapes: [] }): Log {
  const keys = [...SECRET_KEYS, ...secrets.keys];
  const shapes = [BEARER, ...secrets.shapes];
  const redactText = (text: string) => shapes.reduce((redacted, shape) => redacted.replace(shape, REDACTED), text);
  const logger = pino(
    {
      level,
      // No pid or hostname: the lines keep the shape they had before pino.
      base: undefined,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: keys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]), censor: REDACTED },
    },
    destination,
  );
  return wrap(logger, () => logger, redactText);
}

/**
 * `make` builds the pino logger on the first line written: pino works out (and redacts) a
 * child's fields when the child is made, which cost more than the rest of a request's logging,
 * and most requests' children (one per request, for its id) never write a line at the level
 * set. `root` decides the level: children keep their parent's, and nothing changes it later.
 */
function wrap(root: pino.Logger, make: () => pino.Logger, redactText: (text: string) => string): Log {
  let logger: pino.Logger | undefined;
  const current = () => (logger ??= make());
  const emit =
    (at: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (root.isLevelEnabled(at)) current()[at](fields, redactText(message));
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => wrap(root, () => current().child(fields), redactText),
  };
}
