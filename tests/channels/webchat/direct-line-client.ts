/** A small Direct Line 3.0 client for tests: the calls Web Chat's DirectLineJS makes. */
import type { RunningApp } from '../../../src/app';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function call(
  app: RunningApp,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export interface Visitor {
  token: string;
  conversationId: string;
  userId: string;
}

/** What the bubble does on first open: get a token, then start the conversation. */
export async function openChat(app: RunningApp): Promise<Visitor> {
  const issued = await call(app, 'POST', '/api/directline/token');
  if (issued.status !== 200) throw new Error(`token: HTTP ${issued.status}`);
  const started = await call(app, 'POST', '/v3/directline/conversations', { token: issued.json.token });
  if (started.status !== 201) throw new Error(`start: HTTP ${started.status}`);
  return {
    token: issued.json.token,
    conversationId: started.json.conversationId,
    userId: issued.json.userId,
  };
}

export function say(app: RunningApp, visitor: Visitor, text: string): Promise<Reply> {
  return call(app, 'POST', `/v3/directline/conversations/${visitor.conversationId}/activities`, {
    token: visitor.token,
    body: { type: 'message', text, from: { id: 'anyone', role: 'user' }, locale: 'ja-JP' },
  });
}

export function activities(app: RunningApp, visitor: Visitor, watermark = ''): Promise<Reply> {
  return call(
    app,
    'GET',
    `/v3/directline/conversations/${visitor.conversationId}/activities?watermark=${watermark}`,
    { token: visitor.token },
  );
}
