import { ConfigError, loadConfig } from '../src/config';

describe('configuration', () => {
  it('runs locally with no settings at all: port 3978, no authentication', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.bot.appId).toBe('');
    expect(config.logLevel).toBe('info');
  });

  it('reads the Bot Framework identity for a single-tenant bot', () => {
    const config = loadConfig({
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'singletenant',
      MicrosoftAppTenantId: 'tenant',
    });
    expect(config.bot).toEqual({
      appId: 'app',
      appPassword: 'secret',
      appType: 'SingleTenant',
      appTenantId: 'tenant',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ MicrosoftAppId: 'app' }, 'MicrosoftAppPassword'],
    [
      { MicrosoftAppId: 'app', MicrosoftAppPassword: 's', MicrosoftAppType: 'SingleTenant' },
      'MicrosoftAppTenantId',
    ],
    [{ MicrosoftAppType: 'Galaxy' }, 'MicrosoftAppType'],
  ])('refuses to start on a bad setting %j and names %s', (env, setting) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(setting);
  });

  it('never puts the secret in the error message', () => {
    expect(() =>
      loadConfig({
        MicrosoftAppId: 'app',
        MicrosoftAppPassword: 'hunter2',
        MicrosoftAppType: 'SingleTenant',
      }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
