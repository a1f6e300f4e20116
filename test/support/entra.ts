/**
 * A stand-in for Microsoft Entra's token service, where the bot gets the bearer token it sends
 * to the Bot Connector (the client credentials flow, as MSAL asks it): its OpenID configuration
 * and its token endpoint, over HTTPS with the test authority of test/fixtures/tls (MSAL refuses
 * an authority that is not HTTPS). A process trusts that authority only when started with
 * `NODE_EXTRA_CA_CERTS=TEST_CA`, so tests that need it start `ccm` as a process of its own.
 *
 * The client's id and secret are checked; a wrong one gets Entra's own refusal (AADSTS7000215).
 * `verifies` is what the Bot Connector does with the token: its signature, audience, app id and expiry.
 */
import { createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

const TLS = resolve(import.meta.dirname, '../fixtures/tls');
/** The test certificate authority: give it to a `ccm` process as NODE_EXTRA_CA_CERTS. */
export const TEST_CA = resolve(TLS, 'ca.pem');

/** Whom the bot's tokens are for: the Bot Connector. */
const CONNECTOR_AUDIENCE = 'https://api.botframework.com';

interface TokenRequest {
  tenant: string;
  clientId: string;
  scope: string;
  granted: boolean;
}

export interface EntraStandIn {
  /** For MICROSOFT_LOGIN_URL: https://127.0.0.1:<port>. */
  loginUrl: string;
  requests: TokenRequest[];
  /** True when `authorization` is `Bearer <a token this stand-in issued to appId for the Bot Connector, not expired>`. */
  verifies(authorization: string | undefined, appId: string): boolean;
  close(): Promise<void>;
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function issue(privateKey: KeyObject, tenant: string, appId: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = part({ alg: 'RS256', typ: 'JWT', kid: 'entra-stand-in' });
  const payload = part({ aud: CONNECTOR_AUDIENCE, iss: `https://sts.windows.net/${tenant}/`, appid: appId, tid: tenant, iat: now, nbf: now, exp: now + 3600 });
  return `${header}.${payload}.${sign('sha256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url')}`;
}

function verifiesWith(publicKey: KeyObject, authorization: string | undefined, appId: string): boolean {
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization ?? '');
  if (!match) return false;
  const [, header, payload, signature] = match as unknown as [string, string, string, string];
  if (!verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))) return false;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { aud?: string; appid?: string; exp?: number };
  return claims.aud === CONNECTOR_AUDIENCE && claims.appid === appId && (claims.exp ?? 0) > Date.now() / 1000;
}

async function form(req: AsyncIterable<unknown>): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startEntraStandIn(client: { appId: string; secret: string }): Promise<EntraStandIn> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const requests: TokenRequest[] = [];
  let base = '';
  const server: Server = createServer(
    { cert: readFileSync(resolve(TLS, 'server.pem')), key: readFileSync(resolve(TLS, 'server-key.pem')) },
    async (req, res) => {
      const path = new URL(req.url ?? '/', base).pathname;
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const metadata = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
      if (metadata) {
        const tenant = metadata[1]!;
        return answer(200, {
          issuer: `${base}/${tenant}/v2.0`,
          token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
          jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'token'],
        });
      }
      const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
      if (!token || req.method !== 'POST') return answer(404, { error: 'not_found' });
      const fields = await form(req);
      const granted =
        fields.get('grant_type') === 'client_credentials' && fields.get('client_id') === client.appId && fields.get('client_secret') === client.secret;
      requests.push({ tenant: token[1]!, clientId: fields.get('client_id') ?? '', scope: fields.get('scope') ?? '', granted });
      if (!granted) {
        return answer(401, {
          error: 'invalid_client',
          error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${fields.get('client_id')}'.`,
          error_codes: [7000215],
        });
      }
      answer(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: issue(privateKey, token[1]!, client.appId) });
    },
  );
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const verifying = createPublicKey(publicKey.export({ format: 'pem', type: 'spki' }));
  return {
    loginUrl: base,
    requests,
    verifies: (authorization, appId) => verifiesWith(verifying, authorization, appId),
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
