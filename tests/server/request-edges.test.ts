/**
 * What reaches the bot before any authentication: bodies (type, encoding, size, how they arrive),
 * the Bot Framework token, and where replies may go when authentication is off. Against the real
 * server on an ephemeral port; a loopback HTTP server stands in for Microsoft's identity metadata
 * and for a Bot Connector service elsewhere on the network.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { type AppOptions, type RunningApp, startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { loadTokenizer, type Tokenizer } from '../../src/nlu';
import { rawRequest } from '../helpers/raw-http';

const APP_ID = '00000000-0000-0000-0000-000000000001';

function activity(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    deliveryMode: 'expectReplies',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    from: { id: 'user-1' },
    recipient: { id: 'bot' },
    conversation: { id: 'conversation-1' },
    text: 'ワンタイムパスワードはどこに届きますか',
    ...fields,
  };
}

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

/** The real app on an ephemeral port, its log lines kept. */
async function start(env: Record<string, string> = {}, options: AppOptions = {}) {
  const lines: string[] = [];
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', ...env });
  const app = await startApp(
    config,
    createLogger('debug', (line) => lines.push(line)),
    Promise.resolve(tokenizer),
    options,
  );
  await app.ready;
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { app, lines, entries };
}

/** A loopback HTTP server that records requests and answers with `answer`. */
async function standIn(
  answer: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  host = '127.0.0.1',
) {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => answer(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    received,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe('request bodies on /api/messages', () => {
  let app: RunningApp;
  let entries: () => Record<string, unknown>[];
  beforeAll(async () => ({ app, entries } = await start()));
  afterAll(() => app.close());
  const url = () => `${app.url}/api/messages`;

  it('refuses a form-urlencoded body with 415 instead of taking it as an activity', async () => {
    const response = await rawRequest(url(), {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      chunks: [
        'type=message&deliveryMode=expectReplies&text=3D&conversation[id]=c&serviceUrl=http://127.0.0.1:9',
      ],
    });
    expect(response.status).toBe(415);
    expect(JSON.parse(response.text)).toEqual({ code: 'UnsupportedMediaType', message: expect.any(String) });
  });

  it('refuses a multipart upload with 415 and writes nothing to the temporary folder', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'multipart-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const boundary = 'x-boundary';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n`),
        Buffer.alloc(512 * 1024, 7),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const response = await rawRequest(url(), {
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': body.length,
        },
        chunks: [body],
      });
      expect(response.status).toBe(415);
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      process.env.TMPDIR = previous;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('refuses a gzip-compressed body with 415 without inflating it', async () => {
    const body = zlib.gzipSync(JSON.stringify(activity()));
    const response = await rawRequest(url(), {
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': body.length,
      },
      chunks: [body],
    });
    expect(response.status).toBe(415);
    expect(response.headers['accept-encoding']).toBe('identity');
  });

  it('answers 413 as soon as a body streaming in passes 64 KiB, without waiting for the rest', async () => {
    const response = await rawRequest(url(), {
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      chunks: ['{"type":"message","text":"', 'あ'.repeat(30_000)],
      hold: true,
    });
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe('close');
  });

  it('answers 413 at once to a Content-Length over 64 KiB, before any of the body arrives', async () => {
    const response = await rawRequest(url(), {
      headers: { 'content-type': 'application/json', 'content-length': 100 * 1024 * 1024 },
      hold: true,
    });
    expect(response.status).toBe(413);
  });

  it('refuses JSON in another encoding than UTF-8 with 415', async () => {
    const response = await rawRequest(url(), {
      headers: { 'content-type': 'application/json; charset=utf-16le' },
      chunks: [Buffer.from(JSON.stringify(activity()), 'utf16le')],
    });
    expect(response.status).toBe(415);
  });

  it('still answers a JSON activity with a UTF-8 charset', async () => {
    const response = await rawRequest(url(), {
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      chunks: [JSON.stringify(activity())],
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).activities[0].text).toContain('SMS');
  });

  it('logs refused bodies at warn, at most 10 times a minute however many come', async () => {
    const before = entries().length;
    for (let i = 0; i < 30; i++) {
      await rawRequest(url(), { headers: { 'content-type': 'text/plain' }, chunks: ['hello'] });
      await rawRequest(url(), { headers: { 'content-type': 'application/json' }, chunks: ['{oops'] });
    }
    const logged = entries().slice(before);
    expect(
      logged.every((entry) => entry.level === 'warn' || entry.level === 'debug' || entry.level === 'info'),
    ).toBe(true);
    const refusedUnread = logged.filter(
      (entry) => entry.message === 'Request refused before its body was read',
    );
    const notActivity = logged.filter((entry) => entry.message === 'Request refused: not a JSON activity');
    expect(refusedUnread.length).toBeGreaterThan(0);
    expect(refusedUnread.length).toBeLessThanOrEqual(10);
    expect(notActivity.length).toBeGreaterThan(0);
    expect(notActivity.length).toBeLessThanOrEqual(10);
  });

  it('answers an activity without a conversation id, and logs it at warn, not as an error', async () => {
    const before = entries().length;
    const response = await rawRequest(url(), {
      headers: { 'content-type': 'application/json' },
      chunks: [JSON.stringify(activity({ conversation: undefined }))],
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).activities[0].text).toContain('SMS');
    const logged = entries().slice(before);
    expect(logged.filter((entry) => entry.level === 'error')).toEqual([]);
    expect(logged).toContainEqual(
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('conversation id') }),
    );
  });
});

describe('where replies go when authentication is off', () => {
  /** An address of this machine that is not loopback, if it has one (a Bot Connector "elsewhere"). */
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

  it('listens on loopback by default without MicrosoftAppId, and says so', async () => {
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'info' });
    expect(config.host).toBe('127.0.0.1');
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    const lines: string[] = [];
    const app = await startApp(
      config,
      createLogger('info', (line) => lines.push(line)),
      Promise.resolve(tokenizer),
    );
    try {
      expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const listening = lines.map((line) => JSON.parse(line)).find((entry) => entry.message === 'Listening');
      expect(listening.reachable).toMatch(/this machine only.*HOST/);
    } finally {
      await app.close();
    }
  });

  it('refuses (403) to post replies to a serviceUrl that is not loopback, and posts nothing there', async () => {
    const connector = await standIn((_req, res) => res.end('{"id":"1"}'), external ? '0.0.0.0' : '127.0.0.1');
    const { app } = await start();
    try {
      const serviceUrl = `http://${external ?? '192.0.2.1'}:${connector.port}/`;
      const response = await rawRequest(`${app.url}/api/messages`, {
        headers: { 'content-type': 'application/json' },
        chunks: [JSON.stringify(activity({ deliveryMode: undefined, serviceUrl }))],
      });
      expect(response.status).toBe(403);
      expect(connector.received).toEqual([]);
      // A loopback serviceUrl (the Emulator's) still gets its replies.
      const local = await rawRequest(`${app.url}/api/messages`, {
        headers: { 'content-type': 'application/json' },
        chunks: [
          JSON.stringify(
            activity({ deliveryMode: undefined, serviceUrl: `http://127.0.0.1:${connector.port}/` }),
          ),
        ],
      });
      expect(local.status).toBe(200);
      expect(connector.received.length).toBeGreaterThan(0);
    } finally {
      await app.close();
      await connector.close();
    }
  });

  it('posts replies to another serviceUrl when UNAUTHENTICATED_SERVICE_URLS lists it', async () => {
    if (!external)
      return expect(
        loadConfig({ UNAUTHENTICATED_SERVICE_URLS: 'http://10.0.0.5:3978' }).bot.unauthenticatedServiceUrls,
      ).toEqual(['http://10.0.0.5:3978']);
    const connector = await standIn((_req, res) => res.end('{"id":"1"}'), '0.0.0.0');
    const { app } = await start({ UNAUTHENTICATED_SERVICE_URLS: `http://${external}:${connector.port}` });
    try {
      const response = await rawRequest(`${app.url}/api/messages`, {
        headers: { 'content-type': 'application/json' },
        chunks: [
          JSON.stringify(
            activity({ deliveryMode: undefined, serviceUrl: `http://${external}:${connector.port}/` }),
          ),
        ],
      });
      expect(response.status).toBe(200);
      expect(connector.received.length).toBeGreaterThan(0);
    } finally {
      await app.close();
      await connector.close();
    }
  });
});

describe('/api/messages with MicrosoftAppId set', () => {
  const forgedToken = () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = {
      iss: 'https://api.botframework.com',
      aud: APP_ID,
      exp: Math.floor(Date.now() / 1000) + 600,
      serviceurl: 'http://127.0.0.1:9',
    };
    return `Bearer ${part({ alg: 'RS256', kid: 'forged-key', typ: 'JWT' })}.${part(claims)}.${Buffer.from('not a signature').toString('base64url')}`;
  };
  const withAppId = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' };

  it('refuses (401) a request without an Authorization header before reading its body', async () => {
    const { app } = await start(withAppId);
    try {
      const response = await rawRequest(`${app.url}/api/messages`, {
        headers: { 'content-type': 'application/json', 'content-length': 60_000 },
        chunks: ['{"type":"message"'],
        hold: true,
      });
      expect(response.status).toBe(401);
      expect(JSON.parse(response.text)).toEqual({ code: 'Unauthorized', message: 'Unauthorized.' });
    } finally {
      await app.close();
    }
  });

  it('answers a forged token with the same 401 when the identity metadata cannot be fetched, and tells the operator', async () => {
    const metadata = await standIn((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('metadata service down: internal detail 0xDEAD');
    });
    const { app, entries } = await start(withAppId, {
      identity: { openIdMetadataUrl: `http://127.0.0.1:${metadata.port}/.well-known/openidconfiguration` },
    });
    try {
      const response = await rawRequest(`${app.url}/api/messages`, {
        headers: { 'content-type': 'application/json', authorization: forgedToken() },
        chunks: [JSON.stringify(activity())],
      });
      expect(response.status).toBe(401);
      expect(JSON.parse(response.text)).toEqual({ code: 'Unauthorized', message: 'Unauthorized.' });
      expect(metadata.received.length).toBeGreaterThan(0);
      expect(entries()).toContainEqual(
        expect.objectContaining({ level: 'error', message: 'Bot Framework token could not be checked' }),
      );
    } finally {
      await app.close();
      await metadata.close();
    }
  });

  it('answers a forged token with 401 and the fixed message when the metadata is reachable', async () => {
    const metadata = await standIn((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const base = `http://127.0.0.1:${(req.socket.localPort ?? 0).toString()}`;
      res.end(JSON.stringify(req.url?.includes('keys') ? { keys: [] } : { jwks_uri: `${base}/keys` }));
    });
    const { app, entries } = await start(withAppId, {
      identity: { openIdMetadataUrl: `http://127.0.0.1:${metadata.port}/.well-known/openidconfiguration` },
    });
    try {
      const response = await rawRequest(`${app.url}/api/messages`, {
        headers: { 'content-type': 'application/json', authorization: forgedToken() },
        chunks: [JSON.stringify(activity())],
      });
      expect(response.status).toBe(401);
      expect(JSON.parse(response.text)).toEqual({ code: 'Unauthorized', message: 'Unauthorized.' });
      expect(entries()).toContainEqual(
        expect.objectContaining({ level: 'warn', message: 'Bot Framework token refused' }),
      );
    } finally {
      await app.close();
      await metadata.close();
    }
  });
});
