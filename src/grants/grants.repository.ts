import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ExceptionGrantEntity } from './exception-grant.entity.js';

@Injectable()
export class GrantsRepository {
  async insert(em: EntityManager, grant: ExceptionGrantEntity): Promise<void> {
    await em.insert(ExceptionGrantEntity, grant);
  }
}
