/**
 * Files for one person on Slack: a reply's attachment (the log `export`) or picture (`map`) is
 * uploaded into the person's conversation with the app, where only they see it.
 */
import type { webApi } from '@slack/bolt';
import type { Log } from '../../log.ts';

/** A file to upload: text (UTF-8) or bytes (a PNG), with a description for screen readers. */
export interface SlackFile {
  fileName: string;
  content: string | Buffer;
  altText?: string;
}

/**
 * Uploads `file` into the person's conversation with the app (files.uploadV2: getUploadURLExternal,
 * the upload, completeUploadExternal); resolves to undefined, or to Slack's reason for refusing.
 *
 * The conversation is opened by user id (conversations.open), never taken from where the command
 * was typed: a command typed in a direct message between two people has a D… id too, and the
 * other person would receive the log. completeUploadExternal takes no user id as its channel.
 */
export async function sendFilePrivately(client: webApi.WebClient, userId: string, file: SlackFile, log: Log): Promise<string | undefined> {
  try {
    const opened = await client.conversations.open({ users: userId });
    if (!opened.channel?.id) return 'no conversation with the app';
    // Slack takes the media type from the file name's extension.
    const content = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
    await client.files.uploadV2({
      channel_id: opened.channel.id,
      file: content,
      filename: file.fileName,
      title: file.fileName,
      ...(file.altText ? { alt_text: file.altText } : {}),
    });
    return undefined;
  } catch (error) {
    const reason = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    log.warn('file upload failed', { user: userId, file: file.fileName, error: reason });
    return reason;
  }
}
