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
      unauthenticatedServiceUrls: [],
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

  describe('conversation storage and analytics', () => {
    const KEY = 'AccountKey=c2VjcmV0LWtleQ==';
    const BLOB = `DefaultEndpointsProtocol=https;AccountName=faqbot;${KEY};EndpointSuffix=core.windows.net`;

    it('keeps state in memory and analytics in logs/analytics.jsonl by default', () => {
      const config = loadConfig({});
      expect(config.storage).toEqual({ kind: 'memory' });
      expect(config.analytics).toEqual({ file: 'logs/analytics.jsonl', appInsightsConnectionString: '' });
    });

    it('shares state through a blob container when STORAGE=blob', () => {
      const config = loadConfig({ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: BLOB });
      expect(config.storage).toEqual({
        kind: 'blob',
        connectionString: BLOB,
        container: 'faq-bot-state',
        timeoutMs: 3000,
      });
    });

    it('turns the analytics file off with ANALYTICS_FILE=off', () => {
      expect(loadConfig({ ANALYTICS_FILE: 'off' }).analytics.file).toBeNull();
    });

    it.each([
      [{ STORAGE: 'redis' }, 'STORAGE'],
      [{ STORAGE: 'blob' }, 'AZURE_STORAGE_CONNECTION_STRING'],
      [{ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: KEY }, 'AZURE_STORAGE_CONNECTION_STRING'],
      [
        { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: BLOB, AZURE_STORAGE_CONTAINER: 'Bot_State' },
        'AZURE_STORAGE_CONTAINER',
      ],
      [
        { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: BLOB, STORAGE_TIMEOUT_MS: '10' },
        'STORAGE_TIMEOUT_MS',
      ],
      [
        { APPLICATIONINSIGHTS_CONNECTION_STRING: `${KEY};IngestionEndpoint=https://x` },
        'APPLICATIONINSIGHTS_CONNECTION_STRING',
      ],
    ])('refuses %j, names %s, and never repeats a key', (env, setting) => {
      expect(() => loadConfig(env)).toThrow(setting);
      expect(() => loadConfig(env)).not.toThrow(/c2VjcmV0/);
    });
  });
});
