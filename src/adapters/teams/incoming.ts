/**
 * What an incoming Teams activity means for the core: where it came from (a 1:1 chat, a
 * group chat or a channel), who sent it, the command it carries, and the key that makes a
 * second delivery of it (or a second press of one button) act once.
 */
import type { PlaceKind } from '../../core/address.ts';
import type { TurnRequest } from '../../core/turn.ts';
import type { IncomingActivity } from './activity.ts';
import { buttonFromTeamsValue } from './render.ts';
import { type ConversationRef, type TeamsAddressParts, teamsAddresses } from './address.ts';

export interface TeamsPlace {
  kind: PlaceKind;
  /** The conversation (for a channel: the channel, not the thread), as stored with entries and subscriptions. */
  conversationId: string;
  address: string;
  parts: TeamsAddressParts;
}

export function tenantOf(activity: IncomingActivity): string | undefined {
  return activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
}

export function placeOf(activity: IncomingActivity): TeamsPlace {
  const type = activity.conversation.conversationType;
  const kind: PlaceKind = type === 'channel' ? 'channel' : type === 'groupChat' || (type === undefined && activity.conversation.isGroup) ? 'group' : 'personal';
  // In a channel, each thread is `<channel id>;messageid=<root>`: posts go to the channel.
  const conversationId = kind === 'channel' ? activity.conversation.id.split(';')[0]! : activity.conversation.id;
  const tenantId = tenantOf(activity);
  const parts: TeamsAddressParts = { kind, conversationId, serviceUrl: activity.serviceUrl, ...(tenantId ? { tenantId } : {}) };
  return { kind, conversationId, address: teamsAddresses.encode(parts), parts };
}

/** Where a turn comes from, for the core: the place and the tenant (which the allow-list checks). */
export function whereFrom(activity: IncomingActivity, place: TeamsPlace): Pick<TurnRequest, 'place' | 'organization'> {
  return {
    place: { platform: 'teams', kind: place.kind, channelId: place.conversationId, address: place.address },
    organization: tenantOf(activity),
  };
}

/** The conversation the activity came in (a channel: its thread), to answer it there. */
export function conversationOf(activity: IncomingActivity): ConversationRef {
  const tenantId = tenantOf(activity);
  return { conversationId: activity.conversation.id, serviceUrl: activity.serviceUrl, ...(tenantId ? { tenantId } : {}) };
}

/** The person: their Microsoft Entra object id (the same in every team and chat), or the channel's id where there is none (Emulator). */
export function userOf(activity: IncomingActivity): { userId: string; displayName: string } {
  const userId = activity.from.aadObjectId ?? activity.from.id;
  return { userId, displayName: activity.from.name?.trim() || userId };
}

/**
 * The person's IANA time zone, as their Teams client reports it in the activity's `clientInfo`
 * entity (`{ type: 'clientInfo', timezone: 'America/Costa_Rica', locale }`); absent from some clients.
 */
export function timeZoneOf(activity: IncomingActivity): string | undefined {
  const info = (activity.entities ?? []).find((e) => e.type === 'clientInfo') as { timezone?: unknown } | undefined;
  return typeof info?.timezone === 'string' && info.timezone !== '' ? info.timezone : undefined;
}

/** A command typed, or a button pressed (`settles`: its card is then replaced with the outcome). */
export interface TeamsCommand {
  text: string;
  button: boolean;
  settles: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** The texts (`<at>CCM</at>`) by which a message @mentions the bot: its `mention` entities naming the bot's id. */
function botMentions(activity: IncomingActivity): string[] {
  return (activity.entities ?? []).flatMap((entity) => {
    const { mentioned, text } = entity as { mentioned?: { id?: unknown }; text?: unknown };
    return entity.type === 'mention' && mentioned?.id === activity.recipient?.id && typeof text === 'string' && text !== '' ? [text] : [];
  });
}

/**
 * The command a message carries: a button's command, or the typed text without the bot's
 * @mention (found by the bot's id, never by its name). Undefined: not for the bot (a channel
 * message that does not mention it).
 */
export function commandOf(activity: IncomingActivity, kind: PlaceKind): TeamsCommand | undefined {
  const pressed = activity.value === undefined ? undefined : buttonFromTeamsValue(activity.value);
  if (pressed !== undefined) return { text: pressed.command, button: true, settles: pressed.settles };
  if (typeof activity.text !== 'string') return undefined;
  const mentions = botMentions(activity);
  // Teams delivers channel messages that @mention the bot; one that does not is not a command.
  if (kind === 'channel' && mentions.length === 0) return undefined;
  const plain = mentions
    .reduce((text, mention) => text.replaceAll(mention, ''), activity.text)
    // Other people's mentions stay as their names.
    .replace(/<at[^>]*>(.*?)<\/at>/g, '@$1')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name]!)
    // Word joiners the Teams renderer puts into commands shown in cards, copied back with them.
    .replace(/\u2060/g, '')
    .trim();
  return { text: plain, button: false, settles: false };
}

/**
 * One delivery of one command by one person of one tenant: a typed message by its id in its
 * conversation; a button by the card's message and the command, so that pressing twice acts
 * once. A key reused by someone else is another request.
 */
export function idempotencyKey(activity: IncomingActivity, userId: string, command: { text: string; button: boolean }): string {
  const who = `${tenantOf(activity) ?? ''}:${userId}`;
  if (command.button) return `teams:button:${who}:${activity.replyToId ?? activity.id}:${command.text}`;
  return `teams:message:${who}:${activity.conversation.id}:${activity.id}`;
}
