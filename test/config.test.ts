import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_PLANS, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('has defaults for everything the local shell needs', () => {
    const config = loadConfig({ CCM_USER: 'ana' });
    expect(config).toEqual({
      dbPath: './data/ccm.sqlite', planPath: DEFAULT_PLANS, timeZone: 'Europe/Zurich', shellUser: 'ana', logLevel: 'warn',
      adapters: ['shell'], port: 3000, slack: undefined,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ CCM_DB_PATH: '', CCM_USER: 'ana' }).dbPath).toBe('./data/ccm.sqlite');
  });

  const slack = { SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: 'abcdef0123456789' };

  it('starts Slack instead of the shell when its credentials are set', () => {
    const config = loadConfig(slack);
    expect(config.adapters).toEqual(['slack']);
    expect(config.slack).toEqual({ botToken: 'xoxb-1-2', signingSecret: 'abcdef0123456789', appToken: undefined, apiUrl: undefined });
  });

  it('uses Socket Mode settings and the API URL override', () => {
    const config = loadConfig({ ...slack, SLACK_APP_TOKEN: 'xapp-1-2', SLACK_API_URL: 'https://slack-gov.example/api/', PORT: '8080' });
    expect(config.slack?.appToken).toBe('xapp-1-2');
    expect(config.slack?.apiUrl).toBe('https://slack-gov.example/api/');
    expect(config.port).toBe(8080);
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

  it.each([
    [{ CCM_ADAPTERS: 'slack' }, /SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: required to start the Slack adapter/],
    [{ CCM_ADAPTERS: 'shell,irc' }, /CCM_ADAPTERS: Expected a comma list of shell, slack, teams/],
    [{ PORT: 'eighty' }, /PORT: .*\(got "eighty"\)/],
    [{ ...slack, SLACK_API_URL: 'slack dot com' }, /SLACK_API_URL: Expected a URL/],
    [{ CCM_TIMEZONE: 'Geneva' }, /CCM_TIMEZONE: Expected an IANA time zone .* \(got "Geneva"\)/],
    [{ CCM_LOG_LEVEL: 'loud' }, /CCM_LOG_LEVEL: .*\(got "loud"\)/],
  ])('names the variable and the expectation for %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
