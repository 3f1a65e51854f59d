/**
 * Sends a reply through the Messaging API: each call has a time limit; server errors, rate
 * limits, time-outs and network errors are retried a few times with a short backoff, client
 * errors (an expired reply token, a rejected message) are not. A retry cannot send a reply
 * twice: a reply token works once, so LINE refuses the retry if the first call got through.
 * Logs carry the status and LINE's request id, never the text or the token.
 */
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import { describeError, type Logger } from '../../logger';

export interface ReplyOptions {
  /** Calls at most, the first included. */
  readonly attempts: number;
  /** Time limit of one call, in milliseconds. */
  readonly timeoutMs: number;
  /** Wait before the first retry; doubled before each further one. */
  readonly backoffMs: number;
}

export const DEFAULT_REPLY_OPTIONS: ReplyOptions = Object.freeze({
  attempts: 3,
  timeoutMs: 10_000,
  backoffMs: 300,
});

export type ReplyOutcome =
  | { readonly sent: true; readonly attempts: number; readonly requestId: string | undefined }
  | { readonly sent: false; readonly attempts: number; readonly status: number | undefined };

/** What the sender needs of the SDK's MessagingApiClient. */
export type ReplyClient = Pick<messagingApi.MessagingApiClient, 'replyMessageWithHttpInfo'>;

export class LineApiTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Error at LINE replyMessage: no answer within ${timeoutMs} ms`);
    this.name = 'LineApiTimeoutError';
  }
}

interface FailedCall {
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  readonly lineMessage: string | undefined;
}

/** LINE's own error message ("Invalid reply token"), never the request it is about. */
function lineErrorMessage(body: string): string | undefined {
  try {
    const message: unknown = (JSON.parse(body) as { message?: unknown }).message;
    return typeof message === 'string' ? message.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

function describeFailure(error: unknown): FailedCall {
  if (error instanceof HTTPFetchError) {
    return {
      status: error.status,
      requestId: error.headers.get('x-line-request-id') ?? undefined,
      retryable: error.status >= 500 || error.status === 429,
      lineMessage: lineErrorMessage(error.body),
    };
  }
  // A time-out or a network error (fetch's TypeError): LINE may not have seen the call.
  return { status: undefined, requestId: undefined, retryable: true, lineMessage: undefined };
}

/** ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET…: what fetch's "fetch failed" was about. */
function networkErrorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function withTimeout<T>(call: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new LineApiTimeoutError(timeoutMs)), timeoutMs);
  });
  call.catch(() => undefined); // a call that loses the race must not become an unhandled rejection
  return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type ReplySender = (replyToken: string, messages: messagingApi.Message[]) => Promise<ReplyOutcome>;

export function createReplySender(
  client: ReplyClient,
  logger: Logger,
  options: Partial<ReplyOptions> = {},
): ReplySender {
  const { attempts, timeoutMs, backoffMs } = { ...DEFAULT_REPLY_OPTIONS, ...options };

  return async function sendReply(replyToken, messages) {
    for (let attempt = 1; ; attempt++) {
      try {
        const call = client.replyMessageWithHttpInfo({ replyToken, messages });
        const { httpResponse } = await withTimeout(call, timeoutMs);
        const requestId = httpResponse.headers.get('x-line-request-id') ?? undefined;
        logger.debug('LINE reply sent', { requestId, messages: messages.length, attempt });
        return { sent: true, attempts: attempt, requestId };
      } catch (error) {
        const failure = describeFailure(error);
        const fields = {
          status: failure.status,
          requestId: failure.requestId,
          lineMessage: failure.lineMessage,
          attempt,
          ...(failure.status === undefined
            ? { ...describeError(error), errorCode: networkErrorCode(error) }
            : {}),
        };
        if (!failure.retryable || attempt >= attempts) {
          logger.error('LINE reply failed', { ...fields, retryable: failure.retryable });
          return { sent: false, attempts: attempt, status: failure.status };
        }
        logger.warn('LINE reply failed, retrying', fields);
        await pause(backoffMs * 2 ** (attempt - 1));
      }
    }
  };
}
