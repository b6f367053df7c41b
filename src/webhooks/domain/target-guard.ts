// Where a webhook may be sent. A subscriber names a URL; the service must not be turned into a way to
// reach its own network (server-side request forgery), so https only and public addresses only:
// checked when the subscription is made and again at every delivery, after DNS resolution, on every
// address the name resolves to (the connection then goes to an address that passed).

import ipaddr from 'ipaddr.js';

/** Ranges that are not the public internet (ipaddr.js names them; `unicast` is the only good one). */
const PUBLIC_RANGE = 'unicast';

export interface TargetPolicy {
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: any address and plain http (development, tests). */
  readonly allowPrivateNetworks: boolean;
}

export type Resolve = (hostname: string) => Promise<readonly string[]>;

export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetRefused';
  }
}

/** Whether an address is on the public internet: not private, loopback, link-local, multicast or reserved. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  // ::ffff:10.0.0.1 is 10.0.0.1; ::127.0.0.1 (IPv4-compatible) too.
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
    else if (v6.range() === 'rfc6052' || v6.range() === '6to4' || v6.range() === 'teredo') return false;
  }
  return parsed.range() === PUBLIC_RANGE;
}

/** The URL as the service will use it, or why it is refused (the scheme and host, before resolution). */
export function checkUrl(raw: string, policy: TargetPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused('url must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(policy.allowPrivateNetworks && url.protocol === 'http:')) {
    throw new TargetRefused('url must be https://');
  }
  if (url.username || url.password) throw new TargetRefused('url must not carry credentials');
  // WHATWG URL parsing already turned numeric forms (0x7f000001, 2130706433, 0177.0.0.1) into dotted IPv4.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!policy.allowPrivateNetworks && ipaddr.isValid(host) && !isPublicAddress(host)) {
    throw new TargetRefused(`url points to a private, loopback, link-local, multicast or reserved address (${host})`);
  }
  return url;
}

/**
 * The addresses to connect to, after resolving the URL's host: every one must be public (a name that
 * also resolves to an internal address is refused as a whole). Answers the first.
 */
export async function resolveTarget(url: URL, policy: TargetPolicy, resolve: Resolve): Promise<string> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(host) ? [host] : await resolve(host);
  if (addresses.length === 0) throw new TargetRefused(`${host} does not resolve`);
  if (!policy.allowPrivateNetworks) {
    const internal = addresses.filter((address) => !isPublicAddress(address));
    if (internal.length) throw new TargetRefused(`${host} resolves to a non-public address (${internal.join(', ')})`);
  }
  return addresses[0];
}
