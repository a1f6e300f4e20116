/**
 * What a platform tells the rest of ccm-bot about itself before anything of it is loaded: its
 * environment variables (a slice of the configuration), its secrets, who it serves, and how to
 * build its adapter. The configuration, the log and the composition root read platforms only
 * through this, so none of them names one; ./index.ts lists them.
 *
 * A descriptor is light: its SDK is imported by {@link Platform.create} alone.
 */
import type { Readable, Writable } from 'node:stream';
import type { z } from 'zod';
import type { Core } from '../core/dispatch.ts';
import type { Log, Secrets } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { ChatAdapter } from './adapter.ts';

/** What every adapter is built with. */
export interface AdapterContext {
  core: Core;
  store: Store;
  log: Log;
  /** The person at this terminal (CCM_USER, else the operating system's user). */
  localUser: string;
  /** The process's own streams: the shell's conversation. */
  terminal: { input: Readable & { isTTY?: boolean }; output: Writable };
  /** Minimum time between two posts to one address, overriding the platform's; tests set 0. */
  paceMs?: number;
  /** Least time between two refreshes of one person's dashboard (a minute); tests shorten it. */
  homeRefreshMs?: number;
}

/**
 * The settings' secrets, so that no error message or log line ever shows one: the keys a
 * library may log one under, and the shape of one inside text (a token's prefix).
 */
interface PlatformSecrets extends Secrets {
  /** Environment variables holding one: a configuration error names them without their value. */
  variables: readonly string[];
}

/** Who a chat platform serves: the variable listing its workspaces or tenants. */
interface AllowList {
  variable: string;
  /** What one entry of that list looks like. */
  pattern: RegExp;
  message: string;
}

export interface Platform<Variables extends z.ZodRawShape = z.ZodRawShape, Settings = unknown> {
  /** As in CCM_ADAPTERS, at the start of its addresses, and in `platform:user` admin ids. */
  readonly name: string;
  /** Its name for people: "Slack", "Microsoft Teams". */
  readonly title: string;
  /**
   * Runs in this terminal rather than serving requests: no HTTP server, no scheduled posts,
   * and its person has the database file in hand (an admin). The shell.
   */
  readonly local?: true;
  /** Its environment variables, each optional; read with, and checked like, the rest of the configuration. */
  readonly variables: z.ZodObject<Variables>;
  readonly secrets: PlatformSecrets;
  /** Absent for the local shell, which serves only whoever runs it. */
  readonly allowList?: AllowList;
  /** An admin id as CCM_ADMINS takes it, for the error message (`slack:U0123ABCD`). */
  readonly adminExample?: string;
  /** Its credentials are set: it starts when CCM_ADAPTERS does not say which platforms to start. */
  configured(variables: z.infer<z.ZodObject<Variables>>): boolean;
  /**
   * What stops it from starting as configured, one problem a line, each naming its variable;
   * empty when nothing does. `production`: NODE_ENV=production.
   */
  problems(variables: z.infer<z.ZodObject<Variables>>, production: boolean): string[];
  /** Its settings, once {@link problems} found none. */
  settings(variables: z.infer<z.ZodObject<Variables>>): Settings;
  /**
   * `ccm doctor`'s checks of its credentials and registration, each a line; absent: none to make.
   * Cheap ones only (one request each at most): doctor also runs at every production start.
   */
  doctor?(settings: Settings, context: DoctorContext): Promise<Finding[]>;
  /** Builds its adapter (not started). The platform's SDK is imported here, and only here. */
  create(context: AdapterContext, settings: Settings): Promise<ChatAdapter>;
}

/** One line of `ccm doctor`: what was checked, how it stands (✓, ! or ✗), and what to do about it. */
export interface Finding {
  status: 'ok' | 'warn' | 'fail';
  /** What was checked, in a few words: `database file modes`, `Slack token scopes`. */
  check: string;
  /** What was found. */
  detail: string;
  /** What to do, for a warning or a failure. */
  fix?: string;
}

/** What a platform's checks get besides its settings. */
export interface DoctorContext {
  /** The workspaces or tenants this platform serves (its allow-list); undefined: any. */
  allowed: readonly string[] | undefined;
  /** How long one request to the platform may take before it counts as failed. */
  timeoutMs: number;
}

/** Any platform, its variables and settings its own business. */
// biome-ignore lint/suspicious/noExplicitAny: the list holds platforms of different settings; each is used with its own.
export type AnyPlatform = Platform<any, any>;

/** A descriptor, checked against {@link Platform} with its own types kept. */
export function definePlatform<Variables extends z.ZodRawShape, Settings>(platform: Platform<Variables, Settings>): Platform<Variables, Settings> {
  return platform;
}
