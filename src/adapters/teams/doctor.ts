/**
 * `ccm doctor`'s checks of Microsoft Teams: the app id is a GUID (an app registration's, not
 * its object id or a display name), and the tenant the app is registered in is one the
 * allow-list serves. A token from Microsoft's token endpoint is not asked for: it needs the
 * real endpoint and the secret to be sent there, and is not yet checked.
 */
import type { DoctorContext, Finding } from '../platform.ts';
import { GUID, type TeamsSettings } from './settings.ts';

export function teamsFindings(settings: TeamsSettings, { allowed }: DoctorContext): Finding[] {
  return [appIdFinding(settings), tenantFinding(settings, allowed)];
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
