/**
 * Slack addresses. A channel (public, private, or a group DM) is posted to by its id; a person
 * by their user id, which makes chat.postMessage open the person's messages with the app.
 */
import type { AddressCodec, PlaceKind } from '../../core/address.ts';

export interface SlackAddressParts {
  kind: PlaceKind;
  /** A channel id (C…, G…, D…) or, for `personal`, a user id (U…, W…). */
  id: string;
}

const PATTERN = /^slack:(personal|channel|group):([A-Z0-9]+)$/;

export const slackAddresses: AddressCodec<SlackAddressParts> = {
  platform: 'slack',
  encode: ({ kind, id }) => `slack:${kind}:${id}`,
  decode(address) {
    const match = PATTERN.exec(address);
    return match ? { kind: match[1] as PlaceKind, id: match[2]! } : undefined;
  },
};
