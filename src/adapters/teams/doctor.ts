/**
 * `ccm doctor`'s checks of Microsoft Teams: the app id is a GUID (an app registration's, not
 * its object id or a display name), Microsoft Entra hands out a token for it (the one the bot
 * posts with: the secret, tenant and app type are right), and the tenant the app is registered
 * in is one the allow-list serves.
 */
import type { DoctorContext, Finding } from '../platform.ts';
import { GUID, type TeamsSettings } from './settings.ts';

export async function teamsFindings(settings: TeamsSettings, { allowed, timeoutMs }: DoctorContext): Promise<Finding[]> {
  const appId = appIdFinding(settings);
  return [appId, ...(appId.status === 'ok' ? [await tokenFinding(settings, timeoutMs)] : []), tenantFinding(settings, allowed)];
}

/** Asks Microsoft Entra (or MICROSOFT_LOGIN_URL's stand-in) for the bot's token, as a start does. */
async function tokenFinding(settings: TeamsSettings, timeoutMs: number): Promise<Finding> {
  const check = 'Teams token';
  // botbuilder (about a second to load) only when there is an app id to ask a token for.
  const [{ createConnector }, { askForToken }] = await Promise.all([import('./connector.ts'), import('./credentials.ts')]);
  const outcome = await askForToken(createConnector(settings), timeoutMs);
  const where = settings.loginUrl ?? 'Microsoft Entra';
  if (outcome === 'ok') return { status: 'ok', check, detail: `${where} hands out the bot's token` };
  if (outcome === 'timeout' || outcome.failure !== 'auth') {
    return {
      status: 'warn',
      check,
      detail: `${where} could not be asked for a token: ${outcome === 'timeout' ? `no answer in ${timeoutMs / 1000} s` : outcome.message}`,
      fix: 'check that this machine reaches login.microsoftonline.com (a proxy, a firewall)',
    };
  }
  return {
    status: 'fail',
    check,
    detail: outcome.message,
    fix: 'copy a current client secret of the app registration into MICROSOFT_APP_PASSWORD (its value, not its id), and check MICROSOFT_APP_TENANT_ID and MICROSOFT_APP_TYPE',
  };
}

function appIdFinding({ appId, appType }: TeamsSettings): Finding {
  const check = 'Teams app id';
  if (appId === undefined) {
    return {
      status: 'warn',
      check,
      detail: 'MICROSOFT_APP_ID is not set: Teams runs unauthenticated, for the Emulator or Agents Playground only',
      fix: "set MICROSOFT_APP_ID to the Azure Bot registration's Microsoft App ID",
    };
  }
  if (!GUID.test(appId)) return { status: 'fail', check, detail: `${appId} is not a GUID`, fix: "copy the Azure Bot registration's Microsoft App ID" };
  return { status: 'ok', check, detail: `${appId} (${appType})` };
}

function tenantFinding({ tenantId }: TeamsSettings, allowed: readonly string[] | undefined): Finding {
  const check = 'Teams tenant';
  if (allowed === undefined) {
    return {
      status: 'warn',
      check,
      detail: 'CCM_ALLOWED_TENANTS is not set: any tenant that installs the app is served',
      fix: 'set CCM_ALLOWED_TENANTS to the group’s tenant id',
    };
  }
  if (tenantId !== undefined && !allowed.some((id) => id.toLowerCase() === tenantId.toLowerCase())) {
    return {
      status: 'warn',
      check,
      detail: `the app is registered in tenant ${tenantId}, which CCM_ALLOWED_TENANTS does not list`,
      fix: `add ${tenantId} to CCM_ALLOWED_TENANTS if the group's people are in that tenant`,
    };
  }
  return { status: 'ok', check, detail: `serving ${allowed.join(', ')}` };
}
