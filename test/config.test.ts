import { describe, expect, it } from 'vitest';
import type { SlackSettings } from '../src/adapters/slack/settings.ts';
import type { TeamsSettings } from '../src/adapters/teams/settings.ts';
import { ConfigError, DEFAULT_PLANS, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('has defaults for everything the local shell needs', () => {
    const config = loadConfig({ CCM_USER: 'ana' });
    expect(config).toEqual({
      dbPath: './data/ccm.sqlite',
      planPath: DEFAULT_PLANS,
      timeZone: 'Europe/Zurich',
      localUser: 'ana',
      logLevel: 'warn',
      adapters: ['shell'],
      settings: { shell: {} },
      port: 3000,
      access: { allowed: {}, admins: [], anyOnPurpose: false },
    });
  });

  it('reads the workspaces and tenants served and the first admins, and names a malformed one', () => {
    const config = loadConfig({
      CCM_ALLOWED_WORKSPACES: 'T0123ABCD, T0456EFGH',
      CCM_ALLOWED_TENANTS: '11111111-2222-3333-4444-555555555555',
      CCM_ADMINS: 'slack:U0123ABCD,teams:aaaaaaaa-0000-0000-0000-00000000a0a0',
    });
    expect(config.access).toEqual({
      allowed: { slack: ['T0123ABCD', 'T0456EFGH'], teams: ['11111111-2222-3333-4444-555555555555'] },
      admins: ['slack:U0123ABCD', 'teams:aaaaaaaa-0000-0000-0000-00000000a0a0'],
      anyOnPurpose: false,
    });
    expect(() => loadConfig({ CCM_ALLOWED_WORKSPACES: 'acme' })).toThrow(/CCM_ALLOWED_WORKSPACES: Expected a comma list of Slack team ids/);
    expect(() => loadConfig({ CCM_ADMINS: 'U0123ABCD' })).toThrow(/CCM_ADMINS: Expected a comma list such as slack:U0123ABCD/);
  });

  it('refuses to serve any workspace in production unless told to on purpose', () => {
    const production = { SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: 'abcdef0123456789', NODE_ENV: 'production' };
    expect(() => loadConfig(production)).toThrow(/CCM_ALLOWED_WORKSPACES: required with NODE_ENV=production/);
    expect(loadConfig({ ...production, CCM_ALLOWED_WORKSPACES: 'T0123ABCD' }).access.allowed.slack).toEqual(['T0123ABCD']);
    expect(loadConfig({ ...production, CCM_ALLOW_ANY_WORKSPACE: '1' }).access.anyOnPurpose).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ CCM_DB_PATH: '', CCM_USER: 'ana' }).dbPath).toBe('./data/ccm.sqlite');
  });

  const slack = { SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: 'abcdef0123456789' };

  it('starts Slack instead of the shell when its credentials are set', () => {
    const config = loadConfig(slack);
    expect(config.adapters).toEqual(['slack']);
    expect(config.settings.slack).toEqual({ botToken: 'xoxb-1-2', signingSecret: 'abcdef0123456789', appToken: undefined, apiUrl: undefined });
  });

  it('uses Socket Mode settings and the API URL override', () => {
    const config = loadConfig({ ...slack, SLACK_APP_TOKEN: 'xapp-1-2', SLACK_API_URL: 'https://slack-gov.example/api/', PORT: '8080' });
    expect((config.settings.slack as SlackSettings).appToken).toBe('xapp-1-2');
    expect((config.settings.slack as SlackSettings).apiUrl).toBe('https://slack-gov.example/api/');
    expect(config.port).toBe(8080);
  });

  it('believes X-Forwarded-For only from the proxy CCM_TRUST_PROXY names', () => {
    expect(loadConfig(slack).trustProxy).toBeUndefined();
    expect(loadConfig({ ...slack, CCM_TRUST_PROXY: '10.0.0.2' }).trustProxy).toBe('10.0.0.2');
    expect(loadConfig({ ...slack, CCM_TRUST_PROXY: '::1' }).trustProxy).toBe('::1');
  });

  it('starts exactly the adapters CCM_ADAPTERS names', () => {
    expect(loadConfig({ ...slack, CCM_ADAPTERS: 'shell' }).adapters).toEqual(['shell']);
    expect(loadConfig({ ...slack, CCM_ADAPTERS: ' Shell , slack ' }).adapters).toEqual(['shell', 'slack']);
  });

  it('never echoes a secret in an error', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxp-secret-user-token', SLACK_SIGNING_SECRET: 'abcdef0123456789' })).toThrow(
      /SLACK_BOT_TOKEN: Expected a bot token starting with xoxb- \(value hidden\)/,
    );
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxp-secret-user-token' })).not.toThrow(/secret-user-token/);
  });

  const APP_ID = '00000000-1111-2222-3333-444444444444';
  const TENANT = '11111111-2222-3333-4444-555555555555';
  const teams = { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'secret-value-0123', MICROSOFT_APP_TENANT_ID: TENANT };

  it('starts Teams when its app id and password are set, single-tenant by default', () => {
    const config = loadConfig(teams);
    expect(config.adapters).toEqual(['teams']);
    expect(config.settings.teams).toEqual({
      appId: APP_ID,
      appPassword: 'secret-value-0123',
      tenantId: TENANT,
      appType: 'SingleTenant',
      openIdMetadataUrl: undefined,
    });
    expect(loadConfig({ ...teams, ...slack }).adapters).toEqual(['slack', 'teams']);
    // An app id alone (as for `npm run package:teams`) starts nothing.
    expect(loadConfig({ MICROSOFT_APP_ID: APP_ID }).adapters).toEqual(['shell']);
  });

  it('runs Teams without authentication only when CCM_ADAPTERS names it, and never in production', () => {
    expect(loadConfig({ CCM_ADAPTERS: 'teams' }).settings.teams).toMatchObject({ appId: undefined, appPassword: undefined });
    expect(() => loadConfig({ CCM_ADAPTERS: 'teams', NODE_ENV: 'production' })).toThrow(
      /MICROSOFT_APP_ID: required to start the Teams adapter with NODE_ENV=production/,
    );
    expect((loadConfig({ ...teams, CCM_ADAPTERS: 'teams', NODE_ENV: 'production', CCM_ALLOW_ANY_WORKSPACE: '1' }).settings.teams as TeamsSettings).appId).toBe(
      APP_ID,
    );
    expect(() => loadConfig({ ...teams, MICROSOFT_BOT_OPENID_METADATA: 'http://127.0.0.1:9/openid', NODE_ENV: 'production' })).toThrow(
      /MICROSOFT_BOT_OPENID_METADATA: must not be set with NODE_ENV=production/,
    );
    expect(() => loadConfig({ ...teams, MICROSOFT_LOGIN_URL: 'https://127.0.0.1:9', NODE_ENV: 'production' })).toThrow(
      /MICROSOFT_LOGIN_URL: must not be set with NODE_ENV=production/,
    );
    // MSAL takes only an HTTPS authority: a plain one is refused here, by name, not at the first post.
    expect(() => loadConfig({ ...teams, MICROSOFT_LOGIN_URL: 'http://127.0.0.1:9' })).toThrow(/MICROSOFT_LOGIN_URL.*https:\/\//);
  });

  it('asks for what the app type needs to sign in', () => {
    expect(() => loadConfig({ CCM_ADAPTERS: 'teams', MICROSOFT_APP_ID: APP_ID })).toThrow(
      /MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID: required to start the Teams adapter with MICROSOFT_APP_TYPE=SingleTenant/,
    );
    expect(
      (
        loadConfig({ CCM_ADAPTERS: 'teams', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_TYPE: 'MultiTenant' }).settings
          .teams as TeamsSettings
      ).appType,
    ).toBe('MultiTenant');
    expect(loadConfig({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_TYPE: 'UserAssignedMSI' }).adapters).toEqual(['teams']);
    expect(() => loadConfig({ CCM_ADAPTERS: 'teams', MICROSOFT_APP_PASSWORD: 'secret-value-0123' })).toThrow(
      /MICROSOFT_APP_ID: required with MICROSOFT_APP_PASSWORD/,
    );
    expect(() => loadConfig({ CCM_ADAPTERS: 'teams', MICROSOFT_APP_PASSWORD: 'secret-value-0123' })).not.toThrow(/secret-value/);
  });

  it.each([
    [{ MICROSOFT_APP_ID: 'ccm-bot' }, /MICROSOFT_APP_ID: Expected the bot's app id, a GUID .*\(got "ccm-bot"\)/],
    [{ ...teams, MICROSOFT_APP_TYPE: 'Tenantless' }, /MICROSOFT_APP_TYPE: Expected one of SingleTenant, MultiTenant, UserAssignedMSI/],
    [{ ...teams, MICROSOFT_APP_TENANT_ID: 'not a tenant' }, /MICROSOFT_APP_TENANT_ID: Expected the tenant id/],
    [{ CCM_ADAPTERS: 'slack' }, /SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: required to start the Slack adapter/],
    [{ CCM_ADAPTERS: 'shell,irc' }, /CCM_ADAPTERS: Expected a comma list of shell, slack, teams/],
    [{ PORT: 'eighty' }, /PORT: .*\(got "eighty"\)/],
    [{ CCM_TRUST_PROXY: 'proxy.internal' }, /CCM_TRUST_PROXY: Expected the IP address of the reverse proxy, such as 127.0.0.1 \(got "proxy.internal"\)/],
    [{ ...slack, SLACK_API_URL: 'slack dot com' }, /SLACK_API_URL: Expected a URL/],
    [{ CCM_TIMEZONE: 'Geneva' }, /CCM_TIMEZONE: Expected an IANA time zone .* \(got "Geneva"\)/],
    [{ CCM_LOG_LEVEL: 'loud' }, /CCM_LOG_LEVEL: .*\(got "loud"\)/],
  ])('names the variable and the expectation for %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
