/**
 * node dist/src/cli/healthcheck.js — the container's HEALTHCHECK: exits 0 when the bot on this
 * machine answers GET /healthz with 200 (dictionary and model loaded), 1 otherwise. It reads the
 * same settings as the bot (PORT, HOST), so the check follows them.
 */
import { loadConfig, readEnvironment } from '../config';

const TIMEOUT_MS = 3000;

/** The address to reach a server listening on `host`: a wildcard address means this machine. */
export function healthUrl(host: string, port: number): string {
  const address = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}/healthz`;
}

async function main(): Promise<number> {
  const config = loadConfig(readEnvironment());
  const url = healthUrl(config.host, config.port);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    process.stdout.write(`${url}: ${response.status}\n`);
    return response.status === 200 ? 0 : 1;
  } catch (error) {
    process.stdout.write(`${url}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
