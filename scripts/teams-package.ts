/**
 * The Teams app package: `manifests/teams/manifest.json` with this deployment's ids filled
 * in, and its two icons, zipped at the root as Teams wants them. Used by
 * `scripts/package-teams.ts` (`npm run package:teams`) and by the tests.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';

export const TEAMS_MANIFEST_DIR = resolve(import.meta.dirname, '../manifests/teams');
export const TEAMS_PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

/** Command titles and descriptions that are valid on every manifest version from 1.19 on. */
export const COMMAND_LIST_LIMITS = { lists: 3, commands: 10, title: 32, description: 128 } as const;

/**
 * The commands each Teams menu offers, by scope, in the order shown (at most
 * `COMMAND_LIST_LIMITS.commands` each): in a person's chat, what they log and read; in a team
 * or group chat, what a channel is set up with too. `npm run docs` writes them into the
 * manifest with their summaries.
 */
export const COMMAND_MENUS: Record<string, readonly string[]> = {
  personal: ['contacted', 'meeting', 'next', 'done', 'state', 'log', 'undo', 'deliverables', 'digest', 'help'],
  team: ['contacted', 'meeting', 'next', 'state', 'log', 'deliverables', 'digest', 'subscribe', 'echo', 'help'],
  groupChat: ['contacted', 'meeting', 'next', 'state', 'log', 'deliverables', 'digest', 'subscribe', 'echo', 'help'],
};

/**
 * A command's description in the manifest: its summary from the registry, without the
 * backticks that mark commands in chat (Teams shows them as typed), cut at a word.
 */
export function commandDescription(summary: string): string {
  const plain = summary.replaceAll('`', '');
  if (plain.length <= COMMAND_LIST_LIMITS.description) return plain;
  const head = plain.slice(0, COMMAND_LIST_LIMITS.description - 1);
  return `${head.slice(0, head.lastIndexOf(' ')).replace(/[,;:(]$/, '')}…`;
}

/** A mistake in the environment: the message says which variable and what it should be. */
export class PackageError extends Error {}

const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const VERSION = /^\d+\.\d+\.\d+$/;
const PLACEHOLDER_DEVELOPER_HOST = 'example.org';

/** Developer details an operator sets in the environment rather than in the tracked manifest. */
const DEVELOPER_FROM_ENV = {
  CCM_TEAMS_DEVELOPER_NAME: 'name',
  CCM_TEAMS_WEBSITE_URL: 'websiteUrl',
  CCM_TEAMS_PRIVACY_URL: 'privacyUrl',
  CCM_TEAMS_TERMS_URL: 'termsOfUseUrl',
} as const;

export interface FilledManifest {
  manifest: Record<string, any>;
  /** Things the operator should fix before publishing beyond a test tenant. */
  warnings: string[];
}

/**
 * The manifest for this deployment:
 * - `MICROSOFT_APP_ID` (required): the bot's Microsoft Entra app id, the bot id;
 * - `CCM_TEAMS_APP_ID`: the Teams app's own id (default: the bot id); keep it stable, Teams
 *   knows an app and its updates by it;
 * - `CCM_TEAMS_APP_VERSION`: the app version (default: package.json's); raise it for Teams to
 *   accept an update of an uploaded app;
 * - `CCM_TEAMS_VALID_DOMAINS`: comma-separated host names the app may open;
 * - the developer details, see {@link DEVELOPER_FROM_ENV}.
 */
export function fillTeamsManifest(template: string, env: Record<string, string | undefined>, defaultVersion: string): FilledManifest {
  const botId = env.MICROSOFT_APP_ID?.trim();
  if (!botId) throw new PackageError("MICROSOFT_APP_ID is not set: it is the bot's Microsoft Entra app id (a GUID, from the Azure Bot registration).");
  if (!GUID.test(botId)) throw new PackageError(`MICROSOFT_APP_ID is "${botId}", not a GUID like 00000000-0000-0000-0000-000000000000.`);
  const appId = env.CCM_TEAMS_APP_ID?.trim() || botId;
  if (!GUID.test(appId)) throw new PackageError(`CCM_TEAMS_APP_ID is "${appId}", not a GUID.`);
  const version = env.CCM_TEAMS_APP_VERSION?.trim() || defaultVersion;
  if (!VERSION.test(version)) throw new PackageError(`CCM_TEAMS_APP_VERSION is "${version}", not a version like 1.2.3.`);

  // Each value was checked above and holds no character JSON would need to escape.
  const filled = template.replaceAll('{{MICROSOFT_APP_ID}}', botId).replaceAll('{{CCM_TEAMS_APP_ID}}', appId).replaceAll('{{CCM_TEAMS_APP_VERSION}}', version);
  const left = filled.match(/\{\{\w+\}\}/);
  if (left) throw new PackageError(`manifests/teams/manifest.json has a placeholder this script does not fill: ${left[0]}`);
  const manifest = JSON.parse(filled) as Record<string, any>;

  for (const [variable, field] of Object.entries(DEVELOPER_FROM_ENV)) {
    const value = env[variable]?.trim();
    if (value) manifest.developer[field] = value;
  }
  const domains = (env.CCM_TEAMS_VALID_DOMAINS ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  if (domains.length > 0) manifest.validDomains = domains;

  const warnings = Object.entries(DEVELOPER_FROM_ENV)
    .filter(([, field]) => String(manifest.developer[field]).includes(PLACEHOLDER_DEVELOPER_HOST) || /edit me/i.test(manifest.developer[field]))
    .map(([variable, field]) => `developer.${field} is still the placeholder "${manifest.developer[field]}": set ${variable}.`);
  return { manifest, warnings };
}

/** The zip Teams takes: the filled manifest and the two icons, all at the root. */
export function buildTeamsPackage(
  env: Record<string, string | undefined>,
  defaultVersion: string,
): { zip: Uint8Array; manifest: Record<string, any>; warnings: string[] } {
  const { manifest, warnings } = fillTeamsManifest(readFileSync(join(TEAMS_MANIFEST_DIR, 'manifest.json'), 'utf8'), env, defaultVersion);
  const zip = zipSync({
    'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
    'color.png': readFileSync(join(TEAMS_MANIFEST_DIR, 'color.png')),
    'outline.png': readFileSync(join(TEAMS_MANIFEST_DIR, 'outline.png')),
  });
  return { zip, manifest, warnings };
}
