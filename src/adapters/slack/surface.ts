/**
 * What every Slack turn shares, whatever started it (a slash command, a button, a shortcut, a
 * form's submission): who the person is, where they asked, how a message reaches them alone in
 * their messages with the app, and how their files follow.
 */
import type { webApi } from '@slack/bolt';
import type { Actor, Place } from '../../core/command.ts';
import type { Attachment, Picture } from '../../core/reply.ts';
import type { TurnSurface } from '../../core/turn.ts';
import type { Log } from '../../log.ts';
import { slackAddresses } from './address.ts';
import type { HomeTab } from './home-tab.ts';
import type { slackActors } from './people.ts';
import { altText, drawForSlack } from './picture.ts';
import { sendFilePrivately } from './private-file.ts';

export interface SurfaceOptions {
  homeTab: HomeTab;
  /** Who sent a request (see people.ts), shared with the Home tab's opening. */
  actorFor: ReturnType<typeof slackActors>;
}

/** A message as the response URL (or chat.postMessage) takes it. */
export type Message = Record<string, unknown> & { text?: string; blocks?: unknown[] };

/**
 * The parts of a surface every Slack turn shares: who the person is (looked up on Slack the
 * first time), their files privately, and their profile and Home tab refreshed at the end.
 */
export function sharedSurface(
  { actorFor, homeTab }: SurfaceOptions,
  client: webApi.WebClient,
  user: { id: string; name?: string },
  team: string | undefined,
  requestLog: Log,
) {
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

/** A message to the person's messages with the app: where what has no response URL (a Home tab, a modal) answers. */
export async function toPerson(client: webApi.WebClient, userId: string, message: Pick<Message, 'text' | 'blocks'>): Promise<void> {
  await client.chat.postMessage({ channel: userId, text: message.text ?? '', ...(message.blocks ? { blocks: message.blocks as never } : {}) });
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
export function placeOf(channelId: string | undefined): Place {
  if (!channelId) return { platform: 'slack', kind: 'personal', channelId: null, address: null };
  const kind = channelId.startsWith('D') ? 'personal' : 'channel';
  return { platform: 'slack', kind, channelId, address: slackAddresses.encode({ kind, id: channelId }) };
}
