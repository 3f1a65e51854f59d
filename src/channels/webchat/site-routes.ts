/**
 * The pages and scripts of the chat bubble: the demo application site (GET / and /mypage), the
 * launcher /webchat/bubble.js, and Web Chat itself (the build's copy of the botframework-webchat
 * bundle, see webchat-bundle.ts; never a CDN) under a versioned, immutable URL.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import { projectRoot } from '../../nlu';
import { webChatBundle } from './webchat-bundle';

const gzip = promisify(zlib.gzip);

export const PUBLIC_DIR = path.join(projectRoot(), 'src', 'channels', 'webchat', 'public');

/**
 * An empty <style> element. One of Web Chat's libraries (react-scroll-to-bottom) creates its
 * <style> without the nonce and fills it through CSSOM, which CSP does not govern; allowing
 * exactly the empty text lets that element work without allowing any inline CSS text.
 */
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/**
 * The Content-Security-Policy of the demo page. Scripts only from this server; styles from
 * this server or with the page's nonce (Web Chat puts its styles in nonced <style> elements).
 */
export function contentSecurityPolicy(nonce: string, connectSources: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}' ${EMPTY_STYLE_HASH}`,
    `connect-src 'self' ${connectSources.join(' ')}`.trim(),
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

interface StaticFile {
  readonly body: Buffer;
  readonly gzipped: Buffer;
  readonly contentType: string;
  readonly cacheControl: string;
}

function sendFile(req: Request, res: Response, file: StaticFile): void {
  const acceptsGzip = /\bgzip\b/.test(req.header('accept-encoding') ?? '');
  const body = acceptsGzip ? file.gzipped : file.body;
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': body.length,
    'Cache-Control': file.cacheControl,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    Vary: 'Accept-Encoding',
    ...(acceptsGzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
  res.end(body);
}

async function staticFile(body: Buffer, contentType: string, cacheControl: string): Promise<StaticFile> {
  return { body, gzipped: await gzip(body, { level: 9 }), contentType, cacheControl };
}

/** The demo application site: two pages with the bubble, to try a conversation that follows the visitor. */
const DEMO_PAGES = [
  { path: '/', title: 'お支払い手続き', content: 'payment.html' },
  { path: '/mypage', title: 'マイページ', content: 'mypage.html' },
] as const;

export function registerSiteRoutes(server: restify.Server, connectSources: readonly string[]): void {
  const bundle = webChatBundle();
  const webChatPath = `/webchat/webchat-${bundle.version}.js`;
  const page = fs.readFileSync(path.join(PUBLIC_DIR, 'index.html'), 'utf8');
  const bubble = staticFile(
    Buffer.from(
      fs.readFileSync(path.join(PUBLIC_DIR, 'bubble.js'), 'utf8').replace('__WEBCHAT_SCRIPT__', webChatPath),
    ),
    'application/javascript; charset=utf-8',
    'public, max-age=300',
  );
  let webChat: Promise<StaticFile> | undefined;
  bubble.catch(() => undefined);

  for (const demo of DEMO_PAGES) {
    const html = page
      .replace('__TITLE__', demo.title)
      .replace('__CONTENT__', fs.readFileSync(path.join(PUBLIC_DIR, demo.content), 'utf8'));
    server.get(demo.path, async function demoPage(_req: Request, res: Response) {
      const nonce = randomBytes(16).toString('base64');
      const body = Buffer.from(html.replaceAll('__NONCE__', nonce));
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        'Content-Security-Policy': contentSecurityPolicy(nonce, connectSources),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'strict-origin-when-cross-origin',
        'X-Frame-Options': 'SAMEORIGIN',
        'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
      });
      res.end(body);
    });
  }

  server.get('/favicon.ico', async function noFavicon(_req: Request, res: Response) {
    res.send(204);
  });

  server.get('/webchat/bubble.js', async function launcher(req: Request, res: Response) {
    sendFile(req, res, await bubble);
  });

  server.get(webChatPath, async function webChatScript(req: Request, res: Response) {
    webChat ??= fs.promises
      .readFile(bundle.file)
      .then((body) =>
        staticFile(body, 'application/javascript; charset=utf-8', 'public, max-age=31536000, immutable'),
      );
    sendFile(req, res, await webChat);
  });
}
