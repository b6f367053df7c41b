import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity.js';

export type IdempotencyScope = Pick<IdempotencyKeyEntity, 'tenantId' | 'principal' | 'operation' | 'key'>;

/** The stored first answers of creating POSTs. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Claims the key in the caller's transaction; false when it was claimed before (or meanwhile, once that commits). */
  async claim(em: EntityManager, scope: IdempotencyScope, fingerprint: string, now: Date): Promise<boolean> {
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(IdempotencyKeyEntity)
      .values({ ...scope, fingerprint, createdAt: now })
      .orIgnore()
      .returning(['key'])
      .execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  find(em: EntityManager, scope: IdempotencyScope): Promise<IdempotencyKeyEntity> {
    return em.findOneByOrFail(IdempotencyKeyEntity, scope);
  }

  async storeAnswer(em: EntityManager, scope: IdempotencyScope, statusCode: number, response: unknown): Promise<void> {
    await em.update(IdempotencyKeyEntity, scope, { statusCode, response: response as object });
  }

  /** Forgets keys older than `before`; answers how many. */
  async purgeOlderThan(before: Date): Promise<number> {
    const result = await this.dataSource.getRepository(IdempotencyKeyEntity).delete({ createdAt: LessThan(before) });
    return result.affected ?? 0;
  }
}
