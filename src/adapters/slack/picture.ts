/**
 * Pictures on Slack: a reply's chart or map, drawn as PNG and uploaded with files.uploadV2
 * (needs the `files:write` scope), into a channel (a digest's thread) or a person's messages.
 */
import type { webApi } from '@slack/bolt';
import { DeliveryError } from '../../core/delivery.ts';
import type { Picture, Reply } from '../../core/reply.ts';
import { renderPicture } from '../../render/pictures/index.ts';
import { escapeMrkdwn } from './render.ts';
import { deliveryError } from './errors.ts';

/** Slack reads at most this much alternative text for an image. */
const ALT_TEXT_MAX = 1000;

export function altText(picture: Picture): string {
  return picture.alt.length <= ALT_TEXT_MAX ? picture.alt : `${picture.alt.slice(0, ALT_TEXT_MAX - 1)}…`;
}

/** The picture as a PNG; a picture that cannot be drawn is a post not delivered (tried again later). */
export async function drawForSlack(picture: Picture): Promise<Buffer> {
  try {
    return (await renderPicture(picture)).png;
  } catch (error) {
    throw new DeliveryError(`The picture ${picture.fileName} could not be drawn: ${error instanceof Error ? error.message : String(error)}`, 'refused');
  }
}

/**
 * Uploads a reply's picture into a channel, in a thread if `threadTs` is given, with the reply's
 * title as its comment; resolves to the file's id.
 */
export async function postPicture(
  client: webApi.WebClient,
  channelId: string,
  reply: Reply & { picture: Picture },
  threadTs: string | undefined,
): Promise<string> {
  const png = await drawForSlack(reply.picture);
  const upload = {
    file: png,
    filename: reply.picture.fileName,
    title: reply.picture.fileName,
    alt_text: altText(reply.picture),
    initial_comment: escapeMrkdwn(reply.title),
  };
  try {
    const done = threadTs
      ? await client.files.uploadV2({ ...upload, channel_id: channelId, thread_ts: threadTs })
      : await client.files.uploadV2({ ...upload, channel_id: channelId });
    const result = done as { files?: { files?: { id?: string }[] }[] };
    return result.files?.[0]?.files?.[0]?.id ?? '';
  } catch (error) {
    // The upload itself (between asking for its URL and completing it) failed: nothing was shared.
    if (error instanceof Error && /^(Failed to upload file|No upload url found)/.test(error.message)) {
      throw new DeliveryError(`Slack did not take the picture: ${error.message}`, 'refused');
    }
    throw deliveryError(error);
  }
}
