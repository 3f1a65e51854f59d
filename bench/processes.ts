/** Child processes for the benchmarks: start a server, find its URL, wait for /healthz, read its RSS. */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** How many of its log lines had this message so far. */
  logged(message: string): number;
  stop(): Promise<void>;
}

export interface ServerOptions {
  readonly env?: Record<string, string>;
  readonly cwd?: string;
  /** Arguments for Node itself, before the script (e.g. --expose-gc, --require). */
  readonly nodeArgs?: readonly string[];
  /** An IPC channel to the child (process.send). */
  readonly ipc?: boolean;
  /** Every JSON line the server writes (its log), as it comes. */
  readonly onLine?: (entry: Record<string, unknown>) => void;
}

export function startServer(
  command: string,
  args: string[],
  options: ServerOptions = {},
): Promise<ServerProcess> {
  const { env = {}, cwd, nodeArgs = [], ipc = false, onLine } = options;
  const child = spawn(command, [...nodeArgs, ...args], {
    cwd,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit', ...(ipc ? (['ipc'] as const) : [])],
  });
  const messages = new Map<string, number>();
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { message?: string; url?: string };
        onLine?.(entry);
        if (entry.message) messages.set(entry.message, (messages.get(entry.message) ?? 0) + 1);
        if (entry.message === 'Listening' && entry.url) {
          resolve({
            child,
            url: entry.url,
            logged: (message) => messages.get(message) ?? 0,
            stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
          });
        }
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)));
  });
}

export async function waitForHealthy(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${url}/healthz did not answer 200 within ${timeoutMs} ms`);
}

export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kilobytes * 1024;
}

/**
 * CPU time (user + system) the process's main thread has used so far, in µs, from /proc (Linux;
 * in clock ticks, usually 10 ms, so measure over seconds). Helper threads (GC, file I/O) are not in it.
 */
export function mainThreadCpuUs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: utime is the 12th, stime the 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / CLOCK_TICKS_PER_SECOND;
}

/** Linux's USER_HZ, which /proc's times are counted in: 100 on every common build. */
const CLOCK_TICKS_PER_SECOND = 100;
