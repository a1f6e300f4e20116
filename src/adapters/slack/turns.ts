/**
 * Slack's side of a turn (see core/turn.ts): how a slash command and a button press are
 * answered. The first answer goes back in the request's acknowledgement (it works in private
 * channels and DMs the bot has not joined, within Slack's 3 seconds); anything after it through
 * the response URL; files to the person's messages with the app.
 */
import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import { type Actor, newRequestId, type Place } from '../../core/command.ts';
import type { Core } from '../../core/dispatch.ts';
import { type Attachment, type Picture, type Reply, withoutAttachment, withoutPicture } from '../../core/reply.ts';
import { type TurnSurface, runTurn } from '../../core/turn.ts';
import type { Log } from '../../log.ts';
import { slackAddresses } from './address.ts';
import type { HomeTab } from './home-tab.ts';
import type { slackActors } from './people.ts';
import { altText, drawForSlack } from './picture.ts';
import { sendFilePrivately } from './private-file.ts';
import { RUN_ACTION_PREFIX, renderSlack, renderSlackEcho, unescapeSlackText } from './render.ts';

interface TurnOptions {
  core: Core;
  log: Log;
  homeTab: HomeTab;
  /** Who sent a request (see people.ts), shared with the Home tab's opening. */
  actorFor: ReturnType<typeof slackActors>;
}

/** A message as the response URL (or chat.postMessage) takes it. */
type Message = Record<string, unknown> & { text?: string; blocks?: unknown[] };

/** Answers every slash command and ccm button press on `app` through the shared turn. */
export function answerTurns(app: App, { core, log, homeTab, actorFor }: TurnOptions): void {
  /**
   * The parts of a surface every Slack turn shares: who the person is (looked up on Slack the
   * first time), their files privately, and their profile and Home tab refreshed at the end.
   */
  function common(client: webApi.WebClient, user: { id: string; name?: string }, team: string | undefined, requestLog: Log) {
    let refresh = async () => {};
    return {
      async identify(): Promise<Actor> {
        const found = await actorFor(client, user.id, user.name, team, requestLog);
        refresh = found.refresh;
        return found.actor;
      },
      sendPrivately: (file: Attachment | Picture) => sendPrivately(client, user.id, file, requestLog),
      async finish(actor: Actor) {
        await refresh();
        homeTab.changed(actor);
      },
    } satisfies Partial<TurnSurface>;
  }

  // Any slash command the app receives is ccm-bot's: renaming /ccm in the manifest needs no code change.
  app.command(/.*/, async ({ command, ack, client, respond }) => {
    // Slack's 3 seconds count from here: the name look-up and a busy database's retries share them.
    const arrivedAt = performance.now();
    const requestId = newRequestId();
    let acknowledged = false;
    await runTurn(
      core,
      {
        text: unescapeSlackText(command.text),
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
    const send = view
      ? async (message: Message) =>
          void (await client.chat.postMessage({
            channel: body.user.id,
            text: message.text ?? '',
            ...(message.blocks ? { blocks: message.blocks as never } : {}),
          }))
      : async (message: Message) => void (await respond(message));
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

/** A file (or a picture, drawn first) uploaded to the person's messages with the app; resolves to why it failed, or undefined. */
async function sendPrivately(client: webApi.WebClient, userId: string, file: Attachment | Picture, log: Log): Promise<string | undefined> {
  if ('content' in file) return sendFilePrivately(client, userId, file, log);
  const picture = file;
  try {
    return await sendFilePrivately(client, userId, { fileName: picture.fileName, content: await drawForSlack(picture), altText: altText(picture) }, log);
  } catch (error) {
    log.error('picture could not be drawn', { file: picture.fileName, error: error instanceof Error ? error.message : String(error) });
    return 'it could not be drawn';
  }
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
