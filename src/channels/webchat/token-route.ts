/**
 * POST /api/directline/token: what the bubble calls before it opens a conversation.
 * Local mode opens a conversation on the bot's own Direct Line. Azure mode exchanges the
 * Direct Line secret for a token bound to a new `dl_` user id; the secret stays on the server.
 *
 * After a page load the bubble sends `{ resume: { conversationId, key, idleSeconds } }`: with
 * the key handed out for that conversation, the answer is a fresh token for it (`resumed:
 * true`); once the conversation has expired (forgotten by the local Direct Line, refused by
 * Azure's, or silent longer than WEBCHAT_IDLE_MINUTES) it is a new conversation (`resumed: false`).
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'restify';
import type restify from 'restify';
import type { WebChatSettings } from '../../config';
import type { Logger } from '../../logger';
import { describeError } from '../../logger';
import { jsonBody } from '../../server/request-body';
import type { ClientRateLimit } from './client-rate-limit';
import type { LocalDirectLine } from './local-direct-line';
import { allowCrossOrigin, originAllowed } from './origins';
import type { ResumeKeys } from './resume-keys';

export const TOKEN_PATH = '/api/directline/token';

/** A token for one conversation, as Direct Line issued it. `domain` is absent in local mode. */
interface IssuedConversation {
  readonly mode: 'local' | 'azure';
  readonly token: string;
  readonly conversationId: string;
  /** Who the visitor is in the conversation; absent for a resumed Azure one (its token says). */
  readonly userId?: string;
  readonly expiresIn: number;
  readonly domain?: string;
}

/** What the bubble receives. */
export interface WebChatToken extends IssuedConversation {
  /** What the bubble sends back, with the conversation id, to take the conversation up again. */
  readonly resumeKey: string;
  /** True when this is the conversation the bubble asked to resume. */
  readonly resumed: boolean;
}

/** The conversation a bubble asks to take up again after a page load. */
interface ResumeRequest {
  readonly conversationId: string;
  readonly key: string;
  /** Seconds since the bubble last saw an activity of it. */
  readonly idleSeconds: number;
}

/** Azure's answer to tokens/generate. */
interface GeneratedToken {
  conversationId?: unknown;
  token?: unknown;
  expires_in?: unknown;
}

export class DirectLineTokenError extends Error {
  constructor(
    readonly status: number | undefined,
    call = 'tokens/generate',
  ) {
    super(`Direct Line ${call} failed${status ? ` with HTTP ${status}` : ''}`);
    this.name = 'DirectLineTokenError';
  }
}

/** One call to Azure Direct Line with the secret, within 10 seconds; a network failure is a DirectLineTokenError. */
async function callDirectLine(
  settings: WebChatSettings,
  call: string,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<globalThis.Response> {
  try {
    return await fetch(`${settings.directLineEndpoint}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        Authorization: `Bearer ${settings.directLineSecret}`,
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new DirectLineTokenError(undefined, call);
  }
}

/** Exchanges the Direct Line secret for a token (Azure's tokens/generate). */
export async function generateAzureToken(settings: WebChatSettings): Promise<IssuedConversation> {
  const userId = `dl_${randomBytes(12).toString('base64url')}`;
  const response = await callDirectLine(settings, 'tokens/generate', '/tokens/generate', {
    method: 'POST',
    body: {
      user: { id: userId },
      ...(settings.allowedOrigins.length ? { trustedOrigins: settings.allowedOrigins } : {}),
    },
  });
  if (!response.ok) throw new DirectLineTokenError(response.status);
  const body = (await response.json()) as GeneratedToken;
  if (typeof body.token !== 'string' || typeof body.conversationId !== 'string') {
    throw new DirectLineTokenError(response.status);
  }
  return azureConversation(settings, body.conversationId, body.token, body.expires_in, userId);
}

/**
 * A fresh token for an existing conversation (Direct Line's reconnect, called with the secret),
 * or undefined when Direct Line no longer knows it or refuses it (4xx).
 */
export async function reconnectAzure(
  settings: WebChatSettings,
  conversationId: string,
): Promise<IssuedConversation | undefined> {
  const call = 'reconnect';
  const response = await callDirectLine(
    settings,
    call,
    `/conversations/${encodeURIComponent(conversationId)}`,
  );
  if (response.status >= 400 && response.status < 500) return undefined;
  if (!response.ok) throw new DirectLineTokenError(response.status, call);
  const body = (await response.json()) as GeneratedToken;
  if (typeof body.token !== 'string') throw new DirectLineTokenError(response.status, call);
  return azureConversation(settings, conversationId, body.token, body.expires_in);
}

function azureConversation(
  settings: WebChatSettings,
  conversationId: string,
  token: string,
  expiresIn: unknown,
  userId?: string,
): IssuedConversation {
  return {
    mode: 'azure',
    token,
    conversationId,
    ...(userId === undefined ? {} : { userId }),
    expiresIn: typeof expiresIn === 'number' ? expiresIn : 3600,
    domain: settings.directLineEndpoint,
  };
}

/** The resume request in the body, if there is a well-formed one; anything else asks for a new conversation. */
function resumeRequest(body: unknown): ResumeRequest | undefined {
  const resume = (body as { resume?: Partial<Record<keyof ResumeRequest, unknown>> } | undefined)?.resume;
  if (typeof resume !== 'object' || resume === null) return undefined;
  const { conversationId, key, idleSeconds } = resume;
  if (typeof conversationId !== 'string' || typeof key !== 'string') return undefined;
  if (conversationId.length > 200 || key.length > 100) return undefined;
  const idle = typeof idleSeconds === 'number' && idleSeconds >= 0 ? idleSeconds : 0;
  return { conversationId, key, idleSeconds: idle };
}

export interface TokenRouteOptions {
  readonly settings: WebChatSettings;
  /** The local Direct Line (local mode only). */
  readonly localDirectLine: LocalDirectLine | undefined;
  /** Tokens per client address per minute. */
  readonly tokenLimit: ClientRateLimit;
  readonly resumeKeys: ResumeKeys;
  /** The address a request comes from (TRUST_PROXY decides whether X-Forwarded-For counts). */
  readonly clientOf: (req: Request) => string;
  readonly logger: Logger;
  /** For what clients cause at will: rate-limited. */
  readonly notices: Logger;
}

const TOO_MANY = { code: 'TooManyRequests', message: 'Too many chats from this address; try again shortly.' };

export function registerTokenRoute(server: restify.Server, options: TokenRouteOptions): void {
  const { settings, localDirectLine, tokenLimit, logger, notices, resumeKeys } = options;
  const idleSecondsAllowed = settings.idleMinutes * 60;

  function answer(res: Response, issued: IssuedConversation, resumed: boolean): void {
    const token: WebChatToken = { ...issued, resumeKey: resumeKeys.keyFor(issued.conversationId), resumed };
    res.send(200, token);
  }

  /** Local mode: a new conversation (or a refusal). */
  function openLocal(res: Response, directLine: LocalDirectLine, client: string) {
    const opened = directLine.openConversation(client);
    if (!opened.ok && opened.reason === 'client') {
      notices.warn('Web Chat conversation refused: one client holds its share', {
        perClient: directLine.limits.perClient,
      });
      res.header('Retry-After', '60');
      res.send(429, TOO_MANY);
      return;
    }
    if (!opened.ok) {
      notices.warn('Web Chat conversation refused: all local conversations in use', {
        maxConversations: directLine.limits.maxConversations,
      });
      res.header('Retry-After', '60');
      res.send(503, { code: 'Busy', message: 'Too many conversations; try again shortly.' });
      return;
    }
    answer(res, { mode: 'local', ...opened.issued }, false);
  }

  /** Azure mode: Direct Line's reconnect for a conversation silent less than the idle limit, else a new one. */
  async function azureToken(res: Response, resume?: ResumeRequest) {
    try {
      const live = resume && resume.idleSeconds < idleSecondsAllowed;
      const resumed = live ? await reconnectAzure(settings, resume.conversationId) : undefined;
      if (resumed) answer(res, resumed, true);
      else answer(res, await generateAzureToken(settings), false);
    } catch (error) {
      logger.error('Could not get a Direct Line token', {
        ...describeError(error),
        status: error instanceof DirectLineTokenError ? error.status : undefined,
      });
      res.send(502, { code: 'DirectLineUnavailable', message: 'The chat service is unavailable.' });
    }
  }

  server.post(TOKEN_PATH, async function directLineToken(req: Request, res: Response) {
    allowCrossOrigin(req, res, settings.allowedOrigins);
    res.header('Cache-Control', 'no-store');
    if (!originAllowed(req, settings.allowedOrigins)) {
      res.send(403, { code: 'Forbidden', message: 'This site may not embed the chat.' });
      return;
    }
    const body = jsonBody(req);
    if (!body.ok) {
      res.send(400, { code: 'BadArgument', message: 'The body is not JSON.' });
      return;
    }
    const asked = resumeRequest(body.value);
    // A key that does not go with the conversation is treated like an expired conversation.
    const resume = asked && resumeKeys.matches(asked.conversationId, asked.key) ? asked : undefined;
    // A page load with the chat open resumes its local conversation without counting against
    // the per-address limit: it creates nothing (a conversation keeps at most a few tokens).
    const resumed = resume && localDirectLine?.resume(resume.conversationId);
    if (resumed) {
      answer(res, { mode: 'local', ...resumed }, true);
      return;
    }
    const client = options.clientOf(req);
    const taken = tokenLimit.take(client);
    if (!taken.ok) {
      notices.warn('Web Chat token refused: too many from one client', { perMinute: tokenLimit.perMinute });
      res.header('Retry-After', String(taken.retryAfterSeconds));
      res.send(429, TOO_MANY);
      return;
    }
    if (localDirectLine) openLocal(res, localDirectLine, client);
    else await azureToken(res, resume);
  });
}
