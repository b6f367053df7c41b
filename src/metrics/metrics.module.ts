import { Module } from '@nestjs/common';
import { EnforcementModule } from '../enforcement/enforcement.module.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsRepository } from './metrics.repository.js';
import { MetricsService } from './metrics.service.js';

/** GET /metrics (API role): Prometheus series of this instance and of the shared queue. */
@Module({ imports: [EnforcementModule], controllers: [MetricsController], providers: [MetricsRepository, MetricsService] })
export class MetricsModule {}
