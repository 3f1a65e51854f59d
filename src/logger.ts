/** A small JSON-lines logger. Every string passes through maskPersonalData before it is written. */
import type { LogLevel } from './config';
import { maskPersonalData } from './nlu/personal-data';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

function masked(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields))
    out[key] = typeof value === 'string' ? maskPersonalData(value) : value;
  return out;
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
  const log = (at: Exclude<LogLevel, 'silent'>) =>
    function logAt(message: string, fields: LogFields = {}): void {
      if (ORDER[at] < ORDER[level]) return;
      const entry = {
        time: new Date().toISOString(),
        level: at,
        message: maskPersonalData(message),
        ...masked(fields),
      };
      write(`${JSON.stringify(entry)}\n`);
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** Describes an error for the log without its stack's arguments or any user text. */
export function describeError(error: unknown): LogFields {
  if (error instanceof Error) return { errorName: error.name, errorMessage: error.message };
  return { errorName: typeof error, errorMessage: String(error) };
}

export interface RateLimitOptions {
  /** Lines per message text per minute; the rest are counted, and the count goes with the next line. */
  readonly perMinute: number;
  readonly now: () => number;
}

/**
 * A logger for what clients can cause at will (malformed bodies, wrong tokens, bad signatures):
 * each message is written at most `perMinute` times a minute, so no client can flood the log;
 * the next line written after a quiet minute says how many were left out (`suppressed`).
 */
export function rateLimited(logger: Logger, options: Partial<RateLimitOptions> = {}): Logger {
  const { perMinute, now } = { perMinute: 10, now: Date.now, ...options };
  const windows = new Map<string, { start: number; written: number; suppressed: number }>();
  const limit = (at: keyof Logger) =>
    function logLimited(message: string, fields: LogFields = {}): void {
      const time = now();
      let window = windows.get(message);
      let extra: LogFields = {};
      if (!window || time - window.start >= 60_000) {
        if (window?.suppressed) extra = { suppressed: window.suppressed };
        window = { start: time, written: 0, suppressed: 0 };
        windows.set(message, window);
      }
      if (window.written >= perMinute) {
        window.suppressed += 1;
        return;
      }
      window.written += 1;
      logger[at](message, { ...fields, ...extra });
    };
  return { debug: limit('debug'), info: limit('info'), warn: limit('warn'), error: limit('error') };
}
