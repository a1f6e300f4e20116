/**
 * Who sent a request, as far as the failed-authentication limit is concerned. Behind a reverse
 * proxy every connection comes from the proxy, so the address the proxy appended to
 * `X-Forwarded-For` is taken instead, but only when the connection comes from the proxy named
 * by CCM_TRUST_PROXY: anyone else could write any address into that header.
 */
import type { IncomingMessage } from 'node:http';

/** An IPv4 address as IPv6 (`::ffff:127.0.0.1`, what a dual-stack socket reports) written as IPv4. */
function plainAddress(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').toLowerCase();
}

/** The client's address: the socket's, or, from the trusted proxy, the last one it forwarded. */
export function clientAddress(req: IncomingMessage, trustedProxy: string | undefined): string {
  const peer = plainAddress(req.socket.remoteAddress ?? '');
  if (trustedProxy === undefined || peer !== plainAddress(trustedProxy)) return peer;
  // The proxy appends the address it saw; whatever comes before it, the client wrote.
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
    .at(-1);
  return forwarded ? plainAddress(forwarded) : peer;
}
