/**
 * One client must not be able to keep other visitors out of the chat bubble: tokens per client
 * address, conversations per client address, unused conversations freed quickly, and a refresh
 * that replaces its token. Against the real app on an ephemeral port, with a clock the test moves.
 */
import { startApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { loadTokenizer, type Tokenizer } from '../../../src/nlu';
import { activities, call, say, type Visitor } from './direct-line-client';

const minutes = (count: number) => count * 60_000;

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

async function startLocal(env: Record<string, string> = {}, log?: (line: string) => void) {
  const clock = { now: Date.parse('2026-11-25T10:00:00Z') };
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', ...env });
  const logger = log ? createLogger('info', log) : createLogger('silent');
  const app = await startApp(config, logger, Promise.resolve(tokenizer), {
    webChat: { now: () => clock.now, pollWaitMs: 0 },
  });
  await app.ready;
  return { app, clock };
}

type App = Awaited<ReturnType<typeof startLocal>>['app'];

/** POST /api/directline/token as a browser behind App Service's front end would send it. */
const token = (app: App, address?: string) =>
  call(app, 'POST', '/api/directline/token', {
    headers: address ? { 'x-forwarded-for': address } : {},
  });

/** The bubble's first open (token, then start), from the given address. */
async function openFrom(app: App, address: string): Promise<Visitor> {
  const issued = await token(app, address);
  if (issued.status !== 200) throw new Error(`token: HTTP ${issued.status}`);
  const started = await call(app, 'POST', '/v3/directline/conversations', { token: issued.json.token });
  if (started.status !== 201) throw new Error(`start: HTTP ${started.status}`);
  return {
    token: issued.json.token,
    conversationId: started.json.conversationId,
    userId: issued.json.userId,
  };
}

describe('one client cannot keep other visitors out of the chat', () => {
  it('gives one address a few tokens a minute (then 429 with Retry-After) while another visitor still chats', async () => {
    const { app, clock } = await startLocal({ TRUST_PROXY: '1' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 1000; i++) statuses.push((await token(app, '203.0.113.9')).status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(10);
      expect(statuses.filter((status) => status === 429)).toHaveLength(990);
      const refused = await token(app, '203.0.113.9');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.json).toEqual({ code: 'TooManyRequests', message: expect.any(String) });

      const visitor = await openFrom(app, '198.51.100.7');
      await say(app, visitor, 'ワンタイムパスワードはどこに届きますか');
      const texts = (await activities(app, visitor)).json.activities.map((a: { text?: string }) => a.text);
      expect(texts.join('\n')).toContain('SMS');

      clock.now += minutes(1);
      expect((await token(app, '203.0.113.9')).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('counts every request from one connection address as one client when TRUST_PROXY is 0, whatever X-Forwarded-For says, and tells the operator once', async () => {
    const lines: string[] = [];
    const { app } = await startLocal({ WEBCHAT_TOKENS_PER_MINUTE: '3' }, (line) => lines.push(line));
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await token(app, `192.0.2.${i + 1}`)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const told = lines.filter((line) => line.includes('TRUST_PROXY is 0'));
      expect(told).toHaveLength(1);
      expect(JSON.parse(told[0]!).level).toBe('warn');
    } finally {
      await app.close();
    }
  });

  it('holds one address to WEBCHAT_CONVERSATIONS_PER_CLIENT conversations at once (429), and frees them when unused', async () => {
    const { app, clock } = await startLocal({
      TRUST_PROXY: '1',
      WEBCHAT_CONVERSATIONS_PER_CLIENT: '3',
      WEBCHAT_TOKENS_PER_MINUTE: '1000',
    });
    try {
      for (let i = 0; i < 3; i++) expect((await token(app, '2001:db8:1:2::10')).status).toBe(200);
      // Another address in the same IPv6 /64 is the same client.
      const over = await token(app, '2001:db8:1:2::99');
      expect(over.status).toBe(429);
      expect(over.headers.get('retry-after')).toBeTruthy();
      expect((await token(app, '2001:db8:1:3::10')).status).toBe(200);

      clock.now += minutes(2);
      expect((await token(app, '2001:db8:1:2::10')).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('frees the slot of a conversation in which nothing was posted after 2 minutes, and keeps a conversation in use', async () => {
    const { app, clock } = await startLocal({ TRUST_PROXY: '1', WEBCHAT_MAX_CONVERSATIONS: '3' });
    try {
      const talking = await openFrom(app, '198.51.100.1');
      await say(app, talking, '3Dセキュアとは');
      const silent = await openFrom(app, '198.51.100.2');
      await openFrom(app, '198.51.100.3');
      expect((await token(app, '198.51.100.4')).status).toBe(503);

      clock.now += minutes(2);
      expect((await token(app, '198.51.100.4')).status).toBe(200);
      expect((await activities(app, talking)).status).toBe(200);
      expect((await activities(app, silent)).status).not.toBe(200);
    } finally {
      await app.close();
    }
  });

  it('replaces the token on refresh: after 200 refreshes only the newest works, and the one before it for 30 seconds', async () => {
    const { app, clock } = await startLocal();
    try {
      const visitor = await openFrom(app, '127.0.0.1');
      const tokens = [visitor.token];
      for (let i = 0; i < 200; i++) {
        const refreshed = await call(app, 'POST', '/v3/directline/tokens/refresh', { token: tokens.at(-1) });
        expect(refreshed.status).toBe(200);
        tokens.push(refreshed.json.token as string);
      }
      const works = async (candidate: string) =>
        (await activities(app, { ...visitor, token: candidate })).status === 200;
      for (const old of tokens.slice(0, -2)) expect(await works(old)).toBe(false);
      expect(await works(tokens.at(-2)!)).toBe(true);
      expect(await works(tokens.at(-1)!)).toBe(true);

      clock.now += 31_000;
      expect(await works(tokens.at(-2)!)).toBe(false);
      expect(await works(tokens.at(-1)!)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
