import { Module } from '@nestjs/common';
import { GrantsRepository } from './grants.repository.js';

@Module({ providers: [GrantsRepository], exports: [GrantsRepository] })
export class GrantsModule {}
