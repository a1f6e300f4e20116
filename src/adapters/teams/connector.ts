/**
 * botbuilder, configured once for ccm-bot: a CloudAdapter whose authentication refuses any
 * bad token with 401, and whose Bot Connector clients never retry by themselves (their Azure
 * pipeline retries 5xx answers and timeouts, which could post one reminder twice: ccm-bot's
 * ledger decides about retries). Sending goes through the connector client directly, so
 * every post says exactly which conversation (and channel thread) it goes to.
 *
 * With botbuilder archived, this folder is the only code that knows it: moving to the Teams
 * SDK or the Microsoft 365 Agents SDK replaces these files and nothing else.
 */
import {
  type Activity,
  ActivityTypes,
  CallerIdConstants,
  Channels,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  AuthenticationError,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
} from 'botframework-connector';
import type { TeamsSettings } from './settings.ts';
import type { TeamsAddressParts } from './address.ts';

/** A connector request with no answer after this long is given up; its outcome is unknown. */
const CONNECTOR_TIMEOUT_MS = 15_000;

export type { TurnContext };

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

export interface Connector {
  adapter: CloudAdapter;
  /** The bot's app id, or '' when Teams runs unauthenticated. */
  appId: string;
  /** Posts an activity to a conversation, outside any incoming turn; resolves to the new message's id. */
  post(target: TeamsAddressParts, activity: Partial<Activity>, threadRef?: string): Promise<string>;
  /** Posts an activity to a conversation during a turn (the 1:1 chat a channel command is answered in). */
  send(ctx: TurnContext, conversationId: string, activity: Partial<Activity>): Promise<string>;
  /** Opens (or finds) the person's 1:1 chat with the bot; throws when Teams refuses (app not installed for them). */
  openPersonalChat(ctx: TurnContext): Promise<string>;
  /** Answers an invoke activity (HTTP status and body of the reply to Teams). */
  answerInvoke(ctx: TurnContext, body: unknown): Promise<void>;
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

export function createConnector(config: TeamsSettings): Connector {
  const appId = config.appId ?? '';
  const credentials = {
    MicrosoftAppId: appId,
    ...(config.appId
      ? { MicrosoftAppPassword: config.appPassword, MicrosoftAppTenantId: config.tenantId, MicrosoftAppType: config.appType }
      : // No app id: botbuilder turns authentication off (the Emulator, Agents Playground).
        { MicrosoftAppType: 'MultiTenant' }),
  };
  const authentication = new CcmAuthentication({ ...credentials, ...(config.openIdMetadataUrl ? publicCloudWithKeysAt(config.openIdMetadataUrl) : {}) });
  const adapter = new CloudAdapter(authentication);
  const connectorOf = (ctx: TurnContext): ConnectorClient => ctx.turnState.get(ctx.adapter.ConnectorClientKey);
  const bot = { id: appId ? `28:${appId}` : 'ccm-bot', name: 'CCM' };

  async function send(ctx: TurnContext, conversationId: string, activity: Partial<Activity>): Promise<string> {
    const conversation = { id: conversationId, tenantId: ctx.activity.conversation?.tenantId } as Activity['conversation'];
    const result = await connectorOf(ctx).conversations.sendToConversation(conversationId, { ...activity, from: ctx.activity.recipient ?? bot, conversation });
    return result.id ?? '';
  }

  return {
    adapter,
    appId,
    send,
    async authenticateHeader(authHeader) {
      await authentication.authenticateStreamingRequest(authHeader, Channels.Msteams);
    },
    async post(target, activity, threadRef) {
      // A channel's thread is the conversation `<channel>;messageid=<root>`; chats have no threads.
      const conversationId = target.kind === 'channel' && threadRef ? `${target.conversationId};messageid=${threadRef}` : target.conversationId;
      const reference: Partial<ConversationReference> = {
        channelId: 'msteams',
        serviceUrl: target.serviceUrl,
        bot,
        conversation: {
          id: conversationId,
          isGroup: target.kind !== 'personal',
          conversationType: target.kind === 'group' ? 'groupChat' : target.kind,
          tenantId: target.tenantId,
          name: '',
        },
      };
      let id = '';
      await adapter.continueConversationAsync(appId, reference, async (ctx) => {
        id = await send(ctx, conversationId, activity);
      });
      return id;
    },
    async openPersonalChat(ctx) {
      const a = ctx.activity;
      const tenantId = a.conversation.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
      const parameters = {
        isGroup: false,
        bot: a.recipient,
        members: [{ id: a.from.id, name: a.from.name, ...(a.from.aadObjectId ? { aadObjectId: a.from.aadObjectId } : {}) }],
        ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
      } as ConversationParameters;
      let conversationId = '';
      await adapter.createConversationAsync(
        appId,
        a.channelId,
        a.serviceUrl,
        AuthenticationConstants.ToChannelFromBotOAuthScope,
        parameters,
        async (created) => {
          conversationId = created.activity.conversation.id;
        },
      );
      if (!conversationId) throw new Error('Teams created no conversation');
      return conversationId;
    },
    async answerInvoke(ctx, body) {
      await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
    },
    async checkCredentials() {
      const factory = new ConfigurationServiceClientCredentialFactory(credentials);
      const scope = AuthenticationConstants.ToChannelFromBotOAuthScope;
      const signer = await factory.createCredentials(appId, scope, AuthenticationConstants.ToChannelFromBotLoginUrl, true);
      // The token is cached by botbuilder, so the first post does not ask again.
      await (signer as unknown as { getToken(): Promise<string> }).getToken();
    },
  };
}
