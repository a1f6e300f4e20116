/**
 * botbuilder, configured once for ccm-bot: a CloudAdapter whose authentication refuses any
 * bad token with 401, and whose Bot Connector clients never retry by themselves (their Azure
 * pipeline retries 5xx answers and timeouts, which could post one reminder twice: ccm-bot's
 * ledger and ./retry.ts decide about retries). Sending goes through the connector client
 * directly, so every post says exactly which conversation (and channel thread) it goes to.
 *
 * With botbuilder archived, this is the only file that imports it (or botframework-connector):
 * moving to the Teams SDK or the Microsoft 365 Agents SDK replaces this file, over the same
 * plain activities (./activity.ts), and the stand-ins in test/support are its contract.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import {
  type Activity,
  CallerIdConstants,
  Channels,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConversationParameters,
} from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  AuthenticationError,
  ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  MsalServiceClientCredentialsFactory,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { IncomingActivity, InvokeAnswer, OutgoingActivity, PersonalChatRequest } from './activity.ts';
import type { ConversationRef } from './address.ts';
import { processShim } from './http.ts';
import type { TeamsSettings } from './settings.ts';

/** A connector request with no answer after this long is given up; its outcome is unknown. */
const CONNECTOR_TIMEOUT_MS = 15_000;

interface PipelineLike {
  removePolicy(options: { phase?: string; name?: string }): unknown;
  addPolicy(policy: { name: string; sendRequest(request: { timeout: number }, next: (request: unknown) => Promise<unknown>): Promise<unknown> }): void;
}

/** Removes the retry phase from a connector client's pipeline and bounds each request's wait. */
function withoutRetries(client: ConnectorClient): ConnectorClient {
  // ConnectorClient wraps an @azure/core-client ServiceClient; its pipeline is not public API.
  const pipeline = (client as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
  if (!pipeline) throw new Error("botbuilder's ConnectorClient has no pipeline to switch its retries off: check the botbuilder version");
  pipeline.removePolicy({ phase: 'Retry' });
  pipeline.addPolicy({
    name: 'ccmRequestTimeout',
    sendRequest: (request, next) => {
      if (!request.timeout) request.timeout = CONNECTOR_TIMEOUT_MS;
      return next(request);
    },
  });
  return client;
}

function noRetryFactory(inner: ConnectorFactory): ConnectorFactory {
  return { create: async (serviceUrl, audience) => withoutRetries(await inner.create(serviceUrl, audience)) };
}

/** Any failure to authenticate as botbuilder's AuthenticationError (401), with a one-line stack. */
function unauthorized(error: unknown): AuthenticationError {
  const reason = error instanceof Error ? error.message : String(error);
  const refusal = new AuthenticationError(error instanceof AuthenticationError ? reason : `Unauthorized: ${reason}`, 401);
  // CloudAdapter prints what it refuses to the console: one line, not a stack per request.
  refusal.stack = `${refusal.name}: ${refusal.message}`;
  return refusal;
}

/**
 * botbuilder's configured authentication, with two changes: every failure to authenticate a
 * request is an AuthenticationError (CloudAdapter answers 401 only to those; a token signed
 * by a foreign key would otherwise get 500), and connector clients come without retries.
 */
class CcmAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    let result: AuthenticateRequestResult;
    try {
      result = await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw unauthorized(error);
    }
    return result.connectorFactory ? { ...result, connectorFactory: noRetryFactory(result.connectorFactory) } : result;
  }

  /** The header alone (no activity yet): a streaming request's check, for the channel Teams posts from. */
  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string) {
    try {
      return await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (error) {
      throw unauthorized(error);
    }
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return noRetryFactory(super.createConnectorFactory(claimsIdentity));
  }
}

/**
 * The public cloud's settings with the signing keys read elsewhere. botbuilder takes one
 * changed setting as a whole custom cloud, so every other one is given as Microsoft's.
 */
function publicCloudWithKeysAt(openIdMetadataUrl: string) {
  return {
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}

/**
 * The Teams transport: the only code that knows botbuilder. Activities in and out are plain
 * JSON (./activity.ts); each call is one request to the Bot Connector, never retried here
 * (callers decide: see ./retry.ts). Failures are the SDK's errors, read by ./errors.ts.
 */
export interface Connector {
  /** The bot's app id, or '' when Teams runs unauthenticated. */
  appId: string;
  /**
   * Hands an authenticated request's activity to `onActivity`, and answers the HTTP request when
   * it is done: for an invoke, with the status and body `onActivity` resolves to.
   */
  receive(
    req: IncomingMessage,
    res: ServerResponse,
    body: Record<string, unknown>,
    onActivity: (activity: IncomingActivity) => Promise<InvokeAnswer | undefined>,
  ): Promise<void>;
  /** Posts a message to a conversation (as a reply to `replyToId` when given); resolves to the new message's id. */
  send(to: ConversationRef, activity: OutgoingActivity, replyToId?: string): Promise<string>;
  /** Replaces a message the bot posted earlier. */
  update(to: ConversationRef, activityId: string, activity: OutgoingActivity): Promise<void>;
  /** Opens (or finds) a person's 1:1 chat with the bot; throws when Teams refuses (app not installed for them). */
  openPersonalChat(request: PersonalChatRequest): Promise<string>;
  /**
   * Checks a request's `Authorization` header before its body is read: the token's signature
   * (against the Bot Connector's published keys), issuer, audience (the app id) and expiry.
   * Throws an AuthenticationError when any fails. The service URL it names is compared with
   * the activity's later, once there is one.
   */
  authenticateHeader(authHeader: string): Promise<void>;
  /** Asks Microsoft Entra for the token the bot posts with; throws its refusal, or why it could not be asked. */
  checkCredentials(): Promise<void>;
}

/**
 * Where the bot's own tokens come from: Microsoft Entra, as botbuilder configures it from the
 * app id, secret, tenant and type; or, in tests, a token stand-in at `loginUrl`. MSAL refuses an
 * authority that is not HTTPS, and first asks login.microsoftonline.com whether a host is one
 * (which fails offline): naming the stand-in's host in `knownAuthorities` skips that question.
 */
function tokenSource(config: TeamsSettings, credentials: Record<string, string | undefined>): ServiceClientCredentialsFactory {
  if (!config.loginUrl || !config.appId) return new ConfigurationServiceClientCredentialFactory(credentials);
  const authority = new URL(config.tenantId ?? 'botframework.com', config.loginUrl.endsWith('/') ? config.loginUrl : `${config.loginUrl}/`);
  // MSAL's CommonJS build, the one botframework-connector loads: one copy, and the class it expects.
  const require = createRequire(import.meta.url);
  const { ConfidentialClientApplication } = require('@azure/msal-node') as {
    ConfidentialClientApplication: new (configuration: {
      auth: Record<string, unknown>;
    }) => ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1];
  };
  const client = new ConfidentialClientApplication({
    auth: { clientId: config.appId, clientSecret: config.appPassword ?? '', authority: authority.href, knownAuthorities: [authority.host] },
  });
  return new MsalServiceClientCredentialsFactory(config.appId, client);
}

export function createConnector(config: TeamsSettings): Connector {
  const appId = config.appId ?? '';
  const credentials = {
    MicrosoftAppId: appId,
    ...(config.appId
      ? { MicrosoftAppPassword: config.appPassword, MicrosoftAppTenantId: config.tenantId, MicrosoftAppType: config.appType }
      : // No app id: botbuilder turns authentication off (the Emulator, Agents Playground).
        { MicrosoftAppType: 'MultiTenant' }),
  };
  const tokens = tokenSource(config, credentials);
  const authentication = new CcmAuthentication(
    { ...credentials, ...(config.openIdMetadataUrl ? publicCloudWithKeysAt(config.openIdMetadataUrl) : {}) },
    tokens,
  );
  const adapter = new CloudAdapter(authentication);
  const bot = { id: appId ? `28:${appId}` : 'ccm-bot', name: 'CCM' };
  // The bot's own identity, as botbuilder's CloudAdapter builds it for a proactive turn.
  const botIdentity = new ClaimsIdentity([
    { type: AuthenticationConstants.AudienceClaim, value: appId },
    { type: AuthenticationConstants.AppIdClaim, value: appId },
  ]);
  const clients = new Map<string, Promise<ConnectorClient>>();
  /** One client per Bot Connector (service URL), made once: its credentials cache the token. */
  const clientFor = (serviceUrl: string): Promise<ConnectorClient> => {
    let client = clients.get(serviceUrl);
    if (!client) {
      client = authentication.createConnectorFactory(botIdentity).create(serviceUrl, AuthenticationConstants.ToChannelFromBotOAuthScope);
      // A failure (no token now) is not kept: the next send asks again.
      client.catch(() => clients.delete(serviceUrl));
      clients.set(serviceUrl, client);
    }
    return client;
  };
  const asActivity = (to: ConversationRef, activity: OutgoingActivity): Partial<Activity> =>
    ({ ...activity, from: bot, conversation: { id: to.conversationId, tenantId: to.tenantId } }) as Partial<Activity>;

  return {
    appId,
    async receive(req, res, body, onActivity) {
      const { request, response } = processShim(req, res, body);
      await adapter.process(request, response, async (ctx) => {
        const answer = await onActivity(ctx.activity as unknown as IncomingActivity);
        // botbuilder answers an invoke with the `invokeResponse` activity sent in its turn (501 without one).
        if (answer && ctx.activity.type === 'invoke') await ctx.sendActivity({ type: 'invokeResponse', value: answer });
      });
    },
    async send(to, activity, replyToId) {
      const { conversations } = await clientFor(to.serviceUrl);
      const result = replyToId
        ? await conversations.replyToActivity(to.conversationId, replyToId, asActivity(to, activity))
        : await conversations.sendToConversation(to.conversationId, asActivity(to, activity));
      return result.id ?? '';
    },
    async update(to, activityId, activity) {
      const { conversations } = await clientFor(to.serviceUrl);
      await conversations.updateActivity(to.conversationId, activityId, { ...asActivity(to, activity), id: activityId });
    },
    async openPersonalChat({ serviceUrl, tenantId, member }) {
      const parameters = {
        isGroup: false,
        bot,
        members: [{ id: member.id, name: member.name, ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}) }],
        ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
      } as ConversationParameters;
      const { conversations } = await clientFor(serviceUrl);
      const created = await conversations.createConversation(parameters);
      if (!created.id) throw new Error('Teams created no conversation');
      return created.id;
    },
    async authenticateHeader(authHeader) {
      await authentication.authenticateStreamingRequest(authHeader, Channels.Msteams);
    },
    async checkCredentials() {
      const scope = AuthenticationConstants.ToChannelFromBotOAuthScope;
      const signer = await tokens.createCredentials(appId, scope, AuthenticationConstants.ToChannelFromBotLoginUrl, true);
      // The token is cached by botbuilder, so the first post does not ask again.
      await (signer as unknown as { getToken(): Promise<string> }).getToken();
    },
  };
}
