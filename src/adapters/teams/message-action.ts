/**
 * "Log to ccm-bot" on a Teams message (a message extension's action command in the message's
 * menu): the message as Teams hands it with the invoke (`messagePayload`), read as the sentence
 * a person wrote and the place it is at. The bot reads no conversation: only the message the
 * person picked, which Teams sends with the press.
 */

/** The action command's id, as the manifest's `composeExtensions` declares it. */
export const LOG_MESSAGE_COMMAND_ID = 'logMessage';

/** The part of Teams' `messagePayload` this reads. */
interface MessagePayload {
  body?: { contentType?: string; content?: string };
  linkToMessage?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A message's words as plain text: Teams sends HTML (`<p>`, `<at>Ana</at>`, `&amp;`), never shown as such. */
function plainText(body: MessagePayload['body']): string {
  const content = body?.content ?? '';
  const text =
    body?.contentType === 'html'
      ? content
          .replace(/<br\s*\/?>|<\/(p|div|li)>/gi, ' ')
          .replace(/<[^>]*>/g, '')
          .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
            if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
            if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
            return ENTITIES[name.toLowerCase()] ?? entity;
          })
      : content;
  return text.replace(/\s+/g, ' ').trim();
}

/** The message picked: its words, and its link (Teams' own https link to it), when it has one. */
export function pickedMessage(value: unknown): { text: string; link: string | undefined } {
  const payload = ((value ?? {}) as { messagePayload?: MessagePayload }).messagePayload ?? {};
  const link = payload.linkToMessage;
  return { text: plainText(payload.body), link: typeof link === 'string' && link.startsWith('https://') && !/\s/.test(link) ? link : undefined };
}
