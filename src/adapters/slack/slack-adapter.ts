/**
 * The Slack adapter: `/ccm` slash commands and button presses in, Block Kit replies out.
 * It only translates: Slack's payloads become {@link Incoming} commands for the core, and
 * reply models become messages through the Slack renderer.
 *
 * HTTP mode plugs Bolt's receiver into ccm-bot's own HTTP server at /slack/events, so Slack,
 * Teams and /healthz share one port. Socket Mode (SLACK_APP_TOKEN) connects out instead.
 */
import { App, type BlockAction, type ButtonAction, HTTPReceiver, type Logger, LogLevel, type webApi } from '@slack/bolt';
import type { SlackConfig } from '../../config.ts';
import type { Actor } from '../../core/command.ts';
import type { Core } from '../../core/dispatch.ts';
import { DeliveryError, type Poster } from '../../core/delivery.ts';
import type { Log } from '../../log.ts';
import { RUN_ACTION_PREFIX, renderSlack, renderSlackEcho, unescapeSlackText } from '../../render/slack.ts';
import type { Store } from '../../store/store.ts';
import type { Route } from '../http-server.ts';

/** Path Slack posts slash commands and interactions to (one Request URL for both). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** How long a command waits for users.info before using the name in the payload. */
const PROFILE_LOOKUP_MS = 1500;

export interface SlackAdapter extends Poster {
  /** Routes for the shared HTTP server (none in Socket Mode). */
  routes: Route[];
  /** Checks the token with Slack and, in Socket Mode, connects. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Raised when Slack refuses the configured credentials at start-up; the message is for the operator. */
export class SlackStartError extends Error {
  override name = 'SlackStartError';
}

export function createSlackAdapter(options: { core: Core; store: Store; config: SlackConfig; log: Log }): SlackAdapter {
  const { core, store, config, log } = options;
  const logger = boltLogger(log);
  const clientOptions: webApi.WebClientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    // ccm-bot decides about retries itself (the scheduler keeps a ledger); a command must
    // never wait on the client's default 30-minute retry policy.
    retryConfig: { retries: 0 },
    timeout: 10_000,
  };
  const socketMode = config.appToken !== undefined;
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({ signingSecret: config.signingSecret, endpoints: [SLACK_EVENTS_PATH], logger, processBeforeResponse: false });
  const app = new App({
    token: config.botToken,
    logger,
    clientOptions,
    deferInitialization: true,
    ...(receiver ? { receiver } : { socketMode: true, appToken: config.appToken, signingSecret: config.signingSecret }),
  });

  /** The person's Slack display name: cached in the store after the first users.info. */
  async function actorFor(client: webApi.WebClient, userId: string, fallbackName: string | undefined): Promise<Actor> {
    const known = store.knownPerson('slack', userId);
    if (known) return { platform: 'slack', userId, displayName: known.displayName };
    const looked = await Promise.race([
      client.users
        .info({ user: userId })
        .then((r) => r.user?.profile?.display_name || r.user?.real_name || r.user?.name)
        .catch((error: unknown) => {
          log.warn('users.info failed', { user: userId, error: error instanceof Error ? error.message : String(error) });
          return undefined;
        }),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), PROFILE_LOOKUP_MS).unref()),
    ]);
    return { platform: 'slack', userId, displayName: looked || fallbackName || userId };
  }

  // Any slash command the app receives is ccm-bot's: renaming /ccm in the manifest needs no code change.
  app.command(/.*/, async ({ command, ack, client, respond }) => {
    const actor = await actorFor(client, command.user_id, command.user_name);
    // Persist first, then acknowledge: the reply goes back in the HTTP response to Slack,
    // which works in private channels and DMs the bot has not joined.
    const reply = core.handle({
      text: unescapeSlackText(command.text),
      actor,
      place: { platform: 'slack', channelId: command.channel_id },
      // A retried or double-submitted request carries the same trigger_id.
      idempotencyKey: `slack:command:${command.trigger_id}`,
    });
    await ack({ response_type: 'ephemeral', ...renderSlack(reply) });
    // The channel's one-line notice, where members turned it on; after the ack, so it never delays it.
    if (reply.publicEcho) await respond({ response_type: 'in_channel', ...renderSlackEcho(reply.publicEcho) });
  });

  // Buttons (Undo, suggested corrections) carry the command they run.
  app.action<BlockAction<ButtonAction>>({ action_id: new RegExp(`^${RUN_ACTION_PREFIX}_`) }, async ({ ack, action, body, respond, client }) => {
    const actor = await actorFor(client, body.user.id, body.user.name);
    const reply = core.handle({
      text: action.value ?? '',
      actor,
      place: { platform: 'slack', channelId: body.channel?.id ?? null },
      idempotencyKey: `slack:action:${body.user.id}:${action.action_ts}`,
    });
    await ack();
    await respond({ response_type: 'ephemeral', replace_original: true, ...renderSlack(reply) });
  });

  app.error(async (error) => {
    log.error('slack request failed', { code: error.code, error: error.message });
  });

  return {
    routes: receiver ? [{ method: 'POST', path: SLACK_EVENTS_PATH, handler: (req, res) => receiver.requestListener(req, res) }] : [],
    async start() {
      try {
        await app.init();
        if (socketMode) await app.start();
      } catch (error) {
        const code = (error as { data?: { error?: string }; code?: string }).data?.error ?? (error as Error).message;
        throw new SlackStartError(`Slack did not accept the configuration (${code}). Check SLACK_BOT_TOKEN${socketMode ? ' and SLACK_APP_TOKEN' : ''}.`);
      }
      log.info('slack ready', { mode: socketMode ? 'socket' : 'http' });
    },
    async stop() {
      if (socketMode) await app.stop();
    },
    // A user id as channel posts to the person's messages with the app (nudges).
    async post(channelId, reply, postOptions = {}) {
      try {
        const result = await app.client.chat.postMessage({
          channel: channelId,
          ...renderSlack(reply),
          ...(postOptions.threadRef ? { thread_ts: postOptions.threadRef } : {}),
        });
        return { ref: result.ts ?? '' };
      } catch (error) {
        throw deliveryError(error);
      }
    },
  };
}

/**
 * Slack's errors in the scheduler's terms. Slack answered with an error or a failure status:
 * the message was not posted. No answer at all: it may have been.
 */
function deliveryError(error: unknown): DeliveryError {
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number; message?: string };
  switch (e.code) {
    case 'slack_webapi_platform_error':
      return new DeliveryError(`Slack refused the post: ${e.data?.error ?? 'unknown error'}`, 'not-delivered');
    case 'slack_webapi_http_error':
      return new DeliveryError(`Slack answered HTTP ${e.statusCode ?? '?'}`, 'not-delivered');
    case 'slack_webapi_rate_limited_error':
      return new DeliveryError('Slack rate-limited the post', 'not-delivered');
    default:
      return new DeliveryError(`No answer from Slack: ${e.message ?? String(error)}`, 'unknown');
  }
}

/** Bolt's logger interface over ccm-bot's log, so Slack's messages land in the same place. */
function boltLogger(log: Log): Logger {
  const join = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  return {
    debug: (...parts) => log.debug(join(parts), { source: 'bolt' }),
    info: (...parts) => log.info(join(parts), { source: 'bolt' }),
    warn: (...parts) => log.warn(join(parts), { source: 'bolt' }),
    error: (...parts) => log.error(join(parts), { source: 'bolt' }),
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}
