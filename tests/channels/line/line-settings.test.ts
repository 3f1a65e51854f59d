import { ConfigError, loadConfig, loadLineApiSettings } from '../../../src/config';

describe('LINE settings', () => {
  it('leaves LINE off when neither the secret nor the token is set', () => {
    expect(loadConfig({}).line).toBeUndefined();
  });

  it('turns LINE on with the secret and the token, against LINE’s own API by default', () => {
    const config = loadConfig({ LINE_CHANNEL_SECRET: ' secret ', LINE_CHANNEL_ACCESS_TOKEN: 'token' });
    expect(config.line).toEqual({
      channelSecret: 'secret',
      channelAccessToken: 'token',
      apiBaseUrl: 'https://api.line.me',
    });
    expect(Object.isFrozen(config.line)).toBe(true);
  });

  it('reads another API base URL, such as a local stand-in', () => {
    const config = loadConfig({
      LINE_CHANNEL_SECRET: 's',
      LINE_CHANNEL_ACCESS_TOKEN: 't',
      LINE_API_BASE_URL: 'http://127.0.0.1:8080/',
    });
    expect(config.line?.apiBaseUrl).toBe('http://127.0.0.1:8080');
  });

  it.each([
    [{ LINE_CHANNEL_ACCESS_TOKEN: 't' }, 'LINE_CHANNEL_SECRET'],
    [{ LINE_CHANNEL_SECRET: 's' }, 'LINE_CHANNEL_ACCESS_TOKEN'],
    [{ LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: '  ' }, 'LINE_CHANNEL_ACCESS_TOKEN'],
    [{ LINE_API_BASE_URL: 'api.line.me' }, 'LINE_API_BASE_URL'],
    [{ LINE_API_BASE_URL: 'ftp://api.line.me' }, 'LINE_API_BASE_URL'],
    [{ LINE_API_BASE_URL: 'https://api.line.me/v2/bot' }, 'LINE_API_BASE_URL'],
  ])('refuses to start on %j and names %s', (env, setting) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(setting);
  });

  it('never puts the secret or the token in the error message', () => {
    for (const env of [{ LINE_CHANNEL_SECRET: 'hunter2' }, { LINE_CHANNEL_ACCESS_TOKEN: 'hunter3' }]) {
      expect(() => loadConfig(env)).toThrow(
        expect.objectContaining({ message: expect.not.stringMatching(/hunter/) }),
      );
    }
  });

  describe('for the rich menu command', () => {
    it('calls LINE’s data API on its own host when the API is LINE’s own', () => {
      expect(loadLineApiSettings({ LINE_CHANNEL_ACCESS_TOKEN: 'token' })).toEqual({
        channelAccessToken: 'token',
        apiBaseUrl: 'https://api.line.me',
        dataApiBaseUrl: 'https://api-data.line.me',
      });
    });

    it('calls a stand-in named in LINE_API_BASE_URL for both', () => {
      const settings = loadLineApiSettings({
        LINE_CHANNEL_ACCESS_TOKEN: 'token',
        LINE_API_BASE_URL: 'http://127.0.0.1:8081',
      });
      expect(settings.apiBaseUrl).toBe('http://127.0.0.1:8081');
      expect(settings.dataApiBaseUrl).toBe('http://127.0.0.1:8081');
    });

    it('needs the token but not the secret, and never repeats it', () => {
      expect(() => loadLineApiSettings({ LINE_CHANNEL_SECRET: 'hunter2' })).toThrow(
        'LINE_CHANNEL_ACCESS_TOKEN',
      );
      expect(() =>
        loadLineApiSettings({ LINE_CHANNEL_ACCESS_TOKEN: 'hunter3', LINE_API_BASE_URL: 'nope' }),
      ).toThrow(expect.objectContaining({ message: expect.not.stringMatching(/hunter/) }));
    });
  });
});
