import { messagingApi } from '@line/bot-sdk';
import { LineApiTimeoutError, createReplySender } from '../../../src/channels/line/line-reply';
import { createLogger } from '../../../src/logger';
import { loadTokenizer } from '../../../src/nlu';
import { startFakeLineApi, type FakeLineApi } from './fake-line-api';
import { type LineTestApp, startLineTestApp } from './line-app';
import { CHANNEL_ACCESS_TOKEN, postWebhook, textEvent, waitFor, webhookBody } from './line-webhook-client';

describe('when the LINE Messaging API fails', () => {
  let line: LineTestApp;
  beforeAll(async () => {
    line = await startLineTestApp(await loadTokenizer());
  });
  afterEach(() => {
    line.fake.answer = () => ({ status: 200 });
  });
  afterAll(() => line.close());

  const failureFor = (replyToken: string) =>
    waitFor(`the failure of ${replyToken} in the log`, () => {
      const ids = new Set(line.fake.repliesTo(replyToken).map((request) => request.requestId));
      return line.logEntries('LINE reply failed').find((entry) => ids.has(String(entry.requestId)));
    });

  it('retries a reply LINE answers with 500, logs status and request id, and serves the next event', async () => {
    const failing = textEvent('3Dセキュアとは');
    line.fake.answer = (request) => ({ status: request.body.replyToken === failing.replyToken ? 500 : 200 });
    expect((await postWebhook(line.app.url, webhookBody(failing))).status).toBe(200);

    const failure = await failureFor(failing.replyToken);
    const attempts = line.fake.repliesTo(failing.replyToken);
    expect(attempts).toHaveLength(3);
    expect(failure).toMatchObject({
      level: 'error',
      status: 500,
      attempt: 3,
      requestId: attempts[2]!.requestId,
    });
    expect(line.logEntries('LINE reply failed, retrying')).toEqual(
      expect.arrayContaining([expect.objectContaining({ status: 500, requestId: attempts[0]!.requestId })]),
    );

    const next = textEvent('コンビニ払いにしたい');
    await postWebhook(line.app.url, webhookBody(next));
    const reply = await waitFor('the next reply', () => line.fake.repliesTo(next.replyToken)[0]);
    expect(reply.body.messages?.[0]?.text).toContain('コンビニエンスストア決済');
  });

  it('delivers the reply when a retry succeeds after one 500', async () => {
    const event = textEvent('ワンタイムパスワードはどこに届きますか');
    let calls = 0;
    line.fake.answer = (request) => ({
      status: request.body.replyToken === event.replyToken && ++calls === 1 ? 500 : 200,
    });
    await postWebhook(line.app.url, webhookBody(event));
    await waitFor('the answered event in the log', () =>
      line.logEntries('LINE event answered').find((entry) => entry.webhookEventId === event.webhookEventId),
    );
    const attempts = line.fake.repliesTo(event.replyToken);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.body).toEqual(attempts[0]!.body);
  });

  it('does not retry a reply LINE refuses with 400 (an invalid reply token), and says why', async () => {
    const event = textEvent('3Dセキュアとは');
    line.fake.answer = (request) => ({ status: request.body.replyToken === event.replyToken ? 400 : 200 });
    await postWebhook(line.app.url, webhookBody(event));
    const failure = await failureFor(event.replyToken);
    expect(failure).toMatchObject({
      status: 400,
      attempt: 1,
      retryable: false,
      lineMessage: 'Invalid reply token',
    });
    expect(line.fake.repliesTo(event.replyToken)).toHaveLength(1);
  });

  it('answers the other events of a webhook while one reply is still waiting for LINE', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = textEvent('3Dセキュアとは');
    const quick = textEvent('ありがとう');
    line.fake.answer = (request) =>
      request.body.replyToken === slow.replyToken ? { status: 500, until: held } : {};
    await postWebhook(line.app.url, webhookBody(slow, quick));
    await waitFor('the quick reply', () => line.fake.repliesTo(quick.replyToken)[0]);
    expect(line.fake.repliesTo(slow.replyToken)).toHaveLength(1); // its first call is still unanswered
    release();
    await failureFor(slow.replyToken);
  });

  it('logs the LINE error without the message text or the card number in it', async () => {
    const event = textEvent('5555 5555 5555 4444 で払えません');
    line.fake.answer = (request) => ({ status: request.body.replyToken === event.replyToken ? 400 : 200 });
    await postWebhook(line.app.url, webhookBody(event));
    await failureFor(event.replyToken);
    const log = line.logLines.join('');
    expect(log).not.toMatch(/5555[\s-]*5555/);
    expect(log).not.toContain('払えません');
    expect(log).not.toContain(CHANNEL_ACCESS_TOKEN);
  });
});

describe('the reply sender', () => {
  let fake: FakeLineApi;
  beforeAll(async () => {
    fake = await startFakeLineApi();
  });
  afterAll(() => fake.close());

  function sender(baseURL: string, lines: string[]) {
    const client = new messagingApi.MessagingApiClient({ channelAccessToken: CHANNEL_ACCESS_TOKEN, baseURL });
    const logger = createLogger('debug', (line) => lines.push(line));
    return createReplySender(client, logger, { attempts: 2, timeoutMs: 200, backoffMs: 10 });
  }

  it('gives up on a call LINE does not answer in time, retries it once, and reports the time-out', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    fake.answer = () => ({ until: held });
    const lines: string[] = [];
    const outcome = await sender(fake.url, lines)('token-timeout', [{ type: 'text', text: 'こんにちは' }]);
    release();
    expect(outcome).toEqual({ sent: false, attempts: 2, status: undefined });
    expect(fake.repliesTo('token-timeout')).toHaveLength(2);
    const failure = JSON.parse(lines.at(-1)!);
    expect(failure).toMatchObject({
      message: 'LINE reply failed',
      errorName: new LineApiTimeoutError(200).name,
    });
  });

  it('reports a Messaging API it cannot reach instead of throwing', async () => {
    const closed = await startFakeLineApi();
    await closed.close();
    const lines: string[] = [];
    const outcome = await sender(closed.url, lines)('token-unreachable', [
      { type: 'text', text: 'こんにちは' },
    ]);
    expect(outcome).toMatchObject({ sent: false, attempts: 2 });
    const failure = JSON.parse(lines.at(-1)!);
    expect(failure).toMatchObject({ message: 'LINE reply failed', errorCode: 'ECONNREFUSED' });
    expect(failure.errorMessage).toContain('fetch failed');
  });
});
