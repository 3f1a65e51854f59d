/**
 * The one reader of request bodies, for every route: a restify `pre` handler, run before routing.
 *
 * - JSON only: a body of any other type gets 415, and so does a content coding (gzip, deflate,
 *   br…), since a small compressed body can inflate to any size; bodies are never decompressed.
 * - At most the route's limit, counted on the bytes as they arrive: 413 as soon as it is passed
 *   (or at once when Content-Length says so), and the connection is closed instead of reading on.
 * - Kept in memory as `req.rawBody` (the exact bytes, as LINE signs them); nothing is written to
 *   disk, whatever the body says it is.
 * - A route that demands an Authorization header (/api/messages with an app id) refuses a
 *   request without one (401) before reading its body.
 *
 * Routes declare what they accept with allowBody(); every other route takes at most a small
 * JSON body (4 KiB), which Direct Line's start call sends.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import type { Logger } from '../logger';

export interface BodyRule {
  readonly maxBytes: number;
  /** Refuse (401) a request without an Authorization header before reading its body. */
  readonly requireAuthorization?: boolean;
}

export const SMALL_BODY_BYTES = 4 * 1024;
const DEFAULT_RULE: BodyRule = { maxBytes: SMALL_BODY_BYTES };

/** What the client is told; fixed texts that never repeat what it sent. */
export const REFUSALS = {
  401: { code: 'Unauthorized', message: 'Unauthorized.' },
  413: { code: 'PayloadTooLarge', message: 'The request body is larger than this endpoint accepts.' },
  415: { code: 'UnsupportedMediaType', message: 'Expected an uncompressed application/json body.' },
} as const;

interface DeclaredRoute {
  readonly method: string;
  readonly pattern: RegExp;
  readonly rule: BodyRule;
}

const routesOf = new WeakMap<restify.Server, DeclaredRoute[]>();

/** restify's path syntax (`/conversations/:id/activities`) as a pattern for the request path. */
function pathPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]+/g, '[^/]+');
  return new RegExp(`^${escaped}/?$`);
}

/** Declares the body a route accepts (register it next to the route). */
export function allowBody(server: restify.Server, method: string, path: string, rule: BodyRule): void {
  const routes = routesOf.get(server) ?? [];
  routes.push({ method: method.toUpperCase(), pattern: pathPattern(path), rule });
  routesOf.set(server, routes);
}

function ruleFor(server: restify.Server, req: Request): BodyRule {
  const path = req.getPath();
  const route = routesOf.get(server)?.find((r) => r.method === req.method && r.pattern.test(path));
  return route?.rule ?? DEFAULT_RULE;
}

function hasBody(headers: IncomingHttpHeaders): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}

/** application/json, with no charset or UTF-8 (JSON's only encoding on the wire, RFC 8259). */
function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return parameters.every(
    (parameter) => !parameter.startsWith('charset=') || /^charset="?utf-8"?$/.test(parameter),
  );
}

function isEncoded(contentEncoding: string | undefined): boolean {
  return contentEncoding !== undefined && contentEncoding.trim().toLowerCase() !== 'identity';
}

/**
 * The `pre` handler. `notices` logs what clients get refused (at warn, rate-limited: a client
 * can cause these at will).
 */
export function readRequestBodies(server: restify.Server, notices: Logger): restify.RequestHandler {
  return function readBody(req: Request, res: Response, next: restify.Next): void {
    const rule = ruleFor(server, req);
    const unread = hasBody(req.headers);
    function refuse(status: keyof typeof REFUSALS, reason: string): void {
      notices.warn('Request refused before its body was read', { status, reason, path: req.getPath() });
      if (unread) res.header('Connection', 'close');
      if (status === 415) res.header('Accept-Encoding', 'identity');
      res.send(status, REFUSALS[status]);
      next(false);
    }

    if (rule.requireAuthorization && !req.headers.authorization)
      return refuse(401, 'no Authorization header');
    if (!unread) return next();
    if (!isJson(req.headers['content-type'])) return refuse(415, 'not application/json');
    if (isEncoded(req.headers['content-encoding'])) return refuse(415, 'content coding');
    if (Number(req.headers['content-length'] ?? 0) > rule.maxBytes) return refuse(413, 'Content-Length');

    const chunks: Buffer[] = [];
    let size = 0;
    function stop(): void {
      req.off('data', collect);
      req.off('end', done);
      req.off('error', gone);
      req.off('aborted', gone);
    }
    function collect(chunk: Buffer): void {
      size += chunk.length;
      if (size <= rule.maxBytes) {
        chunks.push(chunk);
        return;
      }
      stop();
      req.pause();
      notices.warn('Request refused: body over the limit', { maxBytes: rule.maxBytes, path: req.getPath() });
      res.header('Connection', 'close');
      res.send(413, REFUSALS[413]);
      next(false);
    }
    function done(): void {
      stop();
      req.rawBody = Buffer.concat(chunks, size);
      next();
    }
    function gone(): void {
      stop();
      next(false);
    }
    req.on('data', collect);
    req.once('end', done);
    req.once('error', gone);
    req.once('aborted', gone);
  };
}

export type ParsedBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/** The body read by readRequestBodies, parsed as JSON (undefined when there was none). */
export function jsonBody(req: Request): ParsedBody {
  const raw = req.rawBody as Buffer | undefined;
  if (!raw || raw.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, '')) };
  } catch {
    return { ok: false };
  }
}
