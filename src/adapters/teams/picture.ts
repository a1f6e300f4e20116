/**
 * A reply's picture as a Teams message of its own: an inline image attachment, as Microsoft
 * documents for bots (an attachment of content type `image/png` whose `contentUrl` is the image
 * as a base64 `data:` URL). It goes beside the reply's card, never inside it, so the card stays
 * under Teams' 28 KB.
 *
 * Teams shows pictures from bots up to 1024 × 1024 pixels and 1 MB in PNG, JPEG or GIF
 * ("Send and receive messages", Use picture messages). But the picture travels inside the
 * request, as base64 (a third larger), and a request body of 262,144 bytes has been reported
 * as the Bot Connector's limit (botframework-sdk #6669; not confirmed for Teams). Until a real
 * tenant says otherwise the whole request is kept under {@link TEAMS_PICTURE_LIMITS}'s
 * `maxRequestBytes` (a PNG of about 190 KB): the PNG is drawn at the scale that fits.
 */
import type { Picture, Reply } from '../../core/reply.ts';
import { renderPicture } from '../../render/pictures/index.ts';
import { cut, neutralize } from './card-text.ts';

export const TEAMS_PICTURE_LIMITS = {
  maxWidth: 1024,
  maxHeight: 1024,
  /** A picture message's whole request body, as JSON in UTF-8. */
  maxRequestBytes: 262_144,
} as const;

/** Room kept in the request for what the transport adds around the activity (conversation, from, tenant). */
const ENVELOPE_RESERVE = 2048;

/** The request body a picture message makes, without the transport's envelope. */
const requestBytes = (activity: TeamsPictureActivity) => Buffer.byteLength(JSON.stringify(activity), 'utf8');

/** The caption's length at most; the picture says the rest. */
const CAPTION = 300;

export interface TeamsPictureActivity {
  type: 'message';
  textFormat: 'plain';
  /** The reply's title as a caption: plain text, never formatted, linked or mentioning. */
  text: string;
  summary: string;
  attachments: [{ contentType: 'image/png'; contentUrl: string; name: string }];
}

function renderTeamsPicture(reply: Reply & { picture: Picture }, png: Buffer): TeamsPictureActivity {
  const caption = neutralize(cut(reply.title, CAPTION));
  return {
    type: 'message',
    textFormat: 'plain',
    text: caption,
    summary: caption,
    attachments: [{ contentType: 'image/png', contentUrl: `data:image/png;base64,${png.toString('base64')}`, name: reply.picture.fileName }],
  };
}

/** A reply's picture as its own message, drawn within Teams' limits; throws when even its smallest drawing is over. */
export async function drawTeamsPicture(
  reply: Reply & { picture: Picture },
  limits: { -readonly [K in keyof typeof TEAMS_PICTURE_LIMITS]: number } = TEAMS_PICTURE_LIMITS,
): Promise<TeamsPictureActivity> {
  const { maxWidth, maxHeight, maxRequestBytes } = limits;
  const room = maxRequestBytes - ENVELOPE_RESERVE - requestBytes(renderTeamsPicture(reply, Buffer.alloc(0)));
  // Base64 takes four characters for every three bytes.
  const { png } = await renderPicture(reply.picture, { maxWidth, maxHeight, maxBytes: Math.floor(room / 4) * 3 });
  const activity = renderTeamsPicture(reply, png);
  if (requestBytes(activity) + ENVELOPE_RESERVE > maxRequestBytes) {
    throw new Error(`the picture takes ${png.length} bytes even drawn small, over the ${maxRequestBytes}-byte request Teams takes`);
  }
  return activity;
}
