/**
 * Shutdown (SIGTERM, SIGINT: app.close()) while LINE replies are still on their way: the real
 * app with LINE on, against the loopback stand-in for the Messaging API.
 */
import { loadTokenizer, type Tokenizer } from '../../../src/nlu';
import { startLineTestApp } from './line-app';
import { postWebhook, textEvent, waitFor, webhookBody } from './line-webhook-client';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

describe('stopping while LINE replies are on their way', () => {
  it('sends a reply that is waiting for its retry before it stops', async () => {
    const line = await startLineTestApp(tokenizer);
    try {
      const event = textEvent('ワンタイムパスワードはどこに届きますか');
      let closed: Promise<void> | undefined;
      let repliesWhenClosed = -1;
      line.fake.answer = (request) => {
        if (request.body.replyToken !== event.replyToken) return { status: 200 };
        // The first attempt: the bot is told to stop, and LINE answers 500, so the reply waits
        // for its retry while the bot is stopping.
        if (!closed) {
          closed = line.app.close().then(() => {
            repliesWhenClosed = line.fake.repliesTo(event.replyToken).length;
          });
          return { status: 500 };
        }
        return { status: 200 };
      };
      expect((await postWebhook(line.app.url, webhookBody(event))).status).toBe(200);
      await waitFor('the stop to begin', () => closed);
      await closed;

      expect(repliesWhenClosed).toBe(2);
      expect(line.logEntries('LINE event answered')).toContainEqual(
        expect.objectContaining({ webhookEventId: event.webhookEventId }),
      );
    } finally {
      await line.fake.close();
    }
  });

  it('refuses new webhooks with 503 once it is stopping, so LINE sends them again elsewhere', async () => {
    const line = await startLineTestApp(tokenizer);
    try {
      const held = textEvent('3Dセキュアとは');
      let release: () => void = () => undefined;
      line.fake.answer = () => ({ until: new Promise<void>((resolve) => (release = resolve)) });
      await postWebhook(line.app.url, webhookBody(held));
      await waitFor('the reply to be on its way', () => line.fake.repliesTo(held.replyToken)[0]);

      const closing = line.app.close();
      const late = await postWebhook(line.app.url, webhookBody(textEvent('コンビニ払いにしたい'))).catch(
        () => ({ status: 0, text: '' }),
      );
      // Refused with 503, or the listening socket is already closed: either way not taken.
      expect([503, 0]).toContain(late.status);
      release();
      await closing;
      expect(line.logEntries('LINE event answered')).toContainEqual(
        expect.objectContaining({ webhookEventId: held.webhookEventId }),
      );
    } finally {
      await line.fake.close();
    }
  });
});
