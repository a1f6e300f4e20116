/**
 * The Microsoft Teams adapter: Bot Framework activities at POST /api/messages in, Adaptive
 * Cards out. It only translates: messages and button presses become {@link Incoming}
 * commands for the core, reply models become cards through the Teams renderer.
 *
 * - A 1:1 chat is answered in place.
 * - A command in a channel or group chat is answered in the person's 1:1 chat with the bot,
 *   which is opened first; the channel gets one line saying so. When Teams will not open it
 *   (the app is not installed for that person) the command is not run at all, and the channel
 *   gets the line saying how to make private answers possible.
 * - Buttons: `Action.Submit` arrives as a message with `value`, `Action.Execute` as an
 *   `adaptiveCard/action` invoke (answered with the new card in the invoke response).
 */
import type { TeamsSettings } from './settings.ts';
import { type Actor, type Incoming, newRequestId } from '../../core/command.ts';
import type { Core } from '../../core/dispatch.ts';
import { DeliveryError, privateAnswerNotice } from '../../core/delivery.ts';
import { errorReply, type Picture, type Reply, withoutPicture } from '../../core/reply.ts';
import type { Log } from '../../log.ts';
import { renderPicture } from '../../render/pictures/index.ts';
import { renderTeamsPicture, TEAMS_PICTURE_LIMITS, type TeamsPictureActivity } from './picture.ts';
import { ADAPTIVE_CARD_CONTENT_TYPE, renderTeams, renderTeamsEcho, type TeamsActivity } from './render.ts';
import { unlessBusy } from '../../store/busy.ts';
import type { Store } from '../../store/store.ts';
import type { ChatAdapter } from '../adapter.ts';
import { refuse } from '../http-server.ts';
import { Pacer } from '../pacer.ts';
import { teamsAddresses } from './address.ts';
import { type Activity, createConnector, type TurnContext } from './connector.ts';
import { checkCredentials } from './credentials.ts';
import { teamsDeliveryError } from './errors.ts';
import { admitBearer, namesServiceUrl, parseActivity, processShim } from './http.ts';
import { commandOf, idempotencyKey, placeOf, type TeamsPlace, tenantOf, timeZoneOf, userOf } from './incoming.ts';
import { welcomeReply } from './welcome.ts';

/** Path the Bot Connector posts activities to (the bot's messaging endpoint). */
const TEAMS_MESSAGES_PATH = '/api/messages';

/** Teams accepts about one message a second in one conversation. */
const TEAMS_PACE_MS = 1000;

/** Teams announces an installation twice (conversationUpdate and installationUpdate): one welcome. */
const WELCOME_WINDOW_MS = 10 * 60_000;

export interface TeamsAdapterOptions {
  core: Core;
  store: Store;
  config: TeamsSettings;
  log: Log;
  /** Minimum time between two posts to one address; tests set 0. */
  paceMs?: number;
}

/** Which request an activity is, and when it arrived (see {@link Incoming}). */
type Arrival = Required<Pick<Incoming, 'requestId' | 'arrivedAt'>>;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createTeamsAdapter(options: TeamsAdapterOptions): ChatAdapter {
  const { core, store, config, log } = options;
  const pacer = new Pacer(options.paceMs ?? TEAMS_PACE_MS);
  const connector = createConnector(config);
  const welcomed = new Map<string, number>();

  /** A reply's picture as its own message (see ./picture.ts), drawn within Teams' limits. */
  async function pictureMessage(reply: Reply & { picture: Picture }): Promise<TeamsPictureActivity> {
    const { png } = await renderPicture(reply.picture, TEAMS_PICTURE_LIMITS);
    return renderTeamsPicture(reply, png);
  }

  /**
   * An answer's card (the picture left out of it), then its picture as a message of its own.
   * A picture that cannot be drawn or sent is said so in the same chat.
   */
  async function answerWith(reply: Reply, send: (activity: TeamsActivity | TeamsPictureActivity) => Promise<unknown>): Promise<void> {
    await send(renderTeams(withoutPicture(reply, null)));
    const { picture } = reply;
    if (!picture) return;
    try {
      await send(await pictureMessage({ ...reply, picture }));
    } catch (error) {
      log.error('teams: the picture could not be sent', { file: picture.fileName, failure: teamsDeliveryError(error).failure, error: message(error) });
      await send(
        renderTeams(errorReply('picture-not-sent', `The picture ${picture.fileName} could not be sent.`, { lines: ['Try again later.', picture.instead] })),
      );
    }
  }

  /**
   * A private answer in the 1:1 chat, for a command typed (or a button pressed) in a channel or
   * group chat; `tell` gives the shared place its one line. Resolves to that line's outcome.
   */
  async function answerPrivately(
    ctx: TurnContext,
    incoming: Incoming,
    place: TeamsPlace,
    tell: (line: string) => Promise<void>,
  ): Promise<'personal-chat' | 'not-possible' | undefined> {
    const requestLog = log.child({ requestId: incoming.requestId });
    let personal: string;
    try {
      personal = await connector.openPersonalChat(ctx);
    } catch (error) {
      requestLog.warn('teams: could not open the personal chat; the command was not run', {
        failure: teamsDeliveryError(error).failure,
        error: message(error),
      });
      await tell(privateAnswerNotice('not-possible')!);
      return 'not-possible';
    }
    const address = teamsAddresses.encode({ ...place.parts, kind: 'personal', conversationId: personal });
    const reply = await core.respond({ ...incoming, actor: { ...incoming.actor, address } });
    let outcome: 'personal-chat' | undefined;
    try {
      await answerWith(reply, (activity) => connector.send(ctx, personal, activity));
      outcome = 'personal-chat';
      await tell(privateAnswerNotice(outcome)!);
    } catch (error) {
      // The command ran; its answer did not arrive. The person sees the change with `log`.
      requestLog.error('teams: the private answer could not be posted', { failure: teamsDeliveryError(error).failure, error: message(error) });
    }
    if (reply.publicEcho) await ctx.sendActivity(renderTeamsEcho(reply.publicEcho));
    return outcome;
  }

  function incomingOf(activity: Activity, place: TeamsPlace, command: { text: string; button: boolean }, arrival: Arrival): Incoming {
    const { userId, displayName } = userOf(activity);
    const organization = tenantOf(activity);
    const timeZone = timeZoneOf(activity);
    const actor: Actor = {
      platform: 'teams',
      userId,
      displayName,
      ...(place.kind === 'personal' ? { address: place.address } : {}),
      ...(organization ? { organization } : {}),
      ...(timeZone ? { timeZone } : {}),
    };
    return {
      text: command.text,
      actor,
      place: { platform: 'teams', kind: place.kind, channelId: place.conversationId, address: place.address },
      idempotencyKey: idempotencyKey(activity, userId, command),
      ...arrival,
    };
  }

  async function onMessage(ctx: TurnContext, arrival: Arrival): Promise<void> {
    const activity = ctx.activity;
    // The bot's own messages (and other bots') are never commands.
    if (activity.from?.id === activity.recipient?.id || activity.from?.role === 'bot') return;
    const place = placeOf(activity);
    const command = commandOf(activity, place.kind);
    if (!command) return;
    const incoming = incomingOf(activity, place, command, arrival);
    if (place.kind !== 'personal') {
      await answerPrivately(ctx, incoming, place, async (line) => void (await ctx.sendActivity(renderTeamsEcho(line))));
      return;
    }
    const reply = await core.respond(incoming);
    await answerWith(reply, (activity) => ctx.sendActivity(activity));
    if (reply.publicEcho) await ctx.sendActivity(renderTeamsEcho(reply.publicEcho));
  }

  /** An `Action.Execute` press: the new card replaces the pressed one in a 1:1 chat. */
  async function onCardAction(ctx: TurnContext, arrival: Arrival): Promise<void> {
    const activity = ctx.activity;
    const place = placeOf(activity);
    const command = commandOf(activity, place.kind);
    if (!command?.button) {
      await connector.answerInvoke(ctx, {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: 'Not a ccm button' },
      });
      return;
    }
    const incoming = incomingOf(activity, place, command, arrival);
    if (place.kind !== 'personal') {
      // The line goes back to the presser only, as the invoke's answer.
      let line = '';
      await answerPrivately(ctx, incoming, place, async (said) => {
        line = said;
      });
      await connector.answerInvoke(ctx, {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: line || 'Carried out, but my answer could not be posted in your chat with me.',
      });
      return;
    }
    const reply = await core.respond(incoming);
    const card = renderTeams(withoutPicture(reply, null), { actions: 'execute' }).attachments[0]!.content;
    await connector.answerInvoke(ctx, { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card });
    // A picture cannot replace a card: it follows as a message in the same 1:1 chat.
    if (reply.picture) await ctx.sendActivity(await pictureMessage({ ...reply, picture: reply.picture }));
  }

  /** The bot was added to a 1:1 chat, a team or a group chat: introduce it, once. */
  async function onInstalled(ctx: TurnContext): Promise<void> {
    const activity = ctx.activity;
    const place = placeOf(activity);
    const now = Date.now();
    for (const [key, at] of welcomed) if (now - at > WELCOME_WINDOW_MS) welcomed.delete(key);
    if (welcomed.has(place.conversationId)) return;
    welcomed.set(place.conversationId, now);
    // A person's own install gives their 1:1 chat: kept, so nudges can reach them. A team or
    // group chat is remembered only when someone types `subscribe` there.
    if (place.kind === 'personal' && activity.from) {
      const timeZone = timeZoneOf(activity);
      const person = { platform: 'teams', ...userOf(activity), address: place.address, ...(timeZone ? { timeZone } : {}) };
      // While another connection writes, left for the person's first message (which meets them too).
      unlessBusy(() => store.transaction(() => store.people.meet(person, new Date().toISOString())));
    }
    await ctx.sendActivity(renderTeams(welcomeReply(place.kind)));
  }

  /**
   * A tenant the group does not allow gets one short refusal where it typed (or pressed), and
   * nothing else: no welcome, no personal chat opened, no one remembered.
   */
  async function refuseForeign(ctx: TurnContext, refusal: Reply): Promise<void> {
    const activity = ctx.activity;
    if (activity.type === 'message' && commandOf(activity, placeOf(activity).kind)) await ctx.sendActivity(renderTeams(refusal));
    if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
      await connector.answerInvoke(ctx, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: refusal.title });
    }
  }

  async function onTurn(ctx: TurnContext, arrivedAt: Arrival['arrivedAt']): Promise<void> {
    const activity = ctx.activity;
    // From here on, every log line about this activity carries this id, as does an error reply.
    const requestId = newRequestId();
    try {
      const refusal = core.refuseForeign({ platform: 'teams', organization: tenantOf(activity) });
      if (refusal) return await refuseForeign(ctx, refusal);
      if (activity.type === 'message') await onMessage(ctx, { requestId, arrivedAt });
      else if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') await onCardAction(ctx, { requestId, arrivedAt });
      else if (activity.type === 'conversationUpdate' && activity.membersAdded?.some((m) => m.id === activity.recipient?.id)) await onInstalled(ctx);
      else if (activity.type === 'installationUpdate' && activity.action === 'add') await onInstalled(ctx);
    } catch (error) {
      // The core never throws: this is Teams refusing an answer. Teams must not resend the activity for it.
      log.child({ requestId }).error('teams: could not answer', { type: activity.type, failure: teamsDeliveryError(error).failure, error: message(error) });
    }
  }

  return {
    name: 'teams',
    addresses: teamsAddresses,
    // Teams has no message shown to one person in a channel: answers go to the 1:1 chat.
    privateAnswers: 'personal-chat',
    routes: [
      {
        method: 'POST',
        path: TEAMS_MESSAGES_PATH,
        // Without an app id there is no token to check (local testing only; see start()).
        ...(config.appId ? { admit: (req) => admitBearer(req.headers, connector.authenticateHeader) } : {}),
        async handler(req, res, raw) {
          const arrivedAt = performance.now();
          const body = parseActivity(raw);
          if (!body.ok) return refuse(res, body.status, body.message);
          if (config.appId && !namesServiceUrl(req.headers, body.activity)) return refuse(res, 401, 'Unauthorized: the token is for another service URL');
          const { request, response } = processShim(req, res, body.activity);
          await connector.adapter.process(request, response, (ctx) => onTurn(ctx, arrivedAt));
        },
      },
    ],
    async start() {
      if (!config.appId) {
        log.warn(
          'teams runs WITHOUT authentication (no MICROSOFT_APP_ID): anyone who reaches /api/messages can act as any member. For the Bot Framework Emulator or Agents Playground only.',
        );
      }
      if (config.openIdMetadataUrl)
        log.warn("teams reads the Bot Connector's signing keys from MICROSOFT_BOT_OPENID_METADATA, not from Microsoft", { url: config.openIdMetadataUrl });
      // With a stand-in's signing keys (tests), Microsoft Entra is not asked either.
      if (config.appId && !config.openIdMetadataUrl) await checkCredentials(connector, log);
      log.info('teams ready', { path: TEAMS_MESSAGES_PATH, authenticated: Boolean(config.appId), appType: config.appId ? config.appType : undefined });
    },
    async stop() {},
    poster: {
      ready: (address) => pacer.wait(address),
      async post(address, reply, postOptions = {}) {
        const target = teamsAddresses.decode(address);
        if (!target) throw new DeliveryError(`Not a Teams address: ${address}`, 'not-found');
        // A picture (a digest's chart or map) is a message of its own, in the same thread; only
        // its drawing, not the card, is reported as a picture that could not be drawn.
        const { picture } = reply;
        const activity: TeamsActivity | TeamsPictureActivity = picture
          ? await pictureMessage({ ...reply, picture }).catch((error: unknown) => {
              throw new DeliveryError(`The picture could not be drawn: ${message(error)}`, 'refused');
            })
          : renderTeams(reply);
        try {
          return { ref: await connector.post(target, activity, postOptions.threadRef) };
        } catch (error) {
          throw teamsDeliveryError(error);
        }
      },
    },
  };
}
