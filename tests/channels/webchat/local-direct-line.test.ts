import { type AppOptions, type RunningApp, startApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { loadTokenizer, type Tokenizer } from '../../../src/nlu';
import {
  DEFAULT_LIMITS,
  LocalDirectLine,
  MAX_TOKENS_PER_CONVERSATION,
} from '../../../src/channels/webchat/local-direct-line';
import { activities, call, openChat, say, type Visitor } from './direct-line-client';

const silent = createLogger('silent');
const CARD = '4111 1111 1111 1111';
const minutes = (count: number) => count * 60_000;

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

/** The real app on an ephemeral port, with a clock the test moves. */
async function startLocal(env: Record<string, string> = {}, options: AppOptions['webChat'] = {}) {
  const clock = { now: Date.parse('2026-11-25T10:00:00Z') };
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env });
  const app = await startApp(config, silent, Promise.resolve(tokenizer), {
    webChat: { now: () => clock.now, pollWaitMs: 0, ...options },
  });
  await app.ready;
  return { app, clock };
}

const messages = (json: { activities: { type: string; from: { role: string }; text?: string }[] }) =>
  json.activities.filter((activity) => activity.type === 'message');

describe('local Direct Line for the chat bubble', () => {
  let app: RunningApp;
  let clock: { now: number };
  beforeAll(async () => ({ app, clock } = await startLocal()));
  afterAll(() => app.close());

  it('welcomes a visitor who opens the chat, with topic buttons', async () => {
    const visitor = await openChat(app);
    const { status, json } = await activities(app, visitor);
    expect(status).toBe(200);
    const [welcome] = messages(json);
    expect(welcome.from.role).toBe('bot');
    expect(welcome.text).toContain('3Dセキュア');
    expect(json.activities[0].suggestedActions.actions.length).toBeGreaterThan(2);
  });

  it('answers a question with the SMS answer, after echoing it as the user', async () => {
    const visitor = await openChat(app);
    const before = (await activities(app, visitor)).json.watermark;
    const posted = await say(app, visitor, 'ワンタイムパスワードはどこに届きますか');
    expect(posted.status).toBe(200);
    expect(posted.json.id).toContain(visitor.conversationId);

    const { json } = await activities(app, visitor, before);
    const [echo, answer] = messages(json);
    expect(echo).toMatchObject({ text: 'ワンタイムパスワードはどこに届きますか', from: { role: 'user' } });
    expect(echo.from).toMatchObject({ id: visitor.userId });
    expect(answer.from.role).toBe('bot');
    expect(answer.text).toContain('SMS');
    expect(Number(json.watermark)).toBeGreaterThan(Number(before));
    expect((await activities(app, visitor, json.watermark)).json.activities).toEqual([]);
  });

  it('gives each conversation its own token: another token or none gets 403 and no messages', async () => {
    const alice = await openChat(app);
    const bob = await openChat(app);
    await say(app, alice, '三井住友カードの3Dセキュア登録方法');
    const path = `/v3/directline/conversations/${alice.conversationId}/activities`;

    for (const token of [bob.token, undefined, 'not-a-token', '']) {
      const read = await call(app, 'GET', path, { token });
      expect(read.status).toBe(403);
      expect(read.text).not.toContain('三井住友');
      const write = await call(app, 'POST', path, { token, body: { type: 'message', text: 'のぞき見' } });
      expect(write.status).toBe(403);
    }
    const aliceSees = messages((await activities(app, alice)).json).map((activity) => activity.text);
    expect(aliceSees).not.toContain('のぞき見');
    expect(alice.token).not.toBe(bob.token);
    expect(alice.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers malformed JSON with 400, a non-activity with 400 and an oversize body with 413, and keeps the conversation', async () => {
    const visitor = await openChat(app);
    const path = `/v3/directline/conversations/${visitor.conversationId}/activities`;
    const malformed = await call(app, 'POST', path, {
      token: visitor.token,
      body: `{"type":"message","text":"${CARD}`,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.text).not.toContain('4111');
    expect((await call(app, 'POST', path, { token: visitor.token, body: [1, 2] })).status).toBe(400);
    const huge = await call(app, 'POST', path, {
      token: visitor.token,
      body: { type: 'message', text: 'あ'.repeat(40_000) },
    });
    expect(huge.status).toBe(413);

    await say(app, visitor, 'コンビニ払いに変えられますか');
    const texts = messages((await activities(app, visitor)).json).map((activity) => activity.text ?? '');
    expect(texts.some((text) => text.includes('コンビニ'))).toBe(true);
  });

  it('counts emoji as one character each: 1,990 emoji and a question are answered and shown whole', async () => {
    const visitor = await openChat(app);
    const before = (await activities(app, visitor)).json.watermark;
    const text = `${'😀'.repeat(1990)}3Dセキュアとは`;
    expect((await say(app, visitor, text)).status).toBe(200);
    const [echo, answer] = messages((await activities(app, visitor, before)).json);
    expect(echo.text).toBe(text);
    expect(answer.text).toContain('本人認証サービス');
    expect(answer.text).not.toContain('2,000文字以内');
  });

  it('warns about a card number and never shows it back, not even in the echo', async () => {
    const visitor = await openChat(app);
    await say(app, visitor, `カード番号は${CARD}です。決済できません`);
    const { text, json } = await activities(app, visitor);
    expect(text).not.toMatch(/4111[\s-]?1111/);
    const [, echo, answer] = messages(json);
    expect(echo.text).toContain('[カード番号]');
    expect(answer.text).toMatch(/カード番号/);
  });

  it('forgets a conversation idle for longer than WEBCHAT_IDLE_MINUTES (404), and a token after 30 minutes (403) unless refreshed', async () => {
    const { app: shortLived, clock: time } = await startLocal({ WEBCHAT_IDLE_MINUTES: '10' });
    try {
      const idle = await openChat(shortLived);
      await say(shortLived, idle, '3Dセキュアとは');
      time.now += minutes(11);
      expect((await activities(shortLived, idle)).status).toBe(404);
    } finally {
      await shortLived.close();
    }

    const visitor = await openChat(app);
    await say(app, visitor, '3Dセキュアとは');
    clock.now += minutes(20);
    expect((await activities(app, visitor)).status).toBe(200);
    const refreshed = await call(app, 'POST', '/v3/directline/tokens/refresh', { token: visitor.token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json).toMatchObject({ conversationId: visitor.conversationId, expires_in: 1800 });
    clock.now += minutes(11);
    expect((await activities(app, visitor)).status).toBe(403);
    const renewed = { ...visitor, token: refreshed.json.token as string };
    expect((await activities(app, renewed)).status).toBe(200);
  });

  it('resumes a conversation after a page load with its key: a fresh token, the whole history, the open question of the bot', async () => {
    const issued = (await call(app, 'POST', '/api/directline/token')).json;
    expect(issued).toMatchObject({ resumed: false, resumeKey: expect.stringMatching(/^[\w-]{43}$/) });
    const visitor: Visitor = {
      token: issued.token,
      conversationId: issued.conversationId,
      userId: issued.userId,
    };
    await call(app, 'POST', '/v3/directline/conversations', { token: visitor.token });
    await say(app, visitor, 'ワンタイムパスワードはどこに届きますか');
    clock.now += minutes(20);

    const resume = { conversationId: visitor.conversationId, key: issued.resumeKey };
    const again = await call(app, 'POST', '/api/directline/token', { body: { resume } });
    expect(again.json).toMatchObject({
      conversationId: visitor.conversationId,
      resumeKey: issued.resumeKey,
      resumed: true,
      userId: visitor.userId,
      mode: 'local',
    });
    expect(again.json.token).not.toBe(visitor.token);
    const reloaded = { ...visitor, token: again.json.token };
    // What DirectLineJS does with a conversation id: reconnect, then poll from the start.
    const reconnect = await call(
      app,
      'GET',
      `/v3/directline/conversations/${visitor.conversationId}?watermark=`,
      {
        token: reloaded.token,
      },
    );
    expect(reconnect.status).toBe(200);
    const history = messages((await activities(app, reloaded)).json).map((activity) => activity.text ?? '');
    expect(history[0]).toContain('こんにちは');
    expect(history.some((text) => text.includes('SMS'))).toBe(true);
    // The same conversation to the bot: 「はい」 accepts its offer of the card company's page.
    const before = (await activities(app, reloaded)).json.watermark;
    await say(app, reloaded, 'はい');
    const [, asked] = messages((await activities(app, reloaded, before)).json);
    expect(asked.text).toContain('番号か名前でお知らせください');
    // The page before the reload (or a duplicated tab) keeps working with its own token.
    expect((await activities(app, visitor)).status).toBe(200);
  });

  it('starts a new conversation instead when the key is not the one of the conversation, or the conversation has expired', async () => {
    const first = (await call(app, 'POST', '/api/directline/token')).json;
    const other = (await call(app, 'POST', '/api/directline/token')).json;
    await say(app, first, 'こんにちは');
    const tokenFor = (resume: object) => call(app, 'POST', '/api/directline/token', { body: { resume } });

    const forged = await tokenFor({ conversationId: first.conversationId, key: other.resumeKey });
    expect(forged.json).toMatchObject({ resumed: false });
    expect(forged.json.conversationId).not.toBe(first.conversationId);
    const reading = await call(
      app,
      'GET',
      `/v3/directline/conversations/${first.conversationId}/activities`,
      {
        token: forged.json.token,
      },
    );
    expect(reading.status).toBe(403);

    clock.now += minutes(31);
    const expired = await tokenFor({ conversationId: first.conversationId, key: first.resumeKey });
    expect(expired.json).toMatchObject({ resumed: false, mode: 'local' });
    expect(expired.json.conversationId).not.toBe(first.conversationId);

    const malformed = await call(app, 'POST', '/api/directline/token', { body: '{"resume":' });
    expect(malformed).toMatchObject({ status: 400, json: { code: 'BadArgument' } });
  });

  it('keeps the last 100 activities of a long conversation, in order', async () => {
    const visitor = await openChat(app);
    for (let batch = 0; batch < 3; batch += 1) {
      for (let message = 0; message < 20; message += 1) {
        // Thanks get one reply each (no follow-up prompt), so each message adds two activities.
        expect((await say(app, visitor, `ありがとうございます ${batch * 20 + message}`)).status).toBe(200);
      }
      clock.now += minutes(1);
    }
    const { json } = await activities(app, visitor);
    expect(json.activities).toHaveLength(100);
    expect(json.watermark).toBe('121');
    const userTexts = messages(json)
      .filter((activity) => activity.from.role === 'user')
      .map((activity) => activity.text);
    expect(userTexts.at(-1)).toBe('ありがとうございます 59');
    expect(userTexts[0]).toBe('ありがとうございます 10');
  });

  it('limits a conversation to 20 messages a minute (429 with Retry-After), then accepts again', async () => {
    const visitor = await openChat(app);
    for (let message = 0; message < 20; message += 1) {
      expect((await say(app, visitor, 'ありがとう')).status).toBe(200);
    }
    const limited = await say(app, visitor, 'ありがとう');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    clock.now += minutes(1);
    expect((await say(app, visitor, 'ありがとう')).status).toBe(200);
  });

  it('lets a listed site use the chat (CORS) and refuses a token to any other site', async () => {
    const { app: embedded } = await startLocal({ WEBCHAT_ALLOWED_ORIGINS: 'https://apply.example.jp' });
    try {
      const listed = await call(embedded, 'POST', '/api/directline/token', {
        headers: { origin: 'https://apply.example.jp' },
      });
      expect(listed.status).toBe(200);
      expect(listed.headers.get('access-control-allow-origin')).toBe('https://apply.example.jp');
      const preflight = await call(embedded, 'OPTIONS', '/v3/directline/conversations', {
        headers: { origin: 'https://apply.example.jp', 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);

      const other = await call(embedded, 'POST', '/api/directline/token', {
        headers: { origin: 'https://evil.example.com' },
      });
      expect(other.status).toBe(403);
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(other.text).not.toContain('token":');
    } finally {
      await embedded.close();
    }
  });
});

describe('local Direct Line limits on conversations and polling', () => {
  it('does not count page loads that resume a conversation against the per-address token limit', async () => {
    const { app } = await startLocal({ WEBCHAT_TOKENS_PER_MINUTE: '2' });
    try {
      const token = (body?: unknown) => call(app, 'POST', '/api/directline/token', { body });
      const first = (await token()).json;
      const resume = { conversationId: first.conversationId, key: first.resumeKey };
      for (let page = 0; page < 5; page += 1) {
        expect((await token({ resume })).json).toMatchObject({ resumed: true });
      }
      expect((await token()).status).toBe(200);
      // New conversations still count: the third in a minute is refused.
      expect((await token()).status).toBe(429);
      expect((await token({ resume })).json).toMatchObject({ resumed: true });
    } finally {
      await app.close();
    }
  });

  it('refuses a new visitor politely when every conversation slot is taken, until one expires', async () => {
    const { app, clock } = await startLocal({ WEBCHAT_MAX_CONVERSATIONS: '2', WEBCHAT_IDLE_MINUTES: '5' });
    try {
      const first: Visitor = await openChat(app);
      await openChat(app);
      const refused = await call(app, 'POST', '/api/directline/token');
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('60');
      expect(refused.json).toEqual({ code: 'Busy', message: expect.any(String) });

      clock.now += minutes(6);
      expect((await call(app, 'POST', '/api/directline/token')).status).toBe(200);
      // The expired conversation made room, and its token went with it.
      expect((await activities(app, first)).status).toBe(403);
    } finally {
      await app.close();
    }
  });

  it('holds a poll with nothing new until the answer arrives (long polling)', async () => {
    const { app } = await startLocal({}, { pollWaitMs: 20_000 });
    try {
      const visitor = await openChat(app);
      const { watermark } = (await activities(app, visitor)).json;
      const waiting = activities(app, visitor, watermark);
      await say(app, visitor, '3Dセキュアとは何ですか');
      const { json } = await waiting;
      expect(json.activities.length).toBeGreaterThan(0);
      expect(json.activities[0].text).toBe('3Dセキュアとは何ですか');
    } finally {
      await app.close();
    }
  });
});

describe('resuming a local conversation', () => {
  it('keeps the tokens of other tabs but at most four, the oldest going first', () => {
    const clock = { now: 0 };
    const directLine = new LocalDirectLine(DEFAULT_LIMITS, () => clock.now);
    const opened = directLine.openConversation('client');
    if (!opened.ok) throw new Error('not opened');
    const tokens = [opened.issued.token];
    for (let reload = 0; reload < MAX_TOKENS_PER_CONVERSATION; reload += 1) {
      tokens.push(directLine.resume(opened.issued.conversationId)!.token);
    }
    const works = tokens.map((token) => directLine.authorize(token, opened.issued.conversationId).ok);
    expect(works).toEqual([false, true, true, true, true]);
    expect(directLine.tokenCount).toBe(MAX_TOKENS_PER_CONVERSATION);
  });
});
