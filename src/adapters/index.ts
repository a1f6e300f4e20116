/**
 * Every platform ccm-bot can run on, by the name CCM_ADAPTERS uses. Adding a platform is
 * adding its folder (with its platform.ts) and one line here; see docs/developing.md, "Adding a platform".
 *
 * Each platform's code, and its SDK, is imported only when the configuration asks for it:
 * botbuilder alone takes about a second and 90 MiB to load, which a Slack-only bot (or the
 * shell) never pays.
 */
import type { Poster } from '../core/delivery.ts';
import type { Secrets } from '../log.ts';
import type { ChatAdapter } from './adapter.ts';
import type { AdapterContext, AnyPlatform, Finding } from './platform.ts';
import { shellPlatform } from './shell/platform.ts';
import { slackPlatform } from './slack/platform.ts';
import { teamsPlatform } from './teams/platform.ts';

export const PLATFORMS: readonly AnyPlatform[] = [shellPlatform, slackPlatform, teamsPlatform];

/**
 * The adapters of the named platforms, each with its settings (configuration has already
 * refused a named platform without what it needs). Built, not started: `ccm tick` needs only
 * their posters.
 */
export async function buildChatAdapters(platforms: readonly { name: string; settings: unknown }[], context: AdapterContext): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  for (const { name, settings } of platforms) {
    const platform = PLATFORMS.find((p) => p.name === name);
    if (platform) adapters.push(await platform.create(context, settings));
  }
  return adapters;
}

/** The posters of these adapters, by platform, as the scheduler takes them. */
export function postersOf(adapters: readonly ChatAdapter[]): Record<string, Poster> {
  return Object.fromEntries(adapters.flatMap((a) => (a.poster ? [[a.name, a.poster]] : [])));
}

/** Every platform's secrets (by key, by variable name and by shape), for the log to redact, whichever platforms are started. */
export function platformSecrets(): Secrets {
  return { keys: PLATFORMS.flatMap((p) => [...p.secrets.keys, ...p.secrets.variables]), shapes: PLATFORMS.flatMap((p) => p.secrets.shapes) };
}

/** `ccm doctor`'s lines for each named platform that has checks of its own, in the list's order. */
export async function platformFindings(
  platforms: readonly { name: string; settings: unknown; allowed: readonly string[] | undefined }[],
  timeoutMs: number,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const { name, settings, allowed } of platforms) {
    const platform = PLATFORMS.find((p) => p.name === name);
    if (platform?.doctor) findings.push(...(await platform.doctor(settings, { allowed, timeoutMs })));
  }
  return findings;
}
