/**
 * A stand-in for the Bot Connector's token signing: RSA keys made in the test, an OpenID
 * configuration and its JWKS served on 127.0.0.1 (what MICROSOFT_BOT_OPENID_METADATA points
 * botbuilder at), and JWTs signed as the Bot Connector signs the tokens it sends to bots.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

export function signingKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey: createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })), jwk: publicKey.export({ format: 'jwk' }) };
}

export interface OpenIdStandIn {
  metadataUrl: string;
  close(): Promise<void>;
}

/** Publishes the public halves of `keys`, endorsed for Teams as the Bot Connector's are. */
export async function startOpenIdStandIn(keys: SigningKey[]): Promise<OpenIdStandIn> {
  let base = '';
  const server: Server = createServer((req, res) => {
    const body =
      req.url === '/keys'
        ? { keys: keys.map((k) => ({ ...k.jwk, kid: k.kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] })) }
        : { issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/.well-known/openidconfiguration`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token as the Bot Connector sends with each activity: issued by it, for the bot's app id, naming the service URL. */
export function connectorToken(
  key: SigningKey,
  claims: { appId: string; serviceUrl: string; kid?: string; issuer?: string; expiresInSeconds?: number },
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = part({ alg: 'RS256', typ: 'JWT', kid: claims.kid ?? key.kid });
  const payload = part({
    iss: claims.issuer ?? 'https://api.botframework.com',
    aud: claims.appId,
    serviceurl: claims.serviceUrl,
    nbf: now - 60,
    iat: now - 60,
    exp: now + (claims.expiresInSeconds ?? 3600),
  });
  return `${header}.${payload}.${sign('sha256', Buffer.from(`${header}.${payload}`), key.privateKey).toString('base64url')}`;
}
