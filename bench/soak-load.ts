/**
 * Closed-loop load for the soak benchmark: `connections` keep-alive clients post activities to
 * /api/messages back to back until a deadline or a number of requests, whichever comes first
 * (every loop is bounded). Each answer's status, time and body are reported.
 */
import http from 'node:http';

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly durationMs: number;
  readonly maxRequests: number;
  /** The i-th request's activity. */
  readonly activity: (i: number) => Record<string, unknown>;
  /** Each answer: its status (0 for a connection error) and body. */
  readonly onAnswer?: (i: number, status: number, body: string) => void;
  /** A client stops at its first refusal (503 or a connection error), as when the bot is stopping. */
  readonly stopOnRefusal?: boolean;
}

export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  /** Status → count; 0 counts connection errors. */
  readonly statuses: ReadonlyMap<number, number>;
  /** Answer times in ms, sorted. */
  readonly latencies: readonly number[];
}

export const nonOk = (result: LoadResult): number =>
  [...result.statuses].reduce((sum, [status, count]) => sum + (status === 200 ? 0 : count), 0);

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL('/api/messages', options.url);
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + options.durationMs;
  let next = 0;

  function post(i: number): Promise<number> {
    const body = JSON.stringify(options.activity(i));
    const sent = performance.now();
    return new Promise((resolve) => {
      const request = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => options.onAnswer && chunks.push(chunk));
          response.on('end', () => {
            latencies.push(performance.now() - sent);
            options.onAnswer?.(i, response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
            resolve(response.statusCode ?? 0);
          });
          response.on('error', () => resolve(0));
        },
      );
      request.on('error', () => {
        options.onAnswer?.(i, 0, '');
        resolve(0);
      });
      request.end(body);
    });
  }

  async function client(): Promise<void> {
    while (performance.now() < deadline && next < options.maxRequests) {
      const status = await post(next++);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (options.stopOnRefusal && (status === 503 || status === 0)) return;
    }
  }

  await Promise.all(Array.from({ length: options.connections }, client));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: next, seconds: (performance.now() - started) / 1000, statuses, latencies };
}
