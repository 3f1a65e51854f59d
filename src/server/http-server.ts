/**
 * The restify server: /api/messages through the Bot Framework CloudAdapter, and /healthz.
 * It listens before the engine is ready so that probes see 503 until the model is loaded.
 * Every request body goes through one reader (request-body.ts); the Bot Framework token is
 * checked here, before the turn, so that every authentication failure is the same 401.
 */
import type { Activity, ActivityHandler } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationError,
  type BotFrameworkAuthentication,
} from 'botframework-connector';
import restify, { type Request, type Response } from 'restify';
import type { BotFrameworkAdapter } from '../bot/adapter';
import type { Logger } from '../logger';
import { describeError, rateLimited } from '../logger';
import type { StorageState } from '../state/conversation-records';
import { allowBody, jsonBody, readRequestBodies, REFUSALS } from './request-body';
import { type ServiceUrlPolicy, serviceUrlAllowed } from './service-url';

export const MAX_BODY_BYTES = 64 * 1024;
export const MESSAGES_PATH = '/api/messages';

export interface BotHost {
  readonly adapter: BotFrameworkAdapter;
  /** What checks a request's Bot Framework token (the adapter's own). */
  readonly authentication: BotFrameworkAuthentication;
  /** The bot once the engine is ready; undefined while the dictionary and model load. */
  bot: ActivityHandler | undefined;
}

export interface HttpServerOptions {
  /** Whether /api/messages demands a Bot Framework token (MicrosoftAppId is set). */
  readonly authentication: boolean;
  /** Without authentication: where replies may be posted. */
  readonly serviceUrls: ServiceUrlPolicy;
  /** Whether the conversation storage works, for /healthz. */
  readonly storage: () => Promise<StorageState>;
  /** True once shutdown has begun: new requests get 503 and their connection is closed. */
  readonly stopping?: () => boolean;
}

const LOCAL_ONLY: HttpServerOptions = {
  authentication: false,
  serviceUrls: { allowed: [] },
  storage: async () => 'memory',
};

/** Error bodies never repeat what the client sent (a malformed body may hold a card number). */
const SAFE_MESSAGES: Record<number, string> = {
  400: 'The request body is not a valid JSON activity.',
  401: REFUSALS[401].message,
  403: 'Without MicrosoftAppId, the bot replies only to a loopback serviceUrl (or in the HTTP response, deliveryMode expectReplies).',
  404: 'Not found.',
  405: 'Method not allowed.',
  413: REFUSALS[413].message,
  415: REFUSALS[415].message,
};

/** What restify's error objects carry (restify-errors). */
interface RestifyError extends Error {
  statusCode?: number;
  body?: { code?: string };
  toJSON?: () => unknown;
}

/** The adapter expects a JSON object with a string `type`; anything else is the client's mistake. */
export function looksLikeActivity(body: unknown): body is Record<string, unknown> & { type: string } {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    typeof (body as { type?: unknown }).type === 'string'
  );
}

/** Timestamps as dates, as botbuilder's own request handling does (validateAndFixActivity). */
function asActivity(body: Record<string, unknown>): Activity {
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const raw = body[field];
    if (typeof raw !== 'string') continue;
    body[`raw${field[0]!.toUpperCase()}${field.slice(1)}`] = raw;
    body[field] = new Date(raw);
  }
  return body as unknown as Activity;
}

export function createHttpServer(
  host: BotHost,
  logger: Logger,
  options: HttpServerOptions = LOCAL_ONLY,
): restify.Server {
  const server = restify.createServer({ name: 'faq-3dsecure-bot', handleUncaughtExceptions: false });
  const notices = rateLimited(logger);
  server.pre(function refuseWhileStopping(_req: Request, res: Response, next: restify.Next) {
    if (!options.stopping?.()) return next();
    res.header('Connection', 'close');
    res.header('Retry-After', '1');
    res.send(503, { code: 'Stopping', message: 'The bot is restarting; try again shortly.' });
    next(false);
  });
  server.pre(readRequestBodies(server, notices));

  server.on(
    'restifyError',
    function hideClientInput(_req: Request, _res: Response, err: RestifyError, callback: () => void) {
      const status: number = err.statusCode ?? 500;
      const message = SAFE_MESSAGES[status] ?? 'Internal error.';
      err.toJSON = () => ({ code: err.body?.code ?? 'Error', message });
      if (status >= 500) logger.error('HTTP request failed', { status, ...describeError(err) });
      callback();
    },
  );

  server.get('/healthz', async function healthz(_req: Request, res: Response) {
    res.header('Cache-Control', 'no-store');
    if (host.bot === undefined) {
      res.send(503, { status: 'starting' });
      return;
    }
    const storage = await options.storage();
    // Degraded: every message is still answered, on its own, but a conversation's follow-up
    // questions are lost; 503 takes this instance out of a load balancer that has others.
    res.send(storage === 'unreachable' ? 503 : 200, {
      status: storage === 'unreachable' ? 'degraded' : 'ready',
      storage,
    });
  });

  async function authenticate(
    activity: Activity,
    authorization: string,
  ): Promise<AuthenticateRequestResult | undefined> {
    try {
      return await host.authentication.authenticateRequest(activity, authorization);
    } catch (error) {
      const status = error instanceof AuthenticationError ? error.statusCode : undefined;
      if (status !== undefined && status < 500) {
        notices.warn('Bot Framework token refused', describeError(error));
      } else {
        // Not the caller's doing (e.g. the OpenID metadata could not be fetched): the operator's.
        // Every forged token sent meanwhile causes one, so it is rate-limited too.
        notices.error('Bot Framework token could not be checked', describeError(error));
      }
      return undefined;
    }
  }

  allowBody(server, 'POST', MESSAGES_PATH, {
    maxBytes: MAX_BODY_BYTES,
    requireAuthorization: options.authentication,
  });
  server.post(MESSAGES_PATH, async function messages(req: Request, res: Response) {
    const { bot } = host;
    if (!bot) {
      res.header('Retry-After', '1');
      res.send(503, { code: 'Starting', message: 'The bot is starting; try again shortly.' });
      return;
    }
    const body = jsonBody(req);
    if (!body.ok || !looksLikeActivity(body.value)) {
      notices.warn('Request refused: not a JSON activity', { path: MESSAGES_PATH });
      res.send(400, { code: 'BadRequest', message: SAFE_MESSAGES[400] });
      return;
    }
    const activity = asActivity(body.value);
    if (!options.authentication && !serviceUrlAllowed(activity, options.serviceUrls)) {
      notices.warn('Request refused: serviceUrl is not loopback and authentication is off', {
        path: MESSAGES_PATH,
      });
      res.send(403, { code: 'Forbidden', message: SAFE_MESSAGES[403] });
      return;
    }
    const authenticated = await authenticate(activity, req.header('authorization') ?? '');
    if (!authenticated) {
      res.send(401, REFUSALS[401]);
      return;
    }
    try {
      const invokeResponse = await host.adapter.runAuthenticated(authenticated, activity, (context) =>
        bot.run(context),
      );
      res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
    } catch (error) {
      logger.error('Turn failed outside the bot', describeError(error));
      if (!res.headersSent) res.send(500, { code: 'Internal', message: 'Internal error.' });
    }
  });

  return server;
}
