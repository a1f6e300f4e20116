/**
 * Teams' side of a turn (see core/turn.ts): how a message and a card's button are answered.
 *
 * - A 1:1 chat is answered in place.
 * - A command in a channel or group chat is answered in the person's 1:1 chat with the bot:
 *   the one stored for them (from their install, or a message there), else opened now; the
 *   channel gets one line saying so. When Teams will not open it (the app is not installed for
 *   that person) the command is not run at all, and the channel gets the line saying how to
 *   make private answers possible.
 * - Buttons are `Action.Submit`: a press arrives as a message with the button's data as `value`.
 *   A button that settles its card (Undo, Mark done, Snooze) replaces that card with the
 *   outcome, so it cannot be pressed again; any other press is answered below the card.
 * - Whatever the person waits for is tried again while the Bot Connector asks to (./retry.ts).
 */
import type { Actor, Incoming } from '../../core/command.ts';
import type { Core } from '../../core/dispatch.ts';
import { privateAnswerNotice } from '../../core/delivery.ts';
import { errorReply, type Reply, withoutPicture } from '../../core/reply.ts';
import { runTurn, type TurnRequest, type TurnSurface } from '../../core/turn.ts';
import type { Log } from '../../log.ts';
import { unlessBusy } from '../../store/busy.ts';
import type { Store } from '../../store/store.ts';
import type { IncomingActivity, OutgoingActivity } from './activity.ts';
import { type ConversationRef, teamsAddresses } from './address.ts';
import type { Connector } from './connector.ts';
import { connectorAnswer, teamsDeliveryError } from './errors.ts';
import { commandOf, conversationOf, idempotencyKey, placeOf, type TeamsCommand, type TeamsPlace, tenantOf, timeZoneOf, userOf, whereFrom } from './incoming.ts';
import { drawTeamsPicture } from './picture.ts';
import { renderTeams, renderTeamsEcho } from './render.ts';
import { patiently } from './retry.ts';

/** Which request an activity is, and when it arrived (see {@link Incoming}). */
export type Arrival = Required<Pick<Incoming, 'requestId' | 'arrivedAt'>>;

type Send = (activity: OutgoingActivity) => Promise<unknown>;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The Bot Connector's answers by which a stored conversation is gone (removed, or the app uninstalled). */
const isGone = (error: unknown) => [403, 404].includes(connectorAnswer(error)?.status ?? 0);

export function teamsTurns({ core, store, connector, log }: { core: Core; store: Store; connector: Connector; log: Log }) {
  /** Answers the activity in its own conversation (a channel: in its thread), below it. */
  const replyTo =
    (activity: IncomingActivity, { arrivedAt }: Arrival) =>
    (out: OutgoingActivity) =>
      patiently(() => connector.send(conversationOf(activity), out, activity.id), arrivedAt);

  /**
   * An answer's card (the picture left out of it), by `sendCard` when it is not sent like the
   * rest, then its picture as a message of its own. A picture that cannot be drawn or sent is
   * said so in the same chat.
   */
  async function answerWith(reply: Reply, send: Send, sendCard: Send = send): Promise<void> {
    await sendCard(renderTeams(withoutPicture(reply, null)));
    const { picture } = reply;
    if (!picture) return;
    try {
      await send(await drawTeamsPicture({ ...reply, picture }));
    } catch (error) {
      log.error('teams: the picture could not be sent', { file: picture.fileName, failure: teamsDeliveryError(error).failure, error: message(error) });
      await send(
        renderTeams(errorReply('picture-not-sent', `The picture ${picture.fileName} could not be sent.`, { lines: ['Try again later.', picture.instead] })),
      );
    }
  }

  /** The person as the activity names them, answered at `address` (their 1:1 chat) when known. */
  function actorOf(activity: IncomingActivity, address: string | undefined): Actor {
    const organization = tenantOf(activity);
    const timeZone = timeZoneOf(activity);
    return {
      platform: 'teams',
      ...userOf(activity),
      ...(address ? { address } : {}),
      ...(organization ? { organization } : {}),
      ...(timeZone ? { timeZone } : {}),
    };
  }

  /** The person's 1:1 chat as stored for them in this tenant, at the Bot Connector that serves them now. */
  function storedPersonalChat(activity: IncomingActivity): ConversationRef | undefined {
    const address = store.people.known('teams', userOf(activity).userId)?.address;
    const stored = address ? teamsAddresses.decode(address) : undefined;
    if (stored?.kind !== 'personal' || stored.tenantId !== tenantOf(activity)) return undefined;
    return { conversationId: stored.conversationId, serviceUrl: activity.serviceUrl, tenantId: stored.tenantId };
  }

  /**
   * The surface of a turn typed (or pressed) in a channel or group chat: the person is answered
   * in their 1:1 chat; `tell` gives the shared place its line about that answer.
   */
  function privately(activity: IncomingActivity, { requestId, arrivedAt }: Arrival, tell: (line: string) => Promise<void>): TurnSurface {
    const requestLog = log.child({ requestId });
    const tenantId = tenantOf(activity);
    let chat = storedPersonalChat(activity);
    let opened = chat === undefined;
    const open = async (): Promise<ConversationRef> => {
      const conversationId = await patiently(() => connector.openPersonalChat({ serviceUrl: activity.serviceUrl, tenantId, member: activity.from }), arrivedAt);
      return { conversationId, serviceUrl: activity.serviceUrl, tenantId };
    };
    const addressOf = (ref: ConversationRef) => teamsAddresses.encode({ ...ref, kind: 'personal' });
    /** To the 1:1 chat; a stored one Teams no longer has is opened anew, and kept, once. */
    const send = async (out: OutgoingActivity): Promise<unknown> => {
      try {
        return await patiently(() => connector.send(chat!, out), arrivedAt);
      } catch (error) {
        if (opened || !isGone(error)) throw error;
        opened = true;
        chat = await open();
        const person = actorOf(activity, addressOf(chat));
        unlessBusy(() => store.transaction(() => store.people.meet(person, new Date().toISOString())));
        return patiently(() => connector.send(chat!, out), arrivedAt);
      }
    };
    return {
      async identify() {
        try {
          chat ??= await open();
        } catch (error) {
          requestLog.warn('teams: could not open the personal chat; the command was not run', {
            failure: teamsDeliveryError(error).failure,
            error: message(error),
          });
          await tell(privateAnswerNotice('not-possible')!);
          return undefined;
        }
        return actorOf(activity, addressOf(chat));
      },
      async answer(reply) {
        try {
          await answerWith(reply, send);
          await tell(privateAnswerNotice('personal-chat')!);
        } catch (error) {
          // The command ran; its answer did not arrive. The person sees the change with `log`.
          requestLog.error('teams: the private answer could not be posted', { failure: teamsDeliveryError(error).failure, error: message(error) });
        }
      },
      tellChannel: tell,
    };
  }

  /**
   * The pressed card (in a 1:1 chat) replaced with `card`; when Teams will not replace it (too
   * old, deleted), the card is posted below it instead.
   */
  function replacePressed(activity: IncomingActivity, arrival: Arrival): Send {
    return async (card) => {
      if (!activity.replyToId) return replyTo(activity, arrival)(card);
      try {
        return await patiently(() => connector.update(conversationOf(activity), activity.replyToId!, card), arrival.arrivedAt);
      } catch (error) {
        log.child({ requestId: arrival.requestId }).warn('teams: the pressed card could not be replaced; answered below it', {
          failure: teamsDeliveryError(error).failure,
          error: message(error),
        });
        return replyTo(activity, arrival)(card);
      }
    };
  }

  /** The turn's request from an activity and the command it carries. */
  function requestOf(activity: IncomingActivity, place: TeamsPlace, command: TeamsCommand, arrival: Arrival): TurnRequest {
    const { userId } = userOf(activity);
    return {
      text: command.text,
      ...whereFrom(activity, place),
      idempotencyKey: idempotencyKey(activity, userId, command),
      pressed: command.settles,
      ...arrival,
    };
  }

  /** A message: a typed command, or a button's press. */
  async function onMessage(activity: IncomingActivity, arrival: Arrival): Promise<void> {
    // The bot's own messages (and other bots') are never commands.
    if (activity.from?.id === activity.recipient?.id || activity.from?.role === 'bot') return;
    const place = placeOf(activity);
    const command = commandOf(activity, place.kind);
    if (!command) return;
    const request = requestOf(activity, place, command, arrival);
    const here = replyTo(activity, arrival);
    const say = async (line: string) => void (await here(renderTeamsEcho(line)));
    // A refusal goes where it was typed, even in a channel: nothing is opened for another tenant.
    const refuse = async (refusal: Reply) => void (await here(renderTeams(refusal)));
    if (place.kind !== 'personal') return void (await runTurn(core, request, { ...privately(activity, arrival, say), refuse }));
    await runTurn(core, request, {
      identify: async () => actorOf(activity, place.address),
      answer: (reply) => answerWith(reply, here),
      update: (reply) => answerWith(reply, here, replacePressed(activity, arrival)),
      tellChannel: say,
    });
  }

  return { onMessage, privately, actorOf, answerWith };
}
