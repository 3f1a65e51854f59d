/** What LINE does to call the bot: sign a webhook body with the channel secret and POST it. */
import crypto from 'node:crypto';

export const CHANNEL_SECRET = 'test-channel-secret-0123456789ab';
export const CHANNEL_ACCESS_TOKEN = 'test-channel-access-token';
export const BOT_USER_ID = 'U00000000000000000000000000000bot';
export const USER_ID = 'U1234567890abcdef1234567890abcdef';

export function sign(body: string, secret = CHANNEL_SECRET): string {
  return crypto.createHmac('sha256', secret).update(body).digest('base64');
}

export interface WebhookResponse {
  readonly status: number;
  readonly text: string;
}

/** POSTs a body to /api/line; signed with the channel secret unless a signature is given (null: none). */
export async function postWebhook(
  appUrl: string,
  body: unknown,
  signature?: string | null,
): Promise<WebhookResponse> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  const header = signature === undefined ? sign(text) : signature;
  if (header !== null) headers['x-line-signature'] = header;
  const response = await fetch(`${appUrl}/api/line`, { method: 'POST', headers, body: text });
  return { status: response.status, text: await response.text() };
}

let counter = 0;

/** A ULID-like id, in letters: the logger masks long digit runs as phone numbers. */
function eventId(n: number): string {
  const letters = String(n).replace(/\d/g, (digit) => 'ABCDEFGHJK'.charAt(Number(digit)));
  return `01JTESTEVENT${letters.padStart(14, 'Z')}`;
}
type Source =
  | { type: 'user'; userId: string }
  | { type: 'group'; groupId: string; userId?: string }
  | { type: 'room'; roomId: string; userId?: string };

/** A webhook event as LINE sends it, with fresh ids and reply token. */
export function lineEvent(
  type: string,
  fields: Record<string, unknown> = {},
  source: Source = { type: 'user', userId: USER_ID },
) {
  counter += 1;
  return {
    type,
    mode: 'active',
    timestamp: Date.now(),
    source,
    webhookEventId: eventId(counter),
    deliveryContext: { isRedelivery: false },
    replyToken: `reply-token-${counter}`,
    ...fields,
  };
}

export function textEvent(text: string, source?: Source) {
  return lineEvent(
    'message',
    { message: { type: 'text', id: `${900000 + counter}`, quoteToken: 'q', text } },
    source,
  );
}

export function webhookBody(...events: unknown[]) {
  return { destination: BOT_USER_ID, events };
}

/** Polls until `probe` returns a value, or fails after `timeoutMs` naming what it waited for. */
export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
