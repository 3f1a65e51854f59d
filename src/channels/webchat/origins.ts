/**
 * Which pages may use the chat: the bot's own pages, and the sites listed in
 * WEBCHAT_ALLOWED_ORIGINS. Browsers on those origins get CORS headers; others get none.
 */
import type { Request, Response } from 'restify';

/** True when the request comes from the bot's own origin, a listed site, or is not from a browser. */
export function originAllowed(req: Request, allowedOrigins: readonly string[]): boolean {
  const origin = req.header('origin');
  if (!origin) return true;
  if (allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === req.header('host');
  } catch {
    return false;
  }
}

/** Adds CORS headers for a listed site (the bot's own pages need none). */
export function allowCrossOrigin(req: Request, res: Response, allowedOrigins: readonly string[]): void {
  const origin = req.header('origin');
  res.header('Vary', 'Origin');
  if (!origin || !allowedOrigins.includes(origin)) return;
  res.header('Access-Control-Allow-Origin', origin);
  res.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-ms-bot-agent');
  res.header('Access-Control-Max-Age', '600');
}
