/**
 * Addresses: where a platform can post, as one opaque string that starts with its platform
 * (`slack:channel:C0123`, `teams:…`). The core and the scheduler store and pass them on
 * without reading them; only the platform's own codec (in its adapter folder) builds and reads
 * them, and a contract test round-trips every codec.
 */

export type Address = string;

/** What kind of place a message comes from or goes to. */
export type PlaceKind = 'personal' | 'channel' | 'group';

/** One platform's addresses: its own parts in, an address out, and back. */
export interface AddressCodec<Parts> {
  platform: string;
  encode(parts: Parts): Address;
  /** The parts of one of this platform's addresses; undefined for anything else. */
  decode(address: Address): Parts | undefined;
}

/** The platform an address belongs to: the part before the first colon. */
export function platformOf(address: Address): string {
  return address.slice(0, address.indexOf(':'));
}
