/**
 * Who a request comes from, for per-client limits: the connection's address, or, behind
 * TRUST_PROXY proxies (App Service's front end, a load balancer), the address the outermost
 * trusted proxy saw, read from X-Forwarded-For counting from the right (entries further left
 * are whatever the client wrote). IPv6 clients are counted per /64, the block one host usually
 * gets, so that one machine cannot pass for thousands.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

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
