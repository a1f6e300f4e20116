/**
 * Microsoft Teams as configured: its environment variables, secrets and allow-list, and its
 * adapter, built on demand (botbuilder, about a second and 90 MiB to load, only when Teams is started).
 */
import { definePlatform } from '../platform.ts';
import { GUID, type TeamsSettings, teamsProblems, teamsVariables } from './settings.ts';

export const teamsPlatform = definePlatform({
  name: 'teams',
  title: 'Microsoft Teams',
  variables: teamsVariables,
  secrets: { variables: ['MICROSOFT_APP_PASSWORD'], keys: ['appPassword', 'MicrosoftAppPassword'], shapes: [] },
  allowList: { variable: 'CCM_ALLOWED_TENANTS', pattern: GUID, message: 'Expected a comma list of tenant ids (GUIDs)' },
  adminExample: 'teams:00000000-0000-0000-0000-000000000000',
  configured: (v) => v.MICROSOFT_APP_ID !== undefined && (v.MICROSOFT_APP_PASSWORD !== undefined || v.MICROSOFT_APP_TYPE === 'UserAssignedMSI'),
  problems: (v, production) => teamsProblems(v, production).map((problem) => `${problem} (see docs/operating.md, "Microsoft Teams")`),
  settings: (v): TeamsSettings => ({
    appId: v.MICROSOFT_APP_ID,
    appPassword: v.MICROSOFT_APP_PASSWORD,
    tenantId: v.MICROSOFT_APP_TENANT_ID,
    appType: v.MICROSOFT_APP_TYPE,
    openIdMetadataUrl: v.MICROSOFT_BOT_OPENID_METADATA,
    loginUrl: v.MICROSOFT_LOGIN_URL,
  }),
  async doctor(settings, context) {
    const { teamsFindings } = await import('./doctor.ts');
    return teamsFindings(settings, context);
  },
  async create(context, settings) {
    const { createTeamsAdapter } = await import('./teams-adapter.ts');
    return createTeamsAdapter({ ...context, config: settings });
  },
});
