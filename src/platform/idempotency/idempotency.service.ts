import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock.js';
import { DomainError } from '../../shared/domain-error.js';
import type { IdempotencyKey } from './idempotency-key.decorator.js';
import type { IdempotencyKeyEntity } from './idempotency-key.entity.js';
import { IdempotencyRepository } from './idempotency.repository.js';

export interface Outcome<T> {
  readonly body: T;
  readonly replayed: boolean;
}

/**
 * Runs a creating operation at most once per (caller, operation, key), inside the caller's transaction.
 *
 * The key row is inserted first. A concurrent duplicate blocks on the primary key until the first
 * transaction ends: if it committed, the duplicate finds its row and answers the stored result; if
 * it rolled back, the duplicate goes ahead. So parallel retries create exactly one resource.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly clock: Clock,
  ) {}

  async once<T>(em: EntityManager, idempotency: IdempotencyKey | null, create: () => Promise<T>, statusCode = 201): Promise<Outcome<T>> {
    if (!idempotency) return { body: await create(), replayed: false };
    const { key, tenantId, principal, operation, fingerprint } = idempotency;
    const scope = { tenantId, principal, operation, key };
    if (!(await this.keys.claim(em, scope, fingerprint, this.clock.now()))) return this.replay(em, idempotency);
    const body = await create();
    await this.keys.storeAnswer(em, scope, statusCode, body);
    return { body, replayed: false };
  }

  /**
   * The key's row with its answer, for a caller that writes it in the same statement as the resource
   * (and nothing else when the row exists already: see `replay`).
   */
  rowOf(idempotency: IdempotencyKey, body: unknown, statusCode = 201): IdempotencyKeyEntity {
    const { key, tenantId, principal, operation, fingerprint } = idempotency;
    return { tenantId, principal, operation, key, fingerprint, statusCode, response: body, createdAt: this.clock.now() };
  }

  /** The stored answer of a key that was used before (422 when it was used with another request). */
  async replay<T>(em: EntityManager, idempotency: IdempotencyKey): Promise<Outcome<T>> {
    const { key, tenantId, principal, operation, fingerprint } = idempotency;
    const first = await this.keys.find(em, { tenantId, principal, operation, key });
    if (first.fingerprint !== fingerprint) {
      throw new DomainError('idempotency.key_reused', 'This Idempotency-Key was already used with a different request.');
    }
    return { body: first.response as T, replayed: true };
  }
}
