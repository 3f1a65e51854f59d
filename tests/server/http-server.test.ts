import { type RunningApp, startApp } from '../../src/app';
import { type Config, loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { loadTokenizer, type Tokenizer } from '../../src/nlu';

const silent = createLogger('silent');
const localConfig = (env: Record<string, string> = {}): Config =>
  loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env });

function activity(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    deliveryMode: 'expectReplies',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    from: { id: 'user-1' },
    recipient: { id: 'bot' },
    conversation: { id: 'conversation-1' },
    ...fields,
  };
}

async function post(app: RunningApp, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? JSON.parse(text) : undefined };
}

const replyTexts = (json: { activities?: { text?: string }[] }) =>
  (json.activities ?? []).map((a) => a.text ?? '');

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

describe('start-up', () => {
  it('answers /healthz 503 until the tokenizer and model are ready, then 200', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const app = await startApp(
      localConfig(),
      silent,
      gate.then(() => tokenizer),
    );
    try {
      expect((await fetch(`${app.url}/healthz`)).status).toBe(503);
      expect((await post(app, activity({ text: 'こんにちは' }))).status).toBe(503);
      release();
      await app.ready;
      const health = await fetch(`${app.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ready', storage: 'memory' });
    } finally {
      await app.close();
    }
  });
});

describe('/api/messages without an app id (local use)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(localConfig(), silent, Promise.resolve(tokenizer));
    await app.ready;
  });
  afterAll(() => app.close());

  it('returns the answer in the HTTP response with deliveryMode expectReplies', async () => {
    const { status, json } = await post(app, activity({ text: 'ワンタイムパスワードはどこに届きますか' }));
    expect(status).toBe(200);
    expect(json.activities[0].text).toContain('SMS');
    // The answer is followed by the bot's next question, whose buttons include the related questions.
    expect(json.activities.at(-1).suggestedActions.actions.length).toBeGreaterThan(0);
  });

  it('answers 100 different questions in a row', async () => {
    const questions = ['3Dセキュアとは', 'コンビニ払いにしたい', 'エラーの原因は？', '楽天カードのページ'];
    for (let i = 0; i < 100; i++) {
      const { status, json } = await post(app, activity({ text: `${questions[i % questions.length]} ${i}` }));
      expect(status).toBe(200);
      // Each one is answered (as a new question, whatever the bot asked before), never the error apology.
      expect(json.activities[0].text).not.toContain('システムで問題が発生しました');
      expect(json.activities[0].text.length).toBeGreaterThan(20);
    }
  });

  it('welcomes a new member on conversationUpdate', async () => {
    const { json } = await post(
      app,
      activity({ type: 'conversationUpdate', text: undefined, membersAdded: [{ id: 'user-1' }] }),
    );
    expect(replyTexts(json).join()).toContain('ご質問にお答えします');
  });

  it('asks to shorten a message over 2,000 characters', async () => {
    const { status, json } = await post(app, activity({ text: 'あ'.repeat(2001) }));
    expect(status).toBe(200);
    expect(replyTexts(json).join()).toContain('2,000文字以内');
  });

  it.each([
    ['empty', ''],
    ['whitespace', '  \n '],
    ['emoji', '🙏🙏'],
  ])('answers %s text with the help message', async (_name, text) => {
    const { json } = await post(app, activity({ text }));
    expect(replyTexts(json).join()).toContain('次のようなご質問にお答えします');
  });

  it('answers a message whose text is not a string with the help message', async () => {
    const { status, json } = await post(app, activity({ text: 12345 }));
    expect(status).toBe(200);
    expect(replyTexts(json).join()).toContain('次のようなご質問にお答えします');
  });

  it('rejects malformed JSON with 400 and does not repeat the body', async () => {
    const { status, text } = await post(app, '{"type":"message","text":"4111 1111 1111 1111"');
    expect(status).toBe(400);
    expect(text).not.toContain('4111');
  });

  it.each([
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"hello"'],
    ['an activity without a type', JSON.stringify({ text: 'hi' })],
  ])('rejects %s with 400', async (_name, body) => {
    expect((await post(app, body)).status).toBe(400);
  });

  it('rejects a body over 64 KiB with 413', async () => {
    const { status } = await post(app, activity({ text: 'あ'.repeat(30_000) }));
    expect(status).toBe(413);
  });

  it('accepts an unknown activity type without replying', async () => {
    const { status, json } = await post(app, activity({ type: 'somethingNew', text: undefined }));
    expect(status).toBe(200);
    expect(json?.activities ?? []).toEqual([]);
  });

  it('keeps serving after a bad request', async () => {
    await post(app, '{oops');
    const { status } = await post(app, activity({ text: 'ありがとう' }));
    expect(status).toBe(200);
  });
});

describe('/api/messages with an app id', () => {
  let app: RunningApp;
  // botbuilder prints every rejected request with console.error; keep the test output readable.
  let consoleError: jest.SpyInstance;
  beforeAll(async () => {
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const config = localConfig({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
    app = await startApp(config, silent, Promise.resolve(tokenizer));
    await app.ready;
  });
  afterAll(async () => {
    consoleError.mockRestore();
    await app.close();
  });

  it('answers 401 to a request without a Bot Framework token', async () => {
    const { status, text } = await post(app, activity({ text: '3Dセキュアとは' }));
    expect(status).toBe(401);
    expect(text).not.toContain('3Dセキュア');
  });
});
