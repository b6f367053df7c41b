import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SlaMonitor } from './sla-monitor.service.js';
import { SlaProcessor } from './sla.processor.js';
import { SlaService } from './sla.service.js';

/** The SLA clock, for every role that changes requests. */
@Module({ imports: [NotificationsModule.forRole(false)], providers: [SlaService], exports: [SlaService] })
export class SlaModule {}

/** SLA timers and reconciliation: worker role only. */
@Module({ imports: [SlaModule], providers: [SlaMonitor, SlaProcessor] })
export class SlaWorkerModule {}
