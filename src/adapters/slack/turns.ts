/**
 * Slack's side of a turn (see core/turn.ts): how a slash command and a button press are
 * answered. The first answer goes back in the request's acknowledgement (it works in private
 * channels and DMs the bot has not joined, within Slack's 3 seconds); anything after it through
 * the response URL; files to the person's messages with the app.
 */
import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import { newRequestId } from '../../core/command.ts';
import type { Core } from '../../core/dispatch.ts';
import { type Reply, withoutAttachment, withoutPicture } from '../../core/reply.ts';
import { runTurn } from '../../core/turn.ts';
import type { Log } from '../../log.ts';
import { openForm } from './form.ts';
import { RUN_ACTION_PREFIX, renderSlack, renderSlackEcho, unescapeSlackText } from './render.ts';
import { type Message, placeOf, type SurfaceOptions, sharedSurface, toPerson } from './surface.ts';

interface TurnOptions extends SurfaceOptions {
  core: Core;
  log: Log;
}

/** Answers every slash command and ccm button press on `app` through the shared turn. */
export function answerTurns(app: App, { core, log, homeTab, actorFor }: TurnOptions): void {
  const common = (client: webApi.WebClient, user: { id: string; name?: string }, team: string | undefined, requestLog: Log) =>
    sharedSurface({ actorFor, homeTab }, client, user, team, requestLog);

  // Any slash command the app receives is ccm-bot's: renaming /ccm in the manifest needs no code change.
  app.command(/.*/, async ({ command, ack, client, respond }) => {
    // Slack's 3 seconds count from here: the name look-up and a busy database's retries share them.
    const arrivedAt = performance.now();
    const requestId = newRequestId();
    let acknowledged = false;
    await runTurn(
      core,
      {
        // `/ccm` typed alone opens the Log outreach form.
        text: unescapeSlackText(command.text).trim() || 'form',
        place: placeOf(command.channel_id),
        organization: command.team_id,
        // A retried or double-submitted request carries the same trigger_id; the workspace and
        // the person are part of the key, so one person's trigger_id never answers another's command.
        idempotencyKey: `slack:command:${command.team_id}:${command.user_id}:${command.trigger_id}`,
        requestId,
        arrivedAt,
      },
      {
        ...common(client, { id: command.user_id, name: command.user_name }, command.team_id, log.child({ requestId })),
        async answer(reply) {
          if (acknowledged) return void (await respond({ response_type: 'ephemeral', replace_original: false, ...renderSlack(reply) }));
          acknowledged = true;
          if (reply.form) {
            await ack();
            return openForm(client, command.trigger_id, reply.form, { channel: command.channel_id });
          }
          await ack({ response_type: 'ephemeral', ...renderSlack(shown(reply)) });
        },
        tellChannel: async (line) => void (await respond({ response_type: 'in_channel', replace_original: false, ...renderSlackEcho(line) })),
      },
    );
  });

  // Buttons (Undo, suggested corrections) carry the command they run.
  app.action<BlockAction<ButtonAction>>({ action_id: new RegExp(`^${RUN_ACTION_PREFIX}_`) }, async ({ ack, action, body, respond, client }) => {
    const arrivedAt = performance.now();
    const requestId = newRequestId();
    const team = body.team?.id ?? body.user.team_id;
    // One press of one button of one message: a double click carries a new action_ts but the
    // same message, button and command. A Home tab has no message: its view, as published
    // (the hash changes with each publish), stands in for it.
    const view = body.view as { id?: string; hash?: string } | undefined;
    const pressedOn = (body.container as { message_ts?: string } | undefined)?.message_ts ?? (view ? `view:${view.id}:${view.hash}` : action.action_ts);
    // A Home tab press has no response_url: the answer goes to the person's messages with the app.
    const send = view ? (message: Message) => toPerson(client, body.user.id, message) : async (message: Message) => void (await respond(message));
    let acknowledged = false;
    const acknowledge = async () => {
      if (!acknowledged) await ack();
      acknowledged = true;
    };
    await runTurn(
      core,
      {
        text: action.value ?? '',
        place: placeOf(body.channel?.id),
        organization: team,
        idempotencyKey: `slack:action:${team}:${body.user.id}:${pressedOn}:${action.action_id}:${action.value ?? ''}`,
        requestId,
        arrivedAt,
        pressed: true,
      },
      {
        ...common(client, { id: body.user.id, name: body.user.name }, team, log.child({ requestId })),
        async refuse(refusal) {
          await acknowledge();
          // A press on a Home tab has no response_url; nothing is sent to another workspace's people.
          if (!view) await respond({ response_type: 'ephemeral', replace_original: false, ...renderSlack(refusal) });
        },
        async update(reply) {
          await acknowledge();
          // A Log outreach button: the form opens, and the message with the button stays.
          if (reply.form) return openForm(client, body.trigger_id, reply.form, body.channel?.id ? { channel: body.channel.id } : {});
          await send({ response_type: 'ephemeral', replace_original: true, ...renderSlack(shown(reply)) });
        },
        async answer(reply) {
          await acknowledge();
          await send({ response_type: 'ephemeral', replace_original: false, ...renderSlack(reply) });
        },
        ...(view
          ? {}
          : { tellChannel: async (line: string) => void (await respond({ response_type: 'in_channel', replace_original: false, ...renderSlackEcho(line) })) }),
      },
    );
  });

  // What a person writes to the app in its Messages tab (the `message.im` event): a command, or a
  // sentence read as a proposal, answered in the same conversation. Channel messages are never
  // read (no other message event is subscribed). Slack retries an event it thinks went
  // unanswered: one already seen, by its event_id, is not answered again.
  const seen = new Map<string, number>();
  app.event('message', async ({ event, body, client }) => {
    const message = event as { channel_type?: string; channel?: string; user?: string; text?: string; bot_id?: string; subtype?: string };
    // Only what a person typed in their own conversation with the app: not the app's own posts, edits or joins.
    if (message.channel_type !== 'im' || !message.channel || !message.user || message.bot_id || message.subtype || !message.text) return;
    const { team_id: team, event_id: eventId } = body as { team_id?: string; event_id?: string };
    if (eventId && !firstDelivery(seen, eventId, Date.now())) return;
    const channel = message.channel;
    const requestId = newRequestId();
    await runTurn(
      core,
      {
        text: unescapeSlackText(message.text),
        place: placeOf(channel),
        organization: team,
        idempotencyKey: `slack:message:${team}:${message.user}:${eventId ?? channel}`,
        requestId,
        arrivedAt: performance.now(),
      },
      {
        ...common(client, { id: message.user }, team, log.child({ requestId })),
        answer: async (reply) => void (await client.chat.postMessage({ channel, ...renderSlack(shown(reply)) })),
      },
    );
  });
}

/** How long a delivered event's id is remembered: Slack retries an event for up to about an hour. */
const EVENT_MEMORY_MS = 60 * 60_000;

/** Whether `id` is seen for the first time within the memory (ids older than it are forgotten). */
function firstDelivery(seen: Map<string, number>, id: string, now: number): boolean {
  for (const [known, at] of seen) if (now - at > EVENT_MEMORY_MS) seen.delete(known);
  if (seen.has(id)) return false;
  seen.set(id, now);
  return true;
}

/** The reply as shown, its file or picture said to follow in the person's messages with the app. */
function shown(reply: Reply): Reply {
  const follows = (name: string) => `The file ${name} follows in your direct messages with the app; only you receive it.`;
  return withoutPicture(
    withoutAttachment(reply, reply.attachment && follows(reply.attachment.fileName)),
    reply.picture ? follows(reply.picture.fileName) : null,
  );
}
