/**
 * The Slack adapter: `/ccm` slash commands and button presses in, Block Kit replies out.
 * It only translates: Slack's payloads become {@link Incoming} commands for the core, and
 * reply models become messages through the Slack renderer.
 *
 * HTTP mode plugs Bolt's receiver into ccm-bot's own HTTP server at /slack/events, so Slack,
 * Teams and /healthz share one port. Socket Mode (SLACK_APP_TOKEN) connects out instead.
 */
import { App, type BlockAction, type ButtonAction, HTTPReceiver, type Logger, LogLevel, type webApi } from '@slack/bolt';
import type { SlackSettings } from './settings.ts';
import { newRequestId, type Place } from '../../core/command.ts';
import type { Core } from '../../core/dispatch.ts';
import { DeliveryError } from '../../core/delivery.ts';
import { deliveryError } from './errors.ts';
import { type Log, libraryLog } from '../../log.ts';
import { errorReply, type Picture, type Reply, withoutAttachment, withoutPicture } from '../../core/reply.ts';
import { RUN_ACTION_PREFIX, renderSlack, renderSlackEcho, unescapeSlackText } from './render.ts';
import type { Store } from '../../store/store.ts';
import { AdapterStartError, type ChatAdapter } from '../adapter.ts';
import { refuse } from '../http-server.ts';
import { InFlight } from '../in-flight.ts';
import { Pacer } from '../pacer.ts';
import { slackAddresses } from './address.ts';
import { HomeTab, homePublisher } from './home-tab.ts';
import { slackActors } from './people.ts';
import { altText, drawForSlack, postPicture } from './picture.ts';
import { sendFilePrivately, type SlackFile } from './private-file.ts';
import { datedInTheFuture } from './request-time.ts';

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

  const actorFor = slackActors(store);

  /** The reply as shown, its file or picture said to follow in the person's messages with the app. */
  function shown(reply: Reply): Reply {
    const follows = (name: string) => `The file ${name} follows in your direct messages with the app; only you receive it.`;
    return withoutPicture(
      withoutAttachment(reply, reply.attachment && follows(reply.attachment.fileName)),
      reply.picture ? follows(reply.picture.fileName) : null,
    );
  }

  /** A reply's picture as a file to upload, or why it could not be drawn. */
  async function pictureFile(picture: Picture, log: Log): Promise<SlackFile | string> {
    try {
      return { fileName: picture.fileName, content: await drawForSlack(picture), altText: altText(picture) };
    } catch (error) {
      log.error('picture could not be drawn', { file: picture.fileName, error: error instanceof Error ? error.message : String(error) });
      return 'it could not be drawn';
    }
  }

  /** After the answer went out: the file and the picture, or, for each that could not be sent, a private note saying so. */
  async function followUp(reply: Reply, client: webApi.WebClient, userId: string, respond: (message: object) => Promise<unknown>, log: Log): Promise<void> {
    const { attachment, picture } = reply;
    const files: { name: string; instead: string; file: () => Promise<SlackFile | string> }[] = [
      ...(attachment ? [{ name: attachment.fileName, instead: attachment.instead, file: async () => attachment }] : []),
      ...(picture ? [{ name: picture.fileName, instead: picture.instead, file: () => pictureFile(picture, log) }] : []),
    ];
    for (const { name, instead, file } of files) {
      const ready = await file();
      const failed = typeof ready === 'string' ? ready : await sendFilePrivately(client, userId, ready, log);
      if (failed === undefined) continue;
      const refusal = errorReply('file-not-sent', `The file ${name} could not be sent (${failed}).`, {
        lines: ['Nothing was shared. Try again later, or ask the operator for the file.', instead],
      });
      await respond({ response_type: 'ephemeral', replace_original: false, ...renderSlack(refusal) });
    }
  }

  // Each request's whole handling, past the answer (the channel notice, a file, the name
  // lookup): a shutdown waits for it.
  const inFlight = new InFlight();
  app.use(({ next }) => inFlight.track(next()));
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

  // Any slash command the app receives is ccm-bot's: renaming /ccm in the manifest needs no code change.
  app.command(/.*/, async ({ command, ack, client, respond }) => {
    // Slack's 3 seconds count from here: the name look-up and a busy database's retries share them.
    const arrivedAt = performance.now();
    // Another workspace's install: refused before the person is looked up or anything is read.
    const refusal = core.refuseForeign({ platform: 'slack', organization: command.team_id });
    if (refusal) return void (await ack({ response_type: 'ephemeral', ...renderSlack(refusal) }));
    const requestId = newRequestId();
    const requestLog = log.child({ requestId });
    const { actor, refresh } = await actorFor(client, command.user_id, command.user_name, command.team_id, requestLog);
    // Persist first, then acknowledge: the reply goes back in the HTTP response to Slack,
    // which works in private channels and DMs the bot has not joined.
    const reply = await core.respond({
      text: unescapeSlackText(command.text),
      actor,
      place: placeOf(command.channel_id),
      // A retried or double-submitted request carries the same trigger_id; the workspace and
      // the person are part of the key, so one person's trigger_id never answers another's command.
      idempotencyKey: `slack:command:${command.team_id}:${command.user_id}:${command.trigger_id}`,
      requestId,
      arrivedAt,
    });
    await ack({ response_type: 'ephemeral', ...renderSlack(shown(reply)) });
    // The channel's one-line notice, where members turned it on; after the ack, so it never delays it.
    if (reply.publicEcho) await respond({ response_type: 'in_channel', replace_original: false, ...renderSlackEcho(reply.publicEcho) });
    // A file can take longer than Slack's 3 seconds to upload: it follows the answer.
    await followUp(reply, client, command.user_id, respond, requestLog);
    await refresh();
    homeTab.changed(actor);
  });

  // Buttons (Undo, suggested corrections) carry the command they run.
  app.action<BlockAction<ButtonAction>>({ action_id: new RegExp(`^${RUN_ACTION_PREFIX}_`) }, async ({ ack, action, body, respond, client }) => {
    const arrivedAt = performance.now();
    const team = body.team?.id ?? body.user.team_id;
    const refusal = core.refuseForeign({ platform: 'slack', organization: team });
    if (refusal) {
      await ack();
      // A press on a Home tab has no response_url; nothing is sent to another workspace's people.
      if (body.view) return;
      return void (await respond({ response_type: 'ephemeral', replace_original: false, ...renderSlack(refusal) }));
    }
    const requestId = newRequestId();
    const requestLog = log.child({ requestId });
    const { actor, refresh } = await actorFor(client, body.user.id, body.user.name, team, requestLog);
    // One press of one button of one message: a double click carries a new action_ts but the
    // same message, button and command. A Home tab has no message: its view, as published
    // (the hash changes with each publish), stands in for it.
    const view = body.view as { id?: string; hash?: string } | undefined;
    const pressedOn = (body.container as { message_ts?: string } | undefined)?.message_ts ?? (view ? `view:${view.id}:${view.hash}` : action.action_ts);
    const reply = await core.respond({
      text: action.value ?? '',
      actor,
      place: placeOf(body.channel?.id),
      idempotencyKey: `slack:action:${team}:${body.user.id}:${pressedOn}:${action.action_id}:${action.value ?? ''}`,
      requestId,
      arrivedAt,
    });
    await ack();
    // A Home tab press has no response_url: the answer goes to the person's messages with the app.
    const answer = view
      ? async (message: { text?: string; blocks?: unknown[] }) =>
          void (await client.chat.postMessage({
            channel: body.user.id,
            text: message.text ?? '',
            ...(message.blocks ? { blocks: message.blocks as never } : {}),
          }))
      : respond;
    await answer({ response_type: 'ephemeral', replace_original: true, ...renderSlack(shown(reply)) });
    if (reply.publicEcho && !view) await respond({ response_type: 'in_channel', replace_original: false, ...renderSlackEcho(reply.publicEcho) });
    await followUp(reply, client, body.user.id, answer, requestLog);
    await refresh();
    homeTab.changed(actor);
  });

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
 * Where a command came from. A slash command in a direct message has a D… channel id; every
 * other conversation (public or private channel, group DM) is posted to by its id.
 */
function placeOf(channelId: string | undefined): Place {
  if (!channelId) return { platform: 'slack', kind: 'personal', channelId: null, address: null };
  const kind = channelId.startsWith('D') ? 'personal' : 'channel';
  return { platform: 'slack', kind, channelId, address: slackAddresses.encode({ kind, id: channelId }) };
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
