/** A small closed-loop HTTP load generator: `concurrency` clients post activities back to back. */
import http from 'node:http';
import type { MessageAt } from './conversation-script';

export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly failures: number;
}

/** Posts messages `from` … `from + total - 1` of the stream with `deliveryMode: expectReplies`. */
export async function postLoad(
  url: string,
  messageAt: MessageAt,
  from: number,
  total: number,
  concurrency: number,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL('/api/messages', url);
  let next = 0;
  let failures = 0;

  const postOne = (body: string) =>
    new Promise<void>((resolve) => {
      const request = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          if (response.statusCode !== 200) failures++;
          response.resume();
          response.on('end', resolve);
        },
      );
      request.on('error', () => (failures++, resolve()));
      request.end(body);
    });

  // Each client posts its next message only after the previous answer, so that one
  // conversation's messages (10 in a row) arrive in order as long as clients keep apart.
  async function client(): Promise<void> {
    while (next < total) {
      const i = from + next++;
      await postOne(JSON.stringify({ ...messageAt(i), deliveryMode: 'expectReplies' }));
    }
  }

  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return { requests: total, seconds, perSecond: total / seconds, failures };
}
