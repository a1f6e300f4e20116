/**
 * Configuration from environment variables, read once by the composition root.
 * A bad value stops start-up with a message naming the variable and what was expected.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { isTimeZone } from './domain/dates.ts';

const ADAPTERS = ['shell', 'slack', 'teams'] as const;
type AdapterName = (typeof ADAPTERS)[number];

/** How a Teams bot's app registration signs in (botbuilder's MicrosoftAppType). */
const TEAMS_APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;
const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const TENANT = /^([0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}|[a-z0-9-]+(\.[a-z0-9-]+)+)$/i;

/** The folder of work plans shipped with ccm-bot (one file per cycle), used unless CCM_PLAN names another. */
export const DEFAULT_PLANS = resolve(import.meta.dirname, '../data/plans');
/** The 2025–2026 work plan, the first cycle ccm-bot followed. */
export const SHIPPED_PLAN = resolve(DEFAULT_PLANS, '2025-2026.yaml');
/** The group's real log, unless CCM_DB_PATH names another file. */
export const DEFAULT_DB_PATH = './data/ccm.sqlite';
/** The state reference data shipped with ccm-bot. */
export const STATES_FILE = resolve(import.meta.dirname, '../data/states.csv');

const envSchema = z.object({
  /** SQLite file holding the log; created with its folder on first start. */
  CCM_DB_PATH: z.string().min(1).default(DEFAULT_DB_PATH),
  /** The work plan file (YAML), or a folder of plan files, one per cycle. */
  CCM_PLAN: z.string().min(1).default(DEFAULT_PLANS),
  /** IANA time zone of the group: decides "today" and when reminders go out. */
  CCM_TIMEZONE: z.string().default('Europe/Zurich').refine(isTimeZone, { message: 'Expected an IANA time zone such as Europe/Zurich or America/Costa_Rica' }),
  /** Who is typing in the local shell; defaults to the operating system user. */
  CCM_USER: z.string().min(1).optional(),
  /** Operator log detail on stderr. */
  CCM_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('warn'),
  /**
   * Which adapters to start, e.g. "slack" or "shell,slack". By default: every chat platform
   * whose credentials are set, and the local shell only when none is.
   */
  CCM_ADAPTERS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((a) => a.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(ADAPTERS, { message: `Expected a comma list of ${ADAPTERS.join(', ')}` })).min(1))
    .optional(),
  /** Port of the HTTP server that carries Slack's requests, Teams' messages and /healthz. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * The address of the reverse proxy in front of ccm-bot: requests from it are counted against
   * the client address it writes last into X-Forwarded-For (failed-authentication limit).
   */
  CCM_TRUST_PROXY: z.union([z.ipv4(), z.ipv6()], { message: 'Expected the IP address of the reverse proxy, such as 127.0.0.1' }).optional(),
  /** Slack bot token (xoxb-…), from the app's OAuth page. */
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'Expected a bot token starting with xoxb-').optional(),
  /** Slack signing secret, from the app's Basic Information page. */
  SLACK_SIGNING_SECRET: z.string().min(8, 'Expected the signing secret from the Slack app settings').optional(),
  /** Slack app-level token (xapp-…); when set, Slack connects over Socket Mode instead of HTTP. */
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'Expected an app-level token starting with xapp-').optional(),
  /** Base URL of Slack's Web API, for GovSlack or a local stand-in. */
  SLACK_API_URL: z.url({ message: 'Expected a URL such as https://slack.com/api/' }).optional(),
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
  /** `production` refuses to run Teams without authentication, and chat without allow-lists. */
  NODE_ENV: z.string().optional(),
  /** Slack workspaces (team ids, T…) whose requests are served; any other gets a refusal. */
  CCM_ALLOWED_WORKSPACES: idList(/^T[A-Z0-9]+$/, 'Expected a comma list of Slack team ids such as T0123ABCD').optional(),
  /** Teams tenants (GUIDs) whose requests are served; any other gets a refusal. */
  CCM_ALLOWED_TENANTS: idList(GUID, 'Expected a comma list of tenant ids (GUIDs)').optional(),
  /** `1`: serve any workspace or tenant even with NODE_ENV=production (a deliberate choice, not a default). */
  CCM_ALLOW_ANY_WORKSPACE: z.enum(['0', '1'], { message: 'Expected 1 (or 0)' }).default('0'),
  /** The first admins, as `slack:U123` or `teams:<Entra object id>`, comma-separated; the rest are given with `role`. */
  CCM_ADMINS: idList(/^(slack|teams|shell):\S+$/, 'Expected a comma list such as slack:U0123ABCD,teams:00000000-0000-0000-0000-000000000000').optional(),
});

/** A comma-separated list of ids, each matching `pattern`. */
function idList(pattern: RegExp, message: string) {
  return z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(pattern, message)).min(1, message));
}

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  /** Present: Socket Mode. Absent: HTTP requests at /slack/events. */
  appToken: string | undefined;
  apiUrl: string | undefined;
}

export interface TeamsConfig {
  /** Absent: Teams runs unauthenticated, for the Bot Framework Emulator or Agents Playground only. */
  appId: string | undefined;
  appPassword: string | undefined;
  tenantId: string | undefined;
  appType: (typeof TEAMS_APP_TYPES)[number];
  /** Overrides where the Bot Connector's signing keys are read (tests); absent: Microsoft's. */
  openIdMetadataUrl: string | undefined;
}

export type Config = {
  dbPath: string;
  planPath: string;
  timeZone: string;
  shellUser: string;
  logLevel: z.infer<typeof envSchema>['CCM_LOG_LEVEL'];
  adapters: AdapterName[];
  port: number;
  /** The reverse proxy whose X-Forwarded-For is believed; absent: the connection's address counts. */
  trustProxy: string | undefined;
  /** Present when Slack is among the adapters. */
  slack: SlackConfig | undefined;
  /** Present when Teams is among the adapters. */
  teams: TeamsConfig | undefined;
  access: AccessConfig;
};

interface AccessConfig {
  /** Per chat platform, the workspaces or tenants served; a platform absent here serves any. */
  allowed: Partial<Record<'slack' | 'teams', string[]>>;
  /** `platform:userId` of the first admins. */
  admins: string[];
  /** CCM_ALLOW_ANY_WORKSPACE=1: serving any workspace is deliberate, so start-up does not warn. */
  anyOnPurpose: boolean;
}

/** The variable that lists each chat platform's workspaces or tenants. */
const ALLOW_LIST_VARIABLE = { slack: 'CCM_ALLOWED_WORKSPACES', teams: 'CCM_ALLOWED_TENANTS' } as const;

/**
 * The chat platforms among the adapters that would serve any workspace or tenant, with the
 * variable that would close each; none when CCM_ALLOW_ANY_WORKSPACE=1 says that is on purpose.
 * Start-up warns about them; production refuses them.
 */
export function missingAllowLists(config: Pick<Config, 'adapters' | 'access'>): { platforms: ('slack' | 'teams')[]; variables: string[] } {
  if (config.access.anyOnPurpose) return { platforms: [], variables: [] };
  const platforms = (['slack', 'teams'] as const).filter((platform) => config.adapters.includes(platform) && !config.access.allowed[platform]);
  return { platforms, variables: platforms.map((p) => ALLOW_LIST_VARIABLE[p]) };
}

/** Raised for a missing or malformed environment variable; the message is for the operator. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const SECRETS = new Set(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'MICROSOFT_APP_PASSWORD']);

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable (CCM_PLAN= in a .env file) means "not set", as most tools read it.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      // Secrets are named, never echoed.
      const shown = SECRETS.has(name) ? 'value hidden' : `got ${JSON.stringify(present[name])}`;
      return `${name}: ${issue.message} (${shown})`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = result.data;
  const slackConfigured = e.SLACK_BOT_TOKEN !== undefined && e.SLACK_SIGNING_SECRET !== undefined;
  const managedIdentity = e.MICROSOFT_APP_TYPE === 'UserAssignedMSI';
  const teamsConfigured = e.MICROSOFT_APP_ID !== undefined && (e.MICROSOFT_APP_PASSWORD !== undefined || managedIdentity);
  const configured: AdapterName[] = [...(slackConfigured ? ['slack' as const] : []), ...(teamsConfigured ? ['teams' as const] : [])];
  const adapters: AdapterName[] = e.CCM_ADAPTERS ?? (configured.length > 0 ? configured : ['shell']);
  if (adapters.includes('slack')) {
    const missing = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'].filter((name) => present[name] === undefined);
    if (missing.length > 0) {
      throw new ConfigError(`Invalid configuration:\n  ${missing.join(', ')}: required to start the Slack adapter (see README, "Slack")`);
    }
  }
  if (adapters.includes('teams')) checkTeams(e, present);
  const access: AccessConfig = {
    allowed: { ...(e.CCM_ALLOWED_WORKSPACES ? { slack: e.CCM_ALLOWED_WORKSPACES } : {}), ...(e.CCM_ALLOWED_TENANTS ? { teams: e.CCM_ALLOWED_TENANTS } : {}) },
    admins: e.CCM_ADMINS ?? [],
    anyOnPurpose: e.CCM_ALLOW_ANY_WORKSPACE === '1',
  };
  const missing = missingAllowLists({ adapters, access });
  if (e.NODE_ENV === 'production' && missing.platforms.length > 0) {
    throw new ConfigError(
      `Invalid configuration:\n  ${missing.variables.join(', ')}: required with NODE_ENV=production, so that only the group's own ${missing.platforms.join(' and ')} can read the log; set CCM_ALLOW_ANY_WORKSPACE=1 to serve any on purpose (see README, "Configuration")`,
    );
  }
  return {
    access,
    dbPath: e.CCM_DB_PATH,
    planPath: e.CCM_PLAN,
    timeZone: e.CCM_TIMEZONE,
    shellUser: e.CCM_USER ?? safeUserName(),
    logLevel: e.CCM_LOG_LEVEL,
    adapters: [...new Set(adapters)],
    port: e.PORT,
    trustProxy: e.CCM_TRUST_PROXY,
    slack: adapters.includes('slack')
      ? { botToken: e.SLACK_BOT_TOKEN!, signingSecret: e.SLACK_SIGNING_SECRET!, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL }
      : undefined,
    teams: adapters.includes('teams')
      ? {
          appId: e.MICROSOFT_APP_ID,
          appPassword: e.MICROSOFT_APP_PASSWORD,
          tenantId: e.MICROSOFT_APP_TENANT_ID,
          appType: e.MICROSOFT_APP_TYPE,
          openIdMetadataUrl: e.MICROSOFT_BOT_OPENID_METADATA,
        }
      : undefined,
  };
}

/**
 * The Teams settings CCM_ADAPTERS asks for: an app id with what its type needs to sign in, or
 * no app id at all (unauthenticated local testing), which production refuses.
 */
function checkTeams(e: z.infer<typeof envSchema>, present: Record<string, string | undefined>): void {
  const refuse = (problem: string) => {
    throw new ConfigError(`Invalid configuration:\n  ${problem} (see README, "Microsoft Teams")`);
  };
  if (e.MICROSOFT_BOT_OPENID_METADATA !== undefined && e.NODE_ENV === 'production') {
    refuse("MICROSOFT_BOT_OPENID_METADATA: must not be set with NODE_ENV=production; only Microsoft's signing keys are trusted there");
  }
  if (e.MICROSOFT_APP_ID === undefined) {
    if (present.MICROSOFT_APP_PASSWORD !== undefined || present.MICROSOFT_APP_TENANT_ID !== undefined) {
      refuse('MICROSOFT_APP_ID: required with MICROSOFT_APP_PASSWORD or MICROSOFT_APP_TENANT_ID');
    }
    if (e.NODE_ENV === 'production') {
      refuse('MICROSOFT_APP_ID: required to start the Teams adapter with NODE_ENV=production; without it Teams runs unauthenticated, for local testing only');
    }
    return;
  }
  const needed = [
    ...(e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' ? ['MICROSOFT_APP_PASSWORD'] : []),
    ...(e.MICROSOFT_APP_TYPE !== 'MultiTenant' ? ['MICROSOFT_APP_TENANT_ID'] : []),
  ];
  const missing = needed.filter((name) => present[name] === undefined);
  if (missing.length > 0) refuse(`${missing.join(', ')}: required to start the Teams adapter with MICROSOFT_APP_TYPE=${e.MICROSOFT_APP_TYPE}`);
  if (e.MICROSOFT_APP_TYPE === 'UserAssignedMSI' && present.MICROSOFT_APP_PASSWORD !== undefined) {
    refuse('MICROSOFT_APP_PASSWORD: must not be set with MICROSOFT_APP_TYPE=UserAssignedMSI');
  }
}

function safeUserName(): string {
  try {
    return userInfo().username || 'local';
  } catch {
    // Containers may run as a uid with no passwd entry.
    return 'local';
  }
}
