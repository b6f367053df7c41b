import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config/config.js';
import { checkUrl, isPublicAddress, resolveTarget } from '../../src/webhooks/domain/target-guard.js';
import { EXCERPT_CHARS, WebhookSender } from '../../src/webhooks/webhook-sender.js';

const strict = { allowPrivateNetworks: false };
const relaxed = { allowPrivateNetworks: true };
const resolvesTo =
  (...addresses: string[]) =>
  async () =>
    addresses;

describe('webhook target guard (SSRF)', () => {
  // Each form a URL can take to reach the service's own network, as written in the URL.
  const internal = [
    'https://127.0.0.1/hook',
    'https://127.1/hook', // short form of 127.0.0.1
    'https://0x7f000001/hook', // hexadecimal
    'https://2130706433/hook', // one decimal number
    'https://0177.0.0.1/hook', // octal
    'https://0.0.0.0/hook',
    'https://10.1.2.3/hook',
    'https://172.16.5.4/hook',
    'https://192.168.0.10/hook',
    'https://100.64.0.1/hook', // carrier-grade NAT
    'https://169.254.169.254/latest/meta-data', // link-local: cloud metadata
    'https://224.0.0.1/hook', // multicast
    'https://240.0.0.1/hook', // reserved
    'https://255.255.255.255/hook', // broadcast
    'https://[::1]/hook',
    'https://[::]/hook',
    'https://[fe80::1]/hook', // link-local
    'https://[fc00::1]/hook', // unique local
    'https://[ff02::1]/hook', // multicast
    'https://[::ffff:127.0.0.1]/hook', // IPv4-mapped
    'https://[::ffff:7f00:1]/hook', // IPv4-mapped, hexadecimal
    'https://[::ffff:a9fe:a9fe]/hook', // IPv4-mapped link-local
    'https://[64:ff9b::7f00:1]/hook', // NAT64 of 127.0.0.1
    'https://[2002:7f00:1::]/hook', // 6to4 of 127.0.0.1
  ];

  it.each(internal)('refuses %s', (url) => {
    expect(() => checkUrl(url, strict)).toThrow(/private, loopback, link-local, multicast or reserved/);
  });

  it.each(internal)('accepts %s when WEBHOOK_ALLOW_PRIVATE_NETWORKS=true', (url) => {
    expect(() => checkUrl(url, relaxed)).not.toThrow();
  });

  it('refuses plain http (unless private networks are allowed), other schemes, credentials and non-URLs', () => {
    expect(() => checkUrl('http://93.184.216.34/hook', strict)).toThrow(/https/);
    expect(checkUrl('http://93.184.216.34/hook', relaxed).protocol).toBe('http:');
    expect(() => checkUrl('ftp://93.184.216.34/hook', relaxed)).toThrow(/https/);
    expect(() => checkUrl('https://user:pw@93.184.216.34/hook', strict)).toThrow(/credentials/);
    expect(() => checkUrl('hooks.partner.example/x', strict)).toThrow(/absolute URL/);
  });

  it('accepts a public https address', () => {
    expect(checkUrl('https://93.184.216.34/hook', strict).hostname).toBe('93.184.216.34');
    expect(checkUrl('https://[2606:4700::1111]/hook', strict).hostname).toBe('[2606:4700::1111]');
    expect(isPublicAddress('8.8.8.8')).toBe(true);
    // An IPv4-mapped address is judged as the IPv4 address it carries.
    expect(isPublicAddress('::ffff:93.184.216.34')).toBe(true);
    expect(isPublicAddress('not an address')).toBe(false);
  });

  it('refuses a name that resolves to an internal address, even when it also resolves to a public one', async () => {
    const url = checkUrl('https://hooks.partner.example/x', strict);
    await expect(resolveTarget(url, strict, resolvesTo('10.0.0.7'))).rejects.toThrow(/non-public address \(10\.0\.0\.7\)/);
    await expect(resolveTarget(url, strict, resolvesTo('93.184.216.34', '::ffff:127.0.0.1'))).rejects.toThrow(/::ffff:127\.0\.0\.1/);
    await expect(resolveTarget(url, strict, resolvesTo())).rejects.toThrow(/does not resolve/);
    await expect(resolveTarget(url, strict, resolvesTo('93.184.216.34', '2606:4700::1111'))).resolves.toBe('93.184.216.34');
    await expect(resolveTarget(url, relaxed, resolvesTo('10.0.0.7'))).resolves.toBe('10.0.0.7');
  });
});

describe('webhook sender', () => {
  let server: Server;
  const hits: string[] = [];
  let base: string;
  const sender = (allowPrivateNetworks: boolean, timeoutMs = 2000) =>
    new WebhookSender({ webhooks: { allowPrivateNetworks, timeoutMs, maxAttempts: 3, retryBaseMs: 100 } } as unknown as AppConfig);

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/redirect') res.writeHead(307, { location: `${base}/elsewhere` }).end();
      else if (req.url === '/long') res.writeHead(500).end('x'.repeat(100_000));
      else if (req.url === '/silent')
        return; // never answers
      else res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('checks the target again at delivery, after resolving its name, and sends nothing when it is refused', async () => {
    const before = hits.length;
    const refused = await sender(false).post('https://hooks.partner.example/x', {}, '{}', resolvesTo('127.0.0.1'));
    expect(refused).toEqual({ status: null, excerpt: expect.stringMatching(/^refused: .*non-public address \(127\.0\.0\.1\)/) });
    const plain = await sender(false).post(`${base}/ok`, {}, '{}');
    expect(plain.status).toBeNull();
    expect(hits.length).toBe(before);
  });

  it('connects to the address it checked, whatever the name resolves to later', async () => {
    const port = (server.address() as AddressInfo).port;
    let lookups = 0;
    const result = await sender(true).post(`http://hooks.partner.example:${port}/pinned`, {}, '{}', async () => {
      lookups++;
      return ['127.0.0.1'];
    });
    expect(result.status).toBe(204);
    expect(lookups).toBe(1);
    expect(hits.at(-1)).toBe('/pinned');
  });

  it('does not follow redirects, and keeps only a short excerpt of the answer', async () => {
    const redirected = await sender(true).post(`${base}/redirect`, {}, '{}');
    expect(redirected.status).toBe(307);
    expect(hits).not.toContain('/elsewhere');
    const long = await sender(true).post(`${base}/long`, {}, '{}');
    expect(long.status).toBe(500);
    expect(long.excerpt.length).toBe(EXCERPT_CHARS);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const started = Date.now();
    const result = await sender(true, 200).post(`${base}/silent`, {}, '{}');
    expect(result).toEqual({ status: null, excerpt: 'timed out after 200 ms' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
