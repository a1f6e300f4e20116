/**
 * Microsoft Teams' slice of the configuration: its environment variables, what it needs to
 * start, and the settings the adapter is built with. Read by config.ts through ./platform.ts.
 */
import { z } from 'zod';

/** How a Teams bot's app registration signs in (botbuilder's MicrosoftAppType). */
const TEAMS_APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;
export const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const TENANT = /^([0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}|[a-z0-9-]+(\.[a-z0-9-]+)+)$/i;

export interface TeamsSettings {
  /** Absent: Teams runs unauthenticated, for the Bot Framework Emulator or Agents Playground only. */
  appId: string | undefined;
  appPassword: string | undefined;
  tenantId: string | undefined;
  appType: (typeof TEAMS_APP_TYPES)[number];
  /** Overrides where the Bot Connector's signing keys are read (tests); absent: Microsoft's. */
  openIdMetadataUrl: string | undefined;
  /** Overrides where Microsoft Entra hands out the bot's own tokens (tests); absent: Microsoft's. */
  loginUrl: string | undefined;
}

export const teamsVariables = z.object({
  /** The Teams bot's Microsoft Entra app id (a GUID), from its Azure Bot or Developer Portal registration. */
  MICROSOFT_APP_ID: z.string().regex(GUID, "Expected the bot's app id, a GUID such as 00000000-0000-0000-0000-000000000000").optional(),
  /** The client secret of that app registration. */
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  /** The Microsoft Entra tenant (directory) id the bot is registered in; required for SingleTenant. */
  MICROSOFT_APP_TENANT_ID: z.string().regex(TENANT, "Expected the tenant id, a GUID (or the tenant's domain, such as contoso.onmicrosoft.com)").optional(),
  /** How the app registration signs in: new registrations are single-tenant. */
  MICROSOFT_APP_TYPE: z.enum(TEAMS_APP_TYPES, { message: `Expected one of ${TEAMS_APP_TYPES.join(', ')}` }).default('SingleTenant'),
  /** Where the Bot Connector's signing keys are published; only for tests with a local stand-in. */
  MICROSOFT_BOT_OPENID_METADATA: z.url({ message: 'Expected the URL of an OpenID configuration document' }).optional(),
  /** Where Microsoft Entra hands out the bot's tokens (https://host:port); only for tests with a local stand-in. */
  MICROSOFT_LOGIN_URL: z.url({ protocol: /^https$/, message: 'Expected the https:// address of a token service' }).optional(),
});
type Variables = z.infer<typeof teamsVariables>;

/**
 * What Teams needs to start as configured: an app id with what its type needs to sign in, or
 * no app id at all (unauthenticated local testing), which production refuses.
 */
export function teamsProblems(v: Variables, production: boolean): string[] {
  if (v.MICROSOFT_BOT_OPENID_METADATA !== undefined && production) {
    return ["MICROSOFT_BOT_OPENID_METADATA: must not be set with NODE_ENV=production; only Microsoft's signing keys are trusted there"];
  }
  if (v.MICROSOFT_LOGIN_URL !== undefined && production) {
    return ['MICROSOFT_LOGIN_URL: must not be set with NODE_ENV=production; the bot signs in with Microsoft Entra there'];
  }
  if (v.MICROSOFT_APP_ID === undefined) {
    if (v.MICROSOFT_APP_PASSWORD !== undefined || v.MICROSOFT_APP_TENANT_ID !== undefined) {
      return ['MICROSOFT_APP_ID: required with MICROSOFT_APP_PASSWORD or MICROSOFT_APP_TENANT_ID'];
    }
    if (production) {
      return ['MICROSOFT_APP_ID: required to start the Teams adapter with NODE_ENV=production; without it Teams runs unauthenticated, for local testing only'];
    }
    return [];
  }
  const needed = [
    ...(v.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' ? ['MICROSOFT_APP_PASSWORD' as const] : []),
    ...(v.MICROSOFT_APP_TYPE !== 'MultiTenant' ? ['MICROSOFT_APP_TENANT_ID' as const] : []),
  ];
  const missing = needed.filter((name) => v[name] === undefined);
  if (missing.length > 0) return [`${missing.join(', ')}: required to start the Teams adapter with MICROSOFT_APP_TYPE=${v.MICROSOFT_APP_TYPE}`];
  if (v.MICROSOFT_APP_TYPE === 'UserAssignedMSI' && v.MICROSOFT_APP_PASSWORD !== undefined) {
    return ['MICROSOFT_APP_PASSWORD: must not be set with MICROSOFT_APP_TYPE=UserAssignedMSI'];
  }
  return [];
}
