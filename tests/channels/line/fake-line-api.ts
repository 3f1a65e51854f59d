/**
 * A stand-in for the LINE Messaging API on loopback: a real HTTP server that records every
 * request (path, headers, raw bytes, JSON body) and answers as each test tells it to, like LINE
 * does: replies with `sentMessages`; rich menus kept as LINE keeps them (created, given their
 * image once, set as the default, listed, deleted; an unknown id is 404); or an error status
 * with LINE's error body, always with a request id. One origin serves both LINE's API and its
 * data API (api-data.line.me: the rich menu's image), as a stand-in named in LINE_API_BASE_URL must.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  /** The body as sent (an image's bytes). */
  readonly raw: Buffer;
  /** The body read as JSON when it was sent as JSON, otherwise {}. */
  readonly body: { replyToken?: string; messages?: SentMessage[] } & Record<string, unknown>;
  readonly requestId: string;
}

/** A message of a reply as LINE receives it: a text message, or a Flex message. */
export interface SentMessage {
  type: string;
  /** A text message's text. */
  text?: string;
  /** A Flex message's text for notifications and old clients, and its bubble. */
  altText?: string;
  contents?: unknown;
  quickReply?: { items: { type: string; action: { type: string; label: string; text: string } }[] };
}

export interface FakeAnswer {
  readonly status?: number;
  /** LINE's error message for an error status (a usual one for the status otherwise). */
  readonly message?: string;
  /** Waits this long before answering (for time-outs). */
  readonly delayMs?: number;
  /** Holds the answer until this settles (to show that other requests go on meanwhile). */
  readonly until?: Promise<unknown>;
}

/** A rich menu as the stand-in keeps it. */
export interface FakeRichMenu {
  readonly richMenuId: string;
  readonly menu: Record<string, unknown>;
  image?: { readonly contentType: string; readonly bytes: Buffer };
}

export interface FakeLineApi {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Decides the answer to each request; LINE's own answer unless a test says otherwise. */
  answer: (request: RecordedRequest) => FakeAnswer;
  repliesTo(replyToken: string): RecordedRequest[];
  /** The rich menus it holds, by id, and the default one's id. */
  readonly richMenus: Map<string, FakeRichMenu>;
  defaultRichMenuId: string | undefined;
  close(): Promise<void>;
}

const ERROR_MESSAGES: Record<number, string> = {
  400: 'Invalid reply token',
  401: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
  404: 'Not found',
  429: 'The API rate limit has been exceeded. Try again later.',
  500: 'An error occurred in the API server.',
};

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const ok = (body: unknown = {}): Answer => ({ status: 200, body });
const refused = (status: number, message = ERROR_MESSAGES[status] ?? 'Error'): Answer => ({
  status,
  body: { message },
});

export async function startFakeLineApi(): Promise<FakeLineApi> {
  let served = 0;
  let richMenusMade = 0;
  const timers = new Set<NodeJS.Timeout>();
  const fake: FakeLineApi = {
    url: '',
    requests: [],
    answer: () => ({}),
    repliesTo: (replyToken) =>
      fake.requests.filter(
        (request) => request.path === '/v2/bot/message/reply' && request.body.replyToken === replyToken,
      ),
    richMenus: new Map(),
    defaultRichMenuId: undefined,
    close: async () => {
      timers.forEach(clearTimeout);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  /** What LINE answers to a request it accepts. */
  function lineAnswer(request: RecordedRequest): Answer {
    const { method, path } = request;
    const menuId = /^\/v2\/bot\/richmenu\/([^/]+)(\/content)?$/.exec(path);
    const defaultMenu = /^\/v2\/bot\/user\/all\/richmenu\/([^/]+)$/.exec(path);
    if (method === 'POST' && path === '/v2/bot/message/reply') {
      const messages = request.body.messages ?? [];
      return ok({ sentMessages: messages.map((_m, i) => ({ id: `${served}${i}`, quoteToken: 'q' })) });
    }
    if (method === 'GET' && path === '/v2/bot/richmenu/list') {
      return ok({ richmenus: [...fake.richMenus.values()].map((kept) => kept.menu) });
    }
    if (method === 'POST' && path === '/v2/bot/richmenu') {
      const richMenuId = `richmenu-fake${String(++richMenusMade).padStart(4, '0')}`;
      fake.richMenus.set(richMenuId, { richMenuId, menu: { ...request.body, richMenuId } });
      return ok({ richMenuId });
    }
    if (menuId) {
      const kept = fake.richMenus.get(decodeURIComponent(menuId[1]!));
      if (!kept) return refused(404, 'richmenu not found');
      if (method === 'POST' && menuId[2]) {
        if (kept.image) return refused(400, 'An image has already been uploaded to the richmenu');
        kept.image = { contentType: String(request.headers['content-type']), bytes: request.raw };
        return ok();
      }
      if (method === 'DELETE' && !menuId[2]) {
        fake.richMenus.delete(kept.richMenuId);
        if (fake.defaultRichMenuId === kept.richMenuId) fake.defaultRichMenuId = undefined;
        return ok();
      }
    }
    if (method === 'POST' && defaultMenu) {
      const kept = fake.richMenus.get(decodeURIComponent(defaultMenu[1]!));
      if (!kept) return refused(404, 'richmenu not found');
      if (!kept.image) return refused(400, 'must upload richmenu image before applying it to user');
      fake.defaultRichMenuId = kept.richMenuId;
      return ok();
    }
    return refused(404);
  }

  const server = http.createServer(function recordAndAnswer(req, res) {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const json = /json/.test(req.headers['content-type'] ?? '') && raw.length > 0;
      const request: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        raw,
        body: json ? JSON.parse(raw.toString('utf8')) : {},
        requestId: `fake-request-${++served}`,
      };
      fake.requests.push(request);
      const { status, message, delayMs = 0, until = Promise.resolve() } = fake.answer(request);
      const { status: sent, body } =
        status !== undefined && status !== 200 ? refused(status, message) : lineAnswer(request);
      void until.then(() => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          res.writeHead(sent, {
            'content-type': 'application/json',
            'x-line-request-id': request.requestId,
          });
          res.end(JSON.stringify(body));
        }, delayMs);
        timers.add(timer);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, { url: `http://127.0.0.1:${port}` });
}
