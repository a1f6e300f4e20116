/**
 * Configuration from environment variables, read once by the composition root.
 * A bad value stops start-up with a message naming the variable and what was expected.
 *
 * The variables here are ccm-bot's own; each platform brings its own slice (see
 * adapters/platform.ts), checked together with these, so that one message lists every problem.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { PLATFORMS } from './adapters/index.ts';
import { isTimeZone } from './domain/dates.ts';

/** The folder of work plans shipped with ccm-bot (one file per cycle), used unless CCM_PLAN names another. */
export const DEFAULT_PLANS = resolve(import.meta.dirname, '../data/plans');
/** The 2025–2026 work plan, the first cycle ccm-bot followed. */
export const SHIPPED_PLAN = resolve(DEFAULT_PLANS, '2025-2026.yaml');
/** The group's real log, unless CCM_DB_PATH names another file. */
export const DEFAULT_DB_PATH = './data/ccm.sqlite';
/** The state reference data shipped with ccm-bot. */
export const STATES_FILE = resolve(import.meta.dirname, '../data/states.csv');
/** Demonyms, French and Spanish names and capitals, for reading sentences (see data/STATE-WORDS-SOURCES.md). */
export const STATE_WORDS_FILE = resolve(import.meta.dirname, '../data/state-words.csv');

const PLATFORM_NAMES = PLATFORMS.map((p) => p.name);
const CHAT_PLATFORMS = PLATFORMS.filter((p) => p.allowList);
/** Platforms run in this terminal (the shell): their person has the database file in hand. */
export const LOCAL_PLATFORMS = PLATFORMS.filter((p) => p.local).map((p) => p.name);

const envSchema = z.object({
  /** SQLite file holding the log; created with its folder on first start. */
  CCM_DB_PATH: z.string().min(1).default(DEFAULT_DB_PATH),
  /** The work plan file (YAML), or a folder of plan files, one per cycle. */
  CCM_PLAN: z.string().min(1).default(DEFAULT_PLANS),
  /** IANA time zone of the group: decides "today" and when reminders go out. */
  CCM_TIMEZONE: z.string().default('Europe/Zurich').refine(isTimeZone, { message: 'Expected an IANA time zone such as Europe/Zurich or America/Costa_Rica' }),
  /** Who is typing in the local shell (and runs operator commands); defaults to the operating system user. */
  CCM_USER: z.string().min(1).optional(),
  /** Operator log detail on stderr. */
  CCM_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('warn'),
  /**
   * Which adapters to start, e.g. "slack" or "shell,slack". By default: every chat platform
   * whose credentials are set, and the local shell only when none is.
   */
  CCM_ADAPTERS: commaList()
    .transform((names) => names.map((name) => name.toLowerCase()))
    .pipe(z.array(z.enum(PLATFORM_NAMES, { message: `Expected a comma list of ${PLATFORM_NAMES.join(', ')}` })).min(1))
    .optional(),
  /** Port of the HTTP server that carries the chat platforms' requests and /healthz. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * The address of the reverse proxy in front of ccm-bot: requests from it are counted against
   * the client address it writes last into X-Forwarded-For (failed-authentication limit).
   */
  CCM_TRUST_PROXY: z.union([z.ipv4(), z.ipv6()], { message: 'Expected the IP address of the reverse proxy, such as 127.0.0.1' }).optional(),
  /** Where people's requests reach ccm-bot from outside (https://ccm.example.org): `ccm doctor` checks /healthz through it. */
  CCM_PUBLIC_URL: z.url({ message: 'Expected the public address of ccm-bot, such as https://ccm.example.org' }).optional(),
  /**
   * Where Litestream replicates the database (s3://bucket/path, abs://…, file:///folder): set,
   * the bot runs Litestream beside itself and leaves checkpoints to it (see store/replication.ts).
   */
  CCM_REPLICA_URL: z
    .string()
    .regex(/^(s3|abs|gcs|sftp|file):\/\/\S+$/, 'Expected a Litestream replica URL such as s3://bucket/ccm or file:///mnt/replica')
    .optional(),
  /** How far behind the replica may fall, in seconds, before GET /readyz answers 503. */
  CCM_REPLICA_MAX_LAG: z.coerce.number().positive().default(10),
  /** `production` refuses to run a platform without authentication, and chat without allow-lists. */
  NODE_ENV: z.string().optional(),
  // Each chat platform's workspaces or tenants whose requests are served; any other gets a refusal.
  ...Object.fromEntries(CHAT_PLATFORMS.map(({ allowList }) => [allowList!.variable, idList(allowList!.pattern, allowList!.message).optional()])),
  /** `1`: serve any workspace or tenant even with NODE_ENV=production (a deliberate choice, not a default). */
  CCM_ALLOW_ANY_WORKSPACE: z.enum(['0', '1'], { message: 'Expected 1 (or 0)' }).default('0'),
  /** The first admins, as `<platform>:<user id>`, comma-separated; the rest are given with `role`. */
  CCM_ADMINS: idList(
    new RegExp(`^(${PLATFORM_NAMES.join('|')}):\\S+$`),
    `Expected a comma list such as ${PLATFORMS.flatMap((p) => p.adminExample ?? []).join(',')}`,
  ).optional(),
});

/** A comma-separated list, trimmed, empty items left out. */
function commaList() {
  return z.string().transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );
}

/** A comma-separated list of ids, each matching `pattern`. */
function idList(pattern: RegExp, message: string) {
  return commaList().pipe(z.array(z.string().regex(pattern, message)).min(1, message));
}

export type Config = {
  dbPath: string;
  planPath: string;
  timeZone: string;
  /** The person at this terminal: the shell's user, and who an operator command is attributed to. */
  localUser: string;
  logLevel: z.infer<typeof envSchema>['CCM_LOG_LEVEL'];
  /** The platforms to start, by name. */
  adapters: string[];
  /** Each of those platforms' settings, by name (see its platform.ts). */
  settings: Record<string, unknown>;
  port: number;
  /** The reverse proxy whose X-Forwarded-For is believed; absent: the connection's address counts. */
  trustProxy: string | undefined;
  access: AccessConfig;
  /** CCM_PUBLIC_URL: where the platforms reach ccm-bot, if said. */
  publicUrl: string | undefined;
  /** CCM_REPLICA_URL, and how far behind it may fall (seconds); absent: no replication by the bot. */
  replica: { url: string; maxLagSeconds: number } | undefined;
};

interface AccessConfig {
  /** Per chat platform, the workspaces or tenants served; a platform absent here serves any. */
  allowed: Record<string, string[]>;
  /** `platform:userId` of the first admins. */
  admins: string[];
  /** CCM_ALLOW_ANY_WORKSPACE=1: serving any workspace is deliberate, so start-up does not warn. */
  anyOnPurpose: boolean;
}

/** The platforms among these that serve people over the network (not the local shell). */
export function servedPlatforms(adapters: readonly string[]): string[] {
  return adapters.filter((name) => !LOCAL_PLATFORMS.includes(name));
}

/** What people call these platforms, for a message: "Slack or Microsoft Teams". */
export function platformTitles(adapters: readonly string[], joiner = ' or '): string {
  return PLATFORMS.filter((p) => adapters.includes(p.name))
    .map((p) => p.title)
    .join(joiner);
}

/**
 * The chat platforms among the adapters that would serve any workspace or tenant, with the
 * variable that would close each; none when CCM_ALLOW_ANY_WORKSPACE=1 says that is on purpose.
 * Start-up warns about them; production refuses them.
 */
export function missingAllowLists(config: Pick<Config, 'adapters' | 'access'>): { platforms: string[]; variables: string[] } {
  if (config.access.anyOnPurpose) return { platforms: [], variables: [] };
  const open = CHAT_PLATFORMS.filter((p) => config.adapters.includes(p.name) && !config.access.allowed[p.name]);
  return { platforms: open.map((p) => p.name), variables: open.map((p) => p.allowList!.variable) };
}

/** Raised for a missing or malformed environment variable; the message is for the operator. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const SECRETS = new Set(PLATFORMS.flatMap((p) => p.secrets.variables));

/** Each schema's problems with `present`, one line each, naming the variable (a secret's value hidden). */
function problemsOf(result: { success: boolean; error?: z.ZodError }, present: Record<string, string>): string[] {
  return (result.error?.issues ?? []).map((issue) => {
    const name = String(issue.path[0]);
    const shown = SECRETS.has(name) ? 'value hidden' : `got ${JSON.stringify(present[name])}`;
    return `${name}: ${issue.message} (${shown})`;
  });
}

const refuse = (problems: string[]) => new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable (CCM_PLAN= in a .env file) means "not set", as most tools read it.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')) as Record<string, string>;
  const result = envSchema.safeParse(present);
  const slices = PLATFORMS.map((platform) => ({ platform, result: platform.variables.safeParse(present) }));
  const malformed = [result, ...slices.map((s) => s.result)].flatMap((r) => problemsOf(r, present));
  if (!result.success || malformed.length > 0) throw refuse(malformed);
  const e = result.data;
  const production = e.NODE_ENV === 'production';
  const configured = slices.filter(({ platform, result }) => platform.configured(result.data!)).map(({ platform }) => platform.name);
  const adapters = [...new Set(e.CCM_ADAPTERS ?? (configured.length > 0 ? configured : LOCAL_PLATFORMS))];
  const started = slices.filter(({ platform }) => adapters.includes(platform.name));
  const problems = started.flatMap(({ platform, result }) => platform.problems(result.data!, production));
  if (problems.length > 0) throw refuse(problems.slice(0, 1));
  const lists = e as Record<string, unknown>;
  const allowed = Object.fromEntries(CHAT_PLATFORMS.flatMap((p) => (lists[p.allowList!.variable] ? [[p.name, lists[p.allowList!.variable] as string[]]] : [])));
  const access: AccessConfig = { allowed, admins: e.CCM_ADMINS ?? [], anyOnPurpose: e.CCM_ALLOW_ANY_WORKSPACE === '1' };
  const missing = missingAllowLists({ adapters, access });
  if (production && missing.platforms.length > 0) {
    throw refuse([
      `${missing.variables.join(', ')}: required with NODE_ENV=production, so that only the group's own ${platformTitles(missing.platforms, ' and ')} can read the log; set CCM_ALLOW_ANY_WORKSPACE=1 to serve any on purpose (see docs/operating.md, "Configuration")`,
    ]);
  }
  return {
    access,
    dbPath: e.CCM_DB_PATH,
    planPath: e.CCM_PLAN,
    timeZone: e.CCM_TIMEZONE,
    localUser: e.CCM_USER ?? safeUserName(),
    logLevel: e.CCM_LOG_LEVEL,
    adapters,
    settings: Object.fromEntries(started.map(({ platform, result }) => [platform.name, platform.settings(result.data!)])),
    port: e.PORT,
    trustProxy: e.CCM_TRUST_PROXY,
    publicUrl: e.CCM_PUBLIC_URL,
    replica: e.CCM_REPLICA_URL ? { url: e.CCM_REPLICA_URL, maxLagSeconds: e.CCM_REPLICA_MAX_LAG } : undefined,
  };
}

function safeUserName(): string {
  try {
    return userInfo().username || 'local';
  } catch {
    // Containers may run as a uid with no passwd entry.
    return 'local';
  }
}
