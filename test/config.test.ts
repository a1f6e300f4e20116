import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_PLAN, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('has defaults for everything the local shell needs', () => {
    const config = loadConfig({ CCM_USER: 'ana' });
    expect(config).toEqual({
      dbPath: './data/ccm.sqlite', planPath: DEFAULT_PLAN, timeZone: 'Europe/Zurich', shellUser: 'ana', logLevel: 'warn',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ CCM_DB_PATH: '', CCM_USER: 'ana' }).dbPath).toBe('./data/ccm.sqlite');
  });

  it.each([
    [{ CCM_TIMEZONE: 'Geneva' }, /CCM_TIMEZONE: Expected an IANA time zone .* \(got "Geneva"\)/],
    [{ CCM_LOG_LEVEL: 'loud' }, /CCM_LOG_LEVEL: .*\(got "loud"\)/],
  ])('names the variable and the expectation for %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
