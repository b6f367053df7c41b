import { Inject, Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { checkUrl, resolveTarget, type Resolve } from './domain/target-guard.js';

/** How much of a receiver's answer is kept, for diagnosis. */
export const EXCERPT_CHARS = 256;

export interface SendResult {
  /** The HTTP status, or null when no answer came (refused target, timeout, connection error). */
  readonly status: number | null;
  readonly excerpt: string;
}

export const resolveAll: Resolve = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * POSTs one signed body. The target is checked again now (https, public addresses after resolving
 * the name) and the connection goes to the address that was checked, so a name that changes what
 * it resolves to between check and connect gains nothing. Redirects are not followed; the answer is
 * read up to a short excerpt; the whole attempt is bounded by WEBHOOK_TIMEOUT_MS.
 */
@Injectable()
export class WebhookSender {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async post(url: string, headers: Record<string, string>, body: string, resolve: Resolve = resolveAll): Promise<SendResult> {
    const policy = { allowPrivateNetworks: this.config.webhooks.allowPrivateNetworks };
    let target: URL;
    let address: string;
    try {
      target = checkUrl(url, policy);
      address = await resolveTarget(target, policy, resolve);
    } catch (error) {
      return { status: null, excerpt: `refused: ${(error as Error).message}` };
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const signal = AbortSignal.timeout(this.config.webhooks.timeoutMs);
    return new Promise<SendResult>((resolveResult) => {
      const finish = (result: SendResult) => resolveResult(result);
      const req = send(
        target,
        {
          method: 'POST',
          signal,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'mfa-exceptions-webhooks/1',
          },
          // Connect to the checked address; TLS still verifies the certificate for the URL's name.
          // (Node asks for every address, `all`, when it tries families in turn: give it the one.)
          lookup: (_hostname, options, callback) =>
            options.all ? callback(null, [{ address, family: isIP(address) }]) : callback(null, address, isIP(address)),
        },
        (response: IncomingMessage) => {
          let excerpt = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            excerpt += chunk;
            if (excerpt.length >= EXCERPT_CHARS) response.destroy();
          });
          const done = () => finish({ status: response.statusCode ?? null, excerpt: excerpt.slice(0, EXCERPT_CHARS) });
          response.on('end', done);
          response.on('close', done);
        },
      );
      req.on('error', (error) =>
        finish({
          status: null,
          excerpt: signal.aborted ? `timed out after ${this.config.webhooks.timeoutMs} ms` : error.message.slice(0, EXCERPT_CHARS),
        }),
      );
      req.end(body);
    });
  }
}
