import { type RunningApp, startApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { loadTokenizer, type Tokenizer } from '../../../src/nlu';
import { type LineTestApp, startLineTestApp } from './line-app';
import {
  CHANNEL_ACCESS_TOKEN,
  CHANNEL_SECRET,
  postWebhook,
  sign,
  textEvent,
  waitFor,
  webhookBody,
} from './line-webhook-client';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

describe('the LINE webhook', () => {
  let line: LineTestApp;
  beforeAll(async () => {
    line = await startLineTestApp(tokenizer);
  });
  afterAll(() => line.close());

  it.each([
    ['a wrong signature', () => sign('something else')],
    ['a signature made with another secret', (body: string) => sign(body, 'another-secret')],
    ['no signature', () => null],
    ['an empty signature', () => ''],
  ])('refuses a webhook with %s with 401 and answers nothing', async (_name, signatureFor) => {
    const event = textEvent('3Dセキュアとは');
    const body = JSON.stringify(webhookBody(event));
    const { status, text } = await postWebhook(line.app.url, body, signatureFor(body));
    expect(status).toBe(401);
    expect(text).not.toContain('3Dセキュア');
    // The refusal is decided before the response; a signed event sent after it is answered alone.
    const next = textEvent('ありがとう');
    await postWebhook(line.app.url, webhookBody(next));
    await waitFor('the next reply', () => line.fake.repliesTo(next.replyToken)[0]);
    expect(line.fake.repliesTo(event.replyToken)).toHaveLength(0);
  });

  it('refuses a signed body that was changed on the way', async () => {
    const body = JSON.stringify(webhookBody(textEvent('3Dセキュアとは')));
    const { status } = await postWebhook(line.app.url, body.replace('3Dセキュア', 'コンビニ'), sign(body));
    expect(status).toBe(401);
  });

  it('answers LINE’s "Verify" webhook (no events) with 200', async () => {
    const { status } = await postWebhook(line.app.url, webhookBody());
    expect(status).toBe(200);
  });

  it.each([
    ['malformed JSON', '{"destination":"U1","events":['],
    ['JSON without events', '{"destination":"U1"}'],
    ['a JSON array', '[]'],
  ])('refuses a correctly signed body of %s with 400', async (_name, body) => {
    const { status, text } = await postWebhook(line.app.url, body);
    expect(status).toBe(400);
    expect(text).not.toContain('destination');
  });

  it('refuses a body over 1 MiB with 413 before checking anything else', async () => {
    const { status } = await postWebhook(line.app.url, webhookBody(textEvent('あ'.repeat(400_000))));
    expect(status).toBe(413);
  });

  it('logs a refused signature without the body', async () => {
    await postWebhook(line.app.url, webhookBody(textEvent('4111 1111 1111 1111')), 'bm90LWEtc2lnbmF0dXJl');
    const refusals = line.logEntries('LINE webhook refused: missing or wrong X-Line-Signature');
    expect(refusals.length).toBeGreaterThan(0);
    expect(line.logLines.join('')).not.toContain('4111');
  });

  it('says in the startup log that LINE is on, without its secrets', () => {
    const [on] = line.logEntries('LINE channel on');
    expect(on).toMatchObject({ webhook: '/api/line', apiBaseUrl: line.fake.url });
    expect(line.logLines.join('')).not.toMatch(/test-channel-(secret|access-token)/);
  });
});

describe('while the bot is starting', () => {
  it('answers a signed webhook with 503 and Retry-After, and an unsigned one with 401', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LINE_CHANNEL_SECRET: CHANNEL_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: 'http://127.0.0.1:9',
    });
    const app = await startApp(
      config,
      createLogger('silent'),
      gate.then(() => tokenizer),
    );
    try {
      const body = JSON.stringify(webhookBody(textEvent('3Dセキュアとは')));
      const starting = await fetch(`${app.url}/api/line`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) },
        body,
      });
      expect(starting.status).toBe(503);
      expect(starting.headers.get('retry-after')).toBe('1');
      expect((await postWebhook(app.url, body, null)).status).toBe(401);
    } finally {
      release();
      await app.ready;
      await app.close();
    }
  });
});

describe('without LINE settings', () => {
  let app: RunningApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    const logger = createLogger('info', (line) => logLines.push(line));
    app = await startApp(loadConfig({ PORT: '0', HOST: '127.0.0.1' }), logger, Promise.resolve(tokenizer));
    await app.ready;
  });
  afterAll(() => app.close());

  it('answers /api/line with 404', async () => {
    const { status } = await postWebhook(app.url, webhookBody(textEvent('3Dセキュアとは')));
    expect(status).toBe(404);
  });

  it('says in the startup log that LINE is off', () => {
    expect(logLines.join('')).toContain('LINE channel off');
  });
});
