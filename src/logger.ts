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
