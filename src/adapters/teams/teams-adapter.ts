/**
 * The Microsoft Teams adapter: Bot Framework activities at POST /api/messages in, Adaptive
 * Cards out. It only translates: messages and button presses become turns (see ./turns.ts for
 * how each is answered), reply models become cards through the Teams renderer, and an
 * installation gets one welcome.
 */
import type { TeamsSettings } from './settings.ts';
import { newRequestId } from '../../core/command.ts';
import type { Core } from '../../core/dispatch.ts';
import { DeliveryError } from '../../core/delivery.ts';
import type { Log } from '../../log.ts';
import { drawTeamsPicture, type TeamsPictureActivity } from './picture.ts';
import { renderTeams, type TeamsActivity } from './render.ts';
import { unlessBusy } from '../../store/busy.ts';
import type { Store } from '../../store/store.ts';
import type { ChatAdapter } from '../adapter.ts';
import { refuse } from '../http-server.ts';
import { Pacer } from '../pacer.ts';
import type { IncomingActivity, InvokeAnswer } from './activity.ts';
import { teamsAddresses } from './address.ts';
import { createConnector } from './connector.ts';
import { teamsDialogs } from './dialogs.ts';
import { checkCredentials } from './credentials.ts';
import { teamsDeliveryError } from './errors.ts';
import { refreshSubscription } from './fresh-address.ts';
import { admitBearer, namesServiceUrl, parseActivity } from './http.ts';
import { conversationOf, placeOf, tenantOf, timeZoneOf, userOf } from './incoming.ts';
import { patiently } from './retry.ts';
import { type Arrival, teamsTurns } from './turns.ts';
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

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createTeamsAdapter(options: TeamsAdapterOptions): ChatAdapter {
  const { core, store, config, log } = options;
  const pacer = new Pacer(options.paceMs ?? TEAMS_PACE_MS);
  const connector = createConnector(config);
  const turns = teamsTurns({ core, store, connector, log });
  const { onMessage } = turns;
  const { onInvoke } = teamsDialogs({ core, connector, log, turns });
  const welcomed = new Map<string, number>();

  /** The bot was added to a 1:1 chat, a team or a group chat: introduce it, once. */
  async function onInstalled(activity: IncomingActivity): Promise<void> {
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
    await patiently(() => connector.send(conversationOf(activity), renderTeams(welcomeReply(place.kind)), activity.id));
  }

  async function onTurn(activity: IncomingActivity, arrivedAt: Arrival['arrivedAt']): Promise<InvokeAnswer | undefined> {
    // From here on, every log line about this activity carries this id, as does an error reply.
    const requestId = newRequestId();
    try {
      // A dialog opened or submitted: its turn refuses another tenant itself, in the dialog.
      if (activity.type === 'invoke') return await onInvoke(activity, { requestId, arrivedAt });
      if (core.refuseForeign({ platform: 'teams', organization: tenantOf(activity) })) {
        // Refused in its turn, where it was typed; an install from another tenant is neither welcomed nor remembered.
        if (activity.type === 'message') await onMessage(activity, { requestId, arrivedAt });
        return;
      }
      // While another connection writes, left for the next activity there.
      let refreshed = false;
      unlessBusy(() => {
        refreshed = refreshSubscription(store, activity, placeOf(activity));
      });
      if (refreshed) log.info('teams: a subscription now posts to its new service URL', { requestId, serviceUrl: activity.serviceUrl });
      if (activity.type === 'message') await onMessage(activity, { requestId, arrivedAt });
      else if (activity.type === 'conversationUpdate' && activity.membersAdded?.some((m) => m.id === activity.recipient?.id)) await onInstalled(activity);
      else if (activity.type === 'installationUpdate' && activity.action === 'add') await onInstalled(activity);
      return undefined;
    } catch (error) {
      // The core never throws: this is Teams refusing an answer. Teams must not resend the activity for it.
      log.child({ requestId }).error('teams: could not answer', { type: activity.type, failure: teamsDeliveryError(error).failure, error: message(error) });
      return undefined;
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
          await connector.receive(req, res, body.activity, (activity) => onTurn(activity, arrivedAt));
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
      if (config.loginUrl) log.warn('teams asks MICROSOFT_LOGIN_URL for its tokens, not Microsoft Entra', { url: config.loginUrl });
      // With a stand-in's signing keys (tests) and no stand-in for Entra, Entra is not asked either.
      if (config.appId && (!config.openIdMetadataUrl || config.loginUrl)) await checkCredentials(connector, log);
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
          ? await drawTeamsPicture({ ...reply, picture }).catch((error: unknown) => {
              throw new DeliveryError(`The picture could not be drawn: ${message(error)}`, 'refused');
            })
          : renderTeams(reply);
        try {
          // A channel's thread is the conversation `<channel>;messageid=<root>`; chats have no threads.
          const { threadRef } = postOptions;
          const conversationId = target.kind === 'channel' && threadRef ? `${target.conversationId};messageid=${threadRef}` : target.conversationId;
          // Not tried again here: the scheduler's ledger decides (see ./retry.ts for why a turn's answers are).
          return { ref: await connector.send({ ...target, conversationId }, activity) };
        } catch (error) {
          throw teamsDeliveryError(error);
        }
      },
    },
  };
}
