/**
 * Teams' side of a turn (see core/turn.ts): how a message and a card's button are answered.
 *
 * - A 1:1 chat is answered in place.
 * - A command in a channel or group chat is answered in the person's 1:1 chat with the bot,
 *   which is opened first; the channel gets one line saying so. When Teams will not open it
 *   (the app is not installed for that person) the command is not run at all, and the channel
 *   gets the line saying how to make private answers possible.
 * - Buttons: `Action.Submit` arrives as a message with `value`, `Action.Execute` as an
 *   `adaptiveCard/action` invoke (answered with the new card in the invoke response).
 */
import type { Actor, Incoming } from '../../core/command.ts';
import type { Core } from '../../core/dispatch.ts';
import { privateAnswerNotice } from '../../core/delivery.ts';
import { errorReply, type Reply, withoutPicture } from '../../core/reply.ts';
import { runTurn, type TurnRequest, type TurnSurface } from '../../core/turn.ts';
import type { Log } from '../../log.ts';
import { teamsAddresses } from './address.ts';
import type { Connector, TurnContext } from './connector.ts';
import { teamsDeliveryError } from './errors.ts';
import { commandOf, idempotencyKey, placeOf, type TeamsPlace, tenantOf, timeZoneOf, userOf } from './incoming.ts';
import { drawTeamsPicture, type TeamsPictureActivity } from './picture.ts';
import { ADAPTIVE_CARD_CONTENT_TYPE, renderTeams, renderTeamsEcho, type TeamsActivity } from './render.ts';

/** Which request an activity is, and when it arrived (see {@link Incoming}). */
export type Arrival = Required<Pick<Incoming, 'requestId' | 'arrivedAt'>>;

type Send = (activity: TeamsActivity | TeamsPictureActivity) => Promise<unknown>;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function teamsTurns({ core, connector, log }: { core: Core; connector: Connector; log: Log }) {
  /**
   * An answer's card (the picture left out of it), then its picture as a message of its own.
   * A picture that cannot be drawn or sent is said so in the same chat.
   */
  async function answerWith(reply: Reply, send: Send): Promise<void> {
    await send(renderTeams(withoutPicture(reply, null)));
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
  function actorOf(ctx: TurnContext, address: string | undefined): Actor {
    const organization = tenantOf(ctx.activity);
    const timeZone = timeZoneOf(ctx.activity);
    return {
      platform: 'teams',
      ...userOf(ctx.activity),
      ...(address ? { address } : {}),
      ...(organization ? { organization } : {}),
      ...(timeZone ? { timeZone } : {}),
    };
  }

  /**
   * The surface of a turn typed (or pressed) in a channel or group chat: the person is answered
   * in their 1:1 chat, opened first; `tell` gives the shared place its line about that answer.
   */
  function privately(ctx: TurnContext, place: TeamsPlace, request: TurnRequest, tell: (line: string) => Promise<void>): TurnSurface {
    const requestLog = log.child({ requestId: request.requestId });
    let personal = '';
    return {
      async identify() {
        try {
          personal = await connector.openPersonalChat(ctx);
        } catch (error) {
          requestLog.warn('teams: could not open the personal chat; the command was not run', {
            failure: teamsDeliveryError(error).failure,
            error: message(error),
          });
          await tell(privateAnswerNotice('not-possible')!);
          return undefined;
        }
        return actorOf(ctx, teamsAddresses.encode({ ...place.parts, kind: 'personal', conversationId: personal }));
      },
      async answer(reply) {
        try {
          await answerWith(reply, (activity) => connector.send(ctx, personal, activity));
          await tell(privateAnswerNotice('personal-chat')!);
        } catch (error) {
          // The command ran; its answer did not arrive. The person sees the change with `log`.
          requestLog.error('teams: the private answer could not be posted', { failure: teamsDeliveryError(error).failure, error: message(error) });
        }
      },
      tellChannel: async (line) => void (await ctx.sendActivity(renderTeamsEcho(line))),
    };
  }

  /** The turn's request from an activity and the command it carries. */
  function requestOf(ctx: TurnContext, place: TeamsPlace, command: { text: string; button: boolean }, arrival: Arrival): TurnRequest {
    const { userId } = userOf(ctx.activity);
    return {
      text: command.text,
      place: { platform: 'teams', kind: place.kind, channelId: place.conversationId, address: place.address },
      organization: tenantOf(ctx.activity),
      idempotencyKey: idempotencyKey(ctx.activity, userId, command),
      pressed: command.button,
      ...arrival,
    };
  }

  /** A message: a typed command, or an `Action.Submit` press. */
  async function onMessage(ctx: TurnContext, arrival: Arrival): Promise<void> {
    const activity = ctx.activity;
    // The bot's own messages (and other bots') are never commands.
    if (activity.from?.id === activity.recipient?.id || activity.from?.role === 'bot') return;
    const place = placeOf(activity);
    const command = commandOf(activity, place.kind);
    if (!command) return;
    const request = requestOf(ctx, place, command, arrival);
    const here = async (line: string) => void (await ctx.sendActivity(renderTeamsEcho(line)));
    // A refusal goes where it was typed, even in a channel: nothing is opened for another tenant.
    const refuse = async (refusal: Reply) => void (await ctx.sendActivity(renderTeams(refusal)));
    if (place.kind !== 'personal') return void (await runTurn(core, request, { ...privately(ctx, place, request, here), refuse }));
    await runTurn(core, request, {
      identify: async () => actorOf(ctx, place.address),
      answer: (reply) => answerWith(reply, (a) => ctx.sendActivity(a)),
      tellChannel: here,
    });
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
    const request = requestOf(ctx, place, command, arrival);
    // An invoke is answered once, with what the presser sees: a line, or (in a 1:1 chat) the new card.
    let line = '';
    const say = async (said: string) => {
      line = said;
    };
    const refuse = async (refusal: Reply) => say(refusal.title);
    if (place.kind !== 'personal') {
      await runTurn(core, request, { ...privately(ctx, place, request, say), refuse });
      await connector.answerInvoke(ctx, {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: line || 'Carried out, but my answer could not be posted in your chat with me.',
      });
      return;
    }
    let card: unknown;
    await runTurn(core, request, {
      identify: async () => actorOf(ctx, place.address),
      refuse,
      answer: refuse,
      async update(reply) {
        card = renderTeams(withoutPicture(reply, null), { actions: 'execute' }).attachments[0]!.content;
        await connector.answerInvoke(ctx, { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card });
        // A picture cannot replace a card: it follows as a message in the same 1:1 chat.
        if (reply.picture) await ctx.sendActivity(await drawTeamsPicture({ ...reply, picture: reply.picture }));
      },
    });
    if (card === undefined) await connector.answerInvoke(ctx, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: line });
  }

  return { onMessage, onCardAction };
}
