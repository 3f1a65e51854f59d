/**
 * The restify server: /api/messages through the Bot Framework CloudAdapter, and /healthz.
 * It listens before the engine is ready so that probes see 503 until the model is loaded.
 */
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';
import type { Logger } from '../logger';
import { describeError } from '../logger';

export const MAX_BODY_BYTES = 64 * 1024;

export interface BotHost {
  readonly adapter: CloudAdapter;
  /** The bot once the engine is ready; undefined while the dictionary and model load. */
  bot: ActivityHandler | undefined;
}

/** Error bodies never repeat what the client sent (a malformed body may hold a card number). */
const SAFE_MESSAGES: Record<number, string> = {
  400: 'The request body is not a valid JSON activity.',
  401: 'Unauthorized.',
  404: 'Not found.',
  405: 'Method not allowed.',
  413: `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
  415: 'Expected Content-Type application/json.',
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

function isZodError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ZodError';
}

export function createHttpServer(host: BotHost, logger: Logger): restify.Server {
  const server = restify.createServer({ name: 'faq-3dsecure-bot', handleUncaughtExceptions: false });

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
    const ready = host.bot !== undefined;
    res.header('Cache-Control', 'no-store');
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'starting' });
  });

  server.post(
    '/api/messages',
    restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }),
    async function messages(req: Request, res: Response) {
      const { bot } = host;
      if (!bot) {
        res.header('Retry-After', '1');
        res.send(503, { code: 'Starting', message: 'The bot is starting; try again shortly.' });
        return;
      }
      if (!looksLikeActivity(req.body)) {
        res.send(400, { code: 'BadRequest', message: SAFE_MESSAGES[400] });
        return;
      }
      try {
        await host.adapter.process(req, res, (context) => bot.run(context));
      } catch (error) {
        if (isZodError(error)) {
          res.send(400, { code: 'BadRequest', message: SAFE_MESSAGES[400] });
          return;
        }
        logger.error('Turn failed outside the bot', describeError(error));
        if (!res.headersSent) res.send(500, { code: 'Internal', message: 'Internal error.' });
      }
    },
  );

  return server;
}
