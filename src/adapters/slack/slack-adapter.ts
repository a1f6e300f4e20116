/**
 * The Slack adapter: `/ccm` slash commands and button presses in, Block Kit replies out.
 * It only translates: Slack's payloads become {@link Incoming} commands for the core, and
 * reply models become messages through the Slack renderer.
 *
 * HTTP mode plugs Bolt's receiver into ccm-bot's own HTTP server at /slack/events, so Slack,
 * Teams and /healthz share one port. Socket Mode (SLACK_APP_TOKEN) connects out instead.
 */
import { App, HTTPReceiver, type Logger, LogLevel, type webApi } from '@slack/bolt';
import type { SlackSettings } from './settings.ts';
import type { Core } from '../../core/dispatch.ts';
import { DeliveryError } from '../../core/delivery.ts';
import { deliveryError } from './errors.ts';
import { type Log, libraryLog } from '../../log.ts';
import { renderSlack } from './render.ts';
import type { Store } from '../../store/store.ts';
import { AdapterStartError, type ChatAdapter } from '../adapter.ts';
import { refuse } from '../http-server.ts';
import { InFlight } from '../in-flight.ts';
import { Pacer } from '../pacer.ts';
import { slackAddresses } from './address.ts';
import { answerForms } from './form.ts';
import { HomeTab, homePublisher } from './home-tab.ts';
import { slackActors } from './people.ts';
import { postPicture } from './picture.ts';
import { datedInTheFuture } from './request-time.ts';
import { answerTurns } from './turns.ts';

/** Path Slack posts slash commands and interactions to (one Request URL for both). */
const SLACK_EVENTS_PATH = '/slack/events';

/** Slack accepts about one chat.postMessage a second per channel. */
const SLACK_PACE_MS = 1100;

export interface SlackAdapterOptions {
  core: Core;
  store: Store;
  config: SlackSettings;
  log: Log;
  /** Minimum time between two posts to one address; tests set 0. */
  paceMs?: number;
  /** Least time between two publishes of one person's Home tab (a minute); tests shorten it. */
  homeRefreshMs?: number;
}

export function createSlackAdapter(options: SlackAdapterOptions): ChatAdapter {
  const { core, store, config, log } = options;
  const pacer = new Pacer(options.paceMs ?? SLACK_PACE_MS);
  const logger = boltLogger(log);
  const clientOptions: webApi.WebClientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    // ccm-bot decides about retries itself (the scheduler keeps a ledger); a command must
    // never wait on the client's default 30-minute retry policy.
    retryConfig: { retries: 0 },
    // A rate-limited call fails at once (and the scheduler retries later) instead of
    // sleeping inside a tick or a command.
    rejectRateLimitedCalls: true,
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
    // No conversation state is kept in Bolt: its default in-memory store makes (and throws
    // away) an Error with a stack trace for every request in a conversation it does not know.
    convoStore: false,
    ...(receiver ? { receiver } : { socketMode: true, appToken: config.appToken, signingSecret: config.signingSecret }),
  });

  // Each request's whole handling, past the answer (the channel notice, a file, the name
  // lookup): a shutdown waits for it.
  const inFlight = new InFlight();
  app.use(({ next }) => inFlight.track(next()));
  const actorFor = slackActors(store);
  const homeTab = new HomeTab({ publish: homePublisher(core, app.client, log), inFlight, log, minIntervalMs: options.homeRefreshMs });

  // The Home tab, opened: published with the person's own dashboard (nothing for another workspace).
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== undefined && event.tab !== 'home') return;
    const team = (body as { team_id?: string }).team_id;
    if (core.refuseForeign({ platform: 'slack', organization: team })) return;
    const { actor, refresh } = await actorFor(client, event.user, undefined, team, log);
    homeTab.open(actor);
    await refresh();
  });

  answerTurns(app, { core, log, homeTab, actorFor });
  answerForms(app, { core, log, homeTab, actorFor });

  app.error(async (error) => {
    log.error('slack request failed', { code: error.code, error: error.message });
  });

  return {
    name: 'slack',
    addresses: slackAddresses,
    // Slack shows a message to one person in the channel: the answer never leaves it.
    privateAnswers: 'native',
    // The server has read the body (and refused one too large); Bolt takes a request whose
    // `rawBody` is set as already read, and checks its signature and that it is not stale.
    routes: receiver
      ? [
          {
            method: 'POST',
            path: SLACK_EVENTS_PATH,
            handler: (req, res, body) => {
              if (datedInTheFuture(req.headers, Date.now())) return refuse(res, 401, 'Request timestamp is in the future');
              return receiver.requestListener(Object.assign(req, { rawBody: body }), res);
            },
          },
        ]
      : [],
    async start() {
      try {
        await app.init();
        if (socketMode) await app.start();
      } catch (error) {
        const code = (error as { data?: { error?: string }; code?: string }).data?.error ?? (error as Error).message;
        throw new AdapterStartError(`Slack did not accept the configuration (${code}). Check SLACK_BOT_TOKEN${socketMode ? ' and SLACK_APP_TOKEN' : ''}.`);
      }
      log.info('slack ready', { mode: socketMode ? 'socket' : 'http' });
    },
    async stop() {
      if (socketMode) await app.stop();
      homeTab.stop();
      await inFlight.settled();
    },
    poster: {
      ready: (address) => pacer.wait(address),
      // A personal address is a user id: Slack posts it to the person's messages with the app.
      async post(address, reply, postOptions = {}) {
        const target = slackAddresses.decode(address);
        if (!target) throw new DeliveryError(`Not a Slack address: ${address}`, 'not-found');
        // A picture is a file shared into the conversation (a digest's thread), its title as the comment.
        if (reply.picture) return { ref: await postPicture(app.client, target.id, { ...reply, picture: reply.picture }, postOptions.threadRef) };
        try {
          const result = await app.client.chat.postMessage({
            channel: target.id,
            ...renderSlack(reply),
            ...(postOptions.threadRef ? { thread_ts: postOptions.threadRef } : {}),
          });
          return { ref: result.ts ?? '' };
        } catch (error) {
          throw deliveryError(error);
        }
      },
    },
  };
}

/**
 * Bolt's logger interface over ccm-bot's log, so Slack's messages land in the same place, each
 * line cut before the payloads Bolt and its Web API client quote (see libraryLine).
 */
function boltLogger(log: Log): Logger {
  const library = libraryLog(log, 'bolt');
  return {
    ...library,
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}
