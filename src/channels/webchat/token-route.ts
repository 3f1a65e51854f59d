/**
 * POST /api/directline/token: what the bubble calls before it opens a conversation.
 * Local mode opens a conversation on the bot's own Direct Line. Azure mode exchanges the
 * Direct Line secret for a token bound to a new `dl_` user id; the secret stays on the server.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'restify';
import type restify from 'restify';
import type { WebChatSettings } from '../../config';
import type { Logger } from '../../logger';
import { describeError } from '../../logger';
import type { ClientRateLimit } from './client-rate-limit';
import type { LocalDirectLine } from './local-direct-line';
import { allowCrossOrigin, originAllowed } from './origins';

export const TOKEN_PATH = '/api/directline/token';

/** What the bubble receives. `domain` is absent in local mode: the bubble's own server is it. */
export interface WebChatToken {
  readonly mode: 'local' | 'azure';
  readonly token: string;
  readonly conversationId: string;
  readonly userId: string;
  readonly expiresIn: number;
  readonly domain?: string;
}

/** Azure's answer to tokens/generate. */
interface GeneratedToken {
  conversationId?: unknown;
  token?: unknown;
  expires_in?: unknown;
}

export class DirectLineTokenError extends Error {
  constructor(readonly status: number | undefined) {
    super(`Direct Line tokens/generate failed${status ? ` with HTTP ${status}` : ''}`);
    this.name = 'DirectLineTokenError';
  }
}

/** Exchanges the Direct Line secret for a token (Azure's tokens/generate). */
export async function generateAzureToken(settings: WebChatSettings): Promise<WebChatToken> {
  const userId = `dl_${randomBytes(12).toString('base64url')}`;
  let response: globalThis.Response;
  try {
    response = await fetch(`${settings.directLineEndpoint}/tokens/generate`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${settings.directLineSecret}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        user: { id: userId },
        ...(settings.allowedOrigins.length ? { trustedOrigins: settings.allowedOrigins } : {}),
      }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new DirectLineTokenError(undefined);
  }
  if (!response.ok) throw new DirectLineTokenError(response.status);
  const body = (await response.json()) as GeneratedToken;
  if (typeof body.token !== 'string' || typeof body.conversationId !== 'string') {
    throw new DirectLineTokenError(response.status);
  }
  return {
    mode: 'azure',
    token: body.token,
    conversationId: body.conversationId,
    userId,
    expiresIn: typeof body.expires_in === 'number' ? body.expires_in : 3600,
    domain: settings.directLineEndpoint,
  };
}

export interface TokenRouteOptions {
  readonly settings: WebChatSettings;
  /** The local Direct Line (local mode only). */
  readonly localDirectLine: LocalDirectLine | undefined;
  /** Tokens per client address per minute. */
  readonly tokenLimit: ClientRateLimit;
  /** The address a request comes from (TRUST_PROXY decides whether X-Forwarded-For counts). */
  readonly clientOf: (req: Request) => string;
  readonly logger: Logger;
  /** For what clients cause at will: rate-limited. */
  readonly notices: Logger;
}

const TOO_MANY = { code: 'TooManyRequests', message: 'Too many chats from this address; try again shortly.' };

export function registerTokenRoute(server: restify.Server, options: TokenRouteOptions): void {
  const { settings, localDirectLine, tokenLimit, logger, notices } = options;
  server.post(TOKEN_PATH, async function directLineToken(req: Request, res: Response) {
    allowCrossOrigin(req, res, settings.allowedOrigins);
    res.header('Cache-Control', 'no-store');
    if (!originAllowed(req, settings.allowedOrigins)) {
      res.send(403, { code: 'Forbidden', message: 'This site may not embed the chat.' });
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
    if (localDirectLine) {
      const opened = localDirectLine.openConversation(client);
      if (!opened.ok && opened.reason === 'client') {
        notices.warn('Web Chat conversation refused: one client holds its share', {
          perClient: localDirectLine.limits.perClient,
        });
        res.header('Retry-After', '60');
        res.send(429, TOO_MANY);
        return;
      }
      if (!opened.ok) {
        notices.warn('Web Chat conversation refused: all local conversations in use', {
          maxConversations: localDirectLine.limits.maxConversations,
        });
        res.header('Retry-After', '60');
        res.send(503, { code: 'Busy', message: 'Too many conversations; try again shortly.' });
        return;
      }
      res.send(200, { mode: 'local', ...opened.issued } satisfies WebChatToken);
      return;
    }
    try {
      res.send(200, await generateAzureToken(settings));
    } catch (error) {
      logger.error('Could not get a Direct Line token', {
        ...describeError(error),
        status: error instanceof DirectLineTokenError ? error.status : undefined,
      });
      res.send(502, { code: 'DirectLineUnavailable', message: 'The chat service is unavailable.' });
    }
  });
}
