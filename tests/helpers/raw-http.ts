/** A raw HTTP client for tests that need to control how a body arrives (or that it never does). */
import http from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

export interface RawRequest {
  readonly method?: string;
  readonly headers?: Record<string, string | number>;
  /** Written one after another; the request is ended after them unless `hold` is set. */
  readonly chunks?: readonly (string | Buffer)[];
  /** Keep the request open after the chunks, as a client still sending would. */
  readonly hold?: boolean;
  /** Fail if no answer comes within this long (the server waiting for the rest of a body). */
  readonly timeoutMs?: number;
}

export function rawRequest(url: string, request: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: request.method ?? 'POST',
      headers: request.headers,
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${request.timeoutMs ?? 5000} ms`));
    }, request.timeoutMs ?? 5000);
    req.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text });
      });
      response.on('error', () => undefined);
    });
    // The server may close the connection while the body is still being written (that is the
    // point of some tests): what counts is whether an answer came, which the timer decides.
    req.on('error', () => undefined);
    // Headers go out at once, even when no body follows (a client announcing a body it holds back).
    req.flushHeaders();
    for (const chunk of request.chunks ?? []) req.write(chunk);
    if (!request.hold) req.end();
  });
}
