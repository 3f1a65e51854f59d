import { ConfigError, loadConfig } from '../../../src/config';

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
});
