/**
 * POST /api/line, the LINE webhook: takes the raw body (read by the server's one body reader,
 * which refuses one over 1 MiB while it arrives), checks X-Line-Signature (HMAC-SHA256 with the
 * channel secret) before anything else, answers 200 at once and hands the events over to be
 * answered in the background, so LINE never waits for the bot.
 */
import { validateSignature } from '@line/bot-sdk';
import type { ActivityHandler } from 'botbuilder';
import type { Request, RequestHandler, Response } from 'restify';
import type { Logger } from '../../logger';
import type { BotHost } from '../../server/http-server';
import type { LineEvent } from './line-activity';

export const LINE_WEBHOOK_PATH = '/api/line';
/** LINE's webhooks are a few kilobytes; anything this large is not from LINE. */
export const MAX_LINE_BODY_BYTES = 1024 * 1024;

export interface LineWebhookBody {
  /** The bot's own LINE user id. */
  readonly destination: string;
  readonly events: readonly LineEvent[];
}

export interface LineWebhookOptions {
  readonly channelSecret: string;
  readonly host: BotHost;
  /** For refused webhooks, which anyone can send at will: rate-limited. */
  readonly notices: Logger;
  /** Takes the events of a verified webhook; must return at once and never throw. */
  readonly receive: (body: LineWebhookBody, bot: ActivityHandler) => void;
}

function isEvent(value: unknown): value is LineEvent {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** The webhook's events, or undefined when the body is not a LINE webhook at all. */
function parseWebhook(raw: Buffer): LineWebhookBody | undefined {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { destination, events } = body as { destination?: unknown; events?: unknown };
  if (!Array.isArray(events)) return undefined;
  return { destination: typeof destination === 'string' ? destination : '', events: events.filter(isEvent) };
}

function refuse(res: Response, status: number, code: string, message: string): void {
  res.send(status, { code, message });
}

export function lineWebhook({ channelSecret, host, notices, receive }: LineWebhookOptions): RequestHandler {
  return async function lineWebhookHandler(req: Request, res: Response) {
    const raw = (req.rawBody as Buffer | undefined) ?? Buffer.alloc(0);
    const signature = req.header('x-line-signature');
    if (!signature || !validateSignature(raw, channelSecret, signature)) {
      notices.warn('LINE webhook refused: missing or wrong X-Line-Signature', { bytes: raw.length });
      refuse(res, 401, 'Unauthorized', 'Unauthorized.');
      return;
    }
    const { bot } = host;
    if (!bot) {
      res.header('Retry-After', '1');
      refuse(res, 503, 'Starting', 'The bot is starting; try again shortly.');
      return;
    }
    const body = parseWebhook(raw);
    if (!body) {
      notices.warn('LINE webhook refused: signed, but not a LINE webhook body', { bytes: raw.length });
      refuse(res, 400, 'BadRequest', 'The request body is not a LINE webhook.');
      return;
    }
    res.send(200, {});
    receive(body, bot);
  };
}
