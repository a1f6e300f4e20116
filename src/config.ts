/**
 * Configuration from environment variables, read once by the composition root.
 * A bad value stops start-up with a message naming the variable and what was expected.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { isTimeZone } from './domain/dates.ts';

/** The plan shipped with ccm-bot, used unless CCM_PLAN names another file. */
export const DEFAULT_PLAN = resolve(import.meta.dirname, '../data/plan-2025-2026.yaml');
/** The state reference data shipped with ccm-bot. */
export const STATES_FILE = resolve(import.meta.dirname, '../data/states.csv');

const envSchema = z.object({
  /** SQLite file holding the log; created with its folder on first start. */
  CCM_DB_PATH: z.string().min(1).default('./data/ccm.sqlite'),
  /** The work plan file (YAML) to follow. */
  CCM_PLAN: z.string().min(1).default(DEFAULT_PLAN),
  /** IANA time zone of the group: decides "today" and when reminders go out. */
  CCM_TIMEZONE: z
    .string()
    .default('Europe/Zurich')
    .refine(isTimeZone, { message: 'Expected an IANA time zone such as Europe/Zurich or America/Costa_Rica' }),
  /** Who is typing in the local shell; defaults to the operating system user. */
  CCM_USER: z.string().min(1).optional(),
  /** Operator log detail on stderr. */
  CCM_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('warn'),
});

export type Config = {
  dbPath: string;
  planPath: string;
  timeZone: string;
  shellUser: string;
  logLevel: z.infer<typeof envSchema>['CCM_LOG_LEVEL'];
};

/** Raised for a missing or malformed environment variable; the message is for the operator. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable (CCM_PLAN= in a .env file) means "not set", as most tools read it.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name}: ${issue.message} (got ${JSON.stringify(present[name])})`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = result.data;
  return {
    dbPath: e.CCM_DB_PATH,
    planPath: e.CCM_PLAN,
    timeZone: e.CCM_TIMEZONE,
    shellUser: e.CCM_USER ?? safeUserName(),
    logLevel: e.CCM_LOG_LEVEL,
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
