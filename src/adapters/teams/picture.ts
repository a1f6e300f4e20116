/**
 * A reply's picture as a Teams message of its own: an inline image attachment, as Microsoft
 * documents for bots (an attachment of content type `image/png` whose `contentUrl` is the image
 * as a base64 `data:` URL). It goes beside the reply's card, never inside it, so the card stays
 * under Teams' 28 KB.
 *
 * Teams shows pictures from bots up to 1024 × 1024 pixels and 1 MB in PNG, JPEG or GIF
 * ("Send and receive messages", Use picture messages): the adapter asks for the PNG within
 * {@link TEAMS_PICTURE_LIMITS}, drawn smaller when needed.
 */
import type { Picture, Reply } from '../../core/reply.ts';
import { renderPicture } from '../../render/pictures/index.ts';
import { cut, neutralize } from './card-text.ts';

export const TEAMS_PICTURE_LIMITS = { maxWidth: 1024, maxHeight: 1024, maxBytes: 1_000_000 } as const;

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

/** A reply's picture as its own message, drawn within Teams' limits. */
export async function drawTeamsPicture(reply: Reply & { picture: Picture }): Promise<TeamsPictureActivity> {
  const { png } = await renderPicture(reply.picture, TEAMS_PICTURE_LIMITS);
  return renderTeamsPicture(reply, png);
}
