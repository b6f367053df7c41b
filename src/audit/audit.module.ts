import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEventEntity } from './audit-event.entity.js';
import { AuditRepository } from './audit.repository.js';

@Global()
@Module({ imports: [TypeOrmModule.forFeature([AuditEventEntity])], providers: [AuditRepository], exports: [AuditRepository] })
export class AuditModule {}
