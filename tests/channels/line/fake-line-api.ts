/**
 * A stand-in for the LINE Messaging API on loopback: a real HTTP server that records every
 * request (path, headers, JSON body) and answers as each test tells it to, like LINE does:
 * 200 with `sentMessages`, or an error status with LINE's error body, always with a request id.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: { replyToken?: string; messages?: LineTextMessage[] } & Record<string, unknown>;
  readonly requestId: string;
}

export interface LineTextMessage {
  type: string;
  text: string;
  quickReply?: { items: { type: string; action: { type: string; label: string; text: string } }[] };
}

export interface FakeAnswer {
  readonly status?: number;
  /** Waits this long before answering (for time-outs). */
  readonly delayMs?: number;
  /** Holds the answer until this settles (to show that other requests go on meanwhile). */
  readonly until?: Promise<unknown>;
}

export interface FakeLineApi {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Decides the answer to each request; 200 unless a test says otherwise. */
  answer: (request: RecordedRequest) => FakeAnswer;
  repliesTo(replyToken: string): RecordedRequest[];
  close(): Promise<void>;
}

const ERROR_MESSAGES: Record<number, string> = {
  400: 'Invalid reply token',
  429: 'The API rate limit has been exceeded. Try again later.',
  500: 'An error occurred in the API server.',
};

export async function startFakeLineApi(): Promise<FakeLineApi> {
  let served = 0;
  const timers = new Set<NodeJS.Timeout>();
  const fake: FakeLineApi = {
    url: '',
    requests: [],
    answer: () => ({ status: 200 }),
    repliesTo: (replyToken) => fake.requests.filter((request) => request.body.replyToken === replyToken),
    close: async () => {
      timers.forEach(clearTimeout);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = http.createServer(function recordAndAnswer(req, res) {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: text ? JSON.parse(text) : {},
        requestId: `fake-request-${++served}`,
      };
      fake.requests.push(request);
      const { status = 200, delayMs = 0, until = Promise.resolve() } = fake.answer(request);
      const body =
        status === 200
          ? {
              sentMessages: (request.body.messages ?? []).map((_m, i) => ({
                id: `${served}${i}`,
                quoteToken: 'q',
              })),
            }
          : { message: ERROR_MESSAGES[status] ?? 'Error' };
      void until.then(() => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          res.writeHead(status, {
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
