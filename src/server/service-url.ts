/**
 * Without a Bot Framework app id nobody is authenticated, so a request could name any
 * `serviceUrl` and have the bot post its replies there: an HTTP request to wherever the caller
 * likes, from the bot's network. Then replies go only to a loopback address (the Emulator, the
 * Agents Playground, curl on this machine) or back in the HTTP response (deliveryMode
 * expectReplies: nothing is posted), unless UNAUTHENTICATED_SERVICE_URLS allows more.
 */
import { BlockList, isIP } from 'node:net';

export interface ServiceUrlPolicy {
  /** Origins (https://host:port) replies may also go to; `*` for any. */
  readonly allowed: readonly string[];
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');
loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/** Whether a URL's host is this machine's loopback interface (written as such: no name lookup). */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  const family = isIP(host);
  return family !== 0 && loopback.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

export function serviceUrlAllowed(
  activity: { deliveryMode?: unknown; serviceUrl?: unknown },
  policy: ServiceUrlPolicy,
): boolean {
  if (activity.deliveryMode === 'expectReplies') return true;
  if (policy.allowed.includes('*')) return true;
  let url: URL;
  try {
    url = new URL(String(activity.serviceUrl));
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return isLoopbackUrl(url) || policy.allowed.includes(url.origin);
}
