/**
 * Who a request comes from, for per-client limits: the connection's address, or, behind
 * TRUST_PROXY proxies (App Service's front end, a load balancer), the address the outermost
 * trusted proxy saw, read from X-Forwarded-For counting from the right (entries further left
 * are whatever the client wrote). IPv6 clients are counted per /64, the block one host usually
 * gets, so that one machine cannot pass for thousands.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Logger } from '../logger';

/** "203.0.113.5:51234" (App Service adds the port), "[2001:db8::1]:443" or a bare address. */
function withoutPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  return v4 ? v4[1]! : entry;
}

function normalized(address: string): string {
  const plain = withoutPort(address.trim()).replace(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i, '$1');
  if (isIP(plain) !== 6) return plain.slice(0, 64);
  // The first four groups of the full form: the /64.
  const [head = '', tail = ''] = plain.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export function clientAddress(req: IncomingMessage, trustProxy: number): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy === 0) return normalized(socket);
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, socket];
  return normalized(chain[Math.max(0, chain.length - 1 - trustProxy)]!);
}

/**
 * clientAddress for the configured TRUST_PROXY, saying once in the log when requests carry
 * X-Forwarded-For that is not believed (TRUST_PROXY=0 behind a proxy: every visitor would count
 * as the proxy's one address).
 */
export function clientAddressReader(trustProxy: number, logger: Logger): (req: IncomingMessage) => string {
  let told = trustProxy > 0;
  return function clientOf(req: IncomingMessage): string {
    if (!told && req.headers['x-forwarded-for'] !== undefined) {
      told = true;
      logger.warn(
        'Requests carry X-Forwarded-For but TRUST_PROXY is 0: every client behind that proxy counts as one (set TRUST_PROXY=1 behind App Service or one load balancer)',
      );
    }
    return clientAddress(req, trustProxy);
  };
}
