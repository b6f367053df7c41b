import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../auth/caller.js';
import { RequestValidationError } from '../http/validation.js';

/** A client's Idempotency-Key with its scope: one caller, one operation. */
export interface IdempotencyKey {
  readonly key: string;
  readonly tenantId: string;
  /** The user's object id, or `app` for an app-only caller. */
  readonly principal: string;
  /** Method and route template: the same key on another operation is another key. */
  readonly operation: string;
  /** What the key promises to stand for: the path and the canonical body. */
  readonly fingerprint: string;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The header as the OpenAPI document describes it on every operation that honours it. */
export const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: the same key with the same body answers the first result; with another body, 422.',
};

/** The request's `Idempotency-Key`, or null when the client sent none. */
export const IdempotencyKeyHeader = createParamDecorator((_: unknown, context: ExecutionContext): IdempotencyKey | null => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { caller: Caller }>();
  const header = request.headers['idempotency-key'];
  if (header === undefined) return null;
  if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
    throw new RequestValidationError(400, [{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
  }
  // The operation is the route (its template); the concrete path is part of what the key stands for,
  // so the same key sent to another request's endpoint is a reuse (422), not a new key.
  const operation = `${request.method} ${request.routeOptions.url ?? ''}`;
  const path = request.url.split('?')[0];
  const fingerprint = createHash('sha256')
    .update(`${path}\n${canonicalJson(request.body)}`)
    .digest('hex');
  const { tenantId, userId } = request.caller;
  return { key: header, tenantId, principal: userId ?? 'app', operation, fingerprint };
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
