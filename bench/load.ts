/** A small closed-loop HTTP load generator: `concurrency` clients post activities back to back. */
import http from 'node:http';

export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly failures: number;
}

/** The i-th message of a benchmark: 50 conversations take turns. */
export function benchMessage(text: string, i: number) {
  return {
    type: 'message',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    from: { id: `user-${i % 50}`, name: 'user' },
    recipient: { id: 'bot', name: 'bot' },
    conversation: { id: `conversation-${i % 50}`, isGroup: false, conversationType: 'personal', name: '' },
    text,
  };
}

export async function postLoad(
  url: string,
  questions: readonly string[],
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

  async function client(): Promise<void> {
    while (next < total) {
      const i = next++;
      await postOne(
        JSON.stringify({
          ...benchMessage(questions[i % questions.length]!, i),
          deliveryMode: 'expectReplies',
        }),
      );
    }
  }

  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return { requests: total, seconds, perSecond: total / seconds, failures };
}
