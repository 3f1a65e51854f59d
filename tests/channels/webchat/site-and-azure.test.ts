import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { type RunningApp, startApp } from '../../../src/app';
import { ResumeKeys } from '../../../src/channels/webchat/resume-keys';
import { webChatBundle } from '../../../src/channels/webchat/webchat-bundle';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { loadTokenizer, type Tokenizer } from '../../../src/nlu';
import { call } from './direct-line-client';
import fs from 'node:fs';

const SECRET = 'direct-line-secret-abc123';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

async function start(env: Record<string, string> = {}, lines: string[] = []): Promise<RunningApp> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env });
  const logger = createLogger('info', (line) => lines.push(line));
  const app = await startApp(config, logger, Promise.resolve(tokenizer));
  await app.ready;
  return app;
}

/**
 * A stand-in for Azure Direct Line on loopback, recording what it is sent: tokens/generate, and
 * the reconnect call (GET conversations/{id}) for the one conversation it knows.
 */
async function fakeDirectLine(status = 200) {
  const received: { method?: string; url?: string; authorization?: string; body: any }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const { method, url } = req;
      received.push({ method, url, authorization: req.headers.authorization, body: JSON.parse(raw || '{}') });
      if (method === 'GET' && url === '/v3/directline/conversations/azure-conversation-1' && status === 200) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ conversationId: 'azure-conversation-1', token: 'azure-token-again' }));
        return;
      }
      if (url !== '/v3/directline/tokens/generate' || status !== 200) {
        res.writeHead(status === 200 ? 404 : status);
        res.end('{}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ conversationId: 'azure-conversation-1', token: 'azure-token', expires_in: 3600 }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline`;
  return { endpoint, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('the demo page and the launcher', () => {
  let app: RunningApp;
  beforeAll(async () => (app = await start()));
  afterAll(() => app.close());

  it('serves the demo application page with the bubble and a Content-Security-Policy', async () => {
    const page = await call(app, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toContain('<script src="/webchat/bubble.js"');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("object-src 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(page.text).toContain(`nonce="${nonce}"`);
    expect((await call(app, 'GET', '/')).headers.get('content-security-policy')).not.toContain(nonce);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    // A second page of the demo site, for a conversation that follows the visitor.
    const myPage = await call(app, 'GET', '/mypage');
    expect(myPage.text).toContain('<h1>マイページ</h1>');
    expect(myPage.text).toContain('<script src="/webchat/bubble.js"');
    expect(page.text).toContain('<h1>お支払い手続き</h1>');
  });

  it('keeps the launcher under 10 KB gzipped and loads Web Chat only from this server', async () => {
    const response = await fetch(`${app.url}/webchat/bubble.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    const launcher = await call(app, 'GET', '/webchat/bubble.js');
    const gzipped = zlib.gzipSync(Buffer.from(launcher.text), { level: 9 }).length;
    expect(gzipped).toBeLessThanOrEqual(10 * 1024);
    expect(launcher.text).not.toMatch(/https?:\/\/(?!<)/);
    const { version, file } = webChatBundle();
    expect(launcher.text).toContain(`/webchat/webchat-${version}.js`);

    const webChat = await fetch(`${app.url}/webchat/webchat-${version}.js`);
    expect(webChat.status).toBe(200);
    expect(webChat.headers.get('cache-control')).toContain('immutable');
    expect(Buffer.from(await webChat.arrayBuffer()).equals(fs.readFileSync(file))).toBe(true);
  });

  it('serves the local Direct Line when no secret is configured', async () => {
    const token = await call(app, 'POST', '/api/directline/token');
    expect(token.json).toMatchObject({ mode: 'local' });
    expect(token.headers.get('cache-control')).toBe('no-store');
  });
});

describe('production mode with DIRECT_LINE_SECRET', () => {
  it('exchanges the secret for a token bound to a dl_ user and trusted origins, never showing the secret', async () => {
    const azure = await fakeDirectLine();
    const lines: string[] = [];
    const app = await start(
      {
        DIRECT_LINE_SECRET: SECRET,
        DIRECT_LINE_ENDPOINT: azure.endpoint,
        WEBCHAT_ALLOWED_ORIGINS: 'https://apply.example.jp,https://www.example.jp',
      },
      lines,
    );
    try {
      const token = await call(app, 'POST', '/api/directline/token', {
        headers: { origin: 'https://apply.example.jp' },
      });
      expect(token.status).toBe(200);
      expect(token.json).toEqual({
        mode: 'azure',
        token: 'azure-token',
        conversationId: 'azure-conversation-1',
        userId: expect.stringMatching(/^dl_[\w-]{8,}$/),
        expiresIn: 3600,
        domain: azure.endpoint,
        resumeKey: expect.stringMatching(/^[\w-]{43}$/),
        resumed: false,
      });
      expect(azure.received).toEqual([
        {
          method: 'POST',
          url: '/v3/directline/tokens/generate',
          authorization: `Bearer ${SECRET}`,
          body: {
            user: { id: token.json.userId },
            trustedOrigins: ['https://apply.example.jp', 'https://www.example.jp'],
          },
        },
      ]);

      const page = await call(app, 'GET', '/');
      const launcher = await call(app, 'GET', '/webchat/bubble.js');
      for (const served of [token.text, page.text, launcher.text, lines.join('')]) {
        expect(served).not.toContain(SECRET);
      }
      expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' http://127.0.0.1:`);
      expect((await call(app, 'POST', '/v3/directline/conversations', { token: 'x' })).status).toBe(404);
    } finally {
      await app.close();
      await azure.close();
    }
  });

  it('resumes a conversation after a page load through Direct Line reconnect, only with its key and while it lives', async () => {
    const azure = await fakeDirectLine();
    const app = await start({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: azure.endpoint });
    const tokenFor = (resume: object) => call(app, 'POST', '/api/directline/token', { body: { resume } });
    try {
      const first = (await call(app, 'POST', '/api/directline/token')).json;
      const resumed = await tokenFor({
        conversationId: first.conversationId,
        key: first.resumeKey,
        idleSeconds: 60,
      });
      expect(resumed.json).toEqual({
        mode: 'azure',
        token: 'azure-token-again',
        conversationId: 'azure-conversation-1',
        expiresIn: 3600,
        domain: azure.endpoint,
        resumeKey: first.resumeKey,
        resumed: true,
      });
      expect(azure.received.at(-1)).toMatchObject({
        method: 'GET',
        url: '/v3/directline/conversations/azure-conversation-1',
        authorization: `Bearer ${SECRET}`,
      });
      expect(resumed.text).not.toContain(SECRET);

      const calls = azure.received.length;
      // Silent longer than WEBCHAT_IDLE_MINUTES (30): a new conversation, without asking Direct Line.
      const stale = await tokenFor({
        conversationId: first.conversationId,
        key: first.resumeKey,
        idleSeconds: 1801,
      });
      // A key that is not this conversation's (another conversation's, or made up): a new one too.
      const forged = await tokenFor({ conversationId: first.conversationId, key: 'A'.repeat(43) });
      for (const reply of [stale, forged])
        expect(reply.json).toMatchObject({ token: 'azure-token', resumed: false });
      expect(azure.received.slice(calls).map((request) => request.url)).toEqual([
        '/v3/directline/tokens/generate',
        '/v3/directline/tokens/generate',
      ]);
    } finally {
      await app.close();
      await azure.close();
    }
  });

  it('starts a new conversation when Direct Line no longer knows the one to resume', async () => {
    const azure = await fakeDirectLine();
    const app = await start({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: azure.endpoint });
    try {
      // A key made the way this deployment makes them, for a conversation Direct Line has dropped.
      const other = new ResumeKeys(SECRET).keyFor('azure-conversation-gone');
      const reply = await call(app, 'POST', '/api/directline/token', {
        body: { resume: { conversationId: 'azure-conversation-gone', key: other, idleSeconds: 5 } },
      });
      expect(reply.json).toMatchObject({ conversationId: 'azure-conversation-1', resumed: false });
      expect(azure.received.map((request) => `${request.method} ${request.url}`)).toEqual([
        'GET /v3/directline/conversations/azure-conversation-gone',
        'POST /v3/directline/tokens/generate',
      ]);
    } finally {
      await app.close();
      await azure.close();
    }
  });

  it('answers 502 when Direct Line refuses, and logs the status without the secret', async () => {
    const azure = await fakeDirectLine(403);
    const lines: string[] = [];
    const app = await start({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: azure.endpoint }, lines);
    try {
      const token = await call(app, 'POST', '/api/directline/token');
      expect(token.status).toBe(502);
      const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.status === 403);
      expect(logged).toMatchObject({ level: 'error', message: 'Could not get a Direct Line token' });
      expect(lines.join('')).not.toContain(SECRET);
    } finally {
      await app.close();
      await azure.close();
    }
  });
});
