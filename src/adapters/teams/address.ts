/**
 * Teams addresses. Posting to a Teams conversation later (a reminder, a nudge) needs what a
 * conversation reference holds: the conversation's id, the Bot Connector's service URL for
 * that region, and the tenant. They travel as compact JSON, base64url-encoded, so that the
 * address stays one opaque string with no separator to escape (conversation ids contain `:`,
 * `@` and `;`): `teams:channel:eyJjIjoiMTk6…`.
 */
import type { AddressCodec, PlaceKind } from '../../core/address.ts';

export interface TeamsAddressParts {
  kind: PlaceKind;
  /** The conversation: a 1:1 chat (`a:…`), a group chat or a channel (`19:…@thread.tacv2`, without `;messageid=`). */
  conversationId: string;
  /** The Bot Connector endpoint Teams gave with the conversation (it differs by region). */
  serviceUrl: string;
  /** The Microsoft Entra tenant of the conversation; absent only in the Bot Framework Emulator. */
  tenantId?: string;
}

/** Where a message goes: a conversation (a channel thread is `<channel>;messageid=<root>`) at its Bot Connector. */
export type ConversationRef = Pick<TeamsAddressParts, 'conversationId' | 'serviceUrl' | 'tenantId'>;

const PATTERN = /^teams:(personal|channel|group):([A-Za-z0-9_-]+)$/;

interface Packed {
  c: string;
  s: string;
  t?: string;
}

export const teamsAddresses: AddressCodec<TeamsAddressParts> = {
  platform: 'teams',
  encode({ kind, conversationId, serviceUrl, tenantId }) {
    // Fixed key order, so that one conversation always has one address.
    const packed: Packed = { c: conversationId, s: serviceUrl, ...(tenantId ? { t: tenantId } : {}) };
    return `teams:${kind}:${Buffer.from(JSON.stringify(packed), 'utf8').toString('base64url')}`;
  },
  decode(address) {
    const match = PATTERN.exec(address);
    if (!match) return undefined;
    let packed: Partial<Packed>;
    try {
      packed = JSON.parse(Buffer.from(match[2]!, 'base64url').toString('utf8')) as Partial<Packed>;
    } catch {
      return undefined;
    }
    if (typeof packed?.c !== 'string' || packed.c === '' || typeof packed.s !== 'string' || !/^https?:\/\//.test(packed.s)) return undefined;
    if (packed.t !== undefined && (typeof packed.t !== 'string' || packed.t === '')) return undefined;
    return { kind: match[1] as PlaceKind, conversationId: packed.c, serviceUrl: packed.s, ...(packed.t ? { tenantId: packed.t } : {}) };
  },
};
