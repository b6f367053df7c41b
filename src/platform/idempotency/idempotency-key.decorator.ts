import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequestValidationError } from '../http/validation.js';

export interface IdempotencyKey {
  readonly key: string;
  /** What the key promises to stand for: method, path and canonical body. */
  readonly fingerprint: string;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The request's `Idempotency-Key`, or null when the client sent none. */
export const IdempotencyKeyHeader = createParamDecorator((_: unknown, context: ExecutionContext): IdempotencyKey | null => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const header = request.headers['idempotency-key'];
  if (header === undefined) return null;
  if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
    throw new RequestValidationError(400, [{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
  }
  const path = request.url.split('?')[0];
  const fingerprint = createHash('sha256').update(`${request.method} ${path}\n${canonicalJson(request.body)}`).digest('hex');
  return { key: header, fingerprint };
});

/** JSON with object keys sorted, so that key order does not make two equal bodies differ. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The answer's body, marked `Idempotent-Replayed: true` when it is the stored first answer. */
export function replayAware<T>(outcome: { readonly body: T; readonly replayed: boolean }, reply: FastifyReply): T {
  if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
  return outcome.body;
}
