import { healthUrl } from '../../src/cli/healthcheck';

describe("the container's health check", () => {
  it.each([
    ['0.0.0.0', 3978, 'http://127.0.0.1:3978/healthz'],
    ['::', 8080, 'http://[::1]:8080/healthz'],
    ['127.0.0.1', 3978, 'http://127.0.0.1:3978/healthz'],
    ['::1', 3978, 'http://[::1]:3978/healthz'],
    ['bot.internal', 80, 'http://bot.internal:80/healthz'],
  ])('asks a bot listening on %s:%d at %s', (host, port, url) => {
    expect(healthUrl(host, port)).toBe(url);
  });
});
