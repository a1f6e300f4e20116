/**
 * The one seam every chat platform plugs into. An adapter translates: the platform's requests
 * become turns (see core/turn.ts), reply models become the platform's messages through its
 * renderer, and scheduled posts go out through its {@link Poster}. Each platform is one folder
 * under src/adapters/, described by its platform.ts and listed once in ./index.ts.
 */
import type { AddressCodec } from '../core/address.ts';
import type { Poster, PrivateAnswerCapability } from '../core/delivery.ts';
import type { Route } from './http-server.ts';

export interface ChatAdapter {
  /** The platform's name, as in CCM_ADAPTERS and at the start of its addresses. */
  readonly name: string;
  /** Routes on the shared HTTP server (none for a platform that connects out). */
  readonly routes: Route[];
  /** Posts reminders, digests and nudges; usable without start() (`ccm tick`). Absent: nothing is posted there (the shell). */
  readonly poster?: Poster;
  readonly addresses: AddressCodec<unknown>;
  /** How the platform answers one person privately in a channel. */
  readonly privateAnswers: PrivateAnswerCapability;
  /**
   * Once started, for a conversation that can end (the shell, at the end of its input):
   * resolves then, and ccm-bot stops. Absent: it serves until the process is signalled.
   */
  readonly ended?: Promise<void>;
  /** Checks credentials with the platform and, where it connects out, connects. */
  start(): Promise<void>;
  /** Stops receiving (where it connects out) and resolves once the work it took has finished. */
  stop(): Promise<void>;
}

/** Raised when a platform refuses the configured credentials at start-up; the message is for the operator. */
export class AdapterStartError extends Error {
  override name = 'AdapterStartError';
}
