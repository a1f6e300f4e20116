/**
 * `ccm doctor`'s checks of Slack: the bot token works (`auth.test`), it was granted every scope
 * the manifest asks for (Slack lists the granted ones in the `x-oauth-scopes` header of any Web
 * API answer), and the signing secret has the shape Slack gives one. Whether the Home tab and
 * the events are enabled is not told to a bot token by any Web API method, so it is not checked.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { DoctorContext, Finding } from '../platform.ts';
import type { SlackSettings } from './settings.ts';

const MANIFEST = resolve(import.meta.dirname, '../../../manifests/slack.yaml');
const DEFAULT_API_URL = 'https://slack.com/api/';
/** A signing secret as Slack's Basic Information page shows it. */
const SIGNING_SECRET_SHAPE = /^[0-9a-f]{32}$/;

/** The bot scopes manifests/slack.yaml asks for: what the code needs. */
export function manifestScopes(): string[] {
  const manifest = parse(readFileSync(MANIFEST, 'utf8')) as { oauth_config: { scopes: { bot: string[] } } };
  return manifest.oauth_config.scopes.bot;
}

export async function slackFindings(settings: SlackSettings, { allowed, timeoutMs }: DoctorContext): Promise<Finding[]> {
  return [...(await tokenFindings(settings, allowed, timeoutMs)), signingSecretFinding(settings.signingSecret)];
}

async function tokenFindings(settings: SlackSettings, allowed: readonly string[] | undefined, timeoutMs: number): Promise<Finding[]> {
  const url = new URL('auth.test', settings.apiUrl ?? DEFAULT_API_URL);
  let response: Response;
  let body: { ok?: boolean; error?: string; team_id?: string; team?: string; user?: string };
  try {
    response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${settings.botToken}` }, signal: AbortSignal.timeout(timeoutMs) });
    body = (await response.json()) as typeof body;
  } catch (error) {
    return [
      {
        status: 'fail',
        check: 'Slack token',
        detail: `auth.test at ${url.origin} did not answer: ${(error as Error).message}`,
        fix: 'check the network (and SLACK_API_URL, if set)',
      },
    ];
  }
  if (!body.ok) {
    return [
      {
        status: 'fail',
        check: 'Slack token',
        detail: `Slack refused SLACK_BOT_TOKEN (${body.error ?? `HTTP ${response.status}`})`,
        fix: "copy the Bot User OAuth Token from the app's OAuth & Permissions page into SLACK_BOT_TOKEN",
      },
    ];
  }
  const team = body.team_id ?? '?';
  const token: Finding =
    allowed && !allowed.includes(team)
      ? {
          status: 'fail',
          check: 'Slack token',
          detail: `the token is for workspace ${team}, which CCM_ALLOWED_WORKSPACES does not list`,
          fix: `add ${team} to CCM_ALLOWED_WORKSPACES, or use the token of the group's workspace`,
        }
      : { status: 'ok', check: 'Slack token', detail: `valid, for workspace ${team}${body.team ? ` (${body.team})` : ''}` };
  return [token, scopeFinding(response.headers.get('x-oauth-scopes'))];
}

function scopeFinding(header: string | null): Finding {
  const check = 'Slack token scopes';
  if (header === null) {
    return {
      status: 'warn',
      check,
      detail: 'Slack did not say which scopes the token has (no x-oauth-scopes header)',
      fix: 'compare them with manifests/slack.yaml by hand',
    };
  }
  const granted = new Set(header.split(',').map((scope) => scope.trim()));
  const missing = manifestScopes().filter((scope) => !granted.has(scope));
  if (missing.length === 0) return { status: 'ok', check, detail: `every scope the manifest asks for is granted (${manifestScopes().join(', ')})` };
  return {
    status: 'fail',
    check,
    detail: `missing ${missing.join(', ')}`,
    fix: `add ${missing.join(', ')} under OAuth & Permissions → Bot Token Scopes (or paste manifests/slack.yaml again), reinstall the app, and copy the new token`,
  };
}

function signingSecretFinding(secret: string): Finding {
  const check = 'Slack signing secret';
  if (SIGNING_SECRET_SHAPE.test(secret)) return { status: 'ok', check, detail: 'has the shape of one (32 hexadecimal characters)' };
  return {
    status: 'warn',
    check,
    detail: `does not look like a Slack signing secret (${secret.length} characters; Slack's are 32 hexadecimal characters)`,
    fix: "copy the Signing Secret from the app's Basic Information page into SLACK_SIGNING_SECRET",
  };
}
